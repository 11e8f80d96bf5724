import { lt, or, isNotNull } from "drizzle-orm";
import type { AppDatabase } from "./connection.ts";
import { emailTokens, rateLimits, sessions } from "./schema/auth.ts";

/**
 * Deletes rows that can never be used again: expired sessions, expired or used email tokens,
 * and finished rate-limit windows. Validation already ignores them; this keeps tables small.
 */
export function deleteExpiredRows(db: AppDatabase, now = new Date()) {
  return db.transaction(
    (tx) => ({
      sessions: tx.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes,
      emailTokens: tx
        .delete(emailTokens)
        .where(or(lt(emailTokens.expiresAt, now), isNotNull(emailTokens.usedAt)))
        .run().changes,
      rateLimits: tx.delete(rateLimits).where(lt(rateLimits.resetAt, now)).run().changes,
    }),
    { behavior: "immediate" },
  );
}
