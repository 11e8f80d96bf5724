import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "#app/.server/i18n.ts";
import { newestInitiatives } from "#app/.server/initiatives/index.ts";
import { ENTRY_FEED_LIMIT, entriesFeed } from "#app/features/home/feeds.server.ts";
import { translate } from "#app/i18n.ts";

// Atom feed of the newest public initiatives (drafts and those of unapproved leads never appear).
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  return entriesFeed({
    locale,
    title: translate(locale, "feed.initiatives.title"),
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
