// `npm run db:backup [-- <file>] [--json]`: an online backup of the live SQLite database, safe
// while the server is running and writing (docs/operations.md).
//
// The backup is one consistent snapshot: a read transaction is opened on the database and SQLite's
// backup API (better-sqlite3's `db.backup()`) copies the pages of exactly that snapshot, while the
// server goes on writing (WAL lets it; its commits after the snapshot are not in the copy). The
// rows per table are counted in the same snapshot and compared with the copy's, and the copy's
// `integrity_check` must say ok; only then is it renamed to its final name. Without a file name
// it goes to a `backups` folder beside the database, e.g. data/backups/app-20260501-102233.sqlite.
// The copy is a single self-contained file (rollback journal mode; no -wal beside it).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { databasePath } from "../db/connection.ts";

/** What a backup wrote, as `--json` prints it. */
export type BackupReport = {
  /** The backup file written. */
  file: string;
  /** The live database it was taken from. */
  source: string;
  /** The snapshot was taken between these two instants (ISO): writes acknowledged before the first are in it, writes begun after the second are not. */
  snapshotNotBefore: string;
  snapshotNotAfter: string;
  finishedAt: string;
  bytes: number;
  integrity: string;
  /** Rows per ordinary table, counted in the snapshot (equal to the copy's, checked). */
  tables: Record<string, number>;
};

/** Ordinary tables (not SQLite's own, not FTS virtual tables), by name. */
function tableNames(sqlite: Database.Database) {
  return (
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
      .all() as Array<{ name: string }>
  ).map((r) => r.name);
}

function rowCounts(sqlite: Database.Database): Record<string, number> {
  return Object.fromEntries(tableNames(sqlite).map((name) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

/** e.g. 20260501-102233 (UTC), for file names that sort by time. */
export function timestamp(at = new Date()) {
  return at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/** The default backup file for a database: `<its folder>/backups/<its name>-<UTC time>.sqlite`. */
export function defaultBackupFile(source: string, at = new Date()) {
  const base = path.basename(source).replace(/\.sqlite3?$|\.db$/, "");
  return path.join(path.dirname(source), "backups", `${base}-${timestamp(at)}.sqlite`);
}

/**
 * Backs up the database at `source` into `file` (which must not exist yet; its folder is created).
 * Resolves with the report; rejects when the source does not exist, the destination exists, or
 * the copy does not check out (its integrity or its counts), leaving no file at `file`.
 */
export async function backupDatabase(source: string, file: string): Promise<BackupReport> {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source} (set DATABASE_PATH).`);
  if (fs.existsSync(file)) throw new Error(`${file} exists already; choose another name.`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(partial + suffix, { force: true });

  const sqlite = new Database(source, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  let tables: Record<string, number>;
  let snapshotNotBefore: Date;
  let snapshotNotAfter: Date;
  try {
    // The first read inside BEGIN fixes the snapshot; the backup API then copies from this same
    // read transaction, so the copy is that snapshot even while other processes commit.
    sqlite.exec("BEGIN");
    snapshotNotBefore = new Date();
    tables = rowCounts(sqlite);
    snapshotNotAfter = new Date();
    await sqlite.backup(partial, { progress: () => 1000 });
    sqlite.exec("COMMIT");
  } finally {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    sqlite.close();
  }

  const copy = new Database(partial, { fileMustExist: true });
  let integrity: string;
  try {
    // One self-contained file: no -wal to forget when it is copied elsewhere.
    copy.pragma("journal_mode = DELETE");
    integrity = (copy.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("\n");
    const copied = rowCounts(copy);
    const differing = Object.keys({ ...tables, ...copied }).filter((name) => tables[name] !== copied[name]);
    if (integrity !== "ok") throw new Error(`The copy failed its integrity check: ${integrity}`);
    if (differing.length > 0) throw new Error(`The copy's row counts differ from the snapshot's in ${differing.join(", ")}`);
  } catch (error) {
    copy.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  const handle = fs.openSync(partial, "r");
  fs.fsyncSync(handle);
  fs.closeSync(handle);
  fs.renameSync(partial, file);
  return {
    file,
    source,
    snapshotNotBefore: snapshotNotBefore.toISOString(),
    snapshotNotAfter: snapshotNotAfter.toISOString(),
    finishedAt: new Date().toISOString(),
    bytes: fs.statSync(file).size,
    integrity,
    tables,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const named = args.filter((a) => a !== "--json");
  if (named.length > 1 || named.some((a) => a.startsWith("--"))) {
    console.error("Usage: npm run db:backup [-- <backup file>] [--json]");
    process.exit(2);
  }
  const source = databasePath();
  const file = named[0] ?? defaultBackupFile(source);
  try {
    const report = await backupDatabase(source, file);
    if (json) console.log(JSON.stringify(report));
    else {
      const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
      console.log(
        `Backup of ${source} written to ${file}: ${(report.bytes / 1024 / 1024).toFixed(1)} MB, ${Object.keys(report.tables).length} tables, ${rows} rows, integrity ${report.integrity}, snapshot of ${report.snapshotNotAfter}.`,
      );
      console.log(`Restore it with: npm run db:restore -- ${file}   (with the server stopped)`);
    }
  } catch (error) {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

// Run as a command (not when another script imports its functions).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
