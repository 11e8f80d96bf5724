import type { LoaderFunctionArgs } from "@remix-run/node";
import { newestEvents } from "#app/.server/events/index.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { ENTRY_FEED_LIMIT, entriesFeed } from "#app/features/home/feeds.server.ts";
import { formatDateTime, translate } from "#app/i18n.ts";

// Atom feed of public events, most recently announced first; each summary starts with when and
// where it takes place (cancelled ones say so).
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  return entriesFeed({
    locale,
    title: translate(locale, "feed.events.title"),
    path: "/events.atom",
    page: "/events",
    entries: newestEvents(ENTRY_FEED_LIMIT).map((row) => {
      const when = [formatDateTime(locale, row.startsAt), row.city].filter(Boolean).join(" · ");
      const status = row.status === "cancelled" ? `${translate(locale, "ev.status.cancelled")} · ` : "";
      return {
        title: row.title,
        path: `/events/${row.slug}`,
        summary: `${status}${when}. ${row.summary}`,
        published: row.createdAt,
        updated: row.updatedAt,
      };
    }),
  });
}
