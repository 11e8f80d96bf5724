// Writes docs/quality.md from the figures the security and reliability suites recorded in one run
// (data/quality/*.json, written by tests/http/figures.ts recordFigures): the date, the
// machine, the commit, and one table per suite with each measured value beside its target.
//
//   npm run quality:report                  # after `npm test` (or `npm run test:http`) and `npm run soak`
//   npm run quality:report -- --check       # exits 1 when a figure misses its target
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIGURES_DIR, type Figure } from "../tests/http/figures.ts";

type Recorded = { recordedAt: string; figures: Figure[] };

const OUTPUT = "docs/quality.md";
const check = process.argv.includes("--check");

function gitCommit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

function machine() {
  const cpus = os.cpus();
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${cpus[0]?.model.trim() ?? "CPU"} × ${cpus.length} (os.cpus()), ${memory} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

const cell = (value: unknown) => String(value).replaceAll("|", "\\|").replaceAll("\n", " ");

const files = fs.existsSync(FIGURES_DIR) ? fs.readdirSync(FIGURES_DIR).filter((name) => name.endsWith(".json")).sort() : [];
if (files.length === 0) {
  console.error(`No figures in ${FIGURES_DIR}: run \`npm run test:http\` (after \`npm run build\`) and \`npm run soak\` first.`);
  process.exit(1);
}

const recorded = files.map((name) => ({ name: name.replace(/\.json$/, ""), ...(JSON.parse(fs.readFileSync(path.join(FIGURES_DIR, name), "utf8")) as Recorded) }));
const bySuite = new Map<string, { figure: Figure; recordedAt: string; file: string }[]>();
for (const file of recorded) {
  // A scenario's small run (the test command's, `…-small.json`) is kept apart from its full run.
  const suite = (figure: Figure) => (file.name.endsWith("-small") ? `${figure.suite} (small size, as in the test command)` : figure.suite);
  for (const figure of file.figures) {
    const rows = bySuite.get(suite(figure)) ?? [];
    rows.push({ figure, recordedAt: file.recordedAt, file: file.name });
    bySuite.set(suite(figure), rows);
  }
}

const missed = recorded.flatMap((file) => file.figures.filter((figure) => !figure.met).map((figure) => `${figure.suite}: ${figure.measure} = ${figure.value} (target ${figure.target})`));
const times = recorded.map((file) => file.recordedAt).sort();

const lines: string[] = [];
lines.push("# Quality: security and reliability figures", "");
lines.push(
  "Figures from the suites of issue 14, each measured by code in this repository. Regenerate: `npm run build`,",
  "`npm run test:http` (the security suites and the small reliability runs, also part of `npm test`), `npm run soak`",
  "(the reliability scenarios at full size), then `npm run quality:report`. The sections after the tables explain each",
  "suite and what falls short.",
  "",
);
lines.push(`- Recorded: ${times[0]} – ${times.at(-1)} (UTC)`);
lines.push(`- Commit: ${gitCommit()}`);
lines.push(`- Machine: ${machine()}`);
lines.push(`- Figures: ${recorded.reduce((n, file) => n + file.figures.length, 0)} from ${files.length} files; missing their target: ${missed.length}`, "");
for (const [suite, rows] of bySuite) {
  lines.push(`## ${suite}`, "", "| Measure | Value | Target | Met | Note |", "|---|---:|---|---|---|");
  for (const { figure } of rows) {
    lines.push(`| ${cell(figure.measure)} | ${cell(figure.value)} | ${cell(figure.target)} | ${figure.met ? "yes" : "**no**"} | ${cell(figure.note ?? "")} |`);
  }
  lines.push("");
}

// The hand-written part (what each suite does, what falls short and why) is kept across runs.
const MARKER = "<!-- written by hand below: kept by npm run quality:report -->";
const previous = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : "";
const kept = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : `${MARKER}\n`;
fs.writeFileSync(OUTPUT, `${lines.join("\n")}\n${kept}`);
console.log(`Wrote ${OUTPUT}: ${bySuite.size} suites, ${missed.length} figures missing their target.`);
for (const line of missed) console.log(`  missed: ${line}`);
if (check && missed.length > 0) process.exit(1);
