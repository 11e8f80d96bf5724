import { expect, test } from "vitest";
import { CONCURRENCY_SMALL, runConcurrency } from "../../scripts/soak/concurrency.ts";
import { recordFigures } from "./figures.ts";

// The concurrency soak (scripts/soak/concurrency.ts) at the test command's size: client processes
// posting last-seat registrations, replies, partner requests and exchange confirmations to several
// built servers on one database file. `npm run soak` runs it at 8 processes × 500 writes.
test(
  `${CONCURRENCY_SMALL.processes} client processes × ${CONCURRENCY_SMALL.writesPerProcess} writes on ${CONCURRENCY_SMALL.servers} servers sharing one SQLite file: nothing lost, nobody overbooked, no SQLITE_BUSY reaches a user`,
  async () => {
    const result = await runConcurrency(CONCURRENCY_SMALL);
    recordFigures("soak-concurrency", result.figures);

    expect(result.writes).toBe(CONCURRENCY_SMALL.processes * CONCURRENCY_SMALL.writesPerProcess);
    // Every write got an answer, none a 5xx, and no server logged a lock error.
    expect(result.failures, result.logs.join("\n")).toEqual([]);
    expect(result.failedAnswers).toBe(0);
    expect(result.busyInLogs).toEqual([]);
    // The races were real: the same seats, partnerships and exchanges were contended for.
    expect(result.seats.waitlisted).toBeGreaterThan(0);
    expect(result.statuses.exchangeConfirmation?.["409"] ?? 0).toBeGreaterThan(0);
    // What every client was told matches the database.
    expect(result.ledger.total.missing, result.ledger.missingExamples.join("\n")).toBe(0);
    expect(result.ledger.total.acknowledged).toBeGreaterThan(0);
    expect(result.seats.overbookedEvents).toBe(0);
    expect(result.seats.emptySeatsWhileWaiting).toBe(0);
    expect(result.seats.orderBroken).toBe(0);
    expect(result.threads.broken).toBe(0);
    expect(result.doubleAnswers).toBe(0);
    expect(result.phantomWrites).toBe(0);
    expect(result.integrity).toBe("ok");
    expect(result.serverExitCodes.every((code) => code === 0)).toBe(true);
    expect(result.figures.filter((f) => !f.met)).toEqual([]);
  },
  120_000,
);
