import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { hashSecret } from "./crypto.ts";
import {
  createSession,
  invalidateOtherSessions,
  invalidateSession,
  listUserSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_SLIDING_MS,
  validateSessionToken,
} from "./session.ts";

const DAY = 24 * 60 * 60 * 1000;
let userId: number;

beforeEach(() => {
  userId = db
    .insert(schema.users)
    .values({ email: `p${crypto.randomUUID()}@test.pe`, name: "Test Person", passwordHash: "x" })
    .returning()
    .get().id;
});

describe("sessions", () => {
  test("a new session validates and returns its user", () => {
    const { token } = createSession(userId, { userAgent: "UA", ipAddress: "10.0.0.1" });
    const current = validateSessionToken(token);
    expect(current?.user.id).toBe(userId);
    expect(current?.session.userAgent).toBe("UA");
  });

  test("tokens are id.secret with at least 128 bits of secret, and only a hash is stored", () => {
    const { token, sessionId } = createSession(userId);
    const [id, secret] = token.split(".");
    expect(id).toBe(sessionId);
    // base32: 5 bits a character
    expect((secret?.length ?? 0) * 5).toBeGreaterThanOrEqual(128);
    const row = db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId)).get()!;
    const stored = JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString("hex") : v));
    expect(stored).not.toContain(secret);
    expect(Buffer.from(row.secretHash).equals(hashSecret(secret!))).toBe(true);
  });

  test("a wrong secret, a malformed token or an unknown id is refused", () => {
    const { token } = createSession(userId);
    const [id, secret] = token.split(".") as [string, string];
    const flipped = secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a");
    expect(validateSessionToken(`${id}.${flipped}`)).toBeNull();
    expect(validateSessionToken(id)).toBeNull();
    expect(validateSessionToken(`${id}.${secret}.x`)).toBeNull();
    expect(validateSessionToken(`zzzzzzzzzzzzzzzz.${secret}`)).toBeNull();
    expect(validateSessionToken("")).toBeNull();
  });

  test("the expiry slides forward once less than half of the window remains", () => {
    const start = Date.now();
    const { token } = createSession(userId, {}, start);
    const early = validateSessionToken(token, start + 5 * DAY);
    expect(early?.renewed).toBe(false);
    expect(early?.session.expiresAt.getTime()).toBe(start + SESSION_SLIDING_MS);

    const later = start + 16 * DAY;
    const renewed = validateSessionToken(token, later);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expiresAt.getTime()).toBe(later + SESSION_SLIDING_MS);
  });

  test("an unused session expires after 30 days and is deleted", () => {
    const start = Date.now();
    const { token, sessionId } = createSession(userId, {}, start);
    expect(validateSessionToken(token, start + SESSION_SLIDING_MS + 1)).toBeNull();
    expect(db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId)).get()).toBeUndefined();
  });

  test("even a session in daily use ends at the 90-day absolute cap", () => {
    const start = Date.now();
    const { token } = createSession(userId, {}, start);
    let last: ReturnType<typeof validateSessionToken> = null;
    for (let day = 1; day < 90; day++) {
      last = validateSessionToken(token, start + day * DAY);
      expect(last, `day ${day}`).not.toBeNull();
    }
    // Renewal never pushes the expiry beyond the cap.
    expect(last!.session.expiresAt.getTime()).toBeLessThanOrEqual(start + SESSION_ABSOLUTE_MS);
    expect(validateSessionToken(token, start + SESSION_ABSOLUTE_MS)).toBeNull();
  });

  test("invalidating a session ends it; ending the others keeps the current one", () => {
    const a = createSession(userId);
    const b = createSession(userId);
    const c = createSession(userId);
    invalidateSession(a.sessionId);
    expect(validateSessionToken(a.token)).toBeNull();
    expect(invalidateOtherSessions(userId, b.sessionId)).toBe(1);
    expect(validateSessionToken(b.token)).not.toBeNull();
    expect(validateSessionToken(c.token)).toBeNull();
    expect(listUserSessions(userId).map((s) => s.id)).toEqual([b.sessionId]);
  });
});
