import { expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { deleteExpiredRows } from "./housekeeping.ts";

test("housekeeping deletes expired sessions, spent tokens, old rate-limit windows, old form tokens, year-old unsubscribe links and month-old sent or given-up mail and outbox copies, nothing else", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const past = new Date(now.getTime() - 1000);
  const future = new Date(now.getTime() + 60_000);
  const userId = db.insert(schema.users).values({ email: "h@test.pe", name: "H", passwordHash: "x" }).returning().get().id;
  const hash = Buffer.alloc(32);
  db.insert(schema.sessions)
    .values([
      { id: "old", secretHash: hash, userId, expiresAt: past, lastSeenAt: past },
      { id: "live", secretHash: hash, userId, expiresAt: future, lastSeenAt: past },
    ])
    .run();
  db.insert(schema.emailTokens)
    .values([
      { id: "expired", secretHash: hash, userId, purpose: "verify-email", email: "h@test.pe", expiresAt: past },
      { id: "used", secretHash: hash, userId, purpose: "reset-password", email: "h@test.pe", expiresAt: future, usedAt: past },
      { id: "fresh", secretHash: hash, userId, purpose: "change-email", email: "n@test.pe", expiresAt: future },
    ])
    .run();
  db.insert(schema.rateLimits)
    .values([
      { key: "a", count: 1, resetAt: past },
      { key: "b", count: 1, resetAt: future },
    ])
    .run();

  const monthAgo = new Date(now.getTime() - 31 * 24 * 60 * 60 * 1000);
  db.insert(schema.formSubmissions)
    .values([
      { token: "old", form: "f", userId, redirectTo: "/", createdAt: monthAgo },
      { token: "recent", form: "f", userId, redirectTo: "/", createdAt: past },
    ])
    .run();

  // Unsubscribe links work a year (UNSUBSCRIBE_LINK_TTL_MS); delivered mail is kept a month
  // (SENT_MAIL_RETENTION_MS), mail still to send is never swept.
  const yearAndDayAgo = new Date(now.getTime() - 366 * 24 * 60 * 60 * 1000);
  db.insert(schema.unsubscribeTokens)
    .values([
      { id: "stale", secretHash: hash, userId, preference: "events", createdAt: yearAndDayAgo },
      { id: "valid", secretHash: hash, userId, preference: "events", createdAt: monthAgo },
    ])
    .run();
  const mail = { to: "h@test.pe", subject: "s", text: "t", locale: "es", messageId: "<m@x>" };
  db.insert(schema.mailQueue)
    .values([
      { ...mail, state: "sent", sentAt: monthAgo, messageId: "<old@x>" },
      { ...mail, state: "sent", sentAt: past, messageId: "<recent@x>" },
      { ...mail, state: "pending", createdAt: monthAgo, messageId: "<waiting@x>" },
      { ...mail, state: "failed", createdAt: monthAgo, messageId: "<given-up@x>" },
      { ...mail, state: "failed", createdAt: past, messageId: "<failed-lately@x>" },
    ])
    .run();
  db.insert(schema.outbox)
    .values([
      { to: "h@test.pe", subject: "s", text: "t", locale: "es", createdAt: monthAgo },
      { to: "h@test.pe", subject: "recent", text: "t", locale: "es", createdAt: past },
    ])
    .run();

  expect(deleteExpiredRows(db, now)).toEqual({ sessions: 1, emailTokens: 2, rateLimits: 1, formSubmissions: 1, unsubscribeTokens: 1, sentMail: 2, outbox: 1 });
  expect(db.select().from(schema.unsubscribeTokens).all().map((r) => r.id)).toEqual(["valid"]);
  expect(db.select().from(schema.mailQueue).all().map((r) => r.messageId)).toEqual(["<recent@x>", "<waiting@x>", "<failed-lately@x>"]);
  expect(db.select().from(schema.outbox).all().map((r) => r.subject)).toEqual(["recent"]);
  expect(db.select().from(schema.formSubmissions).all().map((r) => r.token)).toEqual(["recent"]);
  expect(db.select().from(schema.sessions).all().map((s) => s.id)).toEqual(["live"]);
  expect(db.select().from(schema.emailTokens).all().map((t) => t.id)).toEqual(["fresh"]);
  expect(db.select().from(schema.rateLimits).all().map((r) => r.key)).toEqual(["b"]);
});
