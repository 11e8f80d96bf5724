import { translate } from "#app/i18n.ts";
import "#app/.server/discussion-parents.ts";
import { atomFeed } from "#app/.server/atom.ts";
import type { Locale } from "#app/i18n.ts";
import { threadHref } from "./links.ts";

/** Threads in an Atom feed: newest first, as many as a reader's client keeps. */
export const FEED_LIMIT = 30;

type FeedThread = { id: number; title: string; createdAt: Date; lastPostAt: Date; author: { name: string }; bodyHtml?: string };

/**
 * An Atom 1.0 answer listing public threads (app/.server/atom.ts writes it, every value
 * XML-escaped). Titles (the feed's, the entries') and authors are plain text: a title typed as
 * `<img onerror=…>` reaches readers as those characters, never as markup. A post's body, when
 * given, is the stored sanitised HTML, escaped into `<content type="html">`. Each entry's id and
 * link are the thread's address, `updated` its latest post, `published` its start. `path` is the
 * feed's own address, `page` the HTML page it mirrors.
 */
export function atomResponse(options: { locale: Locale; title: string; path: string; page: string; threads: FeedThread[] }) {
  return atomFeed({
    ...options,
    entries: options.threads.map((thread) => ({
      title: thread.title,
      path: threadHref(thread.id),
      author: thread.author.name || translate(options.locale, "people.deletedAccount"),
      contentHtml: thread.bodyHtml,
      published: thread.createdAt.getTime(),
      updated: thread.lastPostAt.getTime(),
    })),
  });
}
