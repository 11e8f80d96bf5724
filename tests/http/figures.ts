import fs from "node:fs";
import path from "node:path";

// The figures the security and reliability suites measure, for docs/quality.md: each suite writes
// its own file under data/quality/ (one JSON object per figure; not test-results/, which
// Playwright empties when the test command reaches it), and
// `npm run quality:report` turns the files of one run into the table with the date and machine.

/** One measured figure beside its target. */
export type Figure = {
  /** The suite, as docs/quality.md heads it ("Authorisation matrix", "Crash", …). */
  suite: string;
  /** What was measured, in words ("unexpected allows", "requests answered 5xx"). */
  measure: string;
  /** The measured value (a count, or milliseconds when `unit` says so). */
  value: number | string;
  /** The target in words ("0", "≥ 10,000", "≤ 10 s"). */
  target: string;
  /** Whether the value meets the target. */
  met: boolean;
  /** Optional unit or remark ("ms", "requests", "of 159 attempts"). */
  note?: string;
};

export const FIGURES_DIR = path.resolve(process.env.QUALITY_FIGURES_DIR ?? "data/quality");

/** Records figures of one suite, replacing what an earlier run of the same suite wrote. */
export function recordFigures(file: string, figures: Figure[]) {
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  fs.writeFileSync(path.join(FIGURES_DIR, `${file}.json`), JSON.stringify({ recordedAt: new Date().toISOString(), figures }, null, 2));
}
