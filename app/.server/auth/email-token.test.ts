import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { consumeEmailToken, createEmailToken, EMAIL_TOKEN_TTL_MS, peekEmailToken } from "./email-token.ts";

let userId: number;
beforeEach(() => {
  userId = db
    .insert(schema.users)
    .values({ email: `t${crypto.randomUUID()}@test.pe`, name: "Token Person", passwordHash: "x" })
    .returning()
    .get().id;
});

describe("email tokens", () => {
  test("a token works once; the second use is refused", () => {
    const token = createEmailToken(userId, "reset-password", "a@test.pe");
    const first = consumeEmailToken(token, "reset-password", (row) => row.userId);
    expect(first).toMatchObject({ ok: true, value: userId });
    expect(consumeEmailToken(token, "reset-password", () => "again").ok).toBe(false);
  });

  test("an expired token is refused", () => {
    const issued = Date.now();
    const token = createEmailToken(userId, "reset-password", "a@test.pe", issued);
    const after = issued + EMAIL_TOKEN_TTL_MS["reset-password"] + 1;
    expect(peekEmailToken(token, "reset-password", after)).toBeNull();
    expect(consumeEmailToken(token, "reset-password", () => 1, after).ok).toBe(false);
  });

  test("a token is only good for its purpose, and only with its secret", () => {
    const token = createEmailToken(userId, "verify-email", "a@test.pe");
    expect(consumeEmailToken(token, "reset-password", () => 1).ok).toBe(false);
    const [id] = token.split(".");
    expect(consumeEmailToken(`${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, "verify-email", () => 1).ok).toBe(false);
    expect(consumeEmailToken(token, "verify-email", () => 1).ok).toBe(true);
  });

  test("a newer link replaces the older one", () => {
    const older = createEmailToken(userId, "verify-email", "a@test.pe");
    const newer = createEmailToken(userId, "verify-email", "a@test.pe");
    expect(peekEmailToken(older, "verify-email")).toBeNull();
    expect(peekEmailToken(newer, "verify-email")).not.toBeNull();
  });

  test("only the hash of the secret is stored", () => {
    const token = createEmailToken(userId, "verify-email", "a@test.pe");
    const [id, secret] = token.split(".") as [string, string];
    const row = db.select().from(schema.emailTokens).where(eq(schema.emailTokens.id, id)).get()!;
    expect(Buffer.from(row.secretHash).toString("utf8")).not.toContain(secret);
    expect(row.secretHash.length).toBe(32);
  });

  test("if applying the effect fails, the token is not spent", () => {
    const token = createEmailToken(userId, "reset-password", "a@test.pe");
    expect(() =>
      consumeEmailToken(token, "reset-password", () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(consumeEmailToken(token, "reset-password", () => 1).ok).toBe(true);
  });
});
