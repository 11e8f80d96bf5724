import { afterAll, beforeAll, expect, test } from "vitest";
import { CACHEABLE_PAGES } from "#app/.server/page-cache.ts";
import { DEMO_PASSWORD } from "#tests/factories/users.ts";
import { HttpClient } from "./client.ts";
import { crawl, getSeeds, patternMatcher, type CrawledPage } from "./crawl.ts";
import { recordFigures, type Figure } from "./figures.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";
import { demoClient, DEMO_PEOPLE, fillRoute, prepareSite, routeModules, type DemoRole, type RouteModule } from "./site-map.ts";

// Headers and cookies (issue 14) on every HTML answer of the GET crawl (tests/http/crawl.ts: every
// GET route with real parameters, then links, as a visitor, a member, an owner, a coordinator and
// an admin) from the production build: a nonce CSP without 'unsafe-inline' scripts whose nonce is
// the one on the page's scripts, nosniff, a Referrer-Policy, no framing, HSTS, a charset; every
// cookie HttpOnly, SameSite and Secure, the session's `__Host-`; and every page rendered for a
// signed-in person `Cache-Control: private, no-store` (shared caches and the browser's history
// must not keep it), while visitors' public pages stay cacheable and are served by the page cache.

let server: BuiltServer;
let routes: RouteModule[];
let seeds: ReturnType<typeof getSeeds>;
const ROLES: ("anonymous" | DemoRole)[] = ["anonymous", "member", "owner", "coordinator", "admin"];
const crawled: Partial<Record<(typeof ROLES)[number], CrawledPage[]>> = {};
const figures: Figure[] = [];
beforeAll(async () => {
  const values = await prepareSite();
  routes = await routeModules();
  seeds = getSeeds(routes, (pattern) => fillRoute(pattern, values));
  server = await startBuiltServer();
  const match = patternMatcher(routes);
  for (const role of ROLES) crawled[role] = await crawl(role === "anonymous" ? new HttpClient(server) : demoClient(server, role), seeds, match);
});
afterAll(async () => {
  await server.stop();
  recordFigures("headers", figures);
});

const REFERRER_POLICIES = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

/** What is wrong with the security headers of one HTML answer (empty when nothing). */
function headerFaults(page: Pick<CrawledPage, "headers" | "body">): string[] {
  const faults: string[] = [];
  const h = page.headers;
  const csp = h.get("content-security-policy") ?? "";
  const scriptSrc = /(?:^|;)\s*script-src([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src([^;]*)/.exec(csp)?.[1];
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc ?? "")?.[1];
  if (!csp) faults.push("no Content-Security-Policy");
  else if (!scriptSrc) faults.push("CSP without script-src");
  else {
    if (/'unsafe-inline'|'unsafe-eval'/.test(scriptSrc)) faults.push(`script-src allows unsafe code: ${scriptSrc}`);
    if (!nonce) faults.push("script-src without a nonce");
    // Every script on the page carries the CSP's nonce (else it would not run, or the nonce is not per page).
    const scripts = [...page.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    const without = scripts.filter((attributes) => !attributes.includes(`nonce="${nonce}"`));
    if (nonce && without.length) faults.push(`${without.length} <script> without the CSP nonce`);
    if (!/object-src 'none'/.test(csp) || !/base-uri 'self'|base-uri 'none'/.test(csp)) faults.push("CSP without object-src 'none' and base-uri");
  }
  if (h.get("x-content-type-options") !== "nosniff") faults.push("no X-Content-Type-Options: nosniff");
  if (!REFERRER_POLICIES.includes(h.get("referrer-policy") ?? "")) faults.push(`Referrer-Policy ${h.get("referrer-policy")}`);
  if (h.get("x-frame-options") !== "DENY" && !/frame-ancestors 'none'/.test(csp)) faults.push("framing not refused");
  const hsts = /max-age=(\d+)/.exec(h.get("strict-transport-security") ?? "")?.[1];
  if (!hsts || Number(hsts) < 31_536_000) faults.push(`Strict-Transport-Security ${h.get("strict-transport-security")}`);
  if (!/^text\/html;\s*charset=utf-8$/i.test(h.get("content-type") ?? "")) faults.push(`Content-Type ${h.get("content-type")}`);
  return faults;
}

/** What is wrong with one Set-Cookie line (empty when nothing). */
function cookieFaults(line: string): string[] {
  const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
  const name = pair.slice(0, pair.indexOf("="));
  const has = (attribute: RegExp) => attributes.some((a) => attribute.test(a));
  const faults: string[] = [];
  if (!has(/^httponly$/i)) faults.push(`${name} without HttpOnly`);
  if (!has(/^samesite=(lax|strict)$/i)) faults.push(`${name} without SameSite=Lax/Strict`);
  if (!has(/^secure$/i)) faults.push(`${name} without Secure`);
  if (/session/i.test(name) && (!name.startsWith("__Host-") || !has(/^path=\/$/i) || has(/^domain=/i))) faults.push(`${name}: a session cookie must be __Host- with Path=/ and no Domain`);
  return faults;
}

const isPrivateCache = (page: CrawledPage) => {
  const directives = (page.headers.get("cache-control") ?? "").toLowerCase().split(",").map((d) => d.trim());
  return directives.includes("private") && directives.includes("no-store");
};

test("every HTML answer of the crawl carries the security headers, and every cookie set is HttpOnly, SameSite and Secure", async () => {
  const html = ROLES.flatMap((role) => crawled[role]!.filter((page) => page.isHtml).map((page) => ({ role, page })));
  const headerProblems = html.flatMap(({ role, page }) => headerFaults(page).map((fault) => `${role} ${page.url} (${page.status}): ${fault}`));

  // Cookies: those the crawl met, and those of the writes that set them (log-in, language, a
  // flash message, log-out), sent from the site as a browser does.
  const cookieLines = ROLES.flatMap((role) => crawled[role]!.flatMap((page) => page.setCookies));
  const person = new HttpClient(server);
  const flows = [
    await person.request("/login", { form: { email: DEMO_PEOPLE.member, password: DEMO_PASSWORD } }),
    await person.request("/set-language", { form: { lang: "en", redirectTo: "/" } }),
    await person.request("/notifications", { form: { intent: "mark-read" } }),
    await person.request("/logout", { form: {} }),
  ];
  for (const answer of flows) expect(answer.status, answer.body.slice(0, 200)).toBe(302);
  cookieLines.push(...flows.flatMap((answer) => answer.headers.getSetCookie()));
  const cookieNames = new Set(cookieLines.map((line) => line.slice(0, line.indexOf("="))));
  const cookieProblems = [...new Set(cookieLines.flatMap(cookieFaults))];

  figures.push(
    { suite: "Headers and cookies", measure: "HTML answers checked", value: html.length, target: "every HTML answer of the crawl", met: html.length > 0, note: ROLES.map((r) => `${r} ${html.filter((h) => h.role === r).length}`).join(", ") },
    { suite: "Headers and cookies", measure: "missing or weak security headers", value: headerProblems.length, target: "0", met: headerProblems.length === 0 },
    { suite: "Headers and cookies", measure: "Set-Cookie lines checked", value: cookieLines.length, target: "—", met: true, note: [...cookieNames].join(", ") },
    { suite: "Headers and cookies", measure: "cookies without HttpOnly, SameSite, Secure (or __Host- for the session)", value: cookieProblems.length, target: "0", met: cookieProblems.length === 0 },
  );
  expect(html.length).toBeGreaterThan(500);
  expect(headerProblems.slice(0, 30)).toEqual([]);
  for (const name of ["__Host-session", "lang", "flash"]) expect(cookieNames.has(name), name).toBe(true);
  expect(cookieProblems).toEqual([]);
});

test("every page rendered for a signed-in person is private, no-store; visitors' public pages stay cacheable and come from the page cache", async () => {
  const signedIn = ROLES.filter((r) => r !== "anonymous").flatMap((role) => crawled[role]!.filter((page) => page.isHtml).map((page) => ({ role, page })));
  const leaky = signedIn.filter(({ page }) => !isPrivateCache(page)).map(({ role, page }) => `${role} ${page.url} (${page.status}): ${page.headers.get("cache-control")}`);

  // The visitors' public pages the page cache keeps (app/.server/page-cache.ts): never private or
  // no-store, and asked again they come from the cache.
  const anonymous = crawled.anonymous!.filter((page) => page.isHtml && page.status === 200);
  const cacheable = anonymous.filter((page) => CACHEABLE_PAGES.some((p) => p.test(page.url.split("?")[0]!)));
  const notCacheable = cacheable.filter((page) => /private|no-store/i.test(page.headers.get("cache-control") ?? "")).map((page) => page.url);
  const visitor = new HttpClient(server);
  const misses: string[] = [];
  for (const page of cacheable.slice(0, 40)) {
    // Asked twice in a row (the crawl's visit may be older than the cache's one-minute limit).
    await visitor.get(page.url);
    const again = await visitor.get(page.url);
    if (again.headers.get("x-page-cache") !== "hit") misses.push(`${page.url}: ${again.headers.get("x-page-cache")}`);
  }
  // A signed-in person never gets a page from the cache (it would be a visitor's page): theirs
  // is rendered for them, with their log-out form.
  const member = demoClient(server, "member");
  const fromCacheWhenSignedIn: string[] = [];
  for (const page of cacheable.slice(0, 10)) {
    const answer = await member.get(page.url);
    if (answer.headers.get("x-page-cache") || !answer.body.includes('action="/logout"')) fromCacheWhenSignedIn.push(page.url);
  }
  // The same pages' data, as a client navigation fetches it (`<path>.data`): private too when signed
  // in; a visitor's stays as its route says.
  const dataOf = (url: string) => {
    const [pathname, query] = url.split("?");
    return `${pathname === "/" ? "/_root" : pathname}.data${query ? `?${query}` : ""}`;
  };
  const memberPages = crawled.member!.filter((page) => page.isHtml && page.status === 200).slice(0, 40);
  const leakyData: string[] = [];
  for (const page of memberPages) {
    const answer = await member.get(dataOf(page.url));
    const directives = (answer.headers.get("cache-control") ?? "").split(",").map((d) => d.trim());
    if (!directives.includes("private") || !directives.includes("no-store")) leakyData.push(`${dataOf(page.url)} (${answer.status}): ${answer.headers.get("cache-control")}`);
  }
  const visitorData = await visitor.get(dataOf("/organisations"));
  expect(visitorData.status).toBe(200);
  expect(visitorData.headers.get("cache-control") ?? "").not.toMatch(/private|no-store/);
  figures.push(
    { suite: "Headers and cookies", measure: "HTML pages rendered for signed-in people", value: signedIn.length, target: "—", met: true },
    { suite: "Headers and cookies", measure: "of them without Cache-Control: private, no-store", value: leaky.length, target: "0", met: leaky.length === 0 },
    { suite: "Headers and cookies", measure: "signed-in navigations' .data without private, no-store", value: leakyData.length, target: "0", met: leakyData.length === 0, note: `of ${memberPages.length}` },
    { suite: "Headers and cookies", measure: "visitors' cacheable pages marked private or no-store", value: notCacheable.length, target: "0", met: notCacheable.length === 0, note: `of ${cacheable.length}` },
    { suite: "Headers and cookies", measure: "visitors' cacheable pages not served from the page cache when asked again", value: misses.length, target: "0", met: misses.length === 0, note: `of ${Math.min(40, cacheable.length)} asked again` },
  );
  expect(signedIn.length).toBeGreaterThan(400);
  expect(leaky.slice(0, 30)).toEqual([]);
  expect(cacheable.length).toBeGreaterThan(20);
  expect(notCacheable).toEqual([]);
  expect(misses).toEqual([]);
  expect(fromCacheWhenSignedIn).toEqual([]);
  expect(leakyData).toEqual([]);
});

test("pages opened from a secret link (reset, confirmation, invitation, unsubscribe) are private, no-store even for a visitor, and never kept by the page cache", async () => {
  const visitor = new HttpClient(server);
  const links = ["/reset-password?token=abcdefghijklmnop.qrstuvwxyz", "/verify-email?token=abcdefghijklmnop.qrstuvwxyz", "/invitations/abcdefghijklmnopqrstuvwxyz", "/unsubscribe?token=abcdefghijklmnop.qrstuvwxyz"];
  const kept: string[] = [];
  for (const link of links) {
    for (let i = 0; i < 2; i++) {
      const answer = await visitor.get(link);
      expect(answer.status, link).toBeLessThan(500);
      const directives = (answer.headers.get("cache-control") ?? "").split(",").map((d) => d.trim());
      if (!directives.includes("private") || !directives.includes("no-store") || answer.headers.get("x-page-cache") === "hit") {
        kept.push(`${link} (${answer.status}): ${answer.headers.get("cache-control")} ${answer.headers.get("x-page-cache") ?? ""}`);
      }
    }
  }
  figures.push({ suite: "Headers and cookies", measure: "secret-link pages a cache may keep", value: kept.length, target: "0", met: kept.length === 0, note: `of ${links.length} links, each asked twice by a visitor` });
  expect(kept).toEqual([]);
});
