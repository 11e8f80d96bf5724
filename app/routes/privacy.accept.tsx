import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { needsConsent, recordConsent, requireSession } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { ConsentCheckbox } from "#app/features/privacy/consent-checkbox.tsx";
import { RightsLinks } from "#app/features/privacy/rights-links.tsx";
import { PRIVACY_NOTICE_VERSION } from "#app/features/privacy/version.ts";
import { formatDay } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "privacy.accept.title");

// The same box as at sign-up, with words for someone who already has an account.
const AcceptSchema = z.object({
  acceptPrivacy: z.literal("on", { errorMap: () => ({ message: "privacy.accept.requiredAgain" }) }),
  redirectTo: z.string().optional(),
});

// Where the consent gate (requireConsent) sends a signed-in person who has not accepted the
// notice in force: read it, accept it, and go back to where they were going (issue 13).
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = requireSession(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
  if (!needsConsent(user)) throw redirect(redirectTo);
  return { redirectTo, version: PRIVACY_NOTICE_VERSION, first: user.privacyNoticeVersion === null };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = requireSession(request);
  const submission = parseWithZod(await readForm(request), { schema: AcceptSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const to = safeRedirect(submission.value.redirectTo, "/");
  // Accepting twice (two tabs) records nothing new.
  if (needsConsent(user)) recordConsent(user.id);
  return redirectWithFlash(to, { key: "privacy.accept.done" });
}

export default function AcceptPrivacyPage() {
  const { redirectTo, version, first } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "accept-privacy",
    lastResult: actionData?.result,
    constraint: getZodConstraint(AcceptSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptSchema }),
  });
  return (
    <div className="mx-auto max-w-xl">
      <PageTitle lead={first ? t("privacy.accept.first") : t("privacy.accept.lead", { version: formatDay(locale, version) })}>{t("privacy.accept.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <ConsentCheckbox meta={fields.acceptPrivacy} />
        <SubmitButton pendingLabel={t("form.saving")}>{t("privacy.accept.submit")}</SubmitButton>
      </Form>
      <p className="mt-4">{t("privacy.accept.alternatives")}</p>
      <RightsLinks className="mt-2" />
      <Form method="post" action="/logout" className="mt-2">
        <button type="submit" className="text-brand-700 underline underline-offset-2">
          {t("nav.logout")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
