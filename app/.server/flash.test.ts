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

test("a flash cookie written by hand with values that are not text or numbers is dropped, not rendered (issue 14)", () => {
  const cookie = (flash: unknown) => new Request("https://x.pe/", { headers: { Cookie: `flash=${encodeURIComponent(JSON.stringify(flash))}` } });
  for (const forged of [
    { key: "team.invited", vars: { email: { toString: 1 } } },
    { key: "team.invited", vars: ["a"] },
    { key: "team.invited", vars: "a" },
    { key: "team.invited", vars: { n: null } },
    null,
    [],
    "team.invited",
  ]) {
    const read = readFlash(cookie(forged));
    expect(read.flash).toBeNull();
    expect(read.clear).toMatch(/Max-Age=0/);
  }
  expect(readFlash(cookie({ key: "team.invited", vars: { email: "a@b.pe", n: 2 } })).flash).toEqual({ key: "team.invited", vars: { email: "a@b.pe", n: 2 } });
});
