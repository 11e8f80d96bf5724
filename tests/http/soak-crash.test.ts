import { expect, test } from "vitest";
import { MAIL_LEASE_MS } from "#app/.server/mail-queue.ts";
import { CRASH_SMALL, runCrash } from "../../scripts/soak/crash.ts";
import { recordFigures } from "./figures.ts";

// The crash soak (scripts/soak/crash.ts) at the test command's size: the built server killed with
// SIGKILL under write load and restarted on the same file. `npm run soak` runs it with 25 kills.
test(
  `${CRASH_SMALL.kills} × kill -9 under write load: the server restarts, the database is intact, every acknowledged write is there and queued mail is sent after the restart`,
  async () => {
    const result = await runCrash(CRASH_SMALL);
    recordFigures("soak-crash", result.figures);

    expect(result.restarts).toBe(CRASH_SMALL.kills);
    expect(result.integrity.every((answer) => answer === "ok"), result.integrity.join("; ")).toBe(true);
    expect(result.ledger.total.acknowledged).toBeGreaterThan(0);
    expect(result.ledger.total.missing, result.ledger.missingExamples.join("\n")).toBe(0);
    expect(result.serverErrors, result.failures.join("\n")).toBe(0);
    // Mail was waiting at the kills (the scenario queues some just before each; the worker may
    // have sent part of it in the few hundred milliseconds before the kill), and all of it went
    // out after the restarts; the scenario's own messages each exactly once.
    expect(result.mailQueuedAtKills).toBeGreaterThan(0);
    expect(result.mailSentAfterRestart).toBe(result.mailQueuedAtKills);
    expect(result.mailDuplicates).toBe(0);
    expect(result.mailMissing).toBe(0);
    expect(result.seats.overbookedEvents).toBe(0);
    expect(result.threads.broken).toBe(0);
    expect(result.exitCode).toBe(0);
    expect(result.figures.filter((f) => !f.met)).toEqual([]);
  },
  // A message a killed worker had claimed waits for its lease to end before it is sent again.
  90_000 + MAIL_LEASE_MS,
);
