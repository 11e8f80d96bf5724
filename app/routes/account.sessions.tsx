import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readForm } from "#app/.server/forms.ts";
import { Form, useLoaderData } from "@remix-run/react";
import {
  invalidateOtherSessions,
  invalidateUserSession,
  listUserSessions,
  requireSession,
} from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { formatDateTime } from "#app/i18n.ts";
import { describeUserAgent } from "#app/utils/user-agent.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "account.sessions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = requireSession(request);
  const sessions = listUserSessions(user.id).map((s) => ({
    // Only the public half of the token id is ever sent to the page, never a secret.
    id: s.id,
    current: s.id === session.id,
    device: describeUserAgent(s.userAgent),
    ipAddress: s.ipAddress,
    createdAt: s.createdAt.getTime(),
    lastSeenAt: s.lastSeenAt.getTime(),
  }));
  return { sessions };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = requireSession(request);
  const form = await readForm(request);
  if (form.get("intent") === "end-others") {
    invalidateOtherSessions(user.id, session.id);
    return redirectWithFlash("/account/sessions", { key: "account.sessions.endedOthers" });
  }
  const sessionId = String(form.get("sessionId") ?? "");
  // Only the user's own sessions can be ended; any other id matches nothing.
  if (sessionId === session.id || invalidateUserSession(user.id, sessionId) === 0) {
    throw notFound();
  }
  return redirectWithFlash("/account/sessions", { key: "account.sessions.ended" });
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const others = sessions.filter((s) => !s.current);
  return (
    <div className="max-w-2xl">
      <PageTitle lead={t("account.sessions.lead")}>{t("account.sessions.title")}</PageTitle>
      <ul className="space-y-3">
        {sessions.map((s) => (
          <li key={s.id} className="card flex flex-wrap items-center justify-between gap-3" data-session={s.current ? "current" : "other"}>
            <div>
              <p className="font-semibold">
                {s.device ?? t("account.sessions.unknownDevice")}
                {s.current ? (
                  <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 text-sm text-brand-900">
                    {t("account.sessions.current")}
                  </span>
                ) : null}
              </p>
              <p className="text-sm text-stone-700">
                {t("account.sessions.started")}: {formatDateTime(locale, s.createdAt)} ·{" "}
                {t("account.sessions.lastSeen")}: {formatDateTime(locale, s.lastSeenAt)}
                {s.ipAddress ? ` · ${t("account.sessions.ip", { ip: s.ipAddress })}` : null}
              </p>
            </div>
            {s.current ? null : (
              <Form method="post">
                <input type="hidden" name="sessionId" value={s.id} />
                <SubmitButton name="intent" value="end" className="btn-danger" pendingLabel={t("form.sending")}>
                  {t("account.sessions.end")}
                </SubmitButton>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <Form method="post" className="mt-6">
          <SubmitButton name="intent" value="end-others" className="btn-danger" pendingLabel={t("form.sending")}>
            {t("account.sessions.endOthers")}
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
