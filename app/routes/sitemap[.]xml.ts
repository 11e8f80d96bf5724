import { sitemapIndex } from "#app/features/home/sitemap.server.ts";

// The sitemap index: the public pages and one child per range of ids of each kind of row.
export async function loader() {
  return sitemapIndex();
}
