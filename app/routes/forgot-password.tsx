import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import {
  clientIp,
  hitRateLimit,
  normaliseEmail,
  RATE_LIMITS,
  requestPasswordReset,
} from "#app/.server/auth/index.ts";
import { replyRateLimited, replyWithErrors, readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { OutboxHint } from "#app/components/outbox-hint.tsx";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { ForgotPasswordSchema } from "#app/features/auth/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "forgot.title");

// Keeps Retry-After on 429 answers (Remix drops action headers without a `headers` export).
export const headers = forwardRouteHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = getLocale(request);
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const perIp = hitRateLimit(RATE_LIMITS.resetPerIp, clientIp(request, context));
  if (!perIp.ok) return replyRateLimited(submission, locale, perIp.retryAfterSeconds);
  // Past the per-account limit no more mail is sent, but the answer stays the same, so it
  // never tells whether the address has an account.
  const perAccount = hitRateLimit(RATE_LIMITS.resetPerAccount, normaliseEmail(submission.value.email));
  if (perAccount.ok) await requestPasswordReset(submission.value.email);
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  const sent = actionData && "sent" in actionData && actionData.sent;
  return (
    <div className="mx-auto max-w-md">
      <PageTitle lead={t("forgot.lead")}>{t("forgot.title")}</PageTitle>
      {sent ? (
        <div role="status" className="mb-4 rounded-md border border-brand-200 bg-brand-50 p-3 text-brand-900">
          <p>{t("forgot.sent")}</p>
          <OutboxHint />
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
        <SubmitButton pendingLabel={t("form.sending")}>{t("forgot.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
