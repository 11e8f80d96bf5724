import fs from "node:fs";
import path from "node:path";
import { recordFigures } from "../figures.ts";
import { enumerateActions } from "./enumerate.ts";

// The core matrix's figures for docs/quality.md, one suite summing its areas: each area's test file
// leaves its tally in the run's temporary directory (saveCorePart), and when the run ends the
// global teardown (figures-setup.ts) records them together (recordCoreFigures).

/** What one area's test file counted. */
export type Tally = {
  attempts: number;
  expectedAllows: number;
  expectedDenies: number;
  unexpectedAllows: number;
  unexpectedDenies: number;
  serverErrors: number;
  /** Answers the database contradicts: a success where nothing was written, a refusal where something was. */
  misleadingAnswers: number;
};

/** One area's tally and the action keys (as text) its rows tried. */
export type Part = { area: string; tally: Tally; actions: string[] };

const partsDir = () => path.join(process.env.HTTP_TEST_TMP_DIR ?? "tests/.tmp-http", "authorisation-core-parts");

/** Keeps an area's tally until the run ends. */
export function saveCorePart(part: Part) {
  fs.mkdirSync(partsDir(), { recursive: true });
  fs.writeFileSync(path.join(partsDir(), `${part.area}.json`), JSON.stringify(part));
}

/** Records "authorisation-core" from the areas that ran in this run; nothing when none did. */
export function recordCoreFigures() {
  if (!fs.existsSync(partsDir())) return;
  const parts = fs.readdirSync(partsDir()).map((name) => JSON.parse(fs.readFileSync(path.join(partsDir(), name), "utf8")) as Part);
  if (parts.length === 0) return;
  const sum = (pick: (tally: Tally) => number) => parts.reduce((total, part) => total + pick(part.tally), 0);
  const tried = new Set(parts.flatMap((part) => part.actions));
  const enumerated = enumerateActions().filter((key) => !/^(discussions|exchange)[.[]/.test(key.route)).length;
  const suite = "Authorisation matrix: accounts, organisations, events, initiatives and the API";
  const [unexpectedAllows, unexpectedDenies, serverErrors, misleading] = [sum((t) => t.unexpectedAllows), sum((t) => t.unexpectedDenies), sum((t) => t.serverErrors), sum((t) => t.misleadingAnswers)];
  recordFigures("authorisation-core", [
    { suite, measure: "actions enumerated from the route modules (these areas)", value: enumerated, target: "—", met: true, note: "every form intent and API write" },
    { suite, measure: "actions tried", value: tried.size, target: `${enumerated} (all)`, met: tried.size === enumerated, note: parts.map((p) => p.area).sort().join(", ") },
    { suite, measure: "attempts (action × role × own/other resource, over HTTP)", value: sum((t) => t.attempts), target: "each action × 9 roles", met: sum((t) => t.attempts) > 0 },
    { suite, measure: "expected allows", value: sum((t) => t.expectedAllows), target: "—", met: true },
    { suite, measure: "expected denies", value: sum((t) => t.expectedDenies), target: "—", met: true },
    { suite, measure: "unexpected allows", value: unexpectedAllows, target: "0", met: unexpectedAllows === 0 },
    { suite, measure: "unexpected denies", value: unexpectedDenies, target: "0", met: unexpectedDenies === 0 },
    { suite, measure: "answers 500–599", value: serverErrors, target: "0", met: serverErrors === 0 },
    { suite, measure: "answers that contradict the database (a success that wrote nothing, a refusal that wrote)", value: misleading, target: "0", met: misleading === 0 },
  ]);
}
