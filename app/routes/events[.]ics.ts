import { appUrl } from "#app/.server/env.ts";
import { calendarEvents, eventsFeedIcs } from "#app/.server/events/index.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { translate } from "#app/i18n.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";

// A calendar feed of every published event (and cancelled ones, so calendars remove them).
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const feed = eventsFeedIcs(calendarEvents(), appUrl(), translate(locale, "ev.calendarName"), locale);
  return new Response(feed, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      // The calendar's name and "Online" are in the reader's language: a shared cache keeps one copy per language.
      Vary: "Accept-Language, Cookie",
    },
  });
}
