import type { SessionUser } from "#app/.server/auth/index.ts";
import { db, schema } from "#app/.server/db.ts";
import { appUrl } from "#app/.server/env.ts";
import { sendMail } from "#app/.server/mail.ts";
import { notifyUsers } from "#app/.server/notifications/index.ts";
import { formatDateTime, translate, type MessageKey } from "#app/i18n.ts";
import type { Event } from "#db/schema/events.ts";
import { inArray } from "drizzle-orm";
import { eventToIcs } from "./ics.ts";
import { cancelEvent, cancelRegistration, register, updateEvent } from "./mutations.ts";
import { findEventBySlug, registrantIds } from "./queries.ts";

export * from "./queries.ts";
export { addSession, createEvent, deleteSession, publishEvent, saveCover, setAttended } from "./mutations.ts";
export { eventToIcs, eventsFeedIcs } from "./ics.ts";

export type EventAction = "view" | "manage" | "register";

const isStaff = (user: SessionUser | null) => user?.role === "coordinator" || user?.role === "admin";

/** Who may do what with an event. Drafts do not exist for anyone but coordinators and admins. */
export function canOnEvent(action: EventAction, event: { status: Event["status"] }, user: SessionUser | null) {
  switch (action) {
    case "view":
      return event.status !== "draft" || isStaff(user);
    case "manage":
      return isStaff(user);
    case "register":
      return user !== null && event.status === "published";
  }
}

export function requireEvent(slug: string | undefined, user: SessionUser | null, action: EventAction) {
  const event = slug ? findEventBySlug(slug) : undefined;
  if (!event || !canOnEvent("view", event, user)) throw new Response("Not Found", { status: 404 });
  if (!canOnEvent(action, event, user)) throw new Response("Forbidden", { status: 403 });
  return { event, can: (other: EventAction) => canOnEvent(other, event, user) };
}

/** Email to one person about their registration, with the event's .ics when they have a seat. */
async function mailRegistrant(userId: number, event: Event, key: MessageKey) {
  const person = db
    .select({ email: schema.users.email, name: schema.users.name, locale: schema.users.locale })
    .from(schema.users)
    .where(inArray(schema.users.id, [userId]))
    .get();
  if (!person) return;
  const t = (k: MessageKey, vars?: Record<string, string>) => translate(person.locale, k, vars);
  const vars = { title: event.title, when: formatDateTime(person.locale, event.startsAt) };
  const withCalendar = key === "ev.mail.confirmed" || key === "ev.mail.promoted";
  await sendMail({
    to: person.email,
    locale: person.locale,
    subject: t("ev.mail.subject", vars),
    text: [t("mail.greeting", { name: person.name }), "", t(key, vars), `${appUrl()}/events/${event.slug}`, "", t("mail.signature")].join("\n"),
    attachments: withCalendar
      ? [{ filename: `${event.slug}.ics`, contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: eventToIcs(event, appUrl(), person.locale) }]
      : undefined,
  });
}

export async function registerAndNotify(event: Event, userId: number, input: { organisationId?: number; answers: string[] }) {
  const result = register(event.id, userId, input);
  if (result.ok) await mailRegistrant(userId, event, result.status === "confirmed" ? "ev.mail.confirmed" : "ev.mail.waitlisted");
  return result;
}

export async function cancelRegistrationAndNotify(event: Event, userId: number) {
  const result = cancelRegistration(event.id, userId);
  if (result.ok) for (const p of result.promoted) await mailRegistrant(p.userId, event, "ev.mail.promoted");
  return result;
}

export async function updateEventAndNotify(event: Event, input: Parameters<typeof updateEvent>[1]) {
  const result = updateEvent(event.id, input);
  if (result.ok) {
    const updated = findEventBySlug(event.slug)!;
    for (const p of result.promoted) await mailRegistrant(p.userId, updated, "ev.mail.promoted");
    if (result.moved) {
      await notifyUsers(registrantIds(event.id), {
        key: "ev.notice.changed",
        subjectKey: "ev.mail.subject",
        vars: { title: updated.title },
        link: `/events/${updated.slug}`,
      });
    }
  }
  return result;
}

export async function cancelEventAndNotify(event: Event, reason: string) {
  const result = cancelEvent(event.id, reason);
  if (result.ok) {
    await notifyUsers(registrantIds(event.id), {
      key: "ev.notice.cancelled",
      subjectKey: "ev.mail.subject",
      vars: { title: event.title, reason },
      link: `/events/${event.slug}`,
    });
  }
  return result;
}
