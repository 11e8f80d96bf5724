/**
 * Shutdown (issue 14): SIGTERM to the built server while it is under mixed load — many requests in
 * flight, pages read by signed-in people and by anonymous visitors, forms posted (replies,
 * registrations, listings, partner requests). Every request sent before the signal must get a
 * complete answer that is not a 5xx, and the server must exit with code 0 within 10 s.
 *
 * "Sent before the signal": the clients stop starting requests, wait a moment so the last ones
 * have surely left (STOP_TO_SIGNAL_MS), then the signal goes; a request still running then is
 * "in flight at the signal". Requests started after the signal would meet a closed port, which is
 * what a stopped server does; none are started. Each round starts a fresh server on the same
 * database file.
 */
import { sendAll, type ReadOp, type WriteOp, type WriteOutcome } from "./forms.ts";
import { checkAcknowledged, describeLedger } from "./ledger.ts";
import { failureExamples, figure, keepLog, sleep, soakDatabasePath, startBuiltServer, type Figure } from "./shared.ts";
import { makeEvents, makeOpenInitiatives, makeSoakPeople, makeThreads } from "./world.ts";

export type ShutdownSizes = {
  /** SIGTERMs, each to a fresh server under load. */
  rounds: number;
  /** Requests the clients keep in flight. */
  inFlight: number;
  /** How long the load runs before each signal (ms). */
  loadMs: number;
  /** People (each owning an organisation) the signed-in clients act as. */
  people: number;
};

/** `npm run soak`. */
export const SHUTDOWN_FULL: ShutdownSizes = { rounds: 5, inFlight: 64, loadMs: 4_000, people: 16 };
/** The test command (tests/http/soak-shutdown.test.ts). */
export const SHUTDOWN_SMALL: ShutdownSizes = { rounds: 2, inFlight: 32, loadMs: 2_500, people: 8 };

/** Time between the last request started and the signal (ms). */
export const STOP_TO_SIGNAL_MS = 50;
/** How long the server may take to exit after SIGTERM (ms). */
export const EXIT_TARGET_MS = 10_000;

export type ShutdownRound = { inFlightAtSignal: number; failed: number; exitCode: number | null; exitMs: number; requests: number };

export type ShutdownResult = {
  sizes: ShutdownSizes;
  figures: Figure[];
  rounds: ShutdownRound[];
  inFlightAtSignal: number;
  /** Requests sent before the signal without a complete non-5xx answer. */
  failed: number;
  failures: string[];
  slowestExitMs: number;
  exitCodes: (number | null)[];
  ledger: ReturnType<typeof checkAcknowledged>;
};

const SUITE = "Shutdown";

/** Runs the scenario at `sizes` on the database file of DATABASE_PATH and measures it. */
export async function runShutdown(sizes: ShutdownSizes): Promise<ShutdownResult> {
  const { people } = makeSoakPeople(sizes.people);
  const tokens = new Map(people.map((person) => [person.userId, person.token]));
  const threads = makeThreads(2);
  const run = crypto.randomUUID().slice(0, 6);
  const rounds: ShutdownRound[] = [];
  const everything: WriteOutcome<WriteOp | ReadOp>[] = [];
  const logs: string[] = [];

  for (let round = 1; round <= sizes.rounds; round++) {
    // Enough of everything for the round; what is left unsent is simply not sent.
    const events = makeEvents(8, 5);
    const initiatives = makeOpenInitiatives(8);
    const pages: string[] = ["/", "/events", "/initiatives", "/exchange", "/discussions", `/discussions/threads/${threads[0]}`, `/events/${events[0]!.slug}`, `/initiatives/${initiatives[0]!.slug}`];
    const ops: (WriteOp | ReadOp)[] = [];
    // The k-th registration and partner request: each (event or initiative, person) pair once.
    const pair = <T>(list: readonly T[], k: number) => ({ item: list[Math.floor(k / people.length) % list.length]!, who: people[k % people.length]! });
    let registrations = 0;
    let requests = 0;
    for (let i = 0; i < 4_000; i++) {
      const person = people[i % people.length]!;
      switch (i % 8) {
        case 0:
          ops.push({ kind: "reply", userId: person.userId, threadId: threads[i % threads.length]!, marker: `soak-s${run}-${round}-r${i}` });
          break;
        case 1: {
          const { item: event, who } = pair(events, registrations++);
          ops.push({ kind: "registration", userId: who.userId, eventId: event.id, eventSlug: event.slug });
          break;
        }
        case 2:
          ops.push({ kind: "listing", userId: person.userId, organisationId: person.organisationId, marker: `soak-s${run}-${round}-l${i}` });
          break;
        case 3: {
          const { item: initiative, who } = pair(initiatives, requests++);
          ops.push({ kind: "partnerRequest", userId: who.userId, initiativeId: initiative.id, initiativeSlug: initiative.slug, organisationId: who.organisationId });
          break;
        }
        case 4:
        case 5:
          ops.push({ kind: "read", userId: person.userId, path: pages[i % pages.length]! });
          break;
        default:
          ops.push({ kind: "read", userId: null, path: pages[i % pages.length]! });
      }
    }

    const server = await startBuiltServer({ DATABASE_PATH: soakDatabasePath() });
    let stopping = false;
    const load = sendAll(server, tokens, ops, sizes.inFlight, { stop: () => stopping });
    await sleep(sizes.loadMs);
    stopping = true;
    await sleep(STOP_TO_SIGNAL_MS);
    const signalAt = Date.now();
    server.child.kill("SIGTERM");
    const [outcomes, exitCode] = await Promise.all([load, server.exited]);
    const exitMs = Date.now() - signalAt;
    logs.push(server.output());
    const inFlight = outcomes.filter((o) => o.endedAt >= signalAt);
    const failed = outcomes.filter((o) => o.status === 0 || o.status >= 500);
    rounds.push({ inFlightAtSignal: inFlight.length, failed: failed.length, exitCode, exitMs, requests: outcomes.length });
    everything.push(...outcomes);
  }
  keepLog("shutdown-server", logs.join("\n----- SIGTERM -----\n"));

  // Writes acknowledged during the shutdowns are all there.
  const ledger = checkAcknowledged(everything.filter((o): o is WriteOutcome<WriteOp> => o.op.kind !== "read"));
  const inFlightAtSignal = rounds.reduce((sum, r) => sum + r.inFlightAtSignal, 0);
  const failed = rounds.reduce((sum, r) => sum + r.failed, 0);
  const slowestExitMs = Math.max(...rounds.map((r) => r.exitMs));
  const exitCodes = rounds.map((r) => r.exitCode);
  const size = `${sizes.rounds} × SIGTERM, ${sizes.inFlight} requests in flight`;
  const figures: Figure[] = [
    figure(SUITE, `requests in flight at the signal (${size})`, inFlightAtSignal, "(measured)", inFlightAtSignal > 0, `per round: ${rounds.map((r) => r.inFlightAtSignal).join(", ")}; reads and writes`),
    figure(
      SUITE,
      `requests sent before the signal without a complete non-5xx answer (${size})`,
      failed,
      "0",
      failed === 0,
      [`of ${everything.length} requests`, ...failureExamples(everything, 3)].join("; "),
    ),
    figure(SUITE, `exit code 0 after SIGTERM (${size})`, `${exitCodes.filter((c) => c === 0).length}/${rounds.length}`, `${rounds.length}/${rounds.length}`, exitCodes.every((c) => c === 0)),
    figure(SUITE, `slowest exit after SIGTERM (${size})`, slowestExitMs, `≤ ${EXIT_TARGET_MS} ms`, slowestExitMs <= EXIT_TARGET_MS, `ms; per round: ${rounds.map((r) => r.exitMs).join(", ")}`),
    figure(SUITE, `acknowledged writes missing from the database (${size})`, ledger.total.missing, "0", ledger.total.missing === 0, describeLedger(ledger)),
  ];
  return {
    sizes,
    figures,
    rounds,
    inFlightAtSignal,
    failed,
    failures: failureExamples(everything),
    slowestExitMs,
    exitCodes,
    ledger,
  };
}
