// What the soak scenarios share: starting and killing built servers on one database file, child
// client processes, the database checks (integrity, server logs), and small statistics. No app
// module is imported here, so the runner can load this before it chooses the database file.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Figure } from "../../tests/http/figures.ts";
import { startBuiltServer, type BuiltServer } from "../../tests/http/server.ts";

export type { Figure };
export { startBuiltServer, type BuiltServer };

/** The database file the scenarios work on: the test file's copy, or the soak runner's seeded file. */
export function soakDatabasePath() {
  const file = process.env.DATABASE_PATH;
  if (!file) throw new Error("DATABASE_PATH is not set: run the scenarios through `npm run soak` or the HTTP test config");
  return file;
}

/**
 * `PRAGMA integrity_check` on `file` through a connection of its own (the servers may be running),
 * e.g. "ok", or the first problems SQLite lists joined by "; ".
 */
export function integrityCheck(file = soakDatabasePath()): string {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("busy_timeout = 5000");
    const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    sqlite.close();
  }
}

/** Lines of a server's output that show SQLite refusing for a lock (SQLITE_BUSY, "database is locked"). */
export function busyLines(output: string): string[] {
  return output.split("\n").filter((line) => /SQLITE_BUSY|database is locked/i.test(line));
}

/** Where the scenarios keep their servers' logs (overwritten by each run), to read after a failure. */
export const SOAK_LOG_DIR = path.resolve("test-results/soak");

/** Writes `text` to test-results/soak/<name>.log and returns the file's path. */
export function keepLog(name: string, text: string) {
  fs.mkdirSync(SOAK_LOG_DIR, { recursive: true });
  const file = path.join(SOAK_LOG_DIR, `${name}.log`);
  fs.writeFileSync(file, text);
  return file;
}

/** A few failed requests, as "POST reply → 500" / "registration → no answer (ECONNRESET)" lines. */
export function failureExamples(outcomes: readonly { op: { kind: string }; status: number; ms: number; error?: string }[], limit = 8) {
  return outcomes
    .filter((o) => o.status === 0 || o.status >= 500)
    .slice(0, limit)
    .map((o) => `${o.op.kind} → ${o.status === 0 ? "no answer" : o.status} after ${o.ms} ms (${o.error?.slice(0, 120) ?? "?"})`);
}

/** The `p`-th percentile (0–100) of `values` (nearest rank); 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A random integer in [min, max]. */
export function between(min: number, max: number) {
  return min + Math.floor(Math.random() * (max - min + 1));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `script` (a TypeScript file, through tsx's loader) in a child Node process, hands it `input`
 * as JSON on stdin, and resolves with the JSON it printed last on stdout. Rejects when it exits
 * non-zero, with its stderr.
 */
export function runChild<I, O>(script: string, input: I): Promise<O> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve(script)], { stdio: ["pipe", "pipe", "pipe"], env: process.env });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}:\n${err}`));
      const last = out.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(last) as O);
      } catch {
        reject(new Error(`${script} printed no JSON result:\n${out}\n${err}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}

/** Reads all of stdin as JSON (for a child started by runChild). */
export async function readStdinJson<T>(): Promise<T> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return JSON.parse(text) as T;
}

/** A figure row; `met` is computed by the caller from what was measured. */
export function figure(suite: string, measure: string, value: number | string, target: string, met: boolean, note?: string): Figure {
  return note === undefined ? { suite, measure, value, target, met } : { suite, measure, value, target, met, note };
}

/** Prints figures as an aligned table (the soak runner's output). */
export function printFigures(title: string, figures: readonly Figure[]) {
  console.log(`\n${title}`);
  const width = Math.max(...figures.map((f) => f.measure.length));
  for (const f of figures) {
    const mark = f.met ? "ok  " : "FAIL";
    console.log(`  ${mark} ${f.measure.padEnd(width)}  ${String(f.value).padStart(8)}  (target ${f.target})${f.note ? `  ${f.note}` : ""}`);
  }
}
