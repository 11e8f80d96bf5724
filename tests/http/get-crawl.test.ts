import { afterAll, beforeAll, expect, test } from "vitest";
import { HttpClient } from "./client.ts";
import { crawl, getSeeds, patternMatcher, type CrawledPage } from "./crawl.ts";
import { changedRows, describeChanges, diffSnapshots, snapshotDatabase } from "./db-checksum.ts";
import { recordFigures } from "./figures.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";
import { demoClient, fillRoute, prepareSite, routeModules, type DemoRole, type RouteModule } from "./site-map.ts";

// No GET changes state (issue 14): the whole site is crawled with GETs — every route module with
// a loader or a page, its parameters filled from the seeded demo database (pages that read a token
// are given a live one), then the links its pages lead to — by a visitor, a member of an
// organisation, an organisation's owner, a coordinator and an admin, and the database checksum
// (tests/http/db-checksum.ts: every table, sessions' last-seen/expiry and rate-limit counters
// apart) must be the same after the whole crawl as before it.

/**
 * Routes that answer a GET with 404 for everyone, on purpose: the unknown-page and unknown-API
 * catch-alls, and an action-only route whose loader exists only to say so.
 */
const NOT_FOUND_BY_DESIGN = ["/*", "/api/v1/*", "/exchange/exchanges/:exchangeId"];

let server: BuiltServer;
let routes: RouteModule[];
let seeds: ReturnType<typeof getSeeds>;
const ROLES: ("anonymous" | DemoRole)[] = ["anonymous", "member", "owner", "coordinator", "admin"];
let clients: Record<(typeof ROLES)[number], HttpClient>;
beforeAll(async () => {
  const values = await prepareSite();
  routes = await routeModules();
  seeds = getSeeds(routes, (pattern) => fillRoute(pattern, values));
  server = await startBuiltServer();
  clients = {
    anonymous: new HttpClient(server),
    member: demoClient(server, "member"),
    owner: demoClient(server, "owner"),
    coordinator: demoClient(server, "coordinator"),
    admin: demoClient(server, "admin"),
  };
});
afterAll(async () => {
  await server.stop();
});

test("crawling every GET route as five kinds of person changes nothing in the database", async () => {
  const match = patternMatcher(routes);
  const before = snapshotDatabase(server.databasePath);
  const crawled: Record<string, CrawledPage[]> = {};
  for (const role of ROLES) crawled[role] = await crawl(clients[role], seeds, match);
  const after = snapshotDatabase(server.databasePath);
  const changes = diffSnapshots(before, after);

  const all = Object.values(crawled).flat();
  const failures = all.filter((page) => page.status >= 500).map((page) => `${page.url}: ${page.status}`);
  const patternsReached = new Set(all.filter((p) => p.status < 400 || (NOT_FOUND_BY_DESIGN.includes(p.pattern) && p.status === 404)).map((page) => page.pattern));
  const getRoutes = new Set(seeds.map((s) => s.pattern));
  const unreached = [...getRoutes].filter((pattern) => !patternsReached.has(pattern));
  recordFigures("get-crawl", [
    { suite: "GET crawl", measure: "GET route patterns in the build", value: getRoutes.size, target: "all crawled", met: true },
    { suite: "GET crawl", measure: "route patterns answered < 400 for at least one person", value: patternsReached.size, target: String(getRoutes.size), met: unreached.length === 0, note: unreached.join(", ") || undefined },
    ...ROLES.map((role) => ({
      suite: "GET crawl",
      measure: `URLs crawled as ${role}`,
      value: crawled[role]!.length,
      target: "—",
      met: true,
      note: `${crawled[role]!.filter((p) => p.isHtml).length} HTML pages, ${crawled[role]!.filter((p) => !p.seeded).length} reached by links`,
    })),
    { suite: "GET crawl", measure: "GET answers 5xx", value: failures.length, target: "0", met: failures.length === 0 },
    { suite: "GET crawl", measure: "database rows changed by the crawl", value: changedRows(changes), target: "0", met: changes.length === 0, note: `checksum over ${before.rows} rows` },
  ]);
  expect(changes, describeChanges(changes)).toEqual([]);
  expect(failures).toEqual([]);
  // Every GET route was reached with real parameters by someone (not only 404s): the fillers hold.
  expect(unreached).toEqual([]);
  // The people stayed signed in all along (their account page answered), and links were followed.
  for (const role of ROLES.filter((r) => r !== "anonymous")) {
    expect(crawled[role]!.find((page) => page.url === "/account")?.status, role).toBe(200);
  }
  for (const role of ROLES) expect(crawled[role]!.some((page) => !page.seeded), role).toBe(true);
});
