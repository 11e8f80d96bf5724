import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import {
  changePassword,
  hitRateLimit,
  isRateLimited,
  RATE_LIMITS,
  requireSession,
  requireUser,
  withCommonPasswordCheck,
} from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { replyRateLimited, replyWithErrors, readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { ChangePasswordSchema } from "#app/features/auth/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "account.password.title");

// Keeps Retry-After on 429 answers (Remix drops action headers without a `headers` export).
export const headers = forwardRouteHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = requireSession(request);
  const submission = parseWithZod(await readForm(request), {
    schema: withCommonPasswordCheck(ChangePasswordSchema, "newPassword"),
  });
  const hideFields = ["currentPassword", "newPassword"];
  if (submission.status !== "success") return replyWithErrors(submission, 400, { hideFields });
  // Guessing the current password here is limited like guessing it at log-in.
  const limited = isRateLimited(RATE_LIMITS.loginFailuresPerAccount, user.email);
  if (!limited.ok) return replyRateLimited(submission, getLocale(request), limited.retryAfterSeconds, hideFields);
  const result = await changePassword(user.id, session.id, submission.value);
  if (!result.ok) {
    hitRateLimit(RATE_LIMITS.loginFailuresPerAccount, user.email);
    return replyWithErrors(submission, 400, { fieldErrors: { currentPassword: ["errors.wrongPassword"] }, hideFields });
  }
  return redirectWithFlash("/account/password", { key: "account.password.changed" });
}

export default function ChangePasswordPage() {
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <div className="max-w-lg">
      <PageTitle>{t("account.password.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          meta={fields.currentPassword}
          label={t("fields.currentPassword")}
          type="password"
          autoComplete="current-password"
        />
        <Field
          meta={fields.newPassword}
          label={t("fields.newPassword")}
          type="password"
          autoComplete="new-password"
          description={t("fields.passwordHint")}
        />
        <SubmitButton pendingLabel={t("form.saving")}>{t("account.password.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
