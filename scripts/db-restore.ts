// `npm run db:restore -- <backup file>`: puts a backup (from `npm run db:backup`, or any copy of
// the database) in place of the live database, with the server stopped (docs/operations.md).
//
// 1. The backup is copied through SQLite's backup API into a new file beside the database (so a
//    -wal beside the backup is taken into account too), and the copy is checked: integrity_check
//    must say ok, and every migration recorded in it must be one of this code's (a backup from a
//    newer version is refused; one from an older version is migrated when the server starts).
// 2. The live database must not be open anywhere: switching it out of WAL needs every other
//    connection gone, so SQLite answers "database is locked" while a server (or any other
//    process) has it open, and the restore stops there, changing nothing. Having switched it (its
//    WAL checkpointed into the file), the restore holds an exclusive lock on it until the end.
// 3. The live file is renamed aside (`<name>.replaced-<UTC time>.sqlite`, complete), any stale
//    -wal/-shm/-journal beside it is removed, and the checked copy is renamed into its place.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { databasePath } from "../db/connection.ts";

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../db/migrations", import.meta.url));

/** A refusal the person running the command can act on (exit code 1, no stack trace). */
class Refusal extends Error {}

/** e.g. 20260501-102233 (UTC). */
function timestamp(at = new Date()) {
  return at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

function isLocked(error: unknown) {
  return error instanceof Error && "code" in error && typeof error.code === "string" && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
}

/**
 * Checks a candidate database file: integrity_check ok, and its recorded migrations all known to
 * this code. Returns how many of this code's migrations it still lacks (applied at the next
 * start). Throws a Refusal saying what is wrong.
 */
function checkCandidate(file: string) {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (sqlite.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("\n");
    if (integrity !== "ok") throw new Refusal(`The backup fails SQLite's integrity check:\n${integrity}`);
    const hasMigrations = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!hasMigrations) throw new Refusal("The file is not a database of this application (it has no migrations table).");
    const applied = sqlite.prepare("SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at").all() as Array<{ hash: string; createdAt: number }>;
    const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
    const unknown = applied.filter((row) => !known.some((m) => m.folderMillis === Number(row.createdAt) && m.hash === row.hash));
    if (unknown.length > 0) {
      throw new Refusal(`The backup has ${unknown.length} migration(s) this code does not know: it was made by another (newer?) version. Restore it with that version.`);
    }
    const last = Math.max(0, ...applied.map((row) => Number(row.createdAt)));
    return { pending: known.filter((m) => m.folderMillis > last).length, applied: applied.length };
  } finally {
    sqlite.close();
  }
}

/**
 * Restores `backup` into the database at `target`. Returns where the replaced database was kept
 * (null when there was none) and the candidate's migration state. Throws a Refusal (nothing
 * changed) when the backup does not check out or the database is open in another process.
 */
export async function restoreDatabase(backup: string, target: string) {
  if (!fs.existsSync(backup)) throw new Refusal(`No backup at ${backup}.`);
  if (path.resolve(backup) === path.resolve(target)) throw new Refusal("The backup is the live database itself.");
  const folder = path.dirname(path.resolve(target));
  fs.mkdirSync(folder, { recursive: true });
  const stamp = timestamp();
  const candidate = path.join(folder, `.restoring-${stamp}-${process.pid}.sqlite`);
  const removeCandidate = () => {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(candidate + suffix, { force: true });
  };

  // 1. A checked copy beside the target (same file system, so the final rename is atomic).
  try {
    const source = new Database(backup, { readonly: true, fileMustExist: true });
    try {
      await source.backup(candidate);
    } finally {
      source.close();
    }
    const copy = new Database(candidate);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    const handle = fs.openSync(candidate, "r");
    fs.fsyncSync(handle);
    fs.closeSync(handle);
  } catch (error) {
    removeCandidate();
    if (error instanceof Refusal) throw error;
    throw new Refusal(`The backup cannot be read as a SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  }
  let migrations: ReturnType<typeof checkCandidate>;
  try {
    migrations = checkCandidate(candidate);
  } catch (error) {
    removeCandidate();
    throw error;
  }

  // 2. Nobody else may have the live database open; then hold it exclusively.
  let live: Database.Database | undefined;
  let replaced: string | null = null;
  try {
    if (fs.existsSync(target)) {
      live = new Database(target, { fileMustExist: true });
      live.pragma("busy_timeout = 0");
      let mode: unknown;
      try {
        mode = live.pragma("journal_mode = DELETE", { simple: true });
        live.exec("BEGIN EXCLUSIVE");
      } catch (error) {
        if (isLocked(error)) {
          throw new Refusal(
            `${target} is open in another process (SQLite: "${(error as Error).message}"). Stop the server (and any script using the database), then run the restore again. Nothing was changed.`,
          );
        }
        throw error;
      }
      if (mode !== "delete") throw new Refusal(`${target} could not be taken out of WAL mode (still "${String(mode)}"); is another process using it? Nothing was changed.`);
      // 3. The live file (its WAL now checkpointed into it) goes aside, whole; the copy takes its place.
      const base = path.join(folder, `${path.basename(target).replace(/\.sqlite3?$|\.db$/, "")}.replaced-${stamp}`);
      replaced = `${base}.sqlite`;
      for (let n = 2; fs.existsSync(replaced); n += 1) replaced = `${base}-${n}.sqlite`;
      fs.renameSync(target, replaced);
    }
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(candidate, target);
    const directory = fs.openSync(folder, "r");
    fs.fsyncSync(directory);
    fs.closeSync(directory);
  } catch (error) {
    removeCandidate();
    throw error;
  } finally {
    if (live?.inTransaction) live.exec("ROLLBACK");
    live?.close();
  }
  return { replaced, ...migrations };
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith("--")) {
    console.error("Usage: npm run db:restore -- <backup file>   (with the server stopped)");
    process.exit(2);
  }
  const target = databasePath();
  try {
    const result = await restoreDatabase(args[0]!, target);
    console.log(`Restored ${target} from ${args[0]} (integrity ok, ${result.applied} migrations recorded${result.pending > 0 ? `, ${result.pending} more applied when the server starts` : ""}).`);
    if (result.replaced) console.log(`The database it replaced is kept at ${result.replaced}.`);
    console.log("Start the server again (npm start).");
  } catch (error) {
    if (error instanceof Refusal) {
      console.error(`Restore refused: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

// Run as a command (not when another script imports its functions).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
