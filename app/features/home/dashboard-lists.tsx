import { Link } from "@remix-run/react";
import { postHref } from "#app/features/discussions/links.ts";
import { registrationStatusLabel } from "#app/features/events/labels.ts";
import type { RegistrationStatus } from "#app/features/events/taxonomy.ts";
import { formatDateTime } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";

// A person's upcoming registrations and followed threads with unread posts: the home dashboard
// shows the first five of each, "My work" all of them, with the same markup.

/** A registration as listed: `startsAt` in UTC ms. */
export type ListedRegistration = { slug: string; title: string; startsAt: number; status: Extract<RegistrationStatus, "confirmed" | "waitlisted"> };
/** A followed thread with unread posts: `firstUnread` is the number of the first unread post. */
export type ListedUnreadThread = { id: number; title: string; firstUnread: number; unread: number };

/** The registrations, each linked to its event with its start and status; `empty` when there are none. */
export function RegistrationList({ rows, empty }: { rows: readonly ListedRegistration[]; empty: string }) {
  const t = useT();
  const locale = useLocale();
  if (!rows.length) return <p>{empty}</p>;
  return (
    <ul className="space-y-2">
      {rows.map((ev) => (
        <li key={ev.slug}>
          <Link to={`/events/${ev.slug}`} className="font-semibold [overflow-wrap:anywhere]">
            {ev.title}
          </Link>
          <div className="text-sm text-stone-700">
            {formatDateTime(locale, ev.startsAt)} · {registrationStatusLabel(t, ev.status)}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The threads, each linked to its first unread post, with how many posts are unread; `empty` when there are none. */
export function UnreadThreadList({ rows, empty }: { rows: readonly ListedUnreadThread[]; empty: string }) {
  const t = useT();
  if (!rows.length) return <p>{empty}</p>;
  return (
    <ul className="space-y-2">
      {rows.map((thread) => (
        <li key={thread.id}>
          <Link to={postHref(thread.id, thread.firstUnread)} className="font-semibold [overflow-wrap:anywhere]">
            {thread.title}
          </Link>
          <div className="text-sm text-stone-700">{t.count("home.dash.unreadCount", thread.unread)}</div>
        </li>
      ))}
    </ul>
  );
}
