import crypto from "node:crypto";
import Database from "better-sqlite3";

// A checksum of everything the database holds, to show that a run of requests changed nothing
// (issue 14: cross-site writes refused, no GET changing state). Every ordinary table is read
// whole, its rows in a stable order (by every column), so any insert, update or delete shows.
//
// Left out, and only these, because reading a page legitimately writes them:
// - sessions.last_seen_at and sessions.expires_at: validating a session records when it was last
//   seen (at most once a minute) and slides its expiry forward (app/.server/auth/session.ts); a
//   session row that appears or disappears still shows, as do its other columns.
// - rate_limits: fixed-window counters; a GET that counts against a limit is bookkeeping of the
//   request itself, not a state a person changed (today only POSTs count, so this is a margin).
// - sqlite_stat1..4: SQLite's own planner statistics, should anything ever run ANALYZE/optimize.
// Virtual tables (the FTS5 indexes) are not read directly: their content lives in their shadow
// tables (`*_fts_data`, `*_fts_idx`, …), which are ordinary tables and are hashed like the rest.

/** Columns (or whole tables, with "*") the checksum leaves out, by table. */
export const CHECKSUM_EXCLUSIONS: Readonly<Record<string, readonly string[]>> = {
  sessions: ["last_seen_at", "expires_at"],
  rate_limits: ["*"],
  sqlite_stat1: ["*"],
  sqlite_stat2: ["*"],
  sqlite_stat3: ["*"],
  sqlite_stat4: ["*"],
};

/** One table's rows, each serialised as one line, in a stable order. */
export type DatabaseSnapshot = { tables: Map<string, string[]>; checksum: string; rows: number };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const serialise = (value: unknown) =>
  value instanceof Uint8Array ? `x'${Buffer.from(value).toString("hex")}'` : typeof value === "bigint" ? value.toString() : JSON.stringify(value);

/**
 * Reads every ordinary table of the SQLite file at `file` (through its own read-only connection,
 * beside the server's: WAL readers see every committed write) and returns each table's rows,
 * serialised and sorted, and a SHA-256 over all of them. Throws if the file cannot be opened.
 */
export function snapshotDatabase(file: string): DatabaseSnapshot {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.defaultSafeIntegers(true);
  try {
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
      .pluck()
      .all() as string[];
    const snapshot = new Map<string, string[]>();
    const hash = crypto.createHash("sha256");
    let rows = 0;
    for (const table of tables) {
      const excluded = CHECKSUM_EXCLUSIONS[table] ?? [];
      if (excluded.includes("*")) continue;
      const columns = (sqlite.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[])
        .map((c) => c.name)
        .filter((name) => !excluded.includes(name));
      const list = columns.map(quote).join(", ");
      const lines = (sqlite.prepare(`SELECT ${list} FROM ${quote(table)} ORDER BY ${list}`).raw().all() as unknown[][]).map((row) =>
        row.map(serialise).join("\t"),
      );
      snapshot.set(table, lines);
      rows += lines.length;
      hash.update(`${table}\n${columns.join("\t")}\n`);
      for (const line of lines) hash.update(`${line}\n`);
    }
    return { tables: snapshot, checksum: hash.digest("hex"), rows };
  } finally {
    sqlite.close();
  }
}

/** One table that differs between two snapshots, with up to `limit` rows gone and rows new. */
export type TableChange = { table: string; removed: string[]; added: string[]; removedCount: number; addedCount: number };

/**
 * What changed from `before` to `after`, table by table (an updated row is one removed and one
 * added); empty when the checksums match. For failure messages and for counting changes.
 */
export function diffSnapshots(before: DatabaseSnapshot, after: DatabaseSnapshot, limit = 5): TableChange[] {
  if (before.checksum === after.checksum) return [];
  const changes: TableChange[] = [];
  const names = [...new Set([...before.tables.keys(), ...after.tables.keys()])].sort();
  for (const table of names) {
    const old = before.tables.get(table) ?? [];
    const now = after.tables.get(table) ?? [];
    const oldSet = new Set(old);
    const nowSet = new Set(now);
    const removed = old.filter((line) => !nowSet.has(line));
    const added = now.filter((line) => !oldSet.has(line));
    if (removed.length || added.length || old.length !== now.length) {
      changes.push({ table, removed: removed.slice(0, limit), added: added.slice(0, limit), removedCount: removed.length, addedCount: added.length });
    }
  }
  return changes;
}

/** The number of rows added, removed or changed (an update counts twice) across all tables. */
export const changedRows = (changes: TableChange[]) => changes.reduce((sum, c) => sum + c.removedCount + c.addedCount, 0);

/** A readable account of the changes, for an assertion's message. */
export const describeChanges = (changes: TableChange[]) =>
  changes
    .map((c) => `${c.table}: −${c.removedCount} +${c.addedCount}\n${[...c.removed.map((l) => `  − ${l.slice(0, 300)}`), ...c.added.map((l) => `  + ${l.slice(0, 300)}`)].join("\n")}`)
    .join("\n");
