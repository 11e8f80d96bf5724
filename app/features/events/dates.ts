import { dateTimeFormat, plainSpaces, TIME_ZONE, type Locale } from "#app/i18n.ts";

/**
 * When an event happens, in Lima time and the reader's language, for the detail page and emails.
 * A one-day event names its date once with a time range ("jueves, 15 de octubre de 2026,
 * 9:00 a. m. – 5:30 p. m."); a multi-day one names both dates. `startsAt`/`endsAt` are instants
 * (Date or epoch milliseconds); the Lima calendar day decides "one day", not the UTC one.
 */
export function formatEventWhen(locale: Locale, startsAt: Date | number, endsAt: Date | number): string {
  const format = dateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: TIME_ZONE });
  // formatRange drops the repeated date when both ends fall on the same day in the time zone.
  return plainSpaces(format.formatRange(new Date(startsAt), new Date(endsAt)));
}
