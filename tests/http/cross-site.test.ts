import { afterAll, beforeAll, expect, test } from "vitest";
import { and, eq, isNotNull } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { createUnsubscribeLink } from "#app/.server/notifications/unsubscribe.ts";
import { HttpClient, type HttpAnswer } from "./client.ts";
import { changedRows, describeChanges, diffSnapshots, snapshotDatabase } from "./db-checksum.ts";
import { recordFigures, type Figure } from "./figures.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";
import { demoClient, demoUserId, DEMO_PEOPLE, fillRoute, prepareSite, routeModules, type ParameterValues, type RouteModule } from "./site-map.ts";

// Cross-site request forgery (issue 14): every route module that exports an action is sent writes
// from another site — a foreign Origin, a Sec-Fetch-Site: cross-site without Origin, the opaque
// `Origin: null` of sandboxed frames and redirects, a sibling subdomain (same-site) and a write
// carrying neither header — by POST, PUT, PATCH and DELETE, to its page URL and to its single-fetch
// `.data` URL, as an anonymous visitor, as the organisation's owner and as an admin (people the
// action would serve, so the refusal is the origin check, not authorisation). Each must be 403 from
// the guard in server/index.ts (its small page, not a Remix page), and the database must be
// exactly as before. The origin guard reads no body, so one request per route and variant stands
// for every form `intent` of it; which person may use which intent is the authorisation matrix's.
//
// Exceptions on purpose (server/index.ts):
// - /api/v1/*: the open data API is read-only and open to every origin; any write there is 405
//   with Allow, from app/.server/api/handler.ts — checked here, with nothing changed. (Its `.data`
//   URLs are Remix's data requests, not the API: refused 403 like every page's.)
// - /unsubscribe: mail providers POST the one-click unsubscribe from their servers (RFC 8058), so
//   no origin is required; the token in the URL is the only proof. Checked here: without a valid
//   token a cross-site write changes nothing; with one, it changes only that link's preference.

let server: BuiltServer;
let values: ParameterValues;
let actions: RouteModule[];
beforeAll(async () => {
  values = await prepareSite();
  actions = (await routeModules()).filter((route) => route.hasAction);
  server = await startBuiltServer();
});
const figures: Figure[] = [];
afterAll(async () => {
  await server.stop();
  recordFigures("cross-site", figures);
});

const METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** The ways a write arrives from another site, as browsers send them. */
const VARIANTS: { name: string; headers: Record<string, string>; noOrigin?: boolean }[] = [
  { name: "foreign Origin", headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } },
  { name: "foreign Origin, no Sec-Fetch-Site", headers: { Origin: "https://evil.example" } },
  { name: "Sec-Fetch-Site: cross-site, no Origin", headers: { "Sec-Fetch-Site": "cross-site" }, noOrigin: true },
  { name: "Origin: null", headers: { Origin: "null" } },
  { name: "same-site subdomain", headers: { Origin: "https://sub.evil.example", "Sec-Fetch-Site": "same-site" } },
  { name: "neither Origin nor Sec-Fetch-Site", headers: {}, noOrigin: true },
  // Not a browser's: the site's own Origin with a forged proxy header, which Remix's own check
  // compares the Origin with (it threw a 500 before the guard looked at it too).
  { name: "own Origin, forged X-Forwarded-Host", headers: { "X-Forwarded-Host": "evil.example" } },
];

/**
 * Forms that WOULD change the database if the request got through (the control test below shows
 * they do from the site itself); other actions get a form with only an `intent`.
 */
function effectiveForm(route: RouteModule): Record<string, string> {
  switch (route.id) {
    case "routes/logout":
      return {};
    case "routes/notifications":
      return { intent: "mark-read" };
    case "routes/account.sessions":
      return { intent: "end-others" };
    case "routes/events.$slug._index":
    case "routes/initiatives.$slug._index":
      return { intent: "follow" };
    case "routes/set-language":
      return { locale: "en", redirectTo: "/" };
    default:
      return { intent: "x" };
  }
}

/**
 * The URLs a write to `route` is sent to: its page (with ?index for an index route, as Remix's
 * forms do) and its `.data`, for its first filled resource (the owner's own, where it has one).
 */
function targets(route: RouteModule): string[] {
  const index = route.id.endsWith("._index") || route.id === "routes/_index";
  return fillRoute(route.pattern, values)
    .slice(0, 1)
    .flatMap((url) => {
      const [pathname, query = ""] = url.split("?");
      const search = [query, index ? "index" : ""].filter(Boolean).join("&");
      return [`${pathname}${search ? `?${search}` : ""}`, `${pathname === "/" ? "/_root" : pathname}.data${search ? `?${search}` : ""}`];
    });
}

const isApi = (pattern: string) => pattern === "/api/v1" || pattern.startsWith("/api/v1/");
// An API route's `.data` URL is Remix's own data request, not the API: a page write like any other.
const isApiTarget = (route: RouteModule, url: string) => isApi(route.pattern) && !new URL(url, "http://x").pathname.endsWith(".data");

/** Runs `work` over `items`, `width` at a time. */
async function inPool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const fromGuard = (answer: HttpAnswer) => answer.status === 403 && !answer.body.includes("__remixContext");

test("every write from another site is refused with 403 by the origin guard and changes nothing", async () => {
  expect(actions.length).toBeGreaterThan(40);
  const people = { anonymous: new HttpClient(server), owner: demoClient(server, "owner"), admin: demoClient(server, "admin") };
  // The owner is who the owner's resources (listed first by the fillers) would serve; the admin
  // may do what coordinators and admins may; the anonymous visitor, log-in and sign-up.
  const before = snapshotDatabase(server.databasePath);
  type Attempt = { route: RouteModule; url: string; method: string; variant: (typeof VARIANTS)[number]; person: keyof typeof people };
  const attempts: Attempt[] = [];
  for (const route of actions) {
    if (route.pattern === "/unsubscribe") continue; // its own test below
    for (const url of targets(route))
      for (const method of METHODS)
        for (const variant of VARIANTS)
          for (const person of Object.keys(people) as (keyof typeof people)[]) attempts.push({ route, url, method, variant, person });
  }
  const wrong: string[] = [];
  let refused = 0;
  let apiRefused = 0;
  await inPool(attempts, 8, async ({ route, url, method, variant, person }) => {
    const answer = await people[person].request(url, { method, form: effectiveForm(route), headers: variant.headers, noOrigin: variant.noOrigin });
    if (isApiTarget(route, url)) {
      // The read-only API: 405 for every write, whatever its origin, with Allow.
      if (answer.status === 405 && /GET/.test(answer.headers.get("allow") ?? "")) apiRefused += 1;
      else wrong.push(`${method} ${url} (${variant.name}, ${person}): API answered ${answer.status}`);
    } else if (fromGuard(answer)) refused += 1;
    else wrong.push(`${method} ${url} (${variant.name}, ${person}): ${answer.status} ${answer.headers.get("location") ?? ""}`);
  });
  const after = snapshotDatabase(server.databasePath);
  const changes = diffSnapshots(before, after);
  const apiAttempts = attempts.filter((a) => isApiTarget(a.route, a.url)).length;
  const pageAttempts = attempts.length - apiAttempts;
  // The unsubscribe route is tried in its own test below.
  const routesTried = new Set(attempts.map((a) => a.route.id)).size + (actions.some((a) => a.pattern === "/unsubscribe") ? 1 : 0);
  figures.push(
    { suite: "Cross-site writes", measure: "route modules with an action tried", value: routesTried, target: "all", met: routesTried === actions.length, note: `of ${actions.length} in the build` },
    { suite: "Cross-site writes", measure: "cross-site writes sent (URL × method × variant × person)", value: attempts.length, target: "—", met: true, note: `${METHODS.length} methods × ${VARIANTS.length} variants × 3 people` },
    { suite: "Cross-site writes", measure: "writes to pages answered 403 by the origin guard", value: refused, target: String(pageAttempts), met: refused === pageAttempts },
    { suite: "Cross-site writes", measure: "writes to the read-only API answered 405", value: apiRefused, target: String(apiAttempts), met: apiRefused === apiAttempts },
    { suite: "Cross-site writes", measure: "database rows changed by cross-site writes", value: changedRows(changes), target: "0", met: changes.length === 0 },
  );
  expect(wrong, wrong.slice(0, 20).join("\n")).toEqual([]);
  expect(changes, describeChanges(changes)).toEqual([]);
});

test("the one-click unsubscribe takes cross-site writes, but changes nothing without a valid token and only that link's preference with one", async () => {
  const member = demoUserId(DEMO_PEOPLE.member);
  const link = new URL(createUnsubscribeLink(db, member, "digest"));
  const token = link.searchParams.get("token")!;
  const [id, secret] = token.split(".");
  const forged = [
    "/unsubscribe",
    "/unsubscribe?token=",
    "/unsubscribe?token=garbage",
    `/unsubscribe?token=${encodeURIComponent(`${id}.${secret!.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`)}`,
    `/unsubscribe?token=${encodeURIComponent(`${id}`)}`,
  ];
  const admin = demoClient(server, "admin");
  const before = snapshotDatabase(server.databasePath);
  const statuses: string[] = [];
  for (const url of forged)
    for (const method of METHODS)
      for (const variant of VARIANTS) {
        const answer = await admin.request(url, { method, form: { "List-Unsubscribe": "One-Click" }, headers: variant.headers, noOrigin: variant.noOrigin });
        statuses.push(answer.status === 400 ? "400" : `${method} ${url} (${variant.name}): ${answer.status}`);
      }
  const unchanged = diffSnapshots(before, snapshotDatabase(server.databasePath));
  const refused = statuses.filter((s) => s === "400").length;
  figures.push(
    { suite: "Cross-site writes", measure: "one-click unsubscribe writes without a valid token answered 400", value: refused, target: String(statuses.length), met: refused === statuses.length, note: "cross-site by design (RFC 8058)" },
    { suite: "Cross-site writes", measure: "database rows changed by them", value: changedRows(unchanged), target: "0", met: unchanged.length === 0 },
  );
  expect(statuses.filter((s) => s !== "400")).toEqual([]);
  expect(unchanged, describeChanges(unchanged)).toEqual([]);

  // A provider's one-click POST with the real token (no cookie, no Origin): honoured, and the
  // only rows it changes are the member's preferences, notices and that link.
  const provider = new HttpClient(server);
  const honoured = await provider.request(`/unsubscribe?token=${encodeURIComponent(token)}`, { method: "POST", form: { "List-Unsubscribe": "One-Click" }, noOrigin: true });
  expect(honoured.status).toBe(200);
  const changes = diffSnapshots(before, snapshotDatabase(server.databasePath));
  expect(changes.map((c) => c.table).every((t) => ["unsubscribe_tokens", "notification_preferences", "notifications"].includes(t)), describeChanges(changes)).toBe(true);
  const used = db.select().from(schema.unsubscribeTokens).where(and(eq(schema.unsubscribeTokens.userId, member), isNotNull(schema.unsubscribeTokens.usedAt))).all();
  expect(used.map((row) => row.id)).toContain(id);
});

test("control: the same writes sent from the site itself do change the database (the 403 is what kept it unchanged)", async () => {
  const owner = demoClient(server, "owner");
  const before = snapshotDatabase(server.databasePath);
  for (const id of ["routes/notifications", "routes/logout"]) {
    const route = actions.find((action) => action.id === id)!;
    const answer = await owner.request(targets(route)[0]!, { method: "POST", form: effectiveForm(route) });
    expect(answer.status, `${route.id}: ${answer.body.slice(0, 200)}`).toBeLessThan(400);
  }
  const changes = diffSnapshots(before, snapshotDatabase(server.databasePath));
  expect(changes.map((c) => c.table)).toEqual(expect.arrayContaining(["notifications", "sessions"]));
});
