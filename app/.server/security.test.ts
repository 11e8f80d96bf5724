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

  test("a write whose Origin differs from a forwarded host is refused (Remix would throw a 500 on it)", () => {
    expect(isSameOriginRequest(post({ host: "peru.example", origin: "https://peru.example", "x-forwarded-host": "evil.example" }))).toBe(false);
    expect(isSameOriginRequest(post({ host: "peru.example", origin: "https://peru.example", "x-forwarded-host": "peru.example, proxy.internal" }))).toBe(true);
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

describe("the 413 page for an oversized upload without JavaScript (break-it 12, fault 1)", () => {
  const from = (referer: string, lang = "es") => ({ headers: { host: "peru.example", referer, cookie: `lang=${lang}` } });

  test("in the person's language, with a link back to the page of this site the form was on", () => {
    const page = plainErrorPage(from("https://peru.example/exchange/12/edit?tab=photos#fotos"), 413);
    expect(page).toContain("El envío es demasiado grande");
    expect(page).toContain('<a href="/exchange/12/edit?tab=photos">Volver a la página anterior</a>');
    expect(plainErrorPage(from("https://peru.example/organisations/agro/edit", "en"), 413)).toContain(
      '<a href="/organisations/agro/edit">Back to the page you were on</a>',
    );
  });

  test("no link back to another site, or without a Referer; the link is escaped", () => {
    expect(plainErrorPage(from("https://evil.example/exchange/12/edit"), 413)).not.toContain("Volver a la página anterior");
    expect(plainErrorPage({ headers: { host: "peru.example" } }, 413)).not.toContain("Volver a la página anterior");
    expect(plainErrorPage(from("javascript:alert(1)"), 413)).not.toContain("Volver a la página anterior");
    expect(plainErrorPage(from('https://peru.example/a?b="><script>'), 413)).not.toContain("<script>");
  });
});
