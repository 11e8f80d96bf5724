import { openDatabase } from "#db/connection.ts";

// One connection per process. Kept on globalThis so Vite's dev reloads don't leak connections.
const globalForDb = globalThis as unknown as { __appDb?: ReturnType<typeof openDatabase> };
const connection = (globalForDb.__appDb ??= openDatabase());

export const db = connection.db;
export const sqlite = connection.sqlite;

/** The handle a `db.transaction` callback receives: pass it to functions that write inside the caller's transaction. */
export type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
export * as schema from "#db/schema/index.ts";

export function closeDatabase() {
  if (globalForDb.__appDb) {
    globalForDb.__appDb.sqlite.close();
    globalForDb.__appDb = undefined;
  }
}

/** A write refused by a UNIQUE index: the database, not a prior read, decides races. */
export function isUniqueViolation(error: unknown) {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** True for a write refused because a row it points to is gone (e.g. an account closed meanwhile). */
export function isForeignKeyViolation(error: unknown) {
  return error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}
