import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  clearRateLimit,
  clientIp,
  confirmEmailChange,
  findUserById,
  getUser,
  hitRateLimit,
  peekEmailToken,
  RATE_LIMITS,
  redirectWithSession,
  sessionMeta,
  startSession,
  verifyEmail,
} from "#app/.server/auth/index.ts";
import { flashCookie, redirectWithFlash } from "#app/.server/flash.ts";
import { rateLimitMessage, readForm } from "#app/.server/forms.ts";
import { getLocale, localeCookie } from "#app/.server/i18n.ts";
import { PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import type { MessageKey } from "#app/i18n.ts";
import { useT, useTranslateError } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleMeta(matches, data?.welcome ? "welcome.title" : "verify.title");

// Keeps Retry-After on 429 answers (Remix drops action headers without a `headers` export).
export const headers = forwardRouteHeaders;

/** Where a newly confirmed person lands: the next steps after signing up. */
const WELCOME_PATH = "/verify-email?welcome=1";

// Opening the link shows a button; only pressing it (a POST) confirms. Mail scanners that
// follow links therefore cannot confirm an address on someone's behalf.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // After the first confirmation: the next steps (register an organisation, or join one).
  if (url.searchParams.get("welcome") === "1" && getUser(request)) {
    return { welcome: true, token: "", change: false, next: "", valid: false } as const;
  }
  const token = url.searchParams.get("token") ?? "";
  const change = url.searchParams.get("change") === "1";
  const next = safeRedirect(url.searchParams.get("next"), "");
  const valid = Boolean(peekEmailToken(token, change ? "change-email" : "verify-email"));
  return { welcome: false, token, change, next, valid } as const;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const token = String(form.get("token") ?? "");
  const change = form.get("change") === "1";
  const ip = clientIp(request, context);
  const limit = hitRateLimit(RATE_LIMITS.verifyPerIp, ip);
  if (!limit.ok) {
    return data(
      { error: rateLimitMessage(getLocale(request), limit.retryAfterSeconds) },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  const current = getUser(request);
  const to = current ? "/account" : "/login";
  if (change) {
    const result = confirmEmailChange(token);
    if (result.ok) return redirectWithFlash(to, { key: "account.email.changed", vars: { email: result.email } });
    const error: MessageKey = result.error === "emailTaken" ? "errors.emailTaken" : "verify.invalid";
    return data({ error }, { status: result.error === "emailTaken" ? 409 : 400 });
  }
  const verified = verifyEmail(token);
  if (!verified) return data({ error: "verify.invalid" }, { status: 400 });
  // Holding the mailbox is the strongest proof this app knows: it ends any log-in throttling of
  // the address (docs/decisions/0008-login-throttling-and-sign-up-privacy.md).
  clearRateLimit(RATE_LIMITS.loginFailuresPerAccount, verified.email);
  clearRateLimit(RATE_LIMITS.loginFailuresPerAccountAndIp, `${verified.email}|${ip}`);
  // A new member lands on the next steps, or back where they came from (an invitation).
  const cameFrom = safeRedirect(String(form.get("next") ?? ""), "");
  const next = cameFrom || (verified.firstConfirmation ? WELCOME_PATH : "/");
  const flashKey: MessageKey = verified.firstConfirmation ? "verify.done" : "login.linkDone";
  if (current?.id === verified.id) return redirectWithFlash(next, { key: flashKey });
  // Someone else is signed in on this browser: confirm, but do not switch accounts.
  if (current) return redirectWithFlash("/account", { key: "verify.done" });
  const user = findUserById(verified.id)!;
  const headers = new Headers({ "Set-Cookie": flashCookie({ key: flashKey }) });
  headers.append("Set-Cookie", localeCookie(user.locale));
  return redirectWithSession(next, startSession(user.id, sessionMeta(request, context)), headers);
}

export default function VerifyEmailPage() {
  const { welcome, token, change, next, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const translateError = useTranslateError();
  if (welcome) return <Welcome />;
  const error = actionData?.error ?? (valid ? null : "verify.invalid");
  return (
    <div className="mx-auto max-w-md">
      <PageTitle lead={valid ? t("verify.lead") : undefined}>{t("verify.title")}</PageTitle>
      {error ? (
        <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {translateError(error)}
        </p>
      ) : null}
      {valid ? (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          {change ? <input type="hidden" name="change" value="1" /> : null}
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <SubmitButton pendingLabel={t("form.sending")}>{t("verify.submit")}</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

/** The next steps after a new account is confirmed. */
function Welcome() {
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle lead={t("welcome.lead")}>{t("welcome.title")}</PageTitle>
      <section aria-labelledby="welcome-register" className="card">
        <h2 id="welcome-register" className="text-lg font-semibold">
          {t("welcome.register.title")}
        </h2>
        <p className="mt-2">{t("welcome.register.body")}</p>
        <p className="mt-4">
          <Link to="/organisations/new" className="btn-primary">
            {t("dir.register")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="welcome-join" className="card mt-4">
        <h2 id="welcome-join" className="text-lg font-semibold">
          {t("welcome.join.title")}
        </h2>
        <p className="mt-2">{t("welcome.join.body")}</p>
        <p className="mt-4">
          <Link to="/organisations">{t("welcome.join.directory")}</Link>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
