import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, isDataRequestPath, isSameOriginRequest, plainErrorPage, requestTargetProblem, ROUTED_METHODS } from "./security.ts";


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

describe("requests no route can answer (issue 14, hostile input)", () => {
  test("a path whose percent-encoding is broken or not UTF-8 is malformed", () => {
    for (const target of ["/%", "/organisations/%FF", "/%E0%A4%A", "/%C0%AE%C0%AE", "/a/%ED%A0%80", "/x%G1"]) expect(requestTargetProblem(target)).toBe("encoding");
  });

  test("a decoded control character or backslash in the path is refused; in the query it is the page's business", () => {
    for (const target of ["/%5C", "/a\\b", "/account%0A/notifications", "/x%00", "/x%7F", "/x%0D%0Ay"]) expect(requestTargetProblem(target)).toBe("character");
    expect(requestTargetProblem("/search?q=%0A%00%5C")).toBeNull();
  });

  test("only paths are targets here: not an absolute URL, not *", () => {
    expect(requestTargetProblem("http://evil.example/login")).toBe("form");
    expect(requestTargetProblem("*")).toBe("form");
    expect(requestTargetProblem("")).toBe("form");
  });

  test("Remix's legacy ?_data= requests are refused, encoded or not; other parameters pass", () => {
    expect(requestTargetProblem("/login?_data=")).toBe("legacy-data");
    expect(requestTargetProblem("/login?a=1&%5Fdata=root")).toBe("legacy-data");
    expect(requestTargetProblem("/login?redirectTo=%2Fx%3F_data%3D1")).toBeNull();
    expect(requestTargetProblem("/organisations/caf%C3%A9?q=%FF&index")).toBeNull();
    expect(requestTargetProblem("/events/foro-2026.ics")).toBeNull();
  });

  test("the methods Remix routes; TRACE, CONNECT and the like are not among them", () => {
    expect([...ROUTED_METHODS].sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
    expect(ROUTED_METHODS.has("TRACE")).toBe(false);
  });

  test("single-fetch data requests are told by their path, as Remix reads it", () => {
    expect(isDataRequestPath("/api/v1/organisations.data?x=1")).toBe(true);
    expect(isDataRequestPath("/_root.data")).toBe(true);
    expect(isDataRequestPath("/search?q=x.data")).toBe(false);
    expect(isDataRequestPath("/data")).toBe(false);
  });

  test("the 400 and 405 pages are translated", () => {
    expect(plainErrorPage({ headers: { "accept-language": "en" } }, 405)).toContain("This action is not available here");
    expect(plainErrorPage({ headers: {} }, 400)).toContain("No pudimos entender la solicitud");
  });
});
