import { isStaff } from "#app/.server/auth/roles.ts";
// Straight from account.ts: the auth index pulls in a bundled text file that plain tsx (the dev
// server, which runs the mail worker and its notification kinds) cannot load.
import { mailContactsOf } from "#app/.server/auth/account.ts";
import type { SessionUser } from "#app/.server/auth/index.ts";
import { appUrl, env } from "#app/.server/env.ts";
import { writeNow, type WriteStep } from "#app/.server/form-token.ts";
import { sendMail, type MailMessage } from "#app/.server/mail.ts";
import { notify, type MailRecipient } from "#app/.server/notifications/index.ts";
import { formatEventWhen } from "#app/features/events/dates.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n.ts";
import type { RegistrationStatus } from "#app/features/events/taxonomy.ts";
import type { Event } from "#db/schema/events.ts";
import { eventLocation, eventToIcs } from "./ics.ts";
import { cancelEvent, cancelRegistration, register, updateEvent } from "./mutations.ts";
import { eventFollowers } from "./follows.ts";
import { findEventById, findEventBySlug, registrantsToTell } from "./queries.ts";
import { forbidden, notFound } from "#app/utils/http-errors.ts";
import "./notification-kinds.ts";

export * from "./queries.ts";
export { addSession, createEvent, deleteSession, publishEvent, saveCover, setAttended } from "./mutations.ts";
export { eventToIcs, eventsFeedIcs } from "./ics.ts";
export { addNamedOrganisers, unknownOrganisersMessage } from "./organisers.ts";

export type EventAction = "view" | "manage" | "register";


/** Who may do what with an event. Drafts do not exist for anyone but coordinators and admins. */
export function canOnEvent(action: EventAction, event: { status: Event["status"] }, user: Pick<SessionUser, "role"> | null) {
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
  if (!event || !canOnEvent("view", event, user)) throw notFound();
  if (!canOnEvent(action, event, user)) throw forbidden();
  return { event, can: (other: EventAction) => canOnEvent(other, event, user) };
}

type Registrant = { userId: number; status: RegistrationStatus; email: string; name: string; locale: Locale };

/**
 * What an email to a registrant is about: "cancelled" is the event being cancelled,
 * "unregistered" the person cancelling their own registration.
 */
type RegistrantMail = "confirmed" | "waitlisted" | "promoted" | "changed" | "cancelled" | "unregistered";

/** Subject and body keys; `calendarNote` (for people with a seat) means a calendar file goes with it, of `method`. */
const MAILS: Record<RegistrantMail, { subject: MessageKey; body: MessageKey; calendarNote?: MessageKey; method?: "REQUEST" | "CANCEL" }> = {
  confirmed: { subject: "ev.mail.subject", body: "ev.mail.confirmed", calendarNote: "ev.mail.calendarAttached" },
  waitlisted: { subject: "ev.mail.subject", body: "ev.mail.waitlisted" },
  promoted: { subject: "ev.mail.subject", body: "ev.mail.promoted", calendarNote: "ev.mail.calendarAttached" },
  changed: { subject: "ev.mail.subjectChanged", body: "ev.mail.changed", calendarNote: "ev.mail.calendarUpdated" },
  cancelled: { subject: "ev.mail.subjectCancelled", body: "ev.mail.cancelled", calendarNote: "ev.mail.calendarRemoved", method: "CANCEL" },
  unregistered: { subject: "ev.mail.subjectUnregistered", body: "ev.mail.unregistered", calendarNote: "ev.mail.calendarRemoved", method: "CANCEL" },
};

/** The platform as the ORGANIZER of calendar invitations: the sender of its emails. */
function organizer() {
  const from = env().MAIL_FROM.trim();
  const match = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(from);
  return match ? { name: match[1]!.replace(/^"|"$/g, "") || match[2]!, email: match[2]! } : { name: from, email: from };
}

/** The event's title, date and time range in Lima, and place ("Online" for online events), in the person's language. */
function eventDetailsVars(event: Event, person: Pick<Registrant, "locale">) {
  return {
    title: event.title,
    when: formatEventWhen(person.locale, event.startsAt, event.endsAt),
    where: eventLocation(event, person.locale) ?? "—",
  };
}

/**
 * The email to one registrant, in their language: what happened, the event's date and time in Lima,
 * its place, the online link (only to people with a seat), and the page's address. People with a
 * seat also get a calendar file with the event's fixed UID and current SEQUENCE: an invitation
 * (METHOD:REQUEST) that adds or updates the entry, or for a cancelled event a METHOD:CANCEL one
 * that removes it.
 */
function registrantMail(person: Registrant, event: Event, kind: RegistrantMail, extra: Record<string, string> = {}): MailMessage {
  const t = (k: MessageKey, vars?: Record<string, string>) => translate(person.locale, k, vars);
  const mail = MAILS[kind];
  const vars = { ...eventDetailsVars(event, person), ...extra };
  const hasSeat = person.status === "confirmed" || person.status === "attended";
  const withCalendar = hasSeat && mail.calendarNote !== undefined;
  const method = mail.method ?? "REQUEST";
  const details =
    method === "CANCEL"
      ? [t("ev.mail.when", vars)]
      : [
          t("ev.mail.when", vars),
          t("ev.mail.where", vars),
          ...(hasSeat && event.format !== "in_person" && event.onlineUrl ? [t("ev.mail.link", { url: event.onlineUrl })] : []),
        ];
  return {
    to: person.email,
    locale: person.locale,
    subject: t(mail.subject, vars),
    text: [
      t("mail.greeting", { name: person.name }),
      "",
      t(mail.body, vars),
      "",
      ...details,
      ...(withCalendar ? ["", t(mail.calendarNote!)] : []),
      "",
      `${appUrl()}/events/${event.slug}`,
      "",
      t("mail.signature"),
    ].join("\n"),
    attachments: withCalendar
      ? [
          {
            filename: `${event.slug}.ics`,
            contentType: `text/calendar; charset=utf-8; method=${method}`,
            content: eventToIcs(event, appUrl(), person.locale, { method, organizer: organizer(), attendee: { name: person.name, email: person.email } }),
          },
        ]
      : undefined,
  };
}

/** Sends a registrant the email about their own registration (see `registrantMail`). */
async function mailRegistrant(person: Registrant, event: Event, kind: RegistrantMail) {
  await sendMail(registrantMail(person, event, kind));
}

/** A recipient of an event notification as a registrant with the given status. */
const asRegistrant = (recipient: MailRecipient, status: Registrant["status"]): Registrant => ({ ...recipient, userId: recipient.id, status });

/** One person, as a registrant with the given status, for an email (contact details from auth). */
function registrant(userId: number, status: Registrant["status"]): Registrant | undefined {
  return registrants([userId], status)[0];
}

/** Several people, as registrants with the given status, for emails: one query through auth. */
function registrants(userIds: readonly number[], status: Registrant["status"]): Registrant[] {
  return mailContactsOf(userIds).map(({ id, ...contact }) => ({ userId: id, status, ...contact }));
}

/**
 * People moved from the waitlist into a seat: a notification, whose email (when they take events
 * by email) carries the calendar file.
 */
export function tellPromoted(promoted: ReadonlyArray<{ userId: number }>, event: Event) {
  notify({
    type: "event.promoted",
    recipients: promoted.map((p) => p.userId),
    subject: { type: "event", id: event.id },
    email: (recipient) => registrantMail(asRegistrant(recipient, "confirmed"), event, "promoted"),
  });
}

/**
 * Registers a person and emails them the outcome; a confirmed seat comes with the calendar file,
 * written with the event's sequence as it is after the write (so it is above any removal notice
 * the person got for an earlier registration). `write` runs the database write (a one-time form
 * token guard passes its own; see form-token.ts).
 */
export async function registerAndNotify(
  event: Event,
  userId: number,
  input: { organisationId?: number; answers: string[] },
  write: WriteStep<ReturnType<typeof register>> = writeNow,
) {
  const result = write(() => register(event.id, userId, input));
  if (result.ok) {
    const person = registrant(userId, result.status);
    const current = findEventById(event.id) ?? event;
    if (person) await mailRegistrant(person, current, result.status === "confirmed" ? "confirmed" : "waitlisted");
  }
  return result;
}

/**
 * A person cancels their own registration and gets an email confirming it, in their language.
 * Someone who held a seat also gets a calendar file that removes the entry (same UID,
 * METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE above every invitation they got; see
 * `cancelRegistration`); someone leaving the waitlist never had one, so gets none. People moved
 * into the freed seat are told as well.
 */
export async function cancelRegistrationAndNotify(event: Event, userId: number) {
  const result = cancelRegistration(event.id, userId);
  if (result.ok) {
    const current = findEventById(event.id) ?? event;
    const person = registrant(userId, result.status);
    if (person) {
      const asCancelled = result.cancelSequence === null ? current : { ...current, sequence: result.cancelSequence };
      await mailRegistrant(person, asCancelled, "unregistered");
    }
    tellPromoted(result.promoted, current);
  }
  return result;
}

/**
 * Saves an edit. When the time, place or online link of a published event changed, every
 * registrant and follower gets an in-app notification and an email with the new details; people with a seat
 * also get the updated calendar file (same UID, higher SEQUENCE). People promoted by a larger
 * capacity are told too.
 */
export async function updateEventAndNotify(event: Event, input: Parameters<typeof updateEvent>[1]) {
  const result = updateEvent(event.id, input);
  if (result.ok) {
    const updated = findEventById(event.id)!;
    const promotedIds = new Set(result.promoted.map((p) => p.userId));
    tellPromoted(result.promoted, updated);
    if (result.moved) {
      // The promoted already got the new details (and calendar file) with their confirmation.
      const people = new Map(registrantsToTell(event.id).filter((p) => !promotedIds.has(p.userId)).map((p) => [p.userId, p]));
      notify({
        type: "event.moved",
        // Followers are told too, with the standard email (they hold no seat for a calendar file).
        recipients: [...people.keys(), ...eventFollowers(event.id)],
        subject: { type: "event", id: event.id },
        data: { startsAt: updated.startsAt.getTime(), endsAt: updated.endsAt.getTime(), place: updated.format === "online" ? null : (eventLocation(updated) ?? "—") },
        email: (recipient) => {
          const registrant = people.get(recipient.id);
          return registrant ? registrantMail(asRegistrant(recipient, registrant.status), updated, "changed") : null;
        },
      });
    }
  }
  return result;
}

/**
 * Cancels a published event. Every registrant and follower gets an in-app notification and an email with the
 * reason; people with a seat also get a calendar file that removes the entry (METHOD:CANCEL,
 * STATUS:CANCELLED, same UID, higher SEQUENCE).
 */
export async function cancelEventAndNotify(event: Event, reason: string) {
  const result = cancelEvent(event.id, reason);
  if (result.ok) {
    const cancelled = findEventById(event.id)!;
    const status = new Map(registrantsToTell(event.id).map((p) => [p.userId, p.status]));
    notify({
      type: "event.cancelled",
      recipients: [...status.keys(), ...eventFollowers(event.id)],
      subject: { type: "event", id: event.id },
      data: { reason },
      email: (recipient) => {
        const seat = status.get(recipient.id);
        return seat ? registrantMail(asRegistrant(recipient, seat), cancelled, "cancelled", { reason }) : null;
      },
    });
  }
  return result;
}
export * from "./follows.ts";
export * from "./stats.ts";
export * from "./api.ts";
export * from "./home.ts";
export { eventPlaceSql, searchEvents } from "./search.ts";
export * from "./sitemap.ts";
