import { inArray } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { registerNotificationKind, registerNotificationSubject, type Reader } from "#app/.server/notifications/index.ts";
import { formatEventWhen } from "#app/features/events/dates.ts";
import { translate } from "#app/i18n.ts";
import { canOnEvent } from "./index.ts";

// What events tell their registrants (issue 10, ADR 0013), in the "events" preference group,
// mailed at once by default — by the events feature's own email, which carries the calendar file
// (see `email` in notify()). The subject is the event, worded with its current title.

const e = schema.events;

/**
 * Titles and links of events as `reader` may see them (drafts only for coordinators and admins):
 * `Map<id, { title, link }>`, others left out. One query whatever the number of ids.
 */
export function describeEvents(ids: readonly number[], reader: Reader | null) {
  if (ids.length === 0) return new Map<number, { title: string; link: string }>();
  const rows = db.select({ id: e.id, slug: e.slug, title: e.title, status: e.status }).from(e).where(inArray(e.id, [...new Set(ids)])).all();
  return new Map(rows.filter((row) => canOnEvent("view", row, reader)).map((row) => [row.id, { title: row.title, link: `/events/${row.slug}` }]));
}

registerNotificationSubject({ type: "event", describe: describeEvents });

// A seat freed up and the person moved from the waitlist into it.
registerNotificationKind({ type: "event.promoted", preference: "events", defaultChannel: "email", messageKey: "ev.notice.promoted", subjectKey: "ev.mail.subject" });
// The date, time or place changed. data: { startsAt, endsAt } (ms) and { place } (null: online).
registerNotificationKind({
  type: "event.moved",
  preference: "events",
  defaultChannel: "email",
  messageKey: "ev.notice.moved",
  subjectKey: "ev.mail.subjectChanged",
  vars: ({ data, locale }) => ({
    when: formatEventWhen(locale, Number(data.startsAt), Number(data.endsAt)),
    where: typeof data.place === "string" ? data.place : translate(locale, "ev.detail.online"),
  }),
});
// The event was cancelled. data: { reason }
registerNotificationKind({ type: "event.cancelled", preference: "events", defaultChannel: "email", messageKey: "ev.notice.cancelled", subjectKey: "ev.mail.subjectCancelled" });
