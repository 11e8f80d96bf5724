/**
 * The reliability soak (issue 14): `npm run soak [-- options]`.
 *
 * Runs each scenario at its full size against the production build (`npm run build` first) on a
 * freshly seeded demo database (the same `db/seed.ts` the first command runs) in a temporary
 * folder, prints its figures, and records them with tests/http/figures.ts (data/quality/
 * soak-<scenario>.json) for docs/quality.md. The same scenario code runs at small sizes in the
 * test command (tests/http/soak-*.test.ts). Exits 1 when a figure misses its target.
 *
 * Options: --only <name,…> (default: every scenario), --small (the test command's sizes, to try a
 * change quickly), --sizes '<json>' (override some sizes, e.g. '{"writesPerProcess":100}'), --list,
 * --keep (keep the database folder).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { register } from "node:module";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { recordFigures } from "../../tests/http/figures.ts";
import { printFigures, type Figure } from "./shared.ts";

/**
 * The scenarios, in the order they run. Each loads its module only when it runs (the app's
 * database connection opens on import, after DATABASE_PATH is set) and returns its figures.
 */
const SCENARIOS: { name: string; about: string; run: (size: Size, overrides: Record<string, unknown>) => Promise<{ figures: Figure[] }> }[] = [
  {
    name: "concurrency",
    about: "8 client processes × 500 writes (last seats, replies, partner requests, exchange confirmations) on 8 servers sharing one SQLite file",
    run: async (size, overrides) => {
      const { runConcurrency, CONCURRENCY_FULL, CONCURRENCY_SMALL } = await import("./concurrency.ts");
      return runConcurrency({ ...(size === "full" ? CONCURRENCY_FULL : CONCURRENCY_SMALL), ...overrides });
    },
  },
  {
    name: "crash",
    about: "25 × kill -9 of the server under write load (registrations, replies, listings, partner requests), restarted each time; queued mail sent after restart",
    run: async (size, overrides) => {
      const { runCrash, CRASH_FULL, CRASH_SMALL } = await import("./crash.ts");
      return runCrash({ ...(size === "full" ? CRASH_FULL : CRASH_SMALL), ...overrides });
    },
  },
  {
    name: "shutdown",
    about: "SIGTERM under mixed load (64 requests in flight, reads and writes), 5 rounds: no failed in-flight request, exit 0 within 10 s",
    run: async (size, overrides) => {
      const { runShutdown, SHUTDOWN_FULL, SHUTDOWN_SMALL } = await import("./shutdown.ts");
      return runShutdown({ ...(size === "full" ? SHUTDOWN_FULL : SHUTDOWN_SMALL), ...overrides });
    },
  },
  {
    name: "mail",
    about: "mail through a real local SMTP server that is down, refusing (4xx/5xx), back, and held mid-send while the server is killed: none lost, duplicates only with the same Message-ID",
    run: async (size) => ({ figures: await (await import("./mail.ts")).run({ size }) }),
  },
  {
    name: "backup",
    about: "npm run db:backup under write load, npm run db:restore into a stopped instance: counts, integrity and the snapshot's moment match",
    run: async (size) => ({ figures: await (await import("./backup.ts")).run({ size }) }),
  },
  {
    name: "disk",
    about: "the database on a tmpfs that fills up and on an ext4 loop device turned read-only (needs root): 503 page, reads go on, no corruption, recovery",
    run: async (size) => ({ figures: await (await import("./disk.ts")).run({ size }) }),
  },
];
type Size = "full" | "small";

const { values: options } = parseArgs({
  args: process.argv.slice(2),
  options: { only: { type: "string" }, small: { type: "boolean", default: false }, sizes: { type: "string", default: "{}" }, list: { type: "boolean", default: false }, keep: { type: "boolean", default: false } },
});

if (options.list) {
  for (const scenario of SCENARIOS) console.log(`${scenario.name.padEnd(14)} ${scenario.about}`);
  process.exit(0);
}
const wanted = options.only ? options.only.split(",").map((name) => name.trim()) : SCENARIOS.map((s) => s.name);
const unknown = wanted.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`Unknown scenario ${unknown.join(", ")}; known: ${SCENARIOS.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
if (!fs.existsSync("build/server.js") || !fs.existsSync("build/server/index.js")) {
  console.error("The soak runs the production build: run `npm run build` first.");
  process.exit(2);
}

// A freshly seeded demo database, self-contained (no -wal beside it), as the HTTP suites use.
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ppc-soak-"));
const databasePath = path.join(folder, "soak.sqlite");
console.log(`Seeding the demo database in ${databasePath}…`);
execFileSync("./node_modules/.bin/tsx", ["db/seed.ts", "--force"], {
  env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "development", MAIL_TRANSPORT: "outbox" },
  stdio: ["ignore", "ignore", "inherit"],
});
const seeded = new Database(databasePath);
seeded.pragma("wal_checkpoint(TRUNCATE)");
seeded.close();

// The runner's own connection (building each scenario's world, checking the database) is a
// maintenance process beside the servers, as in the HTTP suites (tests/http/setup.ts).
process.env.DATABASE_PATH = databasePath;
process.env.NODE_ENV = "test";
process.env.APP_URL = "http://localhost:3000";
process.env.MAIL_TRANSPORT = "outbox";
delete process.env.SMTP_URL;
// App modules written for Vite import text files with `?raw`; these hooks give Node the same.
register("../../db/raw-imports.mjs", import.meta.url);
const { installZodMessages } = await import("../../app/utils/zod-messages.ts");
installZodMessages();

let failed = 0;
try {
  for (const scenario of SCENARIOS.filter((s) => wanted.includes(s.name))) {
    console.log(`\n== ${scenario.name}: ${scenario.about}`);
    const started = Date.now();
    const { figures } = await scenario.run(options.small ? "small" : "full", JSON.parse(options.sizes) as Record<string, unknown>);
    recordFigures(`soak-${scenario.name}`, figures);
    printFigures(`${scenario.name} (${((Date.now() - started) / 1000).toFixed(0)} s)`, figures);
    failed += figures.filter((f) => !f.met).length;
  }
} finally {
  const { closeDatabase } = await import("../../app/.server/db.ts");
  closeDatabase();
  if (options.keep) console.log(`\nDatabase kept in ${folder}`);
  else fs.rmSync(folder, { recursive: true, force: true });
}
console.log(failed === 0 ? "\nEvery figure meets its target." : `\n${failed} figure(s) miss their target.`);
process.exit(failed === 0 ? 0 : 1);
