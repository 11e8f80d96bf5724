import type { LoaderFunctionArgs } from "@remix-run/node";
import { latestThreads } from "#app/.server/discussions/index.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { atomResponse, FEED_LIMIT } from "#app/features/discussions/feeds.server.ts";
import { translate } from "#app/i18n.ts";

// Atom feed of the latest threads anywhere public (read as an anonymous visitor would see them).
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  return atomResponse({
    locale,
    title: `${translate(locale, "disc.feed.latestTitle")} · ${translate(locale, "app.name")}`,
    path: "/discussions.atom",
    page: "/discussions",
    threads: latestThreads(FEED_LIMIT, null),
  });
}
