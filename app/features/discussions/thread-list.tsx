import type { ReactNode } from "react";
import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { formatDateTime } from "#app/i18n.ts";
import type { MessageKey } from "#app/locales/es-keys.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { postHref, threadHref } from "./links.ts";
import { THREAD_SORTS, type ThreadSort } from "./taxonomy.ts";
import { personName } from "#app/utils/person-name.ts";

/** One thread of a list as a loader sends it (dates as ms). */
export type ThreadRow = {
  id: number;
  title: string;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  replyCount: number;
  lastPostAt: number;
  createdAt: number;
  author: { name: string; handle: string | null };
  organisation: { slug: string; name: string } | null;
  unread: { firstUnreadNumber: number; unreadCount: number } | null;
};

/**
 * A list of threads: title, author and organisation, replies, last activity; marks for pinned,
 * locked and hidden threads and, for signed-in readers, unread posts with a link to the first.
 */
export function ThreadList({ rows, empty }: { rows: ThreadRow[]; empty: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <ul className="divide-y divide-stone-200 rounded-md border border-stone-200 bg-white" data-testid="thread-list">
      {rows.map((row) => (
        <li key={row.id} className="p-3" data-thread-id={row.id}>
          <p className="flex flex-wrap items-center gap-2">
            {row.pinned ? <Mark tone="brand">{t("disc.thread.pinned")}</Mark> : null}
            {row.locked ? <Mark tone="stone">{t("disc.thread.locked")}</Mark> : null}
            {row.hidden ? <Mark tone="red">{t("disc.thread.hidden")}</Mark> : null}
            <Link to={threadHref(row.id)} className="font-semibold [overflow-wrap:anywhere]">
              {row.title}
            </Link>
            {row.unread ? (
              <>
                <Mark tone="amber">{t.count("disc.unread.count", row.unread.unreadCount)}</Mark>
                <Link to={postHref(row.id, row.unread.firstUnreadNumber)} className="text-sm">
                  {t("disc.unread.jump")}
                  <span className="sr-only">: {row.title}</span>
                </Link>
              </>
            ) : null}
          </p>
          <p className="mt-1 text-sm text-stone-700">
            {t("disc.thread.by", { name: personName(row.author.name, t) })}
            {row.organisation ? (
              <>
                {" · "}
                <Link to={`/organisations/${row.organisation.slug}`}>{row.organisation.name}</Link>
              </>
            ) : null}
            {" · "}
            {t.count("disc.replies", row.replyCount)}
            {" · "}
            {t("disc.thread.lastActivity", { date: formatDateTime(locale, row.lastPostAt) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

const TONES = {
  brand: "bg-brand-100 text-brand-900",
  stone: "bg-stone-200 text-stone-900",
  red: "bg-red-100 text-red-900",
  amber: "bg-amber-100 text-amber-950",
} as const;

/** A small label beside a title ("Fijado", "3 nuevos"). */
export function Mark({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-semibold ${TONES[tone]}`}>{children}</span>;
}

/** What a "start a thread" action answers when it refuses (400/403/409/429): the form's submission. */
export type ThreadFormReply = { intent: "thread"; result?: SubmissionResult<string[]> };

/** "Latest activity" / "Newest" links for a thread list (the page's `?sort=`). */
export function SortLinks({ sort, base, q }: { sort: ThreadSort; base: string; q?: string }) {
  const t = useT();
  // A text filter (`q`) stays when the order changes.
  const href = (option: ThreadSort) => {
    const params = new URLSearchParams(q ? { q } : {});
    if (option !== "activity") params.set("sort", option);
    const query = params.toString();
    return query ? `${base}?${query}` : base;
  };
  return (
    <nav aria-label={t("disc.sort.label")} className="flex flex-wrap gap-3 text-sm">
      {THREAD_SORTS.map((option) => (
        <Link
          key={option}
          to={href(option)}
          aria-current={sort === option ? "page" : undefined}
          className={sort === option ? "font-bold text-stone-900 no-underline" : ""}
        >
          {t(`disc.sort.${option}`)}
        </Link>
      ))}
    </nav>
  );
}

/** Why there is no "start a thread" form: sign in first, the place closed to writing (`closed`: its note), or not allowed here. */
export function StartThreadHint({ signedIn, loginTo, closed = null }: { signedIn: boolean; loginTo: string; closed?: MessageKey | null }) {
  const t = useT();
  return (
    <p className="card" id="new-thread">
      {!signedIn ? <Link to={`/login?redirectTo=${encodeURIComponent(loginTo)}`}>{t("disc.thread.login")}</Link> : closed ? t(closed) : t("disc.thread.cannotStart")}
    </p>
  );
}
