import fs from "node:fs";
import path from "node:path";
import { clearDatabaseTrouble, noteDatabaseTrouble, recentDatabaseTrouble, type DatabaseTrouble } from "#app/.server/database-errors.ts";
import { sqlite } from "#app/.server/db.ts";
import { databasePath } from "#db/connection.ts";

/** Below this much free space on the database's file system, writes are about to fail: "full". */
export const MIN_FREE_BYTES = 1024 * 1024;

/** True when the database answers a trivial query. */
export function isDatabaseHealthy() {
  try {
    sqlite.prepare("SELECT 1").get();
    return true;
  } catch {
    return false;
  }
}

/**
 * What /healthz reports about the database:
 * - `database`: "ok"; "unreadable" when it does not answer a query; "read-only" when its file
 *   system refuses writes (EROFS, or no write permission); "full" when less than MIN_FREE_BYTES are
 *   free there; and, when a request met one of SQLite's troubles in the last minute
 *   (database-errors.ts) and a write that changes nothing still fails now, that trouble ("full",
 *   "read-only", "io-error", "busy"). Anything but "ok" means writes fail (answered 503).
 * - `lastTrouble`: the last such SQLite error in the last minute, e.g.
 *   `{ code: "SQLITE_FULL", trouble: "full", secondsAgo: 3 }`, for whoever reads the report.
 */
export function databaseHealth(file = path.resolve(databasePath())) {
  let database: "ok" | "unreadable" | DatabaseTrouble = "ok";
  let freeBytes: number | undefined;
  try {
    const stats = fs.statfsSync(path.dirname(file));
    freeBytes = stats.bavail * stats.bsize;
  } catch {
    // Not every platform answers statfs; the other checks still stand.
  }
  if (!isDatabaseHealthy()) database = "unreadable";
  else if (!isWritable(file)) database = "read-only";
  else if (freeBytes !== undefined && freeBytes < MIN_FREE_BYTES) database = "full";
  // A file system the kernel turned read-only after an error still looks writable to access(2),
  // and a full disk can still have a few pages: after a recent trouble, only a write tells.
  else if (recentDatabaseTrouble()) database = probeWrite() ?? "ok";
  const seen = recentDatabaseTrouble();
  const lastTrouble: { code: string; trouble: DatabaseTrouble; secondsAgo: number } | undefined = seen
    ? { code: seen.code, trouble: seen.trouble, secondsAgo: Math.round((Date.now() - seen.at) / 1000) }
    : undefined;
  // Free space itself stays private: /healthz is public.
  return { database, lastTrouble };
}

/**
 * A write that changes nothing, without waiting for the lock: `user_version` (unused by the app)
 * set to its own value, which rewrites the database's first page — SQLite skips an UPDATE that
 * leaves a row as it was, so that would prove nothing. Null when it commits (and the last trouble
 * is forgotten), else the trouble it met.
 */
function probeWrite(): DatabaseTrouble | null {
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma("busy_timeout = 0");
  try {
    const version = Number(sqlite.pragma("user_version", { simple: true }));
    sqlite.pragma(`user_version = ${version}`);
    clearDatabaseTrouble();
    return null;
  } catch (error) {
    const trouble = noteDatabaseTrouble(error);
    if (!trouble) throw error;
    return trouble;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

function isWritable(file: string) {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch (error) {
    // A file that does not exist (yet) is not a read-only one.
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
}
