import { and, eq } from "drizzle-orm";
import { db, schema, type Tx } from "#app/.server/db.ts";

/**
 * The address of the one shared row that content kept after an account is closed is attributed to
 * (issue 13, ADR 0016): posts and threads others replied to. `.invalid` is reserved (RFC 2606),
 * so no one can own it. Its name is empty, which pages show as "Cuenta eliminada" / "Deleted
 * account" in the reader's language; its password hash is not a hash, so no password opens it.
 */
export const DELETED_ACCOUNT_EMAIL = "cuenta-eliminada@peru-pais-circular.invalid";

// Its marks: the reserved address, no name and a password hash that is not a hash — a row anyone
// could have made would lack at least the last two.
const isTheRow = and(eq(schema.users.email, DELETED_ACCOUNT_EMAIL), eq(schema.users.name, ""), eq(schema.users.passwordHash, "!"));

/**
 * The deleted-account row's id, read in the caller's transaction. Migration 0021 creates the row
 * (so nobody can register its address first; sign-up refuses ".invalid" addresses anyway).
 * Throws when it is missing: the database was not migrated.
 */
export function deletedAccountId(tx: Pick<Tx, "select">): number {
  const found = tx.select({ id: schema.users.id }).from(schema.users).where(isTheRow).get();
  if (!found) throw new Error("The deleted-account row is missing: run the migrations (db/migrations/0021_deleted_account_row.sql)");
  return found.id;
}

let knownId: number | undefined;

/**
 * The deleted-account row's id if it exists (once created it never changes, so it is remembered),
 * else null. For leaving it out of audiences: nobody is told anything at its address. One indexed
 * query until the row exists.
 */
export function existingDeletedAccountId(): number | null {
  if (knownId !== undefined) return knownId;
  const found = db.select({ id: schema.users.id }).from(schema.users).where(isTheRow).get();
  if (found) knownId = found.id;
  return found?.id ?? null;
}
