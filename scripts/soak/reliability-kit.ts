import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Figure } from "../../tests/http/figures.ts";
import { freePort, type BuiltServer } from "../../tests/http/server.ts";

// What the mail, backup and disk scenarios share: a seeded demo database of their own (the HTTP
// suites' template when run under Vitest, else one seeded here with db/seed.ts), read-only looks
// into a database the server is writing, and figures. Each scenario runs the production build
// (`node build/server.js`, tests/http/server.ts) and talks to it over HTTP (tests/http/client.ts).

/** The size a scenario runs at: "small" in the test command (≤ ~90 s), "full" for `npm run soak`. */
export type SoakSize = "full" | "small";
export type SoakOptions = { size: SoakSize };

/** Demo password of every seeded account (db/seed.ts). */
export const DEMO_PASSWORD = "Economia-Circular-2026";

/** Throws unless `npm run build` has produced the server the scenarios start. */
export function requireBuild() {
  if (!fs.existsSync("build/server.js") || !fs.existsSync("build/server/index.js")) {
    throw new Error("The reliability scenarios run the production build: run `npm run build` first.");
  }
}

let seededTemplate: string | undefined;

/**
 * A seeded demo database in one self-contained file (no -wal beside it), made once per process:
 * the HTTP suites' template when global-setup made one (HTTP_TEST_TMP_DIR), else `db/seed.ts`
 * run into a temporary folder (≈ 6 s).
 */
function seededDatabase() {
  const fromHttpSuites = process.env.HTTP_TEST_TMP_DIR && path.join(process.env.HTTP_TEST_TMP_DIR, "seeded.sqlite");
  if (fromHttpSuites && fs.existsSync(fromHttpSuites)) return fromHttpSuites;
  if (seededTemplate && fs.existsSync(seededTemplate)) return seededTemplate;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "soak-seed-"));
  const file = path.join(folder, "seeded.sqlite");
  execFileSync("./node_modules/.bin/tsx", ["db/seed.ts", "--force"], {
    env: { ...process.env, DATABASE_PATH: file, NODE_ENV: "development", MAIL_TRANSPORT: "outbox", SMTP_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const sqlite = new Database(file);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  seededTemplate = file;
  process.once("exit", () => fs.rmSync(folder, { recursive: true, force: true }));
  return file;
}

/** Copies the seeded demo database to `file` (its folder is created; an older copy is replaced). */
export function copySeededDatabase(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(seededDatabase(), file);
  return file;
}

/** A fresh folder for one scenario's files, under the system's temporary folder. */
export function scratchFolder(name: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `soak-${name}-`));
}

/** Runs `read` on a read-only connection to `file` (another process may be writing it). */
export function readDatabase<T>(file: string, read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

/** `PRAGMA integrity_check`'s answer: "ok", or the problems found joined by newlines. */
export function integrityOf(file: string) {
  return readDatabase(file, (sqlite) => (sqlite.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("\n"));
}

/** The ordinary tables of a database (not SQLite's own, not FTS virtual tables). */
export function tableNames(sqlite: Database.Database): string[] {
  return (
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
      .all() as Array<{ name: string }>
  ).map((r) => r.name);
}

/** Rows per ordinary table, e.g. { users: 18, discussion_posts: 620, … }. */
export function rowCounts(sqlite: Database.Database): Record<string, number> {
  return Object.fromEntries(tableNames(sqlite).map((name) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

/** Waits until `check()` is truthy (polling every `everyMs`); throws `message()` after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, { timeoutMs = 30_000, everyMs = 100, message = () => "condition" }: { timeoutMs?: number; everyMs?: number; message?: () => string } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message()}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One figure of `suite`: met when `met` says so. */
export function figure(suite: string, measure: string, value: number | string, target: string, met: boolean, note?: string): Figure {
  return note === undefined ? { suite, measure, value, target, met } : { suite, measure, value, target, met, note };
}

/** A random suffix for addresses and texts, so a scenario finds its own rows. */
export const tag = () => Math.random().toString(36).slice(2, 10);

/** The first `name="formToken"` value in a page, or undefined. */
export function formTokenIn(html: string) {
  return /name="formToken" value="([A-Za-z0-9_-]{22})"/.exec(html)?.[1];
}

/**
 * Starts `node build/server.js` like tests/http/server.ts `startBuiltServer`, but counts it as up
 * once /healthz answers at all (200, or 503 when the database cannot be written): for a server
 * started on a full or read-only disk. Throws with its output if it exits or stays silent.
 */
export async function startServerAnswering(env: Record<string, string>): Promise<BuiltServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !["NODE_ENV", "MAIL_TRANSPORT", "SMTP_URL", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"].includes(name)));
  const child = spawn(process.execPath, ["build/server.js"], {
    env: { ...inherited, NODE_ENV: "production", MAIL_TRANSPORT: "outbox", PORT: String(port), HOST: "127.0.0.1", APP_URL: origin, RATE_LIMIT_SCALE: "1000", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const server: BuiltServer = {
    origin,
    port,
    databasePath: env.DATABASE_PATH ?? "",
    child,
    output: () => output,
    exited,
    stop: async (ms = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), ms);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited at start (code ${child.exitCode}):\n${output.slice(-3000)}`);
    const status = await fetch(`${origin}/healthz`).then((r) => r.status, () => 0);
    if (status === 200 || status === 503) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`server did not answer /healthz in 30 s:\n${output.slice(-3000)}`);
    }
    await sleep(100);
  }
}
