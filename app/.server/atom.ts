import { appUrl } from "#app/.server/env.ts";
import { translate, type Locale } from "#app/i18n.ts";

// The one Atom 1.0 writer (RFC 4287) of the site's feeds: discussions (app/features/discussions/
// feeds.server.ts), new initiatives and events (app/features/home/feeds.server.ts).

/** `text` safe inside XML character data and attribute values (&, <, >, quotes; control characters XML forbids dropped). */
export function escapeXml(text: string) {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * One entry: a plain-text `title` and optional `summary`, optional `contentHtml` (stored, sanitised
 * HTML, escaped into `<content type="html">`), `path` on this site (its id and link), an optional
 * `author`, `published` and `updated` in UTC ms.
 */
export type AtomEntry = { title: string; path: string; summary?: string; contentHtml?: string; author?: string; published: number; updated: number };

/** An Atom text construct holding plain text: feed readers show `<b>` as the characters it is. */
const textElement = (name: string, text: string) => `<${name} type="text">${escapeXml(text)}</${name}>`;

/**
 * An Atom 1.0 answer: every value XML-escaped, titles, summaries and authors plain text
 * (`type="text"`), so a title typed as `<img onerror=…>` reaches readers as those characters.
 * Addresses are absolute (APP_URL): `path` is the feed's own address (and id), `page` the HTML page
 * it mirrors. The feed's author is the site (entries without one inherit it); its `updated` is
 * its latest entry's (the epoch when it has none). Cached 5 minutes by shared caches, one copy per
 * language (`Vary: Accept-Language, Cookie`), since titles and dates are in the reader's language.
 */
export function atomFeed(options: { locale: Locale; title: string; path: string; page: string; entries: AtomEntry[] }) {
  const base = appUrl();
  const siteName = translate(options.locale, "app.name");
  const updated = Math.max(0, ...options.entries.map((entry) => entry.updated));
  const self = escapeXml(`${base}${options.path}`);
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(options.locale)}">`,
    `<id>${self}</id>`,
    textElement("title", options.title),
    `<updated>${new Date(updated).toISOString()}</updated>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(`${base}${options.page}`)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${self}"/>`,
    `<author><name>${escapeXml(siteName)}</name></author>`,
    textElement("rights", siteName),
    ...options.entries.map((entry) => {
      const link = escapeXml(`${base}${entry.path}`);
      return [
        "<entry>",
        textElement("title", entry.title),
        `<id>${link}</id>`,
        `<link rel="alternate" type="text/html" href="${link}"/>`,
        `<published>${new Date(entry.published).toISOString()}</published>`,
        `<updated>${new Date(entry.updated).toISOString()}</updated>`,
        entry.author ? `<author><name>${escapeXml(entry.author)}</name></author>` : "",
        entry.summary !== undefined ? textElement("summary", entry.summary) : "",
        entry.contentHtml ? `<content type="html">${escapeXml(entry.contentHtml)}</content>` : "",
        "</entry>",
      ].join("");
    }),
    "</feed>",
  ].join("\n");
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      Vary: "Accept-Language, Cookie",
    },
  });
}
