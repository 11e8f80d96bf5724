import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, isSameOriginRequest, plainErrorPage } from "./security.ts";

const post = (headers: Record<string, string>) => ({ method: "POST", headers });

describe("origin check", () => {
  test("reads are always allowed", () => {
    expect(isSameOriginRequest({ method: "GET", headers: { origin: "https://evil.example" } })).toBe(true);
    expect(isSameOriginRequest({ method: "HEAD", headers: {} })).toBe(true);
  });

  test("a write from this site passes", () => {
    expect(isSameOriginRequest(post({ host: "peru.example", origin: "https://peru.example" }))).toBe(true);
    expect(
      isSameOriginRequest(post({ host: "peru.example", origin: "https://peru.example", "sec-fetch-site": "same-origin" })),
    ).toBe(true);
  });

  test("a write from another site, or a sibling subdomain, is refused", () => {
    expect(isSameOriginRequest(post({ host: "peru.example", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(post({ host: "peru.example", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(
      isSameOriginRequest(post({ host: "peru.example", origin: "https://peru.example", "sec-fetch-site": "same-site" })),
    ).toBe(false);
    expect(isSameOriginRequest(post({ host: "peru.example", origin: "null" }))).toBe(false);
  });

  test("a write with neither Origin nor Sec-Fetch-Site is refused", () => {
    expect(isSameOriginRequest(post({ host: "peru.example" }))).toBe(false);
    expect(isSameOriginRequest({ method: "DELETE", headers: { host: "peru.example" } })).toBe(false);
  });
});

describe("security headers", () => {
  test("the CSP carries the nonce, forbids framing and inline scripts without it", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
  });

  test("errors answered before the app runs are translated", () => {
    expect(plainErrorPage({ headers: { "accept-language": "en-GB,en" } }, 413)).toContain("What you sent is too large");
    expect(plainErrorPage({ headers: { cookie: "lang=es" } }, 403)).toContain('lang="es"');
  });
});
