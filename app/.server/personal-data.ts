import { eq, getTableName } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Tx } from "#app/.server/db.ts";

// People's data rights (issue 13, ADR 0016). Each feature describes the personal data its own
// tables hold with one PersonalDataSource (in app/.server/<feature>/personal-data.ts), so the
// export and the account closure never read another feature's tables, and a test checks the
// sources against every foreign key to users in the schema.

/** The person whose data is exported or erased, as the account holds them now. */
export type DataSubject = { id: number; email: string; name: string; handle: string | null };

/**
 * What closing the account does to a column that references users.id: the foreign key's own
 * ON DELETE ("cascade": the row goes; "set-null": the row stays without the person), or
 * "reassign": the feature's `erase` hands the rows to the deleted-account row (content others
 * depend on, e.g. posts with replies) before the users row is deleted.
 */
export type ClosureAction = "cascade" | "set-null" | "reassign";

export type UserReference = {
  table: SQLiteTable;
  column: SQLiteColumn;
  onClosure: ClosureAction;
  /** Left out of the export only with a reason: rows that are other people's data (e.g. their notifications about the person's acts). */
  notExported?: string;
  /**
   * Only these columns are exported (name → column): for rows of the person's acts that also
   * hold other people's data (whom they suspended and why, whom they invited), the act without it.
   */
  exportColumns?: Record<string, SQLiteColumn>;
};

export type ClosureContext = {
  /** The shared row "Cuenta eliminada" that content kept after a closure is attributed to. */
  deletedAccountId: number;
  /** Work to do once the closure has committed (e.g. telling people promoted from a waitlist). */
  afterCommit(task: () => void | Promise<void>): void;
};

export type PersonalDataSource = {
  /** The export's section, e.g. "discussions". */
  section: string;
  /** Every column of the feature's tables that references users.id (the test compares them with the schema). */
  references: readonly UserReference[];
  /**
   * More of the person's data that is not found through a user id (e.g. invitations sent to
   * their address), by table name. Optional.
   */
  more?(reader: Pick<Tx, "select">, person: DataSubject): Record<string, unknown[]>;
  /**
   * Inside the closure's immediate transaction, before the users row is deleted: whatever the
   * foreign keys do not do themselves (cancel registrations and promote waitlists, hand content
   * to the deleted-account row, erase copies of the address or name kept as text). Throws a
   * ClosureRefused to refuse the closure (nothing is written).
   */
  erase?(tx: Tx, person: DataSubject, context: ClosureContext): void;
};

/** "table.column", e.g. "sessions.user_id". */
export function referenceName(reference: Pick<UserReference, "table" | "column">) {
  return `${getTableName(reference.table)}.${reference.column.name}`;
}

const SECRET_KEYS = new Set(["secretHash", "passwordHash"]);

/** A row as the export gives it: secrets (hashes) and binary data left out, dates as ISO 8601 UTC. */
export function exportableRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (SECRET_KEYS.has(key) || Buffer.isBuffer(value) || value instanceof Uint8Array) continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * A source's rows for one person: for each reference, the rows of its table whose column holds
 * the person's id (keyed "table.column"), then `more`. One indexed statement per reference.
 */
export function sourceRows(source: PersonalDataSource, reader: Pick<Tx, "select">, person: DataSubject): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const reference of source.references) {
    if (reference.notExported) continue;
    const query = reference.exportColumns ? reader.select(reference.exportColumns) : reader.select();
    const rows = query.from(reference.table).where(eq(reference.column, person.id)).all() as Record<string, unknown>[];
    out[referenceName(reference)] = rows.map(exportableRow);
  }
  for (const [name, rows] of Object.entries(source.more?.(reader, person) ?? {})) {
    out[name] = (rows as Record<string, unknown>[]).map(exportableRow);
  }
  return out;
}
