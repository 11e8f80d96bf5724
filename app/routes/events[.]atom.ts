import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "#app/.server/i18n.ts";
import { eventsFeed } from "#app/features/home/feeds.server.ts";

// Atom feed of public events, most recently announced first (app/features/home/feeds.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  return eventsFeed(getLocale(request));
}
