import { and, eq, ne } from "drizzle-orm";
import { databaseTrouble } from "#app/.server/database-errors.ts";
import { db, schema } from "#app/.server/db.ts";
import type { User } from "#db/schema/auth.ts";
import { newSplitToken, parseSplitToken, secretMatches } from "./crypto.ts";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_SLIDING_MS = 30 * DAY;
export const SESSION_ABSOLUTE_MS = 90 * DAY;
// Writing "last seen" on every request would turn reads into writes; once a minute is enough.
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

export type SessionUser = Pick<User, "id" | "email" | "name" | "role" | "locale" | "emailVerifiedAt" | "privacyNoticeVersion">;

export function createSession(
  userId: number,
  meta: { userAgent?: string | null; ipAddress?: string | null } = {},
  now = Date.now(),
) {
  const { id, token, secretHash } = newSplitToken();
  const expiresAt = new Date(Math.min(now + SESSION_SLIDING_MS, now + SESSION_ABSOLUTE_MS));
  db.insert(schema.sessions)
    .values({
      id,
      secretHash,
      userId,
      createdAt: new Date(now),
      expiresAt,
      lastSeenAt: new Date(now),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ipAddress: meta.ipAddress ?? null,
    })
    .run();
  return { token, sessionId: id, expiresAt };
}

/**
 * Validates a session token. Returns the session and its user, or null. Expired sessions are
 * deleted. The expiry slides forward when less than half of the 30-day window remains, but never
 * past 90 days from creation.
 */
export function validateSessionToken(token: string | null | undefined, now = Date.now()) {
  const parsed = parseSplitToken(token);
  if (!parsed) return null;
  const row = db
    .select({
      session: schema.sessions,
      user: {
        id: schema.users.id,
        email: schema.users.email,
        name: schema.users.name,
        role: schema.users.role,
        locale: schema.users.locale,
        emailVerifiedAt: schema.users.emailVerifiedAt,
        privacyNoticeVersion: schema.users.privacyNoticeVersion,
      },
    })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(eq(schema.sessions.id, parsed.id))
    .get();
  if (!row) return null;
  if (!secretMatches(parsed.secret, row.session.secretHash)) return null;

  const { session } = row;
  const absoluteEnd = session.createdAt.getTime() + SESSION_ABSOLUTE_MS;
  if (now >= session.expiresAt.getTime() || now >= absoluteEnd) {
    // Housekeeping deletes it later if the database cannot write now (bestEffort).
    bestEffort(() => db.delete(schema.sessions).where(eq(schema.sessions.id, session.id)).run());
    return null;
  }
  const expiresBefore = session.expiresAt;

  let renewed = false;
  const updates: Partial<typeof schema.sessions.$inferInsert> = {};
  if (session.expiresAt.getTime() - now < SESSION_SLIDING_MS / 2) {
    const next = Math.min(now + SESSION_SLIDING_MS, absoluteEnd);
    if (next > session.expiresAt.getTime()) {
      updates.expiresAt = new Date(next);
      session.expiresAt = updates.expiresAt;
      renewed = true;
    }
  }
  if (now - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    updates.lastSeenAt = new Date(now);
  }
  if (Object.keys(updates).length > 0) {
    const written = bestEffort(() => db.update(schema.sessions).set(updates).where(eq(schema.sessions.id, session.id)).run());
    // Not renewed after all: the next request tries again.
    if (!written) return { session: { ...session, expiresAt: expiresBefore }, user: row.user as SessionUser, renewed: false };
  }
  return { session, user: row.user as SessionUser, renewed };
}

/**
 * Runs a write that reading a page needs not wait for (a session's last-seen time, its renewal,
 * deleting an expired one). When the database cannot write (disk full, read-only, busy: see
 * app/.server/database-errors.ts) it is skipped, so signed-in people can still read, and false is
 * returned; any other error is thrown.
 */
function bestEffort(write: () => unknown) {
  try {
    write();
    return true;
  } catch (error) {
    if (!databaseTrouble(error)) throw error;
    return false;
  }
}

export function invalidateSession(sessionId: string) {
  db.delete(schema.sessions).where(eq(schema.sessions.id, sessionId)).run();
}

export function invalidateUserSession(userId: number, sessionId: string) {
  return db
    .delete(schema.sessions)
    .where(and(eq(schema.sessions.userId, userId), eq(schema.sessions.id, sessionId)))
    .run().changes;
}

/** Ends every session of a user except, optionally, the one in use. */
export function invalidateOtherSessions(userId: number, keepSessionId?: string) {
  const where = keepSessionId
    ? and(eq(schema.sessions.userId, userId), ne(schema.sessions.id, keepSessionId))
    : eq(schema.sessions.userId, userId);
  return db.delete(schema.sessions).where(where).run().changes;
}

export function listUserSessions(userId: number, now = Date.now()) {
  return db
    .select({
      id: schema.sessions.id,
      createdAt: schema.sessions.createdAt,
      lastSeenAt: schema.sessions.lastSeenAt,
      expiresAt: schema.sessions.expiresAt,
      userAgent: schema.sessions.userAgent,
      ipAddress: schema.sessions.ipAddress,
    })
    .from(schema.sessions)
    .where(eq(schema.sessions.userId, userId))
    .orderBy(schema.sessions.lastSeenAt)
    .all()
    .filter((s) => s.expiresAt.getTime() > now)
    .reverse();
}
