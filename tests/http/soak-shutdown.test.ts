import { expect, test } from "vitest";
import { EXIT_TARGET_MS, SHUTDOWN_SMALL, runShutdown } from "../../scripts/soak/shutdown.ts";
import { recordFigures } from "./figures.ts";

// The shutdown soak (scripts/soak/shutdown.ts) at the test command's size: SIGTERM to the built
// server with reads and writes in flight. `npm run soak` runs 5 rounds with 64 in flight.
test(
  `SIGTERM with ${SHUTDOWN_SMALL.inFlight} mixed requests in flight (${SHUTDOWN_SMALL.rounds} rounds): every request sent before the signal gets a complete non-5xx answer, exit 0 within 10 s`,
  async () => {
    const result = await runShutdown(SHUTDOWN_SMALL);
    recordFigures("soak-shutdown", result.figures);

    // The signal really met requests in flight, in every round.
    expect(result.rounds.every((round) => round.inFlightAtSignal > 0)).toBe(true);
    expect(result.failed, result.failures.join("\n")).toBe(0);
    expect(result.exitCodes).toEqual(result.rounds.map(() => 0));
    expect(result.slowestExitMs).toBeLessThanOrEqual(EXIT_TARGET_MS);
    expect(result.ledger.total.missing, result.ledger.missingExamples.join("\n")).toBe(0);
    expect(result.figures.filter((f) => !f.met)).toEqual([]);
  },
  120_000,
);
