import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { listNotifications, markAllRead } from "#app/.server/notifications/index.ts";
import { PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { formatDateTime, isMessageKey } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return {
    notifications: listNotifications(user.id).map((n) => ({
      id: n.id,
      messageKey: n.messageKey,
      vars: n.vars,
      link: n.link ? safeRedirect(n.link) : null,
      unread: !n.readAt,
      createdAt: n.createdAt.getTime(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  markAllRead(user.id);
  return redirectWithFlash("/notifications", { key: "notifications.markRead" });
}

export default function NotificationsPage() {
  const { notifications } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("notifications.title")}</PageTitle>
      {notifications.length === 0 ? <p>{t("notifications.empty")}</p> : null}
      <ul className="space-y-3">
        {notifications.map((n) => (
          <li key={n.id} className={`card ${n.unread ? "border-l-4 border-l-brand-600" : ""}`}>
            {n.unread ? <span className="mr-2 rounded bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-900">{t("notifications.unread")}</span> : null}
            <span>{isMessageKey(n.messageKey) ? t(n.messageKey, n.vars) : n.messageKey}</span>
            <p className="mt-1 text-sm text-stone-700">
              {formatDateTime(locale, n.createdAt)}
              {n.link ? (
                <>
                  {" · "}
                  <Link to={n.link}>{t("review.open")}</Link>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      {notifications.some((n) => n.unread) ? (
        <Form method="post" className="mt-6">
          <SubmitButton className="btn-secondary" pendingLabel={t("form.saving")}>
            {t("notifications.markRead")}
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
