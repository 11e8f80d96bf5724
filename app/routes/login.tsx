import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import {
  checkCredentials,
  clearRateLimit,
  clientIp,
  hitRateLimit,
  isRateLimited,
  normaliseEmail,
  RATE_LIMITS,
  redirectWithSession,
  requireAnonymous,
  sendSignInLink,
  sessionMeta,
  startSession,
} from "#app/.server/auth/index.ts";
import { replyRateLimited, replyWithErrors, readForm } from "#app/.server/forms.ts";
import { getLocale, localeCookie } from "#app/.server/i18n.ts";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { LoginSchema } from "#app/features/auth/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";
import { OutboxHint } from "#app/components/outbox-hint.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "login.title", "meta.login");

// Keeps Retry-After on 429 answers (Remix drops action headers without a `headers` export).
export const headers = forwardRouteHeaders;

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
  const ip = clientIp(request, context);
  // One IP hammering (any addresses) is slowed first; then one IP failing on one address.
  const perIp = hitRateLimit(RATE_LIMITS.loginPerIp, ip);
  if (!perIp.ok) return replyRateLimited(submission, locale, perIp.retryAfterSeconds, hideFields);
  const pair = `${email}|${ip}`;
  const perPair = isRateLimited(RATE_LIMITS.loginFailuresPerAccountAndIp, pair);
  if (!perPair.ok) return replyRateLimited(submission, locale, perPair.retryAfterSeconds, hideFields);
  // Past the per-address total (failures from every IP), a right password no longer opens a
  // session by itself: it earns an emailed sign-in link. Every answer in that state is the same,
  // right password or not, so guessing on teaches nothing, and the owner still gets in.
  const confirmByEmail = !isRateLimited(RATE_LIMITS.loginFailuresPerAccount, email).ok;

  const user = await checkCredentials(submission.value);
  if (!user) {
    // Failures count against the address whether or not an account has it, so the limits
    // themselves reveal nothing.
    hitRateLimit(RATE_LIMITS.loginFailuresPerAccountAndIp, pair);
    hitRateLimit(RATE_LIMITS.loginFailuresPerAccount, email);
    return replyWithErrors(submission, 400, { formErrors: [confirmByEmail ? "login.checkEmail" : "login.invalid"], hideFields });
  }
  if (confirmByEmail || !user.emailVerifiedAt) {
    // An unconfirmed account is answered like a wrong password (so signing up and then logging in
    // cannot tell whether the address had an account before); its owner gets a fresh link.
    if (hitRateLimit(RATE_LIMITS.signInLinksPerAccount, email).ok) await sendSignInLink(user);
    return replyWithErrors(submission, 400, { formErrors: [confirmByEmail ? "login.checkEmail" : "login.invalid"], hideFields });
  }
  clearRateLimit(RATE_LIMITS.loginFailuresPerAccountAndIp, pair);
  const session = startSession(user.id, sessionMeta(request, context));
  // The interface follows the language the person chose in their profile.
  return redirectWithSession(safeRedirect(submission.value.redirectTo, "/"), session, {
    "Set-Cookie": localeCookie(user.locale),
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
        {/* Both refusals may mean "a link is in your mail" (a fresh confirmation, or a sign-in link). */}
        {form.errors?.length ? <OutboxHint /> : null}
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
