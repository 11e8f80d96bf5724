// iCalendar (RFC 5545) export of events: one event for "add to calendar" and for registrants'
// emails (iTIP, RFC 5546: REQUEST to add or update, CANCEL to remove), and a feed of many.
// Pure functions over event rows; instants are UTC and written as UTC ("…Z"), so calendar apps
// show them in each reader's own zone (America/Lima for the platform, UTC−5).
//
// Serialised by ical-generator, which folds lines by octets (≤ 75, continuation lines start with a
// space, never inside a UTF-8 character). Control characters are removed from every TEXT value
// here first, since the library passes them through.
//
// The online link is never written: it is shown only to confirmed registrants.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
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

/** iTIP method of a calendar: PUBLISH for downloads and feeds, REQUEST/CANCEL in registrants' emails. */
export type IcsMethod = "PUBLISH" | "REQUEST" | "CANCEL";

/** A person in a scheduling message: `email` is a bare address, `name` a display name. */
export type IcsPerson = { name: string; email: string };

export type IcsOptions = {
  /** Defaults to PUBLISH. CANCEL always writes STATUS:CANCELLED. */
  method?: IcsMethod;
  /** Who sends the scheduling message (RFC 5546 requires it for REQUEST and CANCEL). */
  organizer?: IcsPerson;
  /** The registrant the message is for; written as a confirmed ATTENDEE that is not asked to reply. */
  attendee?: IcsPerson;
};

const PRODUCT_ID = { company: "Peru Pais Circular", product: "Eventos", language: "ES" };
const UID_DOMAIN = "peru-pais-circular.pe";

/** Stable across edits, so calendar apps update (or cancel) the copy they already hold. */
export const eventUid = (id: number) => `event-${id}@${UID_DOMAIN}`;

export const eventUrl = (slug: string, appUrl: string) => `${appUrl.replace(/\/+$/, "")}/events/${slug}`;

const ICS_STATUS: Record<IcsEvent["status"], ICalEventStatus> = {
  published: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
  draft: ICalEventStatus.TENTATIVE,
};

/**
 * Text made safe for an iCalendar TEXT value: line breaks become "\n" (escaped later by the
 * serialiser), tabs become spaces, and every other control character (Unicode Cc) is dropped,
 * as are lone surrogates.
 */
export function icsText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(/[\p{Cc}\p{Cs}]/gu, (c: string) => (c === "\n" ? c : ""));
}

/** A parameter value (CN="…") cannot hold line breaks or double quotes at all. */
const paramText = (value: string) => icsText(value).replace(/[\n"]/g, " ").trim();

/** Escapes a TEXT value the serialiser writes as given (the calendar name). */
const escapedText = (value: string) =>
  icsText(value).replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, "\\n");

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

function build(events: IcsEvent[], appUrl: string, locale: Locale, options: IcsOptions & { calendarName?: string }): string {
  const method = options.method ?? "PUBLISH";
  const calendar = ical({ prodId: PRODUCT_ID, method: ICalCalendarMethod[method] });
  if (options.calendarName !== undefined) calendar.name(escapedText(options.calendarName));
  for (const event of events) {
    const url = eventUrl(event.slug, appUrl);
    const summary = icsText(event.summary).trim();
    const location = eventLocation(event, locale);
    calendar.createEvent({
      id: eventUid(event.id),
      sequence: event.sequence,
      summary: icsText(event.title),
      description: summary ? `${summary}\n\n${url}` : url,
      url,
      location: location ? icsText(location) : null,
      status: method === "CANCEL" ? ICalEventStatus.CANCELLED : ICS_STATUS[event.status],
      start: event.startsAt,
      end: event.endsAt,
      // DTSTAMP follows the last change, so the same row always yields the same text.
      stamp: event.updatedAt,
      lastModified: event.updatedAt,
      organizer: options.organizer ? { name: paramText(options.organizer.name), email: options.organizer.email } : null,
      attendees: options.attendee
        ? [
            {
              name: paramText(options.attendee.name),
              email: options.attendee.email,
              role: ICalAttendeeRole.REQ,
              status: ICalAttendeeStatus.ACCEPTED,
              rsvp: false,
            },
          ]
        : [],
    });
  }
  // The serialiser leaves the last line unterminated; RFC 5545 ends every content line with CRLF.
  return `${calendar.toString()}\r\n`;
}

/** A VCALENDAR holding one VEVENT (CRLF line endings); see {@link IcsOptions} for emails. */
export function eventToIcs(event: IcsEvent, appUrl: string, locale: Locale = "es", options: IcsOptions = {}): string {
  return build([event], appUrl, locale, options);
}

/** A VCALENDAR (METHOD:PUBLISH) holding one VEVENT per event, named `calendarName` (X-WR-CALNAME); valid when empty. */
export function eventsFeedIcs(events: IcsEvent[], appUrl: string, calendarName: string, locale: Locale = "es"): string {
  return build(events, appUrl, locale, { calendarName });
}
