import { describe, expect, test } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

describe("safeRedirect", () => {
  test("keeps paths on this site", () => {
    expect(safeRedirect("/account/sessions?x=1")).toBe("/account/sessions?x=1");
  });

  test("refuses other sites and tricks, falling back", () => {
    for (const target of ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "", null]) {
      expect(safeRedirect(target, "/home")).toBe("/home");
    }
    expect(safeRedirect("/ok\n/evil")).toBe("/");
  });
});

describe("safeRedirect makes every target a valid Location header value", () => {
  test("percent-encodes non-ASCII and spaces, keeps existing escapes", () => {
    expect(safeRedirect("/organizaciones/森林")).toBe("/organizaciones/%E6%A3%AE%E6%9E%97");
    expect(safeRedirect("/a b?q=día")).toBe("/a%20b?q=d%C3%ADa");
    expect(safeRedirect("/a%0d%0ab")).toBe("/a%0d%0ab");
    expect(() => new Headers({ Location: safeRedirect("/森\u2028林#ñ") })).not.toThrow();
  });

  test("refuses control characters, DEL and overlong targets", () => {
    for (const target of ["/a\r\nb", "/a\tb", "/a\u0000", "/a\u007f", `/${"x".repeat(2001)}`]) {
      expect(safeRedirect(target, "/home")).toBe("/home");
    }
  });
});
