import type { LoaderFunctionArgs } from "@remix-run/node";
import { childSitemap } from "#app/features/home/sitemap.server.ts";
import { notFound } from "#app/utils/http-errors.ts";

// A child sitemap: /sitemaps/pages.xml, /sitemaps/initiatives-0.xml …; any other name is a 404.
export async function loader({ params }: LoaderFunctionArgs) {
  const answer = childSitemap(params.file ?? "");
  if (!answer) throw notFound();
  return answer;
}
