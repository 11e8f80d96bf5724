import { and, asc, count, eq, gt, inArray } from "drizzle-orm";
import { db, isUniqueViolation, schema, type Tx } from "#app/.server/db.ts";
import { uniqueSlug } from "#app/.server/slugs.ts";
import { actingRole, approvedOrganisationIds, approvedOrganisationsNamed, nameKey } from "#app/.server/organisations/index.ts";
import { limaLocalToUtc, parseSpeakers, questionList, type EventInput } from "#app/features/events/schemas.ts";

const e = schema.events;
const r = schema.eventRegistrations;


function columns(input: EventInput) {
  const inPerson = input.format !== "online";
  return {
    title: input.title,
    type: input.type,
    summary: input.summary,
    description: input.description ?? "",
    startsAt: limaLocalToUtc(input.startsAt),
    endsAt: limaLocalToUtc(input.endsAt),
    format: input.format,
    venueName: inPerson ? (input.venueName ?? null) : null,
    venueAddress: inPerson ? (input.venueAddress ?? null) : null,
    city: inPerson ? (input.city ?? null) : null,
    region: inPerson ? (input.region ?? null) : null,
    onlineUrl: input.format !== "in_person" ? (input.onlineUrl ?? null) : null,
    capacity: input.capacity ?? null,
    registrationOpensAt: input.registrationOpensAt ? limaLocalToUtc(input.registrationOpensAt) : null,
    registrationClosesAt: input.registrationClosesAt ? limaLocalToUtc(input.registrationClosesAt) : null,
    questions: questionList(input.questions),
    // The edition is the year of the start date as typed, in Lima.
    forumYear: input.type === "forum" ? (input.forumYear ?? Number(input.startsAt.slice(0, 4))) : null,
  };
}

function writeTags(tx: Tx, eventId: number, input: EventInput) {
  tx.delete(schema.eventOrganisers).where(eq(schema.eventOrganisers.eventId, eventId)).run();
  tx.delete(schema.eventRoadmaps).where(eq(schema.eventRoadmaps.eventId, eventId)).run();
  tx.delete(schema.eventValueChains).where(eq(schema.eventValueChains.eventId, eventId)).run();
  // Only approved organisations can co-organise.
  for (const id of approvedOrganisationIds(input.organisers, tx)) tx.insert(schema.eventOrganisers).values({ eventId, organisationId: id }).run();
  for (const roadmap of input.roadmaps) tx.insert(schema.eventRoadmaps).values({ eventId, roadmap }).run();
  for (const valueChain of input.valueChains) tx.insert(schema.eventValueChains).values({ eventId, valueChain }).run();
}


export function createEvent(coordinatorId: number, input: EventInput) {
  return db.transaction(
    (tx) => {
      const row = tx
        .insert(e)
        .values({ ...columns(input), slug: uniqueSlug(tx, e, input.title), status: "draft", createdBy: coordinatorId })
        .returning({ id: e.id, slug: e.slug })
        .get();
      writeTags(tx, row.id, input);
      return row;
    },
    { behavior: "immediate" },
  );
}

function takenSeats(tx: Tx, eventId: number) {
  return (
    tx
      .select({ n: count() })
      .from(r)
      .where(and(eq(r.eventId, eventId), inArray(r.status, ["confirmed", "attended"])))
      .get()?.n ?? 0
  );
}

/**
 * Saves an edit. Capacity cannot drop below the people already confirmed. A change of time,
 * place or online link bumps the calendar SEQUENCE and is reported (`moved`, for a published
 * event) so registrants can be told.
 */
export function updateEvent(eventId: number, input: EventInput) {
  return db.transaction(
    (tx) => {
      const current = tx.select().from(e).where(eq(e.id, eventId)).get();
      if (!current) return { ok: false, error: "notFound" } as const;
      const next = columns(input);
      const confirmed = takenSeats(tx, eventId);
      if (next.capacity !== null && next.capacity < confirmed) return { ok: false, error: "capacityBelowConfirmed", confirmed } as const;
      const moved =
        current.startsAt.getTime() !== next.startsAt.getTime() ||
        current.endsAt.getTime() !== next.endsAt.getTime() ||
        current.venueName !== next.venueName ||
        current.venueAddress !== next.venueAddress ||
        current.city !== next.city ||
        current.region !== next.region ||
        current.format !== next.format ||
        current.onlineUrl !== next.onlineUrl;
      tx.update(e)
        .set({ ...next, updatedAt: new Date(), sequence: moved ? current.sequence + 1 : current.sequence })
        .where(eq(e.id, eventId))
        .run();
      writeTags(tx, eventId, input);
      // More seats may free places for people on the waitlist.
      const promoted = promoteFromWaitlist(tx, eventId);
      return { ok: true, moved: moved && current.status === "published", promoted } as const;
    },
    { behavior: "immediate" },
  );
}

export function publishEvent(eventId: number) {
  const changed = db.update(e).set({ status: "published", updatedAt: new Date() }).where(and(eq(e.id, eventId), eq(e.status, "draft"))).run().changes;
  return changed === 1 ? ({ ok: true } as const) : ({ ok: false, error: "badState" } as const);
}

export function cancelEvent(eventId: number, reason: string) {
  return db.transaction(
    (tx) => {
      const current = tx.select({ status: e.status, sequence: e.sequence }).from(e).where(eq(e.id, eventId)).get();
      if (!current || current.status !== "published") return { ok: false, error: "badState" } as const;
      tx.update(e)
        .set({ status: "cancelled", cancelReason: reason, sequence: current.sequence + 1, updatedAt: new Date() })
        .where(eq(e.id, eventId))
        .run();
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

export function addSession(
  eventId: number,
  input: { startsAt: string; endsAt: string; title: string; description: string; room?: string; speakers?: string },
) {
  return db.transaction(
    (tx) => {
      const session = tx
        .insert(schema.eventSessions)
        .values({
          eventId,
          startsAt: limaLocalToUtc(input.startsAt),
          endsAt: limaLocalToUtc(input.endsAt),
          title: input.title,
          description: input.description,
          room: input.room ?? null,
        })
        .returning({ id: schema.eventSessions.id })
        .get();
      const speakers = parseSpeakers(input.speakers);
      // Link speakers to member organisations by name, so the programme links to their profile.
      const names = speakers.map((s) => s.organisationName).filter((n): n is string => Boolean(n));
      const members = approvedOrganisationsNamed(names, tx);
      for (const speaker of speakers) {
        const written = speaker.organisationName?.trim() ?? "";
        const match = written
          ? members.find((m) => nameKey(m.name) === nameKey(written) || m.acronym?.toLowerCase() === written.toLowerCase())
          : undefined;
        tx.insert(schema.eventSpeakers).values({ sessionId: session.id, ...speaker, organisationId: match?.id ?? null }).run();
      }
      return session.id;
    },
    { behavior: "immediate" },
  );
}

export function deleteSession(eventId: number, sessionId: number) {
  return db
    .delete(schema.eventSessions)
    .where(and(eq(schema.eventSessions.id, sessionId), eq(schema.eventSessions.eventId, eventId)))
    .run().changes;
}

// ---- Registration --------------------------------------------------------------------------

export type RegistrationRefusal = "notFound" | "cancelled" | "notPublished" | "notOpenYet" | "closed" | "past" | "alreadyRegistered" | "cannotActFor";

/**
 * Registers a person: confirmed while seats remain, otherwise waitlisted. The count and the insert
 * happen in one immediate transaction, so simultaneous registrations for the last seat queue up
 * and capacity is never exceeded.
 */
export function register(
  eventId: number,
  userId: number,
  input: { organisationId?: number; answers: string[] },
  now = new Date(),
): { ok: true; status: "confirmed" | "waitlisted"; registrationId: number } | { ok: false; error: RegistrationRefusal } {
  try {
    return db.transaction(
      (tx) => {
        const event = tx.select().from(e).where(eq(e.id, eventId)).get();
        if (!event) return { ok: false, error: "notFound" } as const;
        if (event.status === "cancelled") return { ok: false, error: "cancelled" } as const;
        if (event.status !== "published") return { ok: false, error: "notPublished" } as const;
        if (event.endsAt <= now) return { ok: false, error: "past" } as const;
        if (event.registrationOpensAt && now < event.registrationOpensAt) return { ok: false, error: "notOpenYet" } as const;
        if ((event.registrationClosesAt && now >= event.registrationClosesAt) || event.startsAt <= now) {
          return { ok: false, error: "closed" } as const;
        }
        if (input.organisationId) {
          if (!actingRole(userId, input.organisationId, tx)) return { ok: false, error: "cannotActFor" } as const;
        }
        const full = event.capacity !== null && takenSeats(tx, eventId) >= event.capacity;
        const status = full ? ("waitlisted" as const) : ("confirmed" as const);
        const answers = event.questions.map((_, i) => (input.answers[i] ?? "").slice(0, 500));
        const row = tx
          .insert(r)
          .values({ eventId, userId, organisationId: input.organisationId ?? null, status, answers, createdAt: now, confirmedAt: full ? null : now })
          .returning({ id: r.id })
          .get();
        return { ok: true, status, registrationId: row.id } as const;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "alreadyRegistered" };
    throw error;
  }
}

/** Moves the longest-waiting people into free seats. Returns the promoted registrations. */
function promoteFromWaitlist(tx: Tx, eventId: number) {
  const event = tx.select({ capacity: e.capacity, status: e.status, startsAt: e.startsAt }).from(e).where(eq(e.id, eventId)).get();
  // Seats only matter for a published event that has not started.
  if (!event || event.status !== "published" || event.startsAt.getTime() <= Date.now()) return [];
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - takenSeats(tx, eventId);
  if (free <= 0) return [];
  const waiting = tx
    .select({ id: r.id, userId: r.userId })
    .from(r)
    .where(and(eq(r.eventId, eventId), eq(r.status, "waitlisted")))
    .orderBy(asc(r.createdAt), asc(r.id))
    .limit(Math.min(free, 10_000))
    .all();
  const now = new Date();
  for (const w of waiting) tx.update(r).set({ status: "confirmed", confirmedAt: now }).where(eq(r.id, w.id)).run();
  return waiting;
}

/**
 * A person cancels their own registration; if they held a seat, the first on the waitlist takes it.
 *
 * Someone who held a seat has the event in their calendar (invitation with SEQUENCE ≤ the event's
 * current `sequence`, s). Their removal notice must carry a higher SEQUENCE, and if they register
 * again, the new invitation a higher one still, or calendar apps ignore it. So the cancellation
 * claims `cancelSequence` = s + 1 for the removal notice and moves the event to s + 2, in the same
 * immediate transaction (so concurrent cancellations and edits never share a number). Other
 * people's calendars only ever see the event's sequence grow, which is harmless.
 *
 * Returns `status`: what the registration was ("confirmed" or "waitlisted"); `cancelSequence` is
 * set only for "confirmed". Errors: "closed" (not a published event that has yet to start),
 * "notRegistered" (no live registration).
 */
export function cancelRegistration(eventId: number, userId: number) {
  return db.transaction((tx) => cancelRegistrationIn(tx, eventId, userId), { behavior: "immediate" });
}

/** `cancelRegistration` inside the caller's immediate transaction (an account closing, issue 13). */
export function cancelRegistrationIn(tx: Tx, eventId: number, userId: number) {
  const event = tx.select({ status: e.status, startsAt: e.startsAt, sequence: e.sequence }).from(e).where(eq(e.id, eventId)).get();
  if (!event || event.status !== "published" || event.startsAt.getTime() <= Date.now()) return { ok: false, error: "closed" } as const;
  const mine = tx
    .select({ id: r.id, status: r.status })
    .from(r)
    .where(and(eq(r.eventId, eventId), eq(r.userId, userId), inArray(r.status, ["confirmed", "waitlisted"])))
    .get();
  if (!mine) return { ok: false, error: "notRegistered" } as const;
  tx.update(r).set({ status: "cancelled", cancelledAt: new Date() }).where(eq(r.id, mine.id)).run();
  if (mine.status !== "confirmed") return { ok: true, status: "waitlisted", cancelSequence: null, promoted: [] } as const;
  const cancelSequence = event.sequence + 1;
  // updatedAt too: DTSTAMP follows it, and the new sequence is a new revision of the event.
  tx.update(e).set({ sequence: cancelSequence + 1, updatedAt: new Date() }).where(eq(e.id, eventId)).run();
  const promoted = promoteFromWaitlist(tx, eventId);
  return { ok: true, status: "confirmed", cancelSequence, promoted } as const;
}

/**
 * The ids of the events a person holds a live registration (confirmed or waitlisted) for that
 * are published and have not started: those an account closing must cancel. One indexed query.
 */
export function upcomingRegistrationsOf(tx: Pick<Tx, "select">, userId: number, now = new Date()): number[] {
  return tx
    .select({ eventId: r.eventId })
    .from(r)
    .innerJoin(e, eq(e.id, r.eventId))
    .where(and(eq(r.userId, userId), inArray(r.status, ["confirmed", "waitlisted"]), eq(e.status, "published"), gt(e.startsAt, now)))
    .all()
    .map((row) => row.eventId);
}

/** Check-in at the door: a confirmed registration becomes attended (and back, to undo a mistake). */
export function setAttended(eventId: number, registrationId: number, attended: boolean) {
  const changed = db
    .update(r)
    .set(attended ? { status: "attended", attendedAt: new Date() } : { status: "confirmed", attendedAt: null })
    .where(and(eq(r.id, registrationId), eq(r.eventId, eventId), eq(r.status, attended ? "confirmed" : "attended")))
    .run().changes;
  return changed === 1;
}

export function saveCover(eventId: number, image: Buffer, contentType: string, hash: string) {
  db.transaction(
    (tx) => {
      tx.insert(schema.eventCovers)
        .values({ eventId, image, contentType, hash })
        .onConflictDoUpdate({ target: schema.eventCovers.eventId, set: { image, contentType, hash } })
        .run();
      tx.update(e).set({ coverHash: hash, updatedAt: new Date() }).where(eq(e.id, eventId)).run();
    },
    { behavior: "immediate" },
  );
}
