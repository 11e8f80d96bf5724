import { sql, type SQL } from "drizzle-orm";
import { PRIVATE_DISCUSSABLE_TYPES, type DiscussableType } from "#app/features/discussions/taxonomy.ts";
import { registeredDiscussable } from "./registry.ts";

// Threads of private parents (PRIVATE_DISCUSSABLE_TYPES: exchange conversations, issue 12) exist
// only for those taking part in the parent now. The rules every write and every list applies.

/** Whether a thread's parent type is private (its threads never go public, nor to outsiders). */
export function isPrivateParent(type: string | null): boolean {
  return type !== null && (PRIVATE_DISCUSSABLE_TYPES as readonly string[]).includes(type);
}

/** SQL: the private parent types as a list for `IN (…)`. */
export const privateTypesSql = () => sql.join(PRIVATE_DISCUSSABLE_TYPES.map((type) => sql`${type}`), sql`, `);

/**
 * SQL over the discussion thread aliased `thread`: true when it is not a private parent's, or
 * when `userId` takes part in that parent now (the parent's `participatingIdsSql`; a private type
 * registered without it, or not registered, is left out entirely). For lists that filter in SQL.
 */
export function readableByParticipantSql(thread: string, userId: number): SQL {
  const alias = sql.raw(thread);
  const admitted = PRIVATE_DISCUSSABLE_TYPES.flatMap((type: DiscussableType) => {
    const ids = registeredDiscussable(type)?.participatingIdsSql?.(userId);
    return ids ? [sql`(${alias}.parent_type = ${type} AND ${alias}.parent_id IN (${ids}))`] : [];
  });
  return sql`(${alias}.parent_type IS NULL OR ${alias}.parent_type NOT IN (${privateTypesSql()})${admitted.length ? sql` OR ${sql.join(admitted, sql` OR `)}` : sql``})`;
}
