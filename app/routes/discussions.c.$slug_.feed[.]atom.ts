import type { LoaderFunctionArgs } from "@remix-run/node";
import { categoryFeed, requireCategory } from "#app/.server/discussions/index.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { atomResponse, FEED_LIMIT } from "#app/features/discussions/feeds.server.ts";
import { categoryHref, categoryText } from "#app/features/discussions/links.ts";
import { translate } from "#app/i18n.ts";
import { withTranslatedErrors } from "#app/.server/security.ts";

// Atom feed of a category's newest threads, at /discussions/c/:slug/feed.atom (public ones; a
// translated 404 page for an unknown or archived category).
async function serve({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const { category } = requireCategory(params.slug, null);
  const page = categoryHref(category.slug);
  return atomResponse({
    locale,
    title: `${categoryText(category, locale).name} · ${translate(locale, "app.name")}`,
    path: `${page}/feed.atom`,
    page,
    threads: categoryFeed(category.id, FEED_LIMIT),
  });
}

export const loader = withTranslatedErrors(serve);
