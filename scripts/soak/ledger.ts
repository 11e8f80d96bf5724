// The database side of the soak scenarios: is every write a client saw acknowledged there, and
// did concurrent writers leave each shared thing consistent (seats, post numbers, answers)?
import { and, eq, inArray, like } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { WRITE_KINDS, type WriteKind, type WriteOutcome } from "./forms.ts";

/** Per kind of write: how many the clients saw acknowledged, how many of those are missing from the database. */
export type LedgerCount = { acknowledged: number; missing: number };
export type Ledger = Record<WriteKind, LedgerCount> & { total: LedgerCount; missingExamples: string[] };

const MARKER = /soak-[a-z0-9-]+/;

/**
 * Looks up every acknowledged write of `outcomes` in the database: a registration is its live
 * (event, person) row; a reply is a post in that thread carrying its marker; a partner request is
 * the live (initiative, organisation) row; an exchange confirmation is the exchange confirmed by
 * that person; a listing is a listing whose title carries its marker. A few batched queries.
 */
export function checkAcknowledged(outcomes: readonly WriteOutcome[]): Ledger {
  const acked = outcomes.filter((o) => o.acknowledged);
  const answerOf = new Map(acked.map((o) => [o.op, o]));
  const of = <K extends WriteKind>(kind: K) => acked.map((o) => o.op).filter((op): op is Extract<WriteOutcome["op"], { kind: K }> => op.kind === kind);
  const ledger = Object.fromEntries(WRITE_KINDS.map((kind) => [kind, { acknowledged: 0, missing: 0 }])) as Record<WriteKind, LedgerCount>;
  const missingExamples: string[] = [];
  const count = (kind: WriteKind, present: boolean, what: string, op: WriteOutcome["op"]) => {
    ledger[kind].acknowledged += 1;
    if (!present) {
      ledger[kind].missing += 1;
      const answer = answerOf.get(op);
      if (missingExamples.length < 10) missingExamples.push(`${kind} ${what}: answered ${answer?.status} ${answer?.location ?? ""} ${answer?.flash ?? ""} at ${answer ? new Date(answer.endedAt).toISOString() : "?"}`);
    }
  };

  const registrations = of("registration");
  const r = schema.eventRegistrations;
  const liveRegistrations = new Set(
    registrations.length === 0
      ? []
      : db
          .select({ eventId: r.eventId, userId: r.userId })
          .from(r)
          .where(and(inArray(r.eventId, [...new Set(registrations.map((o) => o.eventId))]), inArray(r.status, ["confirmed", "waitlisted"])))
          .all()
          .map((row) => `${row.eventId}:${row.userId}`),
  );
  for (const op of registrations) count("registration", liveRegistrations.has(`${op.eventId}:${op.userId}`), `event ${op.eventId} user ${op.userId}`, op);

  const replies = of("reply");
  const p = schema.discussionPosts;
  const postedMarkers = new Set(
    replies.length === 0
      ? []
      : db
          .select({ threadId: p.threadId, body: p.body })
          .from(p)
          .where(inArray(p.threadId, [...new Set(replies.map((o) => o.threadId))]))
          .all()
          .map((row) => `${row.threadId}:${MARKER.exec(row.body)?.[0] ?? ""}`),
  );
  for (const op of replies) count("reply", postedMarkers.has(`${op.threadId}:${op.marker}`), op.marker, op);

  const requests = of("partnerRequest");
  const ip = schema.initiativePartners;
  const livePartners = new Set(
    requests.length === 0
      ? []
      : db
          .select({ initiativeId: ip.initiativeId, organisationId: ip.organisationId })
          .from(ip)
          .where(and(inArray(ip.initiativeId, [...new Set(requests.map((o) => o.initiativeId))]), inArray(ip.state, ["requested", "invited", "active"])))
          .all()
          .map((row) => `${row.initiativeId}:${row.organisationId}`),
  );
  for (const op of requests) count("partnerRequest", livePartners.has(`${op.initiativeId}:${op.organisationId}`), `initiative ${op.initiativeId} org ${op.organisationId}`, op);

  const confirmations = of("exchangeConfirmation");
  const x = schema.exchanges;
  const answered = new Map(
    confirmations.length === 0
      ? []
      : db
          .select({ id: x.id, status: x.status, respondedBy: x.respondedBy })
          .from(x)
          .where(inArray(x.id, [...new Set(confirmations.map((o) => o.exchangeId))]))
          .all()
          .map((row) => [row.id, row] as const),
  );
  for (const op of confirmations) {
    const row = answered.get(op.exchangeId);
    count("exchangeConfirmation", row?.status === "confirmed" && row.respondedBy === op.userId, `exchange ${op.exchangeId} by ${op.userId}`, op);
  }

  const listings = of("listing");
  const l = schema.exchangeListings;
  const listed = new Set(
    listings.length === 0
      ? []
      : db
          .select({ title: l.title })
          .from(l)
          .where(like(l.title, "%soak-%"))
          .all()
          .map((row) => MARKER.exec(row.title)?.[0]),
  );
  for (const op of listings) count("listing", listed.has(op.marker), op.marker, op);

  const total = WRITE_KINDS.reduce((sum, kind) => ({ acknowledged: sum.acknowledged + ledger[kind].acknowledged, missing: sum.missing + ledger[kind].missing }), { acknowledged: 0, missing: 0 });
  return { ...ledger, total, missingExamples };
}

/** "registration 0/1000, reply 0/1000, …": missing of acknowledged, for the kinds that were sent. */
export function describeLedger(ledger: Ledger) {
  return WRITE_KINDS.filter((kind) => ledger[kind].acknowledged > 0)
    .map((kind) => `${kind} ${ledger[kind].missing}/${ledger[kind].acknowledged}`)
    .join(", ");
}

/** Per event: what its registrations look like after concurrent writers. */
export type SeatCheck = {
  events: number;
  /** Events with more confirmed registrations than seats, and the seats given beyond capacity. */
  overbookedEvents: number;
  seatsOverCapacity: number;
  /** Events where a seat stayed free while someone waited. */
  emptySeatsWhileWaiting: number;
  /**
   * Events whose waitlist order (the app's: registration time, then id) differs from the order the
   * registrations were written in (id), or whose seats did not go to the first written.
   */
  orderBroken: number;
  confirmed: number;
  waitlisted: number;
};

/** Checks the seats and waitlists of `events` (`{ id, capacity }`) after the clients are done. */
export function checkSeats(events: readonly { id: number; capacity: number }[]): SeatCheck {
  const r = schema.eventRegistrations;
  const check: SeatCheck = { events: events.length, overbookedEvents: 0, seatsOverCapacity: 0, emptySeatsWhileWaiting: 0, orderBroken: 0, confirmed: 0, waitlisted: 0 };
  for (const event of events) {
    const rows = db
      .select({ id: r.id, status: r.status, createdAt: r.createdAt })
      .from(r)
      .where(and(eq(r.eventId, event.id), inArray(r.status, ["confirmed", "waitlisted"])))
      .orderBy(r.id)
      .all();
    const confirmed = rows.filter((row) => row.status === "confirmed");
    const waiting = rows.filter((row) => row.status === "waitlisted");
    check.confirmed += confirmed.length;
    check.waitlisted += waiting.length;
    if (confirmed.length > event.capacity) {
      check.overbookedEvents += 1;
      check.seatsOverCapacity += confirmed.length - event.capacity;
    }
    if (confirmed.length < event.capacity && waiting.length > 0) check.emptySeatsWhileWaiting += 1;
    const appOrder = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
    const seatsToFirst = rows.slice(0, confirmed.length).every((row) => row.status === "confirmed");
    if (!seatsToFirst || appOrder.some((row, i) => row.id !== rows[i]!.id)) check.orderBroken += 1;
  }
  return check;
}

/** Per thread: post numbers 1..n without gaps or repeats, and the thread's counters agreeing. */
export function checkThreads(threadIds: readonly number[]) {
  const p = schema.discussionPosts;
  const t = schema.discussionThreads;
  let broken = 0;
  let posts = 0;
  for (const threadId of threadIds) {
    const numbers = db.select({ number: p.number }).from(p).where(eq(p.threadId, threadId)).orderBy(p.number).all().map((row) => row.number);
    const thread = db.select({ last: t.lastPostNumber, replies: t.replyCount }).from(t).where(eq(t.id, threadId)).get();
    posts += numbers.length;
    const contiguous = numbers.every((n, i) => n === i + 1);
    if (!contiguous || thread?.last !== numbers.length || thread.replies !== numbers.length - 1) broken += 1;
  }
  return { threads: threadIds.length, posts, broken };
}
