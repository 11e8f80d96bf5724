import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { urlRequests } from "./hostile/requests.ts";
import { hostileSeed, keepServerLog, recordHostilePart, sendAll, Tally, type RawRequest } from "./hostile/send.ts";
import { enumerateTargets, type RouteTarget } from "./hostile/targets.ts";
import { makeHostileWorld, type HostileWorld } from "./hostile/world.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";

// Hostile input, the URLs (issue 14): generated GET and HEAD requests to every page and
// resource route (the API has its own part): URL parameters filled from the seeded pages' links or
// made hostile (path traversal in slugs and file names, percent-encoding that is not UTF-8, lone
// surrogates, huge segments), and query parameters — the route's own and every other one the app
// reads — with hostile values, repeated, and under weird Accept-Language headers, signed in and
// anonymous. No answer may be a 5xx or show a stack trace or an internal path.

const FILE = "tests/http/hostile-urls.test.ts";
const PER_ROUTE = 32;
const MINIMUM = 2_500;

let server: BuiltServer;
let world: HostileWorld;
let targets: RouteTarget[];
beforeAll(async () => {
  targets = await enumerateTargets();
  server = await startBuiltServer();
  world = await makeHostileWorld(server, targets.map((t) => t.pattern));
});
afterAll(async () => {
  await server?.stop();
});

test("generated URLs to every page and resource route answer without a 5xx or an internal detail", async () => {
  const seed = hostileSeed(240_514);
  const pages = targets.filter((t) => !t.pattern.startsWith("/api/"));
  // Every query parameter some route reads, sent to every route (plus Remix's own).
  const allQuery = [...new Set([...pages.flatMap((t) => t.query), "_data", "_routes", "index", "redirectTo"])];
  const requests: RawRequest[] = [];
  pages.forEach((target, i) => {
    requests.push(...fc.sample(urlRequests(target, world, allQuery), { seed: seed + i, numRuns: PER_ROUTE }));
  });
  const tally = new Tally(seed);
  await sendAll(server, requests, tally, 4);
  recordHostilePart("urls", tally);
  console.log(`hostile URLs: ${tally.sent} requests to ${pages.length} routes; statuses ${JSON.stringify(Object.fromEntries([...tally.statuses].sort()))}`);
  keepServerLog(server);
  expect(tally.report(FILE, server.output())).toBe("");
  expect(tally.sent).toBeGreaterThanOrEqual(MINIMUM);
  // Every route with URL parameters had real ones from the seeded pages (else its input met only a 404).
  const missing = pages.filter((t) => t.params.length > 0 && !(world.examples.get(t.pattern)?.length));
  expect(missing.map((t) => t.pattern)).toEqual([]);
}, 300_000);
