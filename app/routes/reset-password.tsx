import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  clientIp,
  hitRateLimit,
  peekEmailToken,
  RATE_LIMITS,
  resetPassword,
  sessionMeta,
  sessionCookie,
  withCommonPasswordCheck,
} from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { replyRateLimited, replyWithErrors, readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { ResetPasswordSchema } from "#app/features/auth/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "reset.title");

// Keeps Retry-After on 429 answers (Remix drops action headers without a `headers` export).
export const headers = forwardRouteHeaders;

// The link only shows the form; the token is used by the POST, never by opening the link.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: Boolean(peekEmailToken(token, "reset-password")) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), {
    schema: withCommonPasswordCheck(ResetPasswordSchema, "password"),
  });
  const hideFields = ["password"];
  if (submission.status !== "success") return replyWithErrors(submission, 400, { hideFields });
  const limit = hitRateLimit(RATE_LIMITS.resetPerIp, clientIp(request, context));
  if (!limit.ok) return replyRateLimited(submission, getLocale(request), limit.retryAfterSeconds, hideFields);
  const result = await resetPassword(submission.value.token, submission.value.password, sessionMeta(request, context));
  if (!result.ok) return replyWithErrors(submission, 400, { formErrors: ["reset.invalid"], hideFields });
  return redirectWithFlash(
    "/account",
    { key: "reset.done" },
    { headers: { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt) } },
  );
}

export default function ResetPasswordPage() {
  const { token, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  if (!valid && !actionData) {
    return (
      <div className="mx-auto max-w-md">
        <PageTitle>{t("reset.title")}</PageTitle>
        <p role="alert" className="mb-4">
          {t("reset.invalid")}
        </p>
        <Link className="btn-primary" to="/forgot-password">
          {t("reset.requestNew")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("reset.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <Field
          meta={fields.password}
          label={t("fields.newPassword")}
          type="password"
          autoComplete="new-password"
          description={t("fields.passwordHint")}
        />
        <SubmitButton pendingLabel={t("form.saving")}>{t("reset.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
