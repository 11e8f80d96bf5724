import { atomFeed } from "#app/.server/atom.ts";
import { newestEvents } from "#app/.server/events/index.ts";
import { newestInitiatives } from "#app/.server/initiatives/index.ts";
import { formatDateTime, translate, type Locale } from "#app/i18n.ts";

/** Entries in the initiative and event Atom feeds: as many as a reader's client keeps. */
export const ENTRY_FEED_LIMIT = 30;

/** The feed's title: what it lists, then the site's name. */
const feedTitle = (locale: Locale, key: "feed.initiatives.title" | "feed.events.title") => `${translate(locale, key)} · ${translate(locale, "app.name")}`;

/**
 * /initiatives.atom in `locale`: the ENTRY_FEED_LIMIT newest public initiatives (drafts and those
 * of unapproved leads never appear), each with its summary and lead organisation. One statement.
 */
export function initiativesFeed(locale: Locale) {
  return atomFeed({
    locale,
    title: feedTitle(locale, "feed.initiatives.title"),
    path: "/initiatives.atom",
    page: "/initiatives?sort=newest",
    entries: newestInitiatives(ENTRY_FEED_LIMIT).map((row) => ({
      title: row.title,
      path: `/initiatives/${row.slug}`,
      summary: row.summary,
      author: row.leadName,
      published: row.publishedAt,
      updated: Math.max(row.updatedAt, row.publishedAt),
    })),
  });
}

/**
 * /events.atom in `locale`: the ENTRY_FEED_LIMIT most recently announced public events; each
 * summary starts with when and where it takes place (cancelled ones say so). One statement.
 */
export function eventsFeed(locale: Locale) {
  return atomFeed({
    locale,
    title: feedTitle(locale, "feed.events.title"),
    path: "/events.atom",
    page: "/events",
    entries: newestEvents(ENTRY_FEED_LIMIT).map((row) => {
      const when = [formatDateTime(locale, row.startsAt), row.city].filter(Boolean).join(" · ");
      const status = row.status === "cancelled" ? `${translate(locale, "ev.status.cancelled")} · ` : "";
      return { title: row.title, path: `/events/${row.slug}`, summary: `${status}${when}. ${row.summary}`, published: row.createdAt, updated: row.updatedAt };
    }),
  });
}
