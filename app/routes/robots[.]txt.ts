import { robotsTxt } from "#app/features/home/sitemap.server.ts";

export async function loader() {
  return robotsTxt();
}
