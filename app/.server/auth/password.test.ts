import { describe, expect, test } from "vitest";
import { commonPasswordCount, isCommonPassword } from "./common-passwords.ts";
import { hashPassword, verifyPassword } from "./password.ts";

describe("password hashing", () => {
  test("hashes with argon2id at m=19456 KiB, t=2, p=1 and verifies", async () => {
    const hash = await hashPassword("una frase larga y segura");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain("una frase");
    expect(await verifyPassword(hash, "una frase larga y segura")).toBe(true);
    expect(await verifyPassword(hash, "una frase larga y segurA")).toBe(false);
  });

  test("the same password hashes differently each time (salted)", async () => {
    expect(await hashPassword("misma-clave-123")).not.toBe(await hashPassword("misma-clave-123"));
  });

  test("a malformed stored hash never verifies instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});

describe("common passwords", () => {
  test("the shipped list has at least 10,000 entries", () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  test("common passwords are recognised case-insensitively; uncommon ones are not", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("12345678")).toBe(true);
    expect(isCommonPassword("QWERTY123")).toBe(true);
    expect(isCommonPassword("ceviche-de-conchas-negras-2026")).toBe(false);
  });
});
