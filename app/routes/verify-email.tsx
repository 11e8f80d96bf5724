import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  clientIp,
  confirmEmailChange,
  getUser,
  hitRateLimit,
  peekEmailToken,
  RATE_LIMITS,
  verifyEmail,
} from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { rateLimitMessage, readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import type { MessageKey } from "#app/i18n.ts";
import { useT, useTranslateError } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "verify.title");

// Opening the link shows a button; only pressing it (a POST) confirms. Mail scanners that
// follow links therefore cannot confirm an address on someone's behalf.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const change = url.searchParams.get("change") === "1";
  const valid = Boolean(peekEmailToken(token, change ? "change-email" : "verify-email"));
  return { token, change, valid };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const token = String(form.get("token") ?? "");
  const change = form.get("change") === "1";
  const limit = hitRateLimit(RATE_LIMITS.verifyPerIp, clientIp(request, context));
  if (!limit.ok) {
    return data({ error: rateLimitMessage(getLocale(request), limit.retryAfterSeconds) }, { status: 429 });
  }
  const to = getUser(request) ? "/account" : "/login";
  if (change) {
    const result = confirmEmailChange(token);
    if (result.ok) return redirectWithFlash(to, { key: "account.email.changed", vars: { email: result.email } });
    const error: MessageKey = result.error === "emailTaken" ? "errors.emailTaken" : "verify.invalid";
    return data({ error }, { status: result.error === "emailTaken" ? 409 : 400 });
  }
  if (verifyEmail(token)) return redirectWithFlash(to, { key: "verify.done" });
  return data({ error: "verify.invalid" }, { status: 400 });
}

export default function VerifyEmailPage() {
  const { token, change, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const translateError = useTranslateError();
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
          <SubmitButton pendingLabel={t("form.sending")}>{t("verify.submit")}</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
