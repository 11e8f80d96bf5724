import { and, eq, isNull } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import type { EmailTokenPurpose } from "#db/schema/auth.ts";
import { newSplitToken, parseSplitToken, secretMatches } from "./crypto.ts";

const HOUR = 60 * 60 * 1000;
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  "verify-email": 24 * HOUR,
  "reset-password": HOUR,
  "change-email": 24 * HOUR,
};

/**
 * Issues a single-use token for an email link. Earlier unused tokens of the same purpose are
 * dropped, so only the newest link works. Only the SHA-256 of the secret is stored.
 */
export function createEmailToken(userId: number, purpose: EmailTokenPurpose, email: string, now = Date.now()) {
  const { id, token, secretHash } = newSplitToken();
  db.transaction(
    (tx) => {
      tx.delete(schema.emailTokens)
        .where(and(eq(schema.emailTokens.userId, userId), eq(schema.emailTokens.purpose, purpose)))
        .run();
      tx.insert(schema.emailTokens)
        .values({
          id,
          secretHash,
          userId,
          purpose,
          email,
          createdAt: new Date(now),
          expiresAt: new Date(now + EMAIL_TOKEN_TTL_MS[purpose]),
        })
        .run();
    },
    { behavior: "immediate" },
  );
  return token;
}

type TokenRow = typeof schema.emailTokens.$inferSelect;

function findValidToken(token: string | null | undefined, purpose: EmailTokenPurpose, now: number) {
  const parsed = parseSplitToken(token);
  if (!parsed) return null;
  const row = db
    .select()
    .from(schema.emailTokens)
    .where(and(eq(schema.emailTokens.id, parsed.id), eq(schema.emailTokens.purpose, purpose)))
    .get();
  if (!row || row.usedAt || row.expiresAt.getTime() <= now) return null;
  if (!secretMatches(parsed.secret, row.secretHash)) return null;
  return row;
}

/** Whether a link is still usable, without using it (to show the form or the "expired" text). */
export function peekEmailToken(token: string | null | undefined, purpose: EmailTokenPurpose, now = Date.now()) {
  return findValidToken(token, purpose, now);
}

/**
 * Uses a token once. `apply` runs inside the same immediate transaction as marking the token
 * used, so the effect and the consumption land together or not at all; a second use finds the
 * token spent.
 */
export function consumeEmailToken<T>(
  token: string | null | undefined,
  purpose: EmailTokenPurpose,
  apply: (row: TokenRow, tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) => T,
  now = Date.now(),
): { ok: true; value: T; row: TokenRow } | { ok: false } {
  const row = findValidToken(token, purpose, now);
  if (!row) return { ok: false };
  return db.transaction(
    (tx) => {
      const marked = tx
        .update(schema.emailTokens)
        .set({ usedAt: new Date(now) })
        .where(and(eq(schema.emailTokens.id, row.id), isNull(schema.emailTokens.usedAt)))
        .run();
      if (marked.changes !== 1) return { ok: false } as const;
      return { ok: true, value: apply(row, tx), row } as const;
    },
    { behavior: "immediate" },
  );
}
