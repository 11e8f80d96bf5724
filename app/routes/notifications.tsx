import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { markAllRead, markRead, notificationsPage } from "#app/.server/notifications/index.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { Pagination } from "#app/components/pagination.tsx";
import { PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { formatDateTime } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "notifications.title");

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  // Each notification is worded now, in the page's language, from its subject's current title.
  const { rows, pages } = notificationsPage(user, page, getLocale(request));
  redirectPastLastPage(request, pages);
  return {
    page,
    pages,
    notifications: rows.map((n) => ({
      id: n.id,
      text: n.text,
      link: n.link ? safeRedirect(n.link) : null,
      unread: !n.readAt,
      createdAt: n.createdAt.getTime(),
    })),
  };
}

const MarkReadSchema = z.object({
  intent: z.enum(["seen", "mark-read", "mark-one"]).catch("mark-read"),
  upTo: z.coerce.number().int().positive().optional().catch(undefined),
  // mark-one: the notification, and the page to come back to.
  id: z.coerce.number().int().positive().optional().catch(undefined),
  page: PageSchema.optional(),
});

/**
 * Marks the person's notifications read, up to the newest one they were shown (`upTo`). Reading
 * the page clears the header badge: with JavaScript the page posts `intent=seen` by itself once
 * it is shown (answered with data, no redirect); without it the «Marcar como leídas» button posts
 * the same form. The GET itself changes nothing (see docs/decisions, notifications badge).
 * `intent=mark-one` marks one notification (`id`, one's own; another's is 404) and comes back to the same `page`.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { intent, upTo, id, page } = MarkReadSchema.parse(Object.fromEntries(await readForm(request)));
  if (intent === "mark-one" && id !== undefined) {
    // Someone else's notification (an id typed into the form) is not found, and stays unread.
    if (!markRead(user.id, id)) throw notFound();
    return redirectWithFlash(page && page > 1 ? `/notifications?page=${page}` : "/notifications", { key: "notifications.markedOne" });
  }
  markAllRead(user.id, upTo);
  if (intent === "seen") return { seen: true };
  return redirectWithFlash("/notifications", { key: "notifications.markRead" });
}

/** The automatic "seen" post refreshes the header badge but keeps this visit's «new» marks. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "seen" ? false : defaultShouldRevalidate;

export default function NotificationsPage() {
  const { notifications, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const seen = useFetcher<typeof action>();
  const newestUnread = notifications.find((n) => n.unread)?.id;
  const { submit } = seen;
  useEffect(() => {
    // Shown means read: clear the badge once the list is on screen (the server keeps GETs free of writes).
    if (newestUnread !== undefined) submit({ intent: "seen", upTo: String(notifications[0]!.id) }, { method: "post" });
  }, [newestUnread, notifications, submit]);
  const newestId = notifications[0]?.id;
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("notifications.title")}</PageTitle>
      <p className="mb-4">
        <Link to="/account/notifications">{t("notifications.preferencesLink")}</Link>
      </p>
      {notifications.length === 0 ? <p>{t("notifications.empty")}</p> : null}
      <ul className="space-y-3">
        {notifications.map((n) => (
          <li key={n.id} className={`card ${n.unread ? "border-l-4 border-l-brand-600" : ""}`}>
            {n.unread ? <span className="mr-2 rounded bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-900">{t("notifications.unread")}</span> : null}
            <span>{n.text}</span>
            <div className="mt-1 flex flex-wrap items-center gap-x-3 text-sm text-stone-700">
              <span>{formatDateTime(locale, n.createdAt)}</span>
              {n.link ? <Link to={n.link}>{t("review.open")}</Link> : null}
              {n.unread && !seen.data ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="mark-one" />
                  <input type="hidden" name="id" value={n.id} />
                  <input type="hidden" name="page" value={page} />
                  <button type="submit" className="underline">
                    {t("notifications.markOne")}
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <Pagination page={page} pages={pages} hrefFor={(n) => (n > 1 ? `/notifications?page=${n}` : "/notifications")} />
      {notifications.some((n) => n.unread) && !seen.data ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="mark-read" />
          {newestId !== undefined ? <input type="hidden" name="upTo" value={newestId} /> : null}
          <SubmitButton className="btn-secondary" pendingLabel={t("form.saving")}>
            {t("notifications.markRead")}
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
