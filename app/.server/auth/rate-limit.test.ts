import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { clearRateLimit, hitRateLimit, isRateLimited, pruneRateLimits, type RateLimitRule } from "./rate-limit.ts";

const rule: RateLimitRule = { name: "test", limit: 3, windowMs: 60_000 };

describe("rate limits", () => {
  test("allows up to the limit in a window, then refuses with the time to wait", () => {
    const now = 1_000_000;
    expect(hitRateLimit(rule, "a", now).ok).toBe(true);
    expect(hitRateLimit(rule, "a", now + 1).ok).toBe(true);
    expect(hitRateLimit(rule, "a", now + 2).ok).toBe(true);
    const refused = hitRateLimit(rule, "a", now + 10_000);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 50 });
  });

  test("subjects are counted apart", () => {
    const now = 2_000_000;
    for (let i = 0; i < 3; i++) hitRateLimit(rule, "b", now);
    expect(hitRateLimit(rule, "b", now).ok).toBe(false);
    expect(hitRateLimit(rule, "c", now).ok).toBe(true);
  });

  test("a new window starts after the old one ends", () => {
    const now = 3_000_000;
    for (let i = 0; i < 4; i++) hitRateLimit(rule, "d", now);
    expect(hitRateLimit(rule, "d", now + 59_999).ok).toBe(false);
    expect(hitRateLimit(rule, "d", now + 60_000).ok).toBe(true);
  });

  test("counts live in SQLite, so they survive a restart of the app", () => {
    const now = Date.now();
    for (let i = 0; i < 3; i++) hitRateLimit(rule, "e", now);
    const row = db.select().from(schema.rateLimits).all().find((r) => r.key === "test:e");
    expect(row?.count).toBe(3);
  });

  test("checking without counting, clearing, and pruning old windows", () => {
    const now = 4_000_000;
    expect(isRateLimited(rule, "f", now).ok).toBe(true);
    for (let i = 0; i < 3; i++) hitRateLimit(rule, "f", now);
    expect(isRateLimited(rule, "f", now).ok).toBe(false);
    clearRateLimit(rule, "f");
    expect(isRateLimited(rule, "f", now).ok).toBe(true);
    hitRateLimit(rule, "g", now);
    pruneRateLimits(now + 120_000);
    expect(db.select().from(schema.rateLimits).all().some((r) => r.key === "test:g")).toBe(false);
  });
});
