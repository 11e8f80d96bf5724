/**
 * Concurrency (issue 14): several client processes post real forms — last-seat event
 * registrations, discussion replies, initiative partner requests and exchange confirmations — to
 * several built servers (`node build/server.js`) that all serve ONE SQLite file.
 *
 * Why servers and clients both: SQLite contention only exists between processes (inside one
 * server better-sqlite3 runs one statement at a time), and a SQLITE_BUSY only "reaches a user"
 * through a server's answer. So the writers contending for the file are N server processes (as
 * with a process manager running several instances of `npm start` on one machine), each fed by
 * its own client process posting the forms a browser posts (session cookie, Origin, form token),
 * and a BUSY that escaped busy_timeout would show as a 5xx answer and in the server's log. The
 * clients are separate processes so they never share one event loop with the orchestrator.
 *
 * The writes are arranged to collide: every client goes through the same events in the same
 * order (each has a few seats and a waitlist, so several processes race for the last seat);
 * replies go to a few shared threads (post numbers race); each organisation's owner and an
 * editor from the next client request the same partnership and confirm the same exchange at
 * about the same time (exactly one may win each).
 */
import { eq, inArray } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import type { WriteOp, WriteOutcome } from "./forms.ts";
import { checkAcknowledged, checkSeats, checkThreads, describeLedger } from "./ledger.ts";
import { busyLines, failureExamples, figure, keepLog, integrityCheck, percentile, runChild, soakDatabasePath, startBuiltServer, type BuiltServer, type Figure } from "./shared.ts";
import type { WritePlan, WriteReport } from "./write-client.ts";
import { makeEditor, makeEvents, makeOpenInitiatives, makePendingExchanges, makeSoakPeople, makeThreads, type SoakPerson } from "./world.ts";

export type ConcurrencySizes = {
  /** Client processes (≥ 2: each one's organisations are shared with the next). */
  processes: number;
  /** Writes each client process sends, a quarter of each kind. */
  writesPerProcess: number;
  /** Built servers on the one database file; client i posts to server i mod servers. */
  servers: number;
  /** Requests each client keeps in flight. */
  inFlight: number;
  /** People (each owning an organisation) per client. */
  peoplePerProcess: number;
  /** Seats of each event (the rest of its registrants wait). */
  seats: number;
  /** Threads the replies share. */
  threads: number;
};

/** `npm run soak`: the issue's 8 processes × 500 writes. */
export const CONCURRENCY_FULL: ConcurrencySizes = { processes: 8, writesPerProcess: 500, servers: 8, inFlight: 4, peoplePerProcess: 6, seats: 3, threads: 4 };
/** The test command (tests/http/soak-concurrency.test.ts): the same races, fewer writes. */
export const CONCURRENCY_SMALL: ConcurrencySizes = { processes: 4, writesPerProcess: 60, servers: 4, inFlight: 3, peoplePerProcess: 3, seats: 2, threads: 2 };

export type ConcurrencyResult = {
  sizes: ConcurrencySizes;
  figures: Figure[];
  writes: number;
  /** Status code → count, per kind ("0" = no answer). */
  statuses: Record<string, Record<string, number>>;
  ledger: ReturnType<typeof checkAcknowledged>;
  /** Acknowledged writes present twice, or written although the client was told no. */
  doubleAnswers: number;
  phantomWrites: number;
  seats: ReturnType<typeof checkSeats>;
  threads: ReturnType<typeof checkThreads>;
  failedAnswers: number;
  /** A few of the failed requests, and where the servers' logs were kept. */
  failures: string[];
  logs: string[];
  busyInLogs: string[];
  integrity: string;
  serverExitCodes: (number | null)[];
  durationMs: number;
  p99Ms: number;
};

const SUITE = "Concurrency";

/** Runs the scenario at `sizes` on the database file of DATABASE_PATH and measures it. */
export async function runConcurrency(sizes: ConcurrencySizes): Promise<ConcurrencyResult> {
  const { processes: n, writesPerProcess: w, peoplePerProcess: peopleCount } = sizes;
  if (n < 2) throw new Error("the concurrency scenario needs at least 2 client processes");
  const quota = Math.ceil(w / 4);

  // ---- The world ----
  const clients = Array.from({ length: n }, () => makeSoakPeople(peopleCount));
  // Person p of client c also edits the organisation of person p of client c − 1.
  for (let c = 0; c < n; c++) {
    const previous = clients[(c + n - 1) % n]!;
    clients[c]!.persons.forEach((person, p) => makeEditor(previous.people[p]!.organisationId, person));
  }
  const events = makeEvents(Math.ceil(quota / peopleCount), sizes.seats);
  const threads = makeThreads(sizes.threads);
  const perInitiative = 2 * peopleCount;
  const initiatives = makeOpenInitiatives(Math.ceil(quota / perInitiative));
  const exchanges = makePendingExchanges(
    clients.flatMap((client) => client.people.map((person) => person.organisationId)),
    Math.ceil(quota / perInitiative),
  );

  // ---- The plans: per client, the four kinds interleaved ----
  const plans = clients.map((client, c) => {
    const previous = clients[(c + n - 1) % n]!.people;
    const managed = (p: number): [SoakPerson, number][] => [
      [client.people[p]!, client.people[p]!.organisationId],
      [client.people[p]!, previous[p]!.organisationId],
    ];
    const registrations: WriteOp[] = events.flatMap((event) =>
      client.people.map((person) => ({ kind: "registration" as const, userId: person.userId, eventId: event.id, eventSlug: event.slug })),
    );
    const replies: WriteOp[] = Array.from({ length: quota }, (_, i) => ({
      kind: "reply" as const,
      userId: client.people[i % peopleCount]!.userId,
      threadId: threads[i % threads.length]!,
      marker: `soak-c${c}-r${i}-${crypto.randomUUID().slice(0, 8)}`,
    }));
    const requests: WriteOp[] = initiatives.flatMap((initiative) =>
      client.people.flatMap((_, p) =>
        managed(p).map(([person, organisationId]) => ({
          kind: "partnerRequest" as const,
          userId: person.userId,
          initiativeId: initiative.id,
          initiativeSlug: initiative.slug,
          organisationId,
        })),
      ),
    );
    const confirmations: WriteOp[] = Array.from({ length: Math.ceil(quota / perInitiative) }, (_, round) =>
      client.people.flatMap((_, p) =>
        managed(p).map(([person, organisationId]) => ({ kind: "exchangeConfirmation" as const, userId: person.userId, exchangeId: exchanges.get(organisationId)![round]! })),
      ),
    ).flat();
    const lists = [registrations, replies, requests, confirmations].map((list) => list.slice(0, quota));
    const ops: WriteOp[] = [];
    for (let i = 0; ops.length < w && i < quota; i++) for (const list of lists) if (ops.length < w && list[i]) ops.push(list[i]!);
    const tokens = Object.fromEntries(client.people.map((person) => [person.userId, person.token]));
    return { ops, tokens };
  });

  // ---- The servers, the clients, the load ----
  const servers: BuiltServer[] = [];
  let reports: WriteReport[];
  let durationMs: number;
  const exitCodes: (number | null)[] = [];
  try {
    for (let s = 0; s < sizes.servers; s++) servers.push(await startBuiltServer({ DATABASE_PATH: soakDatabasePath() }));
    const startAt = Date.now() + 1_500;
    reports = await Promise.all(
      plans.map((plan, c) =>
        runChild<WritePlan, WriteReport>("scripts/soak/write-client.ts", {
          origin: servers[c % servers.length]!.origin,
          startAt,
          inFlight: sizes.inFlight,
          tokens: plan.tokens,
          ops: plan.ops,
        }),
      ),
    );
    durationMs = Date.now() - startAt;
  } finally {
    for (const server of servers) exitCodes.push(await server.stop());
  }
  const outcomes: WriteOutcome[] = plans.flatMap((plan, c) => plan.ops.map((op, i) => ({ op, ...reports[c]!.outcomes[i]! })));

  // ---- What the clients saw, against the database ----
  const statuses: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    const row = (statuses[o.op.kind] ??= {});
    row[String(o.status)] = (row[String(o.status)] ?? 0) + 1;
  }
  const failedAnswers = outcomes.filter((o) => o.status === 0 || o.status >= 500).length;
  const ledger = checkAcknowledged(outcomes);
  const seats = checkSeats(events);
  const threadCheck = checkThreads(threads);
  const { doubleAnswers, phantomWrites, wrongStatus } = crossCheck(outcomes, events.map((e) => e.id), initiatives.map((i) => i.id), [...exchanges.values()].flat(), threads);
  const busyInLogs = servers.flatMap((server) => busyLines(server.output()));
  const logs = servers.map((server, i) => keepLog(`concurrency-server-${i + 1}`, server.output()));
  const failures = failureExamples(outcomes);
  const integrity = integrityCheck();
  const p99Ms = percentile(outcomes.map((o) => o.ms), 99);

  const size = `${n} processes × ${w} writes, ${sizes.servers} servers on one file`;
  const writes = outcomes.length;
  const figures: Figure[] = [
    figure(SUITE, `writes sent (${size})`, writes, `${n * w}`, writes === n * w, kindsNote(statuses)),
    figure(SUITE, `acknowledged writes missing from the database (${size})`, ledger.total.missing, "0", ledger.total.missing === 0, describeLedger(ledger)),
    figure(SUITE, `events overbooked (${size})`, seats.overbookedEvents, "0", seats.overbookedEvents === 0, `${seats.events} events of ${sizes.seats} seats; ${seats.confirmed} confirmed, ${seats.waitlisted} waitlisted`),
    figure(SUITE, `events with a free seat while people wait (${size})`, seats.emptySeatsWhileWaiting, "0", seats.emptySeatsWhileWaiting === 0),
    figure(SUITE, `events whose waitlist order differs from registration order (${size})`, seats.orderBroken, "0", seats.orderBroken === 0),
    figure(SUITE, `registrations answered with the wrong status (${size})`, wrongStatus, "0", wrongStatus === 0, "flash message vs. row"),
    figure(SUITE, `threads with post numbers or counters out of step (${size})`, threadCheck.broken, "0", threadCheck.broken === 0, `${threadCheck.threads} threads, ${threadCheck.posts} posts`),
    figure(SUITE, `partnerships or exchanges answered twice (${size})`, doubleAnswers, "0", doubleAnswers === 0),
    figure(SUITE, `writes present although refused to the client (${size})`, phantomWrites, "0", phantomWrites === 0),
    figure(SUITE, `answers 5xx or none (SQLITE_BUSY reaching a user) (${size})`, failedAnswers, "0", failedAnswers === 0, failures.join("; ") || undefined),
    figure(SUITE, `SQLITE_BUSY / "database is locked" lines in server logs (${size})`, busyInLogs.length, "0", busyInLogs.length === 0),
    figure(SUITE, `PRAGMA integrity_check (${size})`, integrity, "ok", integrity === "ok"),
    figure(SUITE, `servers exiting 0 on SIGTERM afterwards (${size})`, exitCodes.filter((c) => c === 0).length, `${sizes.servers}`, exitCodes.every((c) => c === 0)),
    figure(SUITE, `write throughput (${size})`, Math.round((writes / durationMs) * 1000), "(measured)", true, `writes/s over ${(durationMs / 1000).toFixed(1)} s; p99 ${p99Ms} ms`),
  ];
  return {
    sizes,
    figures,
    writes,
    statuses,
    ledger,
    doubleAnswers,
    phantomWrites,
    seats,
    threads: threadCheck,
    failedAnswers,
    failures,
    logs,
    busyInLogs,
    integrity,
    serverExitCodes: exitCodes,
    durationMs,
    p99Ms,
  };
}

/** "registration 302×60; partnerRequest 302×32 409×28; …": the answers per kind of write. */
function kindsNote(statuses: Record<string, Record<string, number>>) {
  return Object.entries(statuses)
    .map(([kind, counts]) => `${kind} ${Object.entries(counts).map(([status, times]) => `${status}×${times}`).join(" ")}`)
    .join("; ");
}

/**
 * The answers against the rows, beyond presence: a registration's flash said confirmed or
 * waitlisted as the row says (`wrongStatus`); no partnership or exchange was acknowledged to two
 * clients (`doubleAnswers`); and nothing was written that its client was refused — every live
 * registration, partnership, confirmed exchange and reply of the scenario was acknowledged to
 * someone (`phantomWrites`; no server died here, so every write got its answer).
 */
function crossCheck(outcomes: readonly WriteOutcome[], eventIds: number[], initiativeIds: number[], exchangeIds: number[], threadIds: number[]) {
  const acked = outcomes.filter((o) => o.acknowledged);
  const keyOf = (o: WriteOutcome) => {
    const op = o.op;
    switch (op.kind) {
      case "registration":
        return `r:${op.eventId}:${op.userId}`;
      case "partnerRequest":
        return `p:${op.initiativeId}:${op.organisationId}`;
      case "exchangeConfirmation":
        return `x:${op.exchangeId}`;
      case "reply":
        return `m:${op.marker}`;
      case "listing":
        return `l:${op.marker}`;
    }
  };
  const ackedKeys = new Map<string, number>();
  for (const o of acked) ackedKeys.set(keyOf(o), (ackedKeys.get(keyOf(o)) ?? 0) + 1);
  const doubleAnswers = [...ackedKeys.values()].filter((times) => times > 1).length;

  const r = schema.eventRegistrations;
  const registrations = db.select({ eventId: r.eventId, userId: r.userId, status: r.status }).from(r).where(inArray(r.eventId, eventIds)).all();
  const ip = schema.initiativePartners;
  const partners = db.select({ initiativeId: ip.initiativeId, organisationId: ip.organisationId }).from(ip).where(inArray(ip.initiativeId, initiativeIds)).all();
  const x = schema.exchanges;
  const confirmedIds = db.select({ id: x.id, status: x.status }).from(x).where(inArray(x.id, exchangeIds)).all().filter((row) => row.status === "confirmed");
  const p = schema.discussionPosts;
  const replyCount = threadIds.reduce((sum, threadId) => sum + db.select({ id: p.id }).from(p).where(eq(p.threadId, threadId)).all().length - 1, 0);
  const present = [
    ...registrations.map((row) => `r:${row.eventId}:${row.userId}`),
    ...partners.map((row) => `p:${row.initiativeId}:${row.organisationId}`),
    ...confirmedIds.map((row) => `x:${row.id}`),
  ];
  const ackedReplies = acked.filter((o) => o.op.kind === "reply").length;
  const phantomWrites = present.filter((key) => !ackedKeys.has(key)).length + Math.max(0, replyCount - ackedReplies);

  const statusOf = new Map(registrations.map((row) => [`r:${row.eventId}:${row.userId}`, row.status]));
  const wrongStatus = acked.filter((o) => o.op.kind === "registration" && o.flash !== `ev.register.${statusOf.get(keyOf(o))}`).length;
  return { doubleAnswers, phantomWrites, wrongStatus };
}
