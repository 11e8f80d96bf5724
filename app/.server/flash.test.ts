import { afterEach, expect, test } from "vitest";
import { flashCookie, readFlash } from "./flash.ts";

const before = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = before;
});

test("the flash cookie, set and cleared, is Secure in production only (it may name a person)", () => {
  process.env.NODE_ENV = "production";
  const set = flashCookie({ key: "privacy.accept.done" });
  expect(set).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=60; Secure$/);
  const { clear } = readFlash(new Request("https://x.pe/", { headers: { Cookie: set.split(";")[0]! } }));
  expect(clear).toMatch(/Max-Age=0; Secure$/);
  process.env.NODE_ENV = "test";
  expect(flashCookie({ key: "privacy.accept.done" })).not.toContain("Secure");
});
