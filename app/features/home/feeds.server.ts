import { appUrl } from "#app/.server/env.ts";
import { escapeXml } from "#app/features/discussions/feeds.server.ts";
import { translate, type Locale } from "#app/i18n.ts";

/** Entries in the initiative and event Atom feeds: as many as a reader's client keeps. */
export const ENTRY_FEED_LIMIT = 30;

/** One entry of an Atom feed: plain-text title and summary, a path on this site, dates in UTC ms. */
export type FeedEntry = { title: string; path: string; summary: string; author?: string; published: number; updated: number };

const text = (name: string, value: string) => `<${name} type="text">${escapeXml(value)}</${name}>`;

/**
 * An Atom 1.0 answer (RFC 4287) for a list of pages of this site, every value XML-escaped and
 * every text plain (`type="text"`), so a title typed as markup reaches readers as characters.
 * Addresses are absolute (APP_URL); `path` is the feed's own address, `page` the HTML page it
 * mirrors. The feed's `updated` is its latest entry's (the epoch when it has none).
 */
export function entriesFeed(options: { locale: Locale; title: string; path: string; page: string; entries: FeedEntry[] }) {
  const base = appUrl();
  const updated = Math.max(0, ...options.entries.map((entry) => entry.updated));
  const self = escapeXml(`${base}${options.path}`);
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(options.locale)}">`,
    `<id>${self}</id>`,
    text("title", `${options.title} · ${translate(options.locale, "app.name")}`),
    `<updated>${new Date(updated).toISOString()}</updated>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(`${base}${options.page}`)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${self}"/>`,
    `<author><name>${escapeXml(translate(options.locale, "app.name"))}</name></author>`,
    ...options.entries.map((entry) => {
      const link = escapeXml(`${base}${entry.path}`);
      return [
        "<entry>",
        text("title", entry.title),
        `<id>${link}</id>`,
        `<link rel="alternate" type="text/html" href="${link}"/>`,
        `<published>${new Date(entry.published).toISOString()}</published>`,
        `<updated>${new Date(entry.updated).toISOString()}</updated>`,
        entry.author ? `<author><name>${escapeXml(entry.author)}</name></author>` : "",
        text("summary", entry.summary),
        "</entry>",
      ].join("");
    }),
    "</feed>",
  ].join("\n");
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      // The feed's title and dates are in the reader's language: a shared cache keeps one copy per language.
      Vary: "Accept-Language, Cookie",
    },
  });
}
