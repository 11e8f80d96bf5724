// iCalendar (RFC 5545) export of events: one event for "add to calendar", and a feed of many.
// Pure functions over event rows; instants are UTC and written as UTC ("…Z"), so calendar apps
// show them in each reader's own zone (America/Lima for the platform, UTC−5).
//
// The online link is never written: it is shown only to confirmed registrants.
import { createEvents, type EventAttributes, type EventStatus, type HeaderAttributes } from "ics";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { translate, type Locale } from "#app/i18n.ts";

export type IcsEvent = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  status: "draft" | "published" | "cancelled";
  sequence: number;
  venueName: string | null;
  venueAddress: string | null;
  city: string | null;
  region: string | null;
  format: string;
  updatedAt: Date;
};

const PRODUCT_ID = "peru-pais-circular/events";
const UID_DOMAIN = "peru-pais-circular.pe";

/** Stable across edits, so calendar apps update (or cancel) the copy they already hold. */
export const eventUid = (id: number) => `event-${id}@${UID_DOMAIN}`;

export const eventUrl = (slug: string, appUrl: string) => `${appUrl.replace(/\/+$/, "")}/events/${slug}`;

const ICS_STATUS: Record<IcsEvent["status"], EventStatus> = {
  published: "CONFIRMED",
  cancelled: "CANCELLED",
  draft: "TENTATIVE",
};

/** Venue, address, city and region name, skipping blanks and repeats; "Online" (translated) for online-only events. */
export function eventLocation(
  event: Pick<IcsEvent, "format" | "venueName" | "venueAddress" | "city" | "region">,
  locale: Locale = "es",
): string | undefined {
  if (event.format === "online") return translate(locale, "ev.detail.online");
  const parts: string[] = [];
  for (const raw of [event.venueName, event.venueAddress, event.city, event.region ? regionName(event.region) : null]) {
    const part = raw?.trim();
    if (part && !parts.some((p) => p.toLocaleLowerCase("es") === part.toLocaleLowerCase("es"))) parts.push(part);
  }
  return parts.length > 0 ? parts.join(", ") : undefined;
}

// `timestamp` (DTSTAMP) is accepted by the library's schema but missing from its typings.
type Attributes = EventAttributes & { timestamp?: number };

function toAttributes(event: IcsEvent, appUrl: string, locale: Locale): Attributes {
  const url = eventUrl(event.slug, appUrl);
  const summary = event.summary.trim();
  return {
    uid: eventUid(event.id),
    sequence: event.sequence,
    title: event.title,
    description: summary ? `${summary}\n\n${url}` : url,
    url,
    location: eventLocation(event, locale),
    status: ICS_STATUS[event.status],
    start: event.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    // DTSTAMP follows the last change, so the same row always yields the same text.
    timestamp: event.updatedAt.getTime(),
    lastModified: event.updatedAt.getTime(),
  };
}

function build(events: IcsEvent[], appUrl: string, header: HeaderAttributes, locale: Locale): string {
  const { error, value } = createEvents(
    events.map((e) => toAttributes(e, appUrl, locale)),
    { productId: PRODUCT_ID, method: "PUBLISH", ...header },
  );
  if (error || !value) throw new Error(`Could not build iCalendar: ${error?.message ?? "empty output"}`, { cause: error });
  return value;
}

/** A VCALENDAR holding one VEVENT (CRLF line endings). */
export function eventToIcs(event: IcsEvent, appUrl: string, locale: Locale = "es"): string {
  return build([event], appUrl, {}, locale);
}

/** A VCALENDAR holding one VEVENT per event, named `calendarName` (X-WR-CALNAME); valid when empty. */
export function eventsFeedIcs(events: IcsEvent[], appUrl: string, calendarName: string, locale: Locale = "es"): string {
  return build(events, appUrl, { calName: calendarName }, locale);
}
