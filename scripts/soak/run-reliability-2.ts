import { recordFigures, type Figure } from "../../tests/http/figures.ts";
import { run as runBackup } from "./backup.ts";
import { run as runDisk } from "./disk.ts";
import { run as runMail } from "./mail.ts";
import type { SoakSize } from "./reliability-kit.ts";

// The second half of the reliability suite (issue 14), until it joins `npm run soak`: mail never
// lost, backup and restore, disk full / read-only. Usage:
//   npx tsx scripts/soak/run-reliability-2.ts [--size full|small] [--only mail,backup,disk]
// Needs `npm run build` first and, for the disk scenario, root (it mounts a small tmpfs). Each
// scenario's figures go to test-results/quality/soak-<name>.json (the Vitest wrappers, at the small
// size, write soak-<name>-small.json, so the test command never replaces a full run's figures)
// and are printed; the exit code is 1 when a figure misses its target or a scenario fails.
export const SCENARIOS = { mail: runMail, backup: runBackup, disk: runDisk } as const;

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const size = (option("size") ?? "full") as SoakSize;
  if (size !== "full" && size !== "small") throw new Error(`--size must be full or small, not ${size}`);
  const only = option("only")?.split(",") ?? Object.keys(SCENARIOS);
  let failed = false;
  for (const name of only) {
    const scenario = SCENARIOS[name as keyof typeof SCENARIOS];
    if (!scenario) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(", ")}`);
    const started = Date.now();
    console.log(`\n== ${name} (${size}) ==`);
    let figures: Figure[];
    try {
      figures = await scenario({ size });
    } catch (error) {
      failed = true;
      console.error(`${name} failed:`, error);
      continue;
    }
    recordFigures(`soak-${name}`, figures);
    for (const f of figures) {
      if (!f.met) failed = true;
      console.log(`${f.met ? "ok  " : "MISS"} ${f.measure}: ${f.value} (target ${f.target})${f.note ? ` — ${f.note}` : ""}`);
    }
    console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  process.exit(failed ? 1 : 0);
}

await main();
