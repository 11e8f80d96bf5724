import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  hitRateLimit,
  RATE_LIMITS,
  requireUser,
  resendVerification,
  updateProfile,
} from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { rateLimitMessage, replyWithErrors, readForm } from "#app/.server/forms.ts";
import { getLocale, localeCookie } from "#app/.server/i18n.ts";
import { OutboxHint } from "#app/components/outbox-hint.tsx";
import { Field, FormErrors, PageTitle, SelectField, SubmitButton } from "#app/components/ui/forms.tsx";
import { ProfileSchema } from "#app/features/auth/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "account.profile.title");

// Keeps Retry-After on 429 answers (Remix drops action headers without a `headers` export).
export const headers = forwardRouteHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return {
    profile: { name: user.name, locale: user.locale, email: user.email },
    emailVerified: Boolean(user.emailVerifiedAt),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "resend-verification") {
    const limit = hitRateLimit(RATE_LIMITS.verifyPerAccount, String(user.id));
    if (!limit.ok) {
      return data(
        { resendError: rateLimitMessage(getLocale(request), limit.retryAfterSeconds) },
        { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
      );
    }
    await resendVerification(user.id);
    return redirectWithFlash("/account", { key: "verify.resent" });
  }
  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  updateProfile(user.id, submission.value);
  return redirectWithFlash(
    "/account",
    { key: "account.profile.saved" },
    { headers: { "Set-Cookie": localeCookie(submission.value.locale) } },
  );
}

export default function ProfilePage() {
  const { profile, emailVerified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "profile",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: { name: profile.name, locale: profile.locale },
    constraint: getZodConstraint(ProfileSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  const resendError = actionData && "resendError" in actionData ? actionData.resendError : null;
  return (
    <div className="max-w-lg">
      {emailVerified ? null : (
        <div className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <p>{t("verify.banner", { email: profile.email })}</p>
          <OutboxHint />
          {resendError ? (
            <p role="alert" className="mt-2 font-semibold text-red-800">
              {resendError}
            </p>
          ) : null}
          <Form method="post" className="mt-3">
            <SubmitButton
              name="intent"
              value="resend-verification"
              className="btn-secondary"
              pendingLabel={t("form.sending")}
            >
              {t("verify.resend")}
            </SubmitButton>
          </Form>
        </div>
      )}
      <PageTitle>{t("account.profile.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.name} label={t("fields.name")} autoComplete="name" />
        <SelectField
          meta={fields.locale}
          label={t("fields.language")}
          options={[
            { value: "es", label: t("lang.es") },
            { value: "en", label: t("lang.en") },
          ]}
        />
        <SubmitButton name="intent" value="profile" pendingLabel={t("form.saving")}>
          {t("account.profile.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
