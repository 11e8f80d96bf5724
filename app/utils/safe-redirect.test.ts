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
