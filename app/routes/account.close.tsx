import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clearSessionCookie, hitRateLimit, isRateLimited, RATE_LIMITS, requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm, replyRateLimited, replyWithErrors } from "#app/.server/forms.ts";
import { env } from "#app/.server/env.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { organisationsOnlyOwnedBy } from "#app/.server/organisations/index.ts";
import { closeAccount } from "#app/.server/privacy/index.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "privacy.close.title");

// Keeps Retry-After on 429 answers.
export const headers = forwardRouteHeaders;

const CloseAccountSchema = z.object({
  password: z.string({ required_error: "errors.required" }).max(256, "errors.passwordTooLong"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { soleOwner: organisationsOnlyOwnedBy(user.id), contact: env().PRIVACY_CONTACT_EMAIL };
}

// Closing the account (issue 13, the right of cancellation): the password again, then everything
// in one transaction (closeAccount); the person leaves signed out, with a confirmation email.
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: CloseAccountSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") return replyWithErrors(submission, 400, { hideFields });
  // Guessing the password here is limited like guessing it at log-in.
  const limited = isRateLimited(RATE_LIMITS.loginFailuresPerAccount, user.email);
  if (!limited.ok) return replyRateLimited(submission, getLocale(request), limited.retryAfterSeconds, hideFields);
  const result = await closeAccount(user.id, submission.value.password);
  if (result.ok) return redirectWithFlash("/", { key: "privacy.close.done" }, { headers: { "Set-Cookie": clearSessionCookie() } });
  if (result.error === "wrongPassword") {
    hitRateLimit(RATE_LIMITS.loginFailuresPerAccount, user.email);
    return replyWithErrors(submission, 400, { fieldErrors: { password: ["privacy.close.wrongPassword"] }, hideFields });
  }
  if (result.error === "lastOwner") {
    return data({ result: submission.reply({ formErrors: ["privacy.close.lastOwner"], hideFields }), soleOwner: result.organisations }, { status: 409 });
  }
  // Closed meanwhile (another tab): nothing left to do here.
  return redirectWithFlash("/", { key: "privacy.close.done" }, { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function CloseAccountPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const soleOwner: typeof loaded.soleOwner = actionData && "soleOwner" in actionData ? actionData.soleOwner : loaded.soleOwner;
  const [form, fields] = useForm({
    id: "close-account",
    lastResult: actionData?.result,
    constraint: getZodConstraint(CloseAccountSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseAccountSchema }),
  });
  return (
    <div className="max-w-2xl">
      <PageTitle lead={t("privacy.close.lead")}>{t("privacy.close.title")}</PageTitle>
      <p className="mb-4">
        <Link to="/account/data">{t("privacy.rights.data")}</Link>
      </p>
      <section aria-labelledby="what-heading" className="card mb-6">
        <h2 id="what-heading" className="text-lg font-semibold">
          {t("privacy.close.whatHappens")}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>{t("privacy.close.item.data")}</li>
          <li>{t("privacy.close.item.registrations")}</li>
          <li>{t("privacy.close.item.posts")}</li>
          <li>{t("privacy.close.item.records")}</li>
          <li>{t("privacy.close.item.mail")}</li>
        </ul>
      </section>
      {soleOwner.length > 0 ? (
        <div role="alert" className="card border-amber-300 bg-amber-50">
          <p>{t("privacy.close.lastOwner")}</p>
          <ul className="mt-2 list-disc pl-5">
            {soleOwner.map((organisation) => (
              <li key={organisation.slug}>
                {organisation.suspended ? (
                  // A suspended organisation's team cannot act: the coordinators hand it over.
                  <>
                    {t("privacy.close.lastOwnerSuspended", { name: organisation.name })}{" "}
                    <a href={`mailto:${loaded.contact}`}>{loaded.contact}</a>
                  </>
                ) : (
                  <Link to={`/organisations/${organisation.slug}/team`}>{t("privacy.close.lastOwnerTeam", { name: organisation.name })}</Link>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field meta={fields.password} label={t("privacy.close.password")} type="password" autoComplete="current-password" />
          <SubmitButton pendingLabel={t("form.saving")} className="btn-danger">
            {t("privacy.close.submit")}
          </SubmitButton>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
