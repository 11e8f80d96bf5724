import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { hitRateLimit, RATE_LIMITS, requestEmailChange, requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { replyRateLimited, replyWithErrors, readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { ChangeEmailSchema } from "#app/features/auth/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "account.email.title");

// Keeps Retry-After on 429 answers (Remix drops action headers without a `headers` export).
export const headers = forwardRouteHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { email: user.email, verified: Boolean(user.emailVerifiedAt) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: ChangeEmailSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") return replyWithErrors(submission, 400, { hideFields });
  const limit = hitRateLimit(RATE_LIMITS.verifyPerAccount, String(user.id));
  if (!limit.ok) return replyRateLimited(submission, getLocale(request), limit.retryAfterSeconds, hideFields);
  const result = await requestEmailChange(user.id, submission.value);
  if (!result.ok) {
    const [field, status] = result.error === "wrongPassword" ? (["password", 400] as const) : (["newEmail", 409] as const);
    const message = { wrongPassword: "errors.wrongPassword", sameEmail: "errors.sameEmail", emailTaken: "errors.emailTaken" }[
      result.error
    ];
    return replyWithErrors(submission, result.error === "sameEmail" ? 400 : status, {
      fieldErrors: { [field]: [message] },
      hideFields,
    });
  }
  return redirectWithFlash("/account/email", { key: "account.email.sent", vars: { email: result.email } });
}

export default function ChangeEmailPage() {
  const { email, verified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "change-email",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ChangeEmailSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeEmailSchema }),
  });
  return (
    <div className="max-w-lg">
      <PageTitle lead={t("account.email.lead")}>{t("account.email.title")}</PageTitle>
      <p className="mb-4">
        {t("account.email.current", { email })}{" "}
        <span
          className={`rounded px-2 py-0.5 text-sm font-semibold ${verified ? "bg-brand-100 text-brand-900" : "bg-amber-100 text-amber-950"}`}
        >
          {verified ? t("account.email.verified") : t("account.email.unverified")}
        </span>
      </p>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.newEmail} label={t("fields.newEmail")} type="email" autoComplete="email" />
        <Field meta={fields.password} label={t("fields.currentPassword")} type="password" autoComplete="current-password" />
        <SubmitButton pendingLabel={t("form.sending")}>{t("account.email.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
