import "#app/.server/discussion-parents.ts";
import { appUrl } from "#app/.server/env.ts";
import { translate, type Locale } from "#app/i18n.ts";
import { threadHref } from "./links.ts";

/** Threads in an Atom feed: newest first, as many as a reader's client keeps. */
export const FEED_LIMIT = 30;

type FeedThread = { id: number; title: string; createdAt: Date; lastPostAt: Date; author: { name: string }; bodyHtml?: string };

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

/** An Atom text construct holding plain text: feed readers show `<b>` as the characters it is. */
const textElement = (name: string, text: string) => `<${name} type="text">${escapeXml(text)}</${name}>`;

/**
 * An Atom 1.0 answer listing public threads, written here with every value XML-escaped. Titles
 * (the feed's, the entries') and authors are plain text (`type="text"`): a title typed as
 * `<img onerror=…>` reaches readers as those characters, never as markup. A post's body, when
 * given, is the stored sanitised HTML, escaped into `<content type="html">`. Each entry's id and
 * link are the thread's address, `updated` its latest post, `published` its start. `path` is the
 * feed's own address, `page` the HTML page it mirrors.
 */
export function atomResponse(options: { locale: Locale; title: string; path: string; page: string; threads: FeedThread[] }) {
  const base = appUrl();
  const updated = options.threads.reduce<Date | undefined>((latest, thread) => (!latest || thread.lastPostAt > latest ? thread.lastPostAt : latest), undefined);
  const entries = options.threads.map((thread) => {
    const link = escapeXml(`${base}${threadHref(thread.id)}`);
    return [
      "<entry>",
      textElement("title", thread.title),
      `<id>${link}</id>`,
      `<link href="${link}"/>`,
      `<updated>${thread.lastPostAt.toISOString()}</updated>`,
      `<published>${thread.createdAt.toISOString()}</published>`,
      `<author><name>${escapeXml(thread.author.name)}</name></author>`,
      thread.bodyHtml ? `<content type="html">${escapeXml(thread.bodyHtml)}</content>` : "",
      "</entry>",
    ].join("");
  });
  const self = escapeXml(`${base}${options.path}`);
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(options.locale)}">`,
    `<id>${self}</id>`,
    textElement("title", options.title),
    `<updated>${(updated ?? new Date(0)).toISOString()}</updated>`,
    `<link rel="alternate" href="${escapeXml(`${base}${options.page}`)}"/>`,
    `<link rel="self" href="${self}"/>`,
    textElement("rights", translate(options.locale, "app.name")),
    ...entries,
    "</feed>",
  ].join("\n");
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      // Category names are in the reader's language: a shared cache keeps one copy per language.
      Vary: "Accept-Language, Cookie",
    },
  });
}
