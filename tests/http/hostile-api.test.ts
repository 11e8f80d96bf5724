import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { encodeEntries, type Entry } from "./hostile/requests.ts";
import { hostileSeed, keepServerLog, recordHostilePart, sendAll, Tally, type RawRequest } from "./hostile/send.ts";
import { enumerateTargets, type RouteTarget } from "./hostile/targets.ts";
import { hostileText, raw, type Value } from "./hostile/values.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";

// Hostile input, the API (issue 14): the open data API (app/routes/api.v1.*) and every other
// JSON route. Query parameters come from the API's own OpenAPI document (every documented
// parameter of every path, with its enum values), path parameters from the API's own listings,
// cursors from its own pages — then made hostile: unknown and repeated parameters, wrong types,
// tampered cursors, out-of-range limits, traversal and bad encodings in slugs and ids, every
// method, and invalid JSON bodies (to the API, to the JSON routes and to every form action).

const FILE = "tests/http/hostile-api.test.ts";
const PER_OPERATION = 200;
const MINIMUM = 2_200;

type Parameter = { name: string; values: string[] };
type Operation = { template: string; parameters: Parameter[]; pathParameter: string | null };

let server: BuiltServer;
let targets: RouteTarget[];
let operations: Operation[];
/** Real values of each path template's parameter and real cursors, from the API's own answers. */
const realValues = new Map<string, string[]>();
const cursors: string[] = [];

beforeAll(async () => {
  targets = await enumerateTargets();
  server = await startBuiltServer();
  const document = (await (await fetch(`${server.origin}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { parameters?: ({ $ref: string } | { name: string; in: string; schema?: { enum?: string[]; items?: { enum?: string[] }; minimum?: number; maximum?: number } })[] }>>;
    components: { parameters: Record<string, { name: string; in: string; schema?: { minimum?: number; maximum?: number } }> };
  };
  operations = Object.entries(document.paths).map(([template, methods]) => {
    const parameters = (methods.get?.parameters ?? []).map((p) => ("$ref" in p ? document.components.parameters[p.$ref.split("/").pop()!]! : p));
    return {
      template,
      pathParameter: /\{(\w+)\}/.exec(template)?.[1] ?? null,
      parameters: parameters
        .filter((p) => p.in === "query")
        .map((p) => {
          const schema = (p as { schema?: { enum?: string[]; items?: { enum?: string[] }; minimum?: number; maximum?: number } }).schema;
          const values = schema?.enum ?? schema?.items?.enum ?? (schema?.minimum !== undefined ? [String(schema.minimum), String(schema.maximum)] : ["agua"]);
          return { name: p.name, values };
        }),
    };
  });
  for (const operation of operations.filter((o) => !o.pathParameter && o.template !== "/openapi.json")) {
    const page = (await (await fetch(`${server.origin}/api/v1${operation.template}?limit=3`)).json()) as { data: Record<string, unknown>[]; next_cursor?: string | null };
    if (page.next_cursor) cursors.push(page.next_cursor);
    const item = operations.find((o) => o.template.startsWith(`${operation.template}/{`));
    if (item) realValues.set(item.template, page.data.map((row) => String(row[item.pathParameter!])));
  }
});
afterAll(async () => {
  await server?.stop();
});

const METHODS = ["GET", "GET", "GET", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND", "get", "FOO"];
const BAD_JSON: Value[] = ["{", "{\"a\":", "[", "}", "nul", "{\"a\":1,}", "'a'", "\u0000", "{\"__proto__\":{\"admin\":true}}", "[".repeat(10_000), "1e99999", "\"\\ud800\"", raw("{\"a\":\"\xff\"}"), raw("\xef\xbb\xbf{}"), "", " ", "{}".repeat(1000), JSON.stringify({ q: "x".repeat(200_000) })];

/** A tampered copy of a real cursor (or junk shaped like one). */
const hostileCursor: fc.Arbitrary<Value> = fc.oneof(
  hostileText,
  fc.tuple(fc.nat(), fc.nat({ max: 61 })).map(([pick, at]) => {
    const cursor = cursors[pick % Math.max(1, cursors.length)] ?? "eyJ4IjoxfQ";
    const chars = [...cursor];
    chars[at % chars.length] = chars[at % chars.length] === "A" ? "B" : "A";
    return chars.join("");
  }),
  fc.constantFrom("", "=", "eyJ9", "e30", "bnVsbA", "W10", "eyJpZCI6LTF9", "eyJpZCI6IjEgT1IgMT0xIn0", Buffer.from(JSON.stringify({ id: "1' OR '1'='1", at: 1e308 })).toString("base64url"), "A".repeat(5000)),
  fc.constantFrom(...(cursors.length ? cursors : ["x"])),
);

function apiRequests(operation: Operation, origin: string): fc.Arbitrary<RawRequest> {
  const names = operation.parameters.map((p) => p.name);
  const valid = (name: string) => operation.parameters.find((p) => p.name === name)?.values ?? ["x"];
  const entry: fc.Arbitrary<Entry> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(names.length ? names : ["q"])).chain((name) => fc.constantFrom(...valid(name)).map((value): Entry => [name, value])) },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom<Value>(...(names.length ? names : ["q"])), hostileText) },
    { weight: 2, arbitrary: fc.tuple(fc.constant<Value>("cursor"), hostileCursor) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom<Value>("limit", "page", "offset", "_data", "_routes", "callback", "fields"), fc.constantFrom<Value>("0", "-1", "101", "1e2", "50.5", "abc", "", "9".repeat(40), "0x10", " 5")) },
    { weight: 1, arbitrary: fc.tuple(hostileText, hostileText) },
  );
  const real = realValues.get(operation.template) ?? [];
  return fc
    .record({
      entries: fc.array(entry, { maxLength: 8 }),
      repeat: fc.option(fc.tuple(fc.constantFrom(...(names.length ? names : ["q"])), fc.integer({ min: 2, max: 60 })), { freq: 4 }),
      segment: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom<Value>(...(real.length ? real : ["1"])) },
        { weight: 2, arbitrary: hostileText },
        { weight: 1, arbitrary: fc.constantFrom("..", "%2e%2e", "..%2F..%2Fopenapi.json", "%FF", "%ED%A0%80", "0", "-1", "1.0", "01", "99999999999999999999", "1e3", "%00").map((text) => raw(text)) },
      ),
      method: fc.constantFrom(...METHODS),
      body: fc.option(fc.constantFrom(...BAD_JSON), { freq: 2 }),
      origin: fc.constantFrom(origin, "https://evil.example", null),
      suffix: fc.constantFrom("", "", "", "", "", "/", ".data", ".json", "/..", "//"),
    })
    .map(({ entries, repeat, segment, method, body, origin: sentOrigin, suffix }) => {
      const all = [...entries];
      if (repeat) for (let i = 0; i < repeat[1]; i++) all.push([repeat[0], valid(repeat[0])[i % valid(repeat[0]).length]!]);
      const encodedSegment = typeof segment === "string" ? encodeURIComponent(segment.replace(/[\uD800-\uDFFF]/g, "\uFFFD")) : segment.raw;
      const path = `/api/v1${operation.template.replace(/\{\w+\}/, encodedSegment)}${suffix}`;
      const headers: [string, string][] = [["Accept", "application/json"]];
      if (sentOrigin) headers.push(["Origin", sentOrigin]);
      let bytes: Buffer | undefined;
      if (body !== null && method !== "GET" && method !== "HEAD" && method !== "get") {
        bytes = typeof body === "string" ? Buffer.from(body.replace(/[\uD800-\uDFFF]/g, "\uFFFD"), "utf8") : Buffer.from(body.raw, "latin1");
        headers.push(["Content-Type", "application/json"]);
      }
      return { method, target: `${path}${all.length ? `?${encodeEntries(all)}` : ""}`, headers, body: bytes, label: `${method} /api/v1${operation.template}${suffix} (${all.length} query entries${bytes ? ", JSON body" : ""})` };
    });
}

/** Invalid JSON to the JSON routes outside the API and to every form action (which take forms). */
function jsonBodyRequests(target: RouteTarget, origin: string): fc.Arbitrary<RawRequest> {
  return fc.record({ body: fc.constantFrom(...BAD_JSON, "{\"intent\":\"delete\",\"id\":1}", "[{\"name\":\"x\"}]"), method: fc.constantFrom("POST", "POST", "PUT", "PATCH", "DELETE"), type: fc.constantFrom("application/json", "application/json; charset=utf-16", "application/merge-patch+json", "text/json") }).map(({ body, method, type }) => {
    const bytes = typeof body === "string" ? Buffer.from(body.replace(/[\uD800-\uDFFF]/g, "\uFFFD"), "utf8") : Buffer.from(body.raw, "latin1");
    const path = target.pattern.replace(/:(\w+)/g, "1").replace("*", "x");
    return { method, target: path, headers: [["Origin", origin], ["Content-Type", type]], body: bytes, label: `${method} ${target.file} with a JSON body (${type})` };
  });
}

test("generated requests to the API and the JSON routes answer without a 5xx or an internal detail", async () => {
  const seed = hostileSeed(340_514);
  expect(operations.length).toBeGreaterThanOrEqual(9);
  expect(cursors.length).toBeGreaterThan(0);
  // Every API route module is described by the document (so its parameters are aimed at).
  const apiRoutes = targets.filter((t) => t.pattern.startsWith("/api/v1/") && !t.pattern.endsWith("/*"));
  for (const route of apiRoutes) expect(operations.map((o) => `/api/v1${o.template.replace(/\{(\w+)\}/, ":$1")}`)).toContain(route.pattern);
  const requests: RawRequest[] = [];
  operations.forEach((operation, i) => requests.push(...fc.sample(apiRequests(operation, server.origin), { seed: seed + i, numRuns: PER_OPERATION })));
  // The API's catch-all (unknown API paths) with hostile paths.
  requests.push(...fc.sample(hostileText.map((text): RawRequest => ({ method: "GET", target: `/api/v1/${typeof text === "string" ? encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, "\uFFFD")) : text.raw}`, headers: [], label: "GET /api/v1/* (hostile path)" })), { seed: seed + 100, numRuns: 100 }));
  const jsonTargets = targets.filter((t) => t.action || /\.json$/.test(t.pattern));
  jsonTargets.forEach((target, i) => requests.push(...fc.sample(jsonBodyRequests(target, server.origin), { seed: seed + 200 + i, numRuns: 8 })));
  const tally = new Tally(seed);
  await sendAll(server, requests, tally, 4);
  recordHostilePart("api", tally);
  console.log(`hostile API: ${tally.sent} requests; statuses ${JSON.stringify(Object.fromEntries([...tally.statuses].sort()))}`);
  keepServerLog(server);
  expect(tally.report(FILE, server.output())).toBe("");
  expect(tally.sent).toBeGreaterThanOrEqual(MINIMUM);
}, 300_000);

