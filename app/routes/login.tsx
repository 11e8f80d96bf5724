import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import {
  clientIp,
  hitRateLimit,
  isRateLimited,
  logIn,
  normaliseEmail,
  RATE_LIMITS,
  redirectWithSession,
  requireAnonymous,
  sessionMeta,
} from "#app/.server/auth/index.ts";
import { replyRateLimited, replyWithErrors, readForm } from "#app/.server/forms.ts";
import { getLocale, localeCookie } from "#app/.server/i18n.ts";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { LoginSchema } from "#app/features/auth/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(request);
  const locale = getLocale(request);
  const submission = parseWithZod(await readForm(request), { schema: LoginSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") return replyWithErrors(submission, 400, { hideFields });

  const email = normaliseEmail(submission.value.email);
  const perIp = hitRateLimit(RATE_LIMITS.loginPerIp, clientIp(request, context));
  if (!perIp.ok) return replyRateLimited(submission, locale, perIp.retryAfterSeconds, hideFields);
  const perAccount = isRateLimited(RATE_LIMITS.loginFailuresPerAccount, email);
  if (!perAccount.ok) return replyRateLimited(submission, locale, perAccount.retryAfterSeconds, hideFields);

  const result = await logIn(submission.value, sessionMeta(request, context));
  if (!result.ok) {
    // Failures count against the address whether or not an account has it, so the limit
    // itself reveals nothing.
    hitRateLimit(RATE_LIMITS.loginFailuresPerAccount, email);
    return replyWithErrors(submission, 400, { formErrors: ["login.invalid"], hideFields });
  }
  // The interface follows the language the person chose in their profile.
  return redirectWithSession(safeRedirect(submission.value.redirectTo, "/"), result.session, {
    "Set-Cookie": localeCookie(result.user.locale),
  });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("login.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field meta={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
        <Field meta={fields.password} label={t("fields.password")} type="password" autoComplete="current-password" />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <SubmitButton pendingLabel={t("form.sending")}>{t("login.submit")}</SubmitButton>
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </div>
      </Form>
      <p className="mt-4">
        {t("login.noAccount")} <Link to="/signup">{t("nav.signup")}</Link>
      </p>
    </div>
  );
}
