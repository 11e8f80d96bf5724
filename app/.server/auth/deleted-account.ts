import { eq } from "drizzle-orm";
import { db, schema, type Tx } from "#app/.server/db.ts";

/**
 * The address of the one shared row that content kept after an account is closed is attributed to
 * (issue 13, ADR 0016): posts and threads others replied to. `.invalid` is reserved (RFC 2606),
 * so no one can own it. Its name is empty, which pages show as "Cuenta eliminada" / "Deleted
 * account" in the reader's language; its password hash is not a hash, so no password opens it.
 */
export const DELETED_ACCOUNT_EMAIL = "cuenta-eliminada@peru-pais-circular.invalid";

/** The deleted-account row's id, created on first use inside the caller's immediate transaction. */
export function deletedAccountId(tx: Pick<Tx, "select" | "insert">): number {
  const found = tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, DELETED_ACCOUNT_EMAIL)).get();
  if (found) return found.id;
  return tx
    .insert(schema.users)
    .values({ email: DELETED_ACCOUNT_EMAIL, name: "", passwordHash: "!", role: "member" })
    .returning({ id: schema.users.id })
    .get().id;
}

/** True for the deleted-account row's name (empty: no person's name is ever empty). */
export function isDeletedAccountName(name: string | null | undefined) {
  return name === "";
}

let knownId: number | undefined;

/**
 * The deleted-account row's id if it exists (once created it never changes, so it is remembered),
 * else null. For leaving it out of audiences: nobody is told anything at its address. One indexed
 * query until the row exists.
 */
export function existingDeletedAccountId(): number | null {
  if (knownId !== undefined) return knownId;
  const found = db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, DELETED_ACCOUNT_EMAIL)).get();
  if (found) knownId = found.id;
  return found?.id ?? null;
}
