import { eq, lt } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { env } from "#app/.server/env.ts";

export type RateLimitRule = { name: string; limit: number; windowMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const RATE_LIMITS = {
  // Log-in (docs/decisions/0008-login-throttling-and-sign-up-privacy.md): each IP is limited,
  // each address-and-IP pair is limited, and past the per-address total a right password only
  // earns an emailed sign-in link instead of a session: nobody can lock an owner out on purpose.
  loginPerIp: { name: "login-ip", limit: 10, windowMs: MINUTE },
  loginFailuresPerAccountAndIp: { name: "login-fail-account-ip", limit: 10, windowMs: 15 * MINUTE },
  loginFailuresPerAccount: { name: "login-fail-account", limit: 100, windowMs: HOUR },
  signInLinksPerAccount: { name: "login-link-account", limit: 3, windowMs: HOUR },
  signupPerIp: { name: "signup-ip", limit: 10, windowMs: MINUTE },
  resetPerIp: { name: "reset-ip", limit: 10, windowMs: MINUTE },
  resetPerAccount: { name: "reset-account", limit: 5, windowMs: HOUR },
  verifyPerIp: { name: "verify-ip", limit: 10, windowMs: MINUTE },
  verifyPerAccount: { name: "verify-account", limit: 10, windowMs: HOUR },
  // Downloads of one's data (issue 13): each reads everything and is logged for the coordinators.
  dataExportPerAccount: { name: "data-export-account", limit: 10, windowMs: HOUR },
} satisfies Record<string, RateLimitRule>;

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

function effectiveLimit(rule: RateLimitRule) {
  return Math.max(1, Math.floor(rule.limit * env().RATE_LIMIT_SCALE));
}

/**
 * Counts one hit against a fixed window kept in SQLite (so limits survive a restart) and says
 * whether it is allowed. The read and the write happen in one immediate transaction.
 */
export function hitRateLimit(rule: RateLimitRule, subject: string, now = Date.now()): RateLimitResult {
  const key = `${rule.name}:${subject}`;
  const limit = effectiveLimit(rule);
  return db.transaction(
    (tx) => {
      const row = tx.select().from(schema.rateLimits).where(eq(schema.rateLimits.key, key)).get();
      if (!row || row.resetAt.getTime() <= now) {
        tx.insert(schema.rateLimits)
          .values({ key, count: 1, resetAt: new Date(now + rule.windowMs) })
          .onConflictDoUpdate({
            target: schema.rateLimits.key,
            set: { count: 1, resetAt: new Date(now + rule.windowMs) },
          })
          .run();
        return { ok: true } as const;
      }
      if (row.count >= limit) {
        return { ok: false, retryAfterSeconds: Math.ceil((row.resetAt.getTime() - now) / 1000) } as const;
      }
      tx.update(schema.rateLimits).set({ count: row.count + 1 }).where(eq(schema.rateLimits.key, key)).run();
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

/** Checks a limit without counting (used for "failures per account" before verifying). */
export function isRateLimited(rule: RateLimitRule, subject: string, now = Date.now()): RateLimitResult {
  const row = db
    .select()
    .from(schema.rateLimits)
    .where(eq(schema.rateLimits.key, `${rule.name}:${subject}`))
    .get();
  if (!row || row.resetAt.getTime() <= now || row.count < effectiveLimit(rule)) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.ceil((row.resetAt.getTime() - now) / 1000) };
}

export function clearRateLimit(rule: RateLimitRule, subject: string) {
  db.delete(schema.rateLimits).where(eq(schema.rateLimits.key, `${rule.name}:${subject}`)).run();
}

export function pruneRateLimits(now = Date.now()) {
  db.delete(schema.rateLimits).where(lt(schema.rateLimits.resetAt, new Date(now))).run();
}
