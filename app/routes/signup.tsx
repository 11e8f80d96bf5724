import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import {
  clientIp,
  hitRateLimit,
  RATE_LIMITS,
  redirectWithSession,
  requireAnonymous,
  sessionMeta,
  signUp,
  withCommonPasswordCheck,
} from "#app/.server/auth/index.ts";
import { flashCookie } from "#app/.server/flash.ts";
import { replyRateLimited, replyWithErrors, readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { SignupSchema } from "#app/features/auth/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "signup.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(request);
  const locale = getLocale(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: withCommonPasswordCheck(SignupSchema, "password") });
  const hideFields = ["password"];
  if (submission.status !== "success") return replyWithErrors(submission, 400, { hideFields });

  const limit = hitRateLimit(RATE_LIMITS.signupPerIp, clientIp(request, context));
  if (!limit.ok) return replyRateLimited(submission, locale, limit.retryAfterSeconds, hideFields);

  const result = await signUp({ ...submission.value, locale }, sessionMeta(request, context));
  if (!result.ok) {
    return replyWithErrors(submission, 409, { fieldErrors: { email: ["errors.emailTaken"] }, hideFields });
  }
  return redirectWithSession(safeRedirect(submission.value.redirectTo, "/account"), result.session, {
    "Set-Cookie": flashCookie({ key: "verify.sentAfterSignup" }),
  });
}

export default function SignupPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  return (
    <div className="mx-auto max-w-md">
      <PageTitle lead={t("signup.lead")}>{t("signup.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field meta={fields.name} label={t("fields.name")} autoComplete="name" />
        <Field meta={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
        <Field
          meta={fields.password}
          label={t("fields.password")}
          type="password"
          autoComplete="new-password"
          description={t("fields.passwordHint")}
        />
        <SubmitButton pendingLabel={t("form.sending")}>{t("signup.submit")}</SubmitButton>
      </Form>
      <p className="mt-4">
        {t("signup.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}
