import { and, eq, isNull } from "drizzle-orm";
import { newSplitToken, parseSplitToken, secretMatches } from "#app/.server/auth/crypto.ts";
import { db, schema, type Tx } from "#app/.server/db.ts";
import { appUrl } from "#app/.server/env.ts";
import { UNSUBSCRIBE_LINK_TTL_MS } from "#db/schema/notifications.ts";
import { PREFERENCE_GROUPS, type PreferenceGroup } from "./registry.ts";

// One-click unsubscribe (issue 13, RFC 8058 and RFC 2369): every notification email carries a
// link of its own for the kind of email it is (its preference group, or the digest). The link
// works without signing in — the token is the proof — and is honoured at once, once.

/** Where unsubscribe links point: `/unsubscribe?token=<id.secret>`. */
export const UNSUBSCRIBE_PATH = "/unsubscribe";

/** What an unsubscribe link stops: a preference group's emails, or the digest. */
export type UnsubscribeScope = PreferenceGroup | "digest";

const u = schema.unsubscribeTokens;

function isScope(value: string): value is UnsubscribeScope {
  return value === "digest" || (PREFERENCE_GROUPS as readonly string[]).includes(value);
}

/**
 * A new unsubscribe link for one email to `userId` about `scope`, written in the caller's
 * transaction (the one that enqueues the email): the absolute URL, e.g.
 * `https://…/unsubscribe?token=abcd.efgh`.
 */
export function createUnsubscribeLink(tx: Pick<Tx, "insert">, userId: number, scope: UnsubscribeScope): string {
  const { id, token, secretHash } = newSplitToken();
  tx.insert(u).values({ id, secretHash, userId, preference: scope }).run();
  return `${appUrl()}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
}

export type UnsubscribeLookup =
  | { ok: true; userId: number; scope: UnsubscribeScope }
  | { ok: false; error: "invalid" | "used" };

/** What a token is for, without using it: "invalid" for a forged, malformed or unknown one, "used" once honoured. */
export function peekUnsubscribe(token: string | null | undefined, reader: Pick<Tx, "select"> = db): UnsubscribeLookup {
  const parsed = parseSplitToken(token);
  if (!parsed) return { ok: false, error: "invalid" };
  const row = reader.select().from(u).where(eq(u.id, parsed.id)).get();
  if (!row || !secretMatches(parsed.secret, row.secretHash) || !isScope(row.preference)) return { ok: false, error: "invalid" };
  if (row.usedAt) return { ok: false, error: "used" };
  if (row.createdAt.getTime() < Date.now() - UNSUBSCRIBE_LINK_TTL_MS) return { ok: false, error: "invalid" };
  return { ok: true, userId: row.userId, scope: row.preference };
}

/**
 * Honours an unsubscribe link, in one immediate transaction: a preference group's channel becomes
 * "in_app" (the notices stay on the site, no more email); the digest: every group set to "digest"
 * becomes "in_app" and notices waiting for the digest are no longer mailed. The token is used up.
 * Refusals (nothing changed): "invalid" (forged, malformed, unknown), "used" (honoured before).
 */
export function unsubscribe(token: string | null | undefined, now = new Date()): UnsubscribeLookup {
  return db.transaction(
    (tx) => {
      const found = peekUnsubscribe(token, tx);
      if (!found.ok) return found;
      const parsed = parseSplitToken(token)!;
      const p = schema.notificationPreferences;
      if (found.scope === "digest") {
        tx.update(p).set({ channel: "in_app" }).where(and(eq(p.userId, found.userId), eq(p.channel, "digest"))).run();
        const n = schema.notifications;
        tx.update(n).set({ emailState: null }).where(and(eq(n.userId, found.userId), eq(n.emailState, "pending_digest"))).run();
      } else {
        tx.insert(p)
          .values({ userId: found.userId, preference: found.scope, channel: "in_app" })
          .onConflictDoUpdate({ target: [p.userId, p.preference], set: { channel: "in_app" } })
          .run();
      }
      tx.update(u).set({ usedAt: now }).where(and(eq(u.id, parsed.id), isNull(u.usedAt))).run();
      return found;
    },
    { behavior: "immediate" },
  );
}

