import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "#app/.server/i18n.ts";
import { initiativesFeed } from "#app/features/home/feeds.server.ts";

// Atom feed of the newest public initiatives (app/features/home/feeds.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  return initiativesFeed(getLocale(request));
}
