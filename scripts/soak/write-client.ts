// A client process of the concurrency scenario (scripts/soak/concurrency.ts): reads its plan as
// JSON on stdin, waits for the common start time, posts its writes to its server with a few in
// flight, and prints one JSON line: what it saw for each write, in the plan's order.
import { readStdinJson } from "./shared.ts";
import { sendAll, type WriteOp, type WriteOutcome } from "./forms.ts";

/** The plan a client process is handed. */
export type WritePlan = {
  origin: string;
  /** Epoch ms at which every client starts, so their writes overlap. */
  startAt: number;
  inFlight: number;
  /** Session token per user id. */
  tokens: Record<number, string>;
  ops: WriteOp[];
};

/** What a client process prints: per op (plan order), without the op itself (the orchestrator has it). */
export type WriteReport = { outcomes: Omit<WriteOutcome, "op">[] };

const plan = await readStdinJson<WritePlan>();
await new Promise((resolve) => setTimeout(resolve, Math.max(0, plan.startAt - Date.now())));
const outcomes = await sendAll({ origin: plan.origin }, plan.tokens, plan.ops, plan.inFlight);
const report: WriteReport = { outcomes: outcomes.map(({ op: _op, ...rest }) => rest) };
process.stdout.write(`${JSON.stringify(report)}\n`);
