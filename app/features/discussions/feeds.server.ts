import "#app/.server/discussion-parents.ts";
import { Feed } from "feed";
import { appUrl } from "#app/.server/env.ts";
import { translate, type Locale } from "#app/i18n.ts";
import { threadHref } from "./links.ts";

/** Threads in an Atom feed: newest first, as many as a reader's client keeps. */
export const FEED_LIMIT = 30;

type FeedThread = { id: number; title: string; createdAt: Date; lastPostAt: Date; author: { name: string }; bodyHtml?: string };

/**
 * An Atom 1.0 answer (the `feed` package writes and escapes the XML) listing public threads:
 * each entry's id and link are the thread's address, `updated` its latest post, `published` its
 * start. `path` is the feed's own address, `page` the HTML page it mirrors.
 */
export function atomResponse(options: { locale: Locale; title: string; path: string; page: string; threads: FeedThread[] }) {
  const base = appUrl();
  const updated = options.threads.reduce<Date | undefined>((latest, thread) => (!latest || thread.lastPostAt > latest ? thread.lastPostAt : latest), undefined);
  const feed = new Feed({
    id: `${base}${options.path}`,
    title: options.title,
    link: `${base}${options.page}`,
    language: options.locale,
    updated: updated ?? new Date(0),
    generator: false,
    copyright: translate(options.locale, "app.name"),
    feedLinks: { atom: `${base}${options.path}` },
  });
  for (const thread of options.threads) {
    const link = `${base}${threadHref(thread.id)}`;
    feed.addItem({
      id: link,
      link,
      title: thread.title,
      date: thread.lastPostAt,
      published: thread.createdAt,
      author: [{ name: thread.author.name }],
      content: thread.bodyHtml || undefined,
    });
  }
  return new Response(feed.atom1(), {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      // Category names are in the reader's language: a shared cache keeps one copy per language.
      Vary: "Accept-Language, Cookie",
    },
  });
}
