/**
 * Crash (issue 14): the built server is killed with SIGKILL (`kill -9`) again and again while
 * clients post real forms — event registrations, discussion replies, exchange listings, initiative
 * partner requests — and restarted on the same database file each time.
 *
 * After each kill: `PRAGMA integrity_check`, and the mail queue's rows not yet sent (state pending
 * or sending) are noted. Besides the mail the writes themselves queue, the scenario queues a few
 * messages of its own just before each kill (as another process would), so every kill has mail
 * waiting. Once the load stops: every write a client saw acknowledged (a 2xx/3xx answer received)
 * must be in the database, and every message noted at a kill must reach the "sent" state (with
 * MAIL_TRANSPORT=outbox the worker "delivers" by copying the row into the outbox table and marking
 * it sent, in one transaction), exactly once in the outbox. A row a killed worker had claimed
 * ("sending") is retried when its lease ends (MAIL_LEASE_MS), so the wait allows for that.
 */
import { inArray, like } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { enqueueMail, MAIL_LEASE_MS } from "#app/.server/mail-queue.ts";
import { sendAll, type WriteOp, type WriteOutcome } from "./forms.ts";
import { checkAcknowledged, checkSeats, checkThreads, describeLedger } from "./ledger.ts";
import { between, failureExamples, figure, integrityCheck, keepLog, sleep, soakDatabasePath, startBuiltServer, type BuiltServer, type Figure } from "./shared.ts";
import { makeEvents, makeOpenInitiatives, makeSoakPeople, makeThreads } from "./world.ts";

export type CrashSizes = {
  kills: number;
  /** How long the server runs under load before each kill: a random time in [min, max] ms. */
  upMs: [number, number];
  /** Requests the clients keep in flight. */
  inFlight: number;
  /** People (each owning an organisation) the clients act as. */
  people: number;
  /** Messages the scenario queues just before each kill. */
  mailPerKill: number;
  /** Writes prepared (the load stops early if they run out). */
  writes: number;
};

/** `npm run soak`: the 25 kills. */
export const CRASH_FULL: CrashSizes = { kills: 25, upMs: [1_500, 4_000], inFlight: 16, people: 12, mailPerKill: 10, writes: 8_000 };
/** The test command (tests/http/soak-crash.test.ts). */
export const CRASH_SMALL: CrashSizes = { kills: 3, upMs: [1_500, 2_500], inFlight: 8, people: 6, mailPerKill: 5, writes: 1_200 };

export type CrashResult = {
  sizes: CrashSizes;
  figures: Figure[];
  kills: number;
  /** Restarts that became healthy, and the slowest one (ms from start to a healthy /healthz). */
  restarts: number;
  slowestRestartMs: number;
  /** integrity_check after each kill (and once at the end), e.g. ["ok", "ok", …]. */
  integrity: string[];
  ledger: ReturnType<typeof checkAcknowledged>;
  /** Writes with no answer (connection reset or refused while the server was down or dying). */
  unanswered: number;
  /** Of those, how many were written anyway (a kill after the commit, before the answer). */
  unansweredWritten: number;
  /** Answers 5xx (a server that is up must never answer one). */
  serverErrors: number;
  failures: string[];
  /** Mail rows not yet sent at a kill (queued by writes, or by the scenario), and how many reached "sent" after the restarts. */
  mailQueuedAtKills: number;
  mailQueuedByScenario: number;
  mailSentAfterRestart: number;
  /** Scenario messages found in the outbox more than once, or never. */
  mailDuplicates: number;
  mailMissing: number;
  mailWaitMs: number;
  seats: ReturnType<typeof checkSeats>;
  threads: ReturnType<typeof checkThreads>;
  exitCode: number | null;
};

const SUITE = "Crash";

/** Runs the scenario at `sizes` on the database file of DATABASE_PATH and measures it. */
export async function runCrash(sizes: CrashSizes): Promise<CrashResult> {
  const { people } = makeSoakPeople(sizes.people);
  const perKind = Math.ceil(sizes.writes / 4);
  const events = makeEvents(Math.ceil(perKind / sizes.people), 3);
  const threads = makeThreads(3);
  const initiatives = makeOpenInitiatives(Math.ceil(perKind / sizes.people));
  const run = crypto.randomUUID().slice(0, 6);

  // The writes, the four kinds interleaved; each registration and partnership pair used once.
  const lists: WriteOp[][] = [
    events.flatMap((event) => people.map((person) => ({ kind: "registration" as const, userId: person.userId, eventId: event.id, eventSlug: event.slug }))),
    Array.from({ length: perKind }, (_, i) => ({ kind: "reply" as const, userId: people[i % people.length]!.userId, threadId: threads[i % threads.length]!, marker: `soak-k${run}-r${i}` })),
    Array.from({ length: perKind }, (_, i) => {
      const person = people[i % people.length]!;
      return { kind: "listing" as const, userId: person.userId, organisationId: person.organisationId, marker: `soak-k${run}-l${i}` };
    }),
    initiatives.flatMap((initiative) =>
      people.map((person) => ({ kind: "partnerRequest" as const, userId: person.userId, initiativeId: initiative.id, initiativeSlug: initiative.slug, organisationId: person.organisationId })),
    ),
  ];
  const ops: WriteOp[] = [];
  for (let i = 0; i < perKind; i++) for (const list of lists) if (list[i]) ops.push(list[i]!);
  const tokens = new Map(people.map((person) => [person.userId, person.token]));

  const env = { DATABASE_PATH: soakDatabasePath() };
  let server: BuiltServer = await startBuiltServer(env);
  const target = { origin: server.origin };
  let up: Promise<void> = Promise.resolve();
  let stopped = false;
  const logs: string[] = [];
  // A request without an answer waits for the restart before the lane sends its next one.
  const load = sendAll(target, tokens, ops, sizes.inFlight, { stop: () => stopped, gate: () => up });

  const integrity: string[] = [];
  const restartMs: number[] = [];
  const queuedAtKills = new Map<number, boolean>();
  const scenarioMarkers: string[] = [];
  let exitCode: number | null = null;
  try {
    for (let kill = 1; kill <= sizes.kills; kill++) {
      await sleep(between(...sizes.upMs));
      for (let i = 0; i < sizes.mailPerKill; i++) {
        const marker = `soak-mail-${run}-${kill}-${i}`;
        enqueueMail({ to: "soak@prueba.pe", subject: `Prueba de cola ${marker}`, text: `Mensaje ${marker}`, locale: "es" });
        scenarioMarkers.push(marker);
      }
      await sleep(between(0, 300));
      let restarted!: () => void;
      up = new Promise((resolve) => (restarted = resolve));
      server.child.kill("SIGKILL");
      await server.exited;
      logs.push(server.output());
      integrity.push(integrityCheck());
      const q = schema.mailQueue;
      for (const row of db.select({ id: q.id, forget: q.forgetAfterSend }).from(q).where(inArray(q.state, ["pending", "sending"])).all()) queuedAtKills.set(row.id, row.forget);
      const started = Date.now();
      server = await startBuiltServer(env);
      restartMs.push(Date.now() - started);
      target.origin = server.origin;
      restarted();
    }
    await sleep(between(...sizes.upMs));
  } finally {
    stopped = true;
  }
  const outcomes: WriteOutcome[] = await load;

  // Mail noted at the kills reaches "sent" (a row claimed by a killed worker after its lease).
  const waitStarted = Date.now();
  const sentOf = () => {
    const ids = [...queuedAtKills.keys()];
    const rows = new Map(ids.length === 0 ? [] : db.select({ id: schema.mailQueue.id, state: schema.mailQueue.state }).from(schema.mailQueue).where(inArray(schema.mailQueue.id, ids)).all().map((r) => [r.id, r.state]));
    // A row kept only until sent (forgetAfterSend) is deleted once delivered.
    return ids.filter((id) => rows.get(id) === "sent" || (queuedAtKills.get(id) && !rows.has(id))).length;
  };
  while (sentOf() < queuedAtKills.size && Date.now() - waitStarted < MAIL_LEASE_MS + 20_000) await sleep(500);
  const mailWaitMs = Date.now() - waitStarted;
  const mailSentAfterRestart = sentOf();
  exitCode = await server.stop();
  logs.push(server.output());
  keepLog("crash-server", logs.join("\n----- kill -9 -----\n"));
  integrity.push(integrityCheck());

  const copies = new Map<string, number>();
  for (const row of db.select({ text: schema.outbox.text }).from(schema.outbox).where(like(schema.outbox.text, `Mensaje soak-mail-${run}-%`)).all()) {
    const marker = row.text.slice("Mensaje ".length).split("\n")[0]!;
    copies.set(marker, (copies.get(marker) ?? 0) + 1);
  }
  const mailDuplicates = scenarioMarkers.filter((m) => (copies.get(m) ?? 0) > 1).length;
  const mailMissing = scenarioMarkers.filter((m) => !copies.has(m)).length;

  const ledger = checkAcknowledged(outcomes);
  const unanswered = outcomes.filter((o) => o.status === 0);
  const unansweredWritten = checkAcknowledged(unanswered.map((o) => ({ ...o, acknowledged: true }))).total;
  const serverErrors = outcomes.filter((o) => o.status >= 500).length;
  const seats = checkSeats(events);
  const threadCheck = checkThreads(threads);
  const integrityOk = integrity.filter((r) => r === "ok").length;
  const slowestRestartMs = Math.max(0, ...restartMs);

  const size = `${sizes.kills} × kill -9`;
  const figures: Figure[] = [
    figure(SUITE, `restarts healthy after kill -9 (${size})`, restartMs.length, `${sizes.kills}`, restartMs.length === sizes.kills, `slowest ${slowestRestartMs} ms to a healthy /healthz`),
    figure(SUITE, `integrity_check ok after each kill and at the end (${size})`, `${integrityOk}/${integrity.length}`, `${integrity.length}/${integrity.length}`, integrityOk === integrity.length),
    figure(SUITE, `acknowledged writes missing from the database (${size})`, ledger.total.missing, "0", ledger.total.missing === 0, describeLedger(ledger)),
    figure(SUITE, `writes without an answer (in doubt at a kill) (${size})`, unanswered.length, "(measured)", true, `${unansweredWritten.acknowledged - unansweredWritten.missing} of them written before the kill`),
    figure(SUITE, `answers 5xx (${size})`, serverErrors, "0", serverErrors === 0),
    figure(
      SUITE,
      `queued mail not yet sent at a kill, sent after the restart (${size})`,
      `${mailSentAfterRestart}/${queuedAtKills.size}`,
      "all",
      mailSentAfterRestart === queuedAtKills.size,
      `${scenarioMarkers.length} queued by the scenario just before the kills; ${(mailWaitMs / 1000).toFixed(1)} s to drain after the load`,
    ),
    figure(SUITE, `scenario mail delivered twice or never (${size})`, mailDuplicates + mailMissing, "0", mailDuplicates + mailMissing === 0, `${mailDuplicates} twice, ${mailMissing} never`),
    figure(SUITE, `events overbooked (${size})`, seats.overbookedEvents, "0", seats.overbookedEvents === 0, `${seats.confirmed} confirmed, ${seats.waitlisted} waitlisted in ${seats.events} events`),
    figure(SUITE, `threads with post numbers or counters out of step (${size})`, threadCheck.broken, "0", threadCheck.broken === 0, `${threadCheck.threads} threads, ${threadCheck.posts} posts`),
    figure(SUITE, `server exit code on SIGTERM at the end (${size})`, String(exitCode), "0", exitCode === 0),
  ];
  return {
    sizes,
    figures,
    kills: sizes.kills,
    restarts: restartMs.length,
    slowestRestartMs,
    integrity,
    ledger,
    unanswered: unanswered.length,
    unansweredWritten: unansweredWritten.acknowledged - unansweredWritten.missing,
    serverErrors,
    failures: failureExamples(outcomes.filter((o) => o.status >= 500)),
    mailQueuedAtKills: queuedAtKills.size,
    mailQueuedByScenario: scenarioMarkers.length,
    mailSentAfterRestart,
    mailDuplicates,
    mailMissing,
    mailWaitMs,
    seats,
    threads: threadCheck,
    exitCode,
  };
}
