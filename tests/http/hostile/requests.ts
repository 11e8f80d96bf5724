import fc from "fast-check";
import type { RawRequest } from "./send.ts";
import type { FieldInfo, RouteTarget } from "./targets.ts";
import { hostileText, isRaw, percentBytes, percentForm, raw, validValue, type Value } from "./values.ts";
import type { HostileRole, HostileWorld } from "./world.ts";

// Builders of hostile requests: forms (every field and intent of an action), URLs (every route's
// parameters and query), as fast-check arbitraries of RawRequest.

/** One entry of a form or a query string: name and value, each text or raw bytes. */
export type Entry = [Value, Value];

const encodeEntryPart = (value: Value) => (isRaw(value) ? value.raw : percentForm(value));

/** `a=b&c=d` from entries (text UTF-8 and percent-encoded as a browser does, raw bytes as they are). */
export function encodeEntries(entries: Entry[]) {
  return entries.map(([name, value]) => `${encodeEntryPart(name)}=${encodeEntryPart(value)}`).join("&");
}

const utf8 = (text: string) => Buffer.from(text.replace(/[\uD800-\uDFFF]/g, "\uFFFD"), "utf8");
const bytesOf = (value: Value) => (isRaw(value) ? Buffer.from(value.raw, "latin1") : utf8(value));

/** A file part of a multipart form. */
export type FilePart = { name: Value; filename: Value; contentType: string; content: Buffer };

/** A multipart/form-data body (names and values written as bytes, so they may be anything). */
export function multipartBody(boundary: string, entries: Entry[], files: FilePart[] = []) {
  const parts: Buffer[] = [];
  for (const [name, value] of entries) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`, "latin1"), bytesOf(name), Buffer.from(`"\r\n\r\n`, "latin1"), bytesOf(value), Buffer.from("\r\n", "latin1"));
  }
  for (const file of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`, "latin1"),
      bytesOf(file.name),
      Buffer.from(`"; filename="`, "latin1"),
      bytesOf(file.filename),
      Buffer.from(`"\r\nContent-Type: ${file.contentType}\r\n\r\n`, "latin1"),
      file.content,
      Buffer.from("\r\n", "latin1"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, "latin1"));
  return Buffer.concat(parts);
}

/** Fills a pattern's parameters from an example path, or with `hostile` for one of them. */
export function fillPattern(pattern: string, example: string | undefined, hostile?: { index: number; value: Value }) {
  const patternParts = pattern.split("/");
  const exampleParts = example?.split("/") ?? [];
  let paramIndex = -1;
  return patternParts
    .map((segment, i) => {
      if (segment !== "*" && !segment.startsWith(":")) return segment;
      paramIndex++;
      if (hostile && hostile.index === paramIndex) return isRaw(hostile.value) ? hostile.value.raw : encodeURIComponent(hostile.value.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));
      if (segment === "*") return exampleParts.slice(i).join("/") || "nowhere";
      return exampleParts[i] ?? "1";
    })
    .join("/");
}

/** Which signed-in person a route's hostile forms come from, so they get past its guard. */
export function rolesFor(pattern: string): HostileRole[] {
  if (pattern.startsWith("/admin")) return ["admin", "admin", "admin", "coordinator"];
  if (/^\/(coordination|discussions\/(moderation|categories)|progress\/report|pact|events\/new|events\/:slug\/(edit|attendees)|exchange\/:id\/hide)/.test(pattern)) {
    return ["coordinator", "coordinator", "admin", "owner"];
  }
  // The owner's own organisation, listings and initiatives come first among the examples.
  if (/^\/(organisations\/:slug\/(edit|team|pact)|exchange\/:id\/(edit|exchanges)|initiatives\/:slug\/edit|account)/.test(pattern)) {
    return ["owner", "owner", "owner", "coordinator"];
  }
  if (pattern === "/logout") return ["anonymous"];
  if (/^\/(login|signup|forgot-password|reset-password|verify-email|unsubscribe|invitations)/.test(pattern)) return ["anonymous", "anonymous", "owner"];
  return ["owner", "owner", "owner", "coordinator", "admin", "anonymous"];
}

/** Headers every request carries: the role's cookie, a same-origin Origin on writes, a language. */
export function baseHeaders(world: HostileWorld, role: HostileRole, origin: string | null, language = "es-PE,es;q=0.9"): [string, string][] {
  const headers: [string, string][] = [["Accept-Language", language]];
  if (world.cookies[role]) headers.push(["Cookie", world.cookies[role]]);
  if (origin) headers.push(["Origin", origin]);
  return headers;
}

const BAD_NAMES: Value[] = ["__proto__", "constructor", "prototype", "a[b]", "a[]", "", " ", "intent ", "Intent", "名前", "\u0000", "x".repeat(10_000), raw("%FF"), raw("%ED%A0%80"), raw("%"), "formToken", "_data", "_action", "redirectTo"];

/** The fields an action is sent with: its own fields, valid-looking, as entries. */
function baseline(fields: FieldInfo[], n: number): Map<string, Value[]> {
  const form = new Map<string, Value[]>();
  for (const field of fields) {
    const value = validValue(field, n);
    form.set(field.name, Array.isArray(value) ? value : [value]);
  }
  return form;
}

type Mutation = (form: Map<string, Value[]>, fields: FieldInfo[]) => string;

/** How a generated form departs from a valid one; each says what it did, for the report. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // One to three fields replaced by hostile text.
  { weight: 6, arbitrary: fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.array(hostileText, { minLength: 3, maxLength: 3 })).map(([picks, values]) => (form: Map<string, Value[]>, fields: FieldInfo[]) => {
      const names = picks.map((pick) => fields[pick % Math.max(1, fields.length)]?.name).filter((n): n is string => Boolean(n));
      names.forEach((name, i) => form.set(name, [values[i]!]));
      return `hostile ${names.join(", ")}`;
    }) },
  // A field sent several times (a single-valued field repeated, or values mixed with hostile ones).
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.array(hostileText, { minLength: 1, maxLength: 4 })).map(([pick, extra]) => (form: Map<string, Value[]>, fields: FieldInfo[]) => {
      const name = fields[pick % Math.max(1, fields.length)]?.name ?? "x";
      form.set(name, [...(form.get(name) ?? []), ...extra, ...(form.get(name) ?? [])]);
      return `repeated ${name}`;
    }) },
  // The same value several times in a multi-choice field (or any field).
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 2, max: 50 })).map(([pick, times]) => (form: Map<string, Value[]>, fields: FieldInfo[]) => {
      const multi = fields.filter((f) => f.kind === "choices");
      const field = (multi.length ? multi : fields)[pick % Math.max(1, (multi.length ? multi : fields).length)];
      if (!field) return "nothing to repeat";
      const value = form.get(field.name)?.[0] ?? field.options?.[0] ?? "x";
      form.set(field.name, Array.from({ length: times }, () => value));
      return `${field.name} ×${times}`;
    }) },
  // Wrong types: a list of every option, text in a number, a number in a choice, an empty value.
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.constantFrom("all-options", "text", "number", "empty", "off")).map(([pick, how]) => (form: Map<string, Value[]>, fields: FieldInfo[]) => {
      const field = fields[pick % Math.max(1, fields.length)];
      if (!field) return "no field";
      const values: Record<string, Value[]> = {
        "all-options": [...(field.options ?? ["a", "b"]), ...(field.options ?? [])],
        text: ["doce"],
        number: ["-12.5e3"],
        empty: [""],
        off: ["off"],
      };
      form.set(field.name, values[how]!);
      return `${field.name} as ${how}`;
    }) },
  // Fields left out (one, several, or all).
  { weight: 1, arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }).map((picks) => (form: Map<string, Value[]>, fields: FieldInfo[]) => {
      const names = picks.map((pick) => fields[pick % Math.max(1, fields.length)]?.name).filter((n): n is string => Boolean(n));
      names.forEach((name) => form.delete(name));
      return `without ${[...new Set(names)].slice(0, 5).join(", ")}`;
    }) },
  // Unknown and hostile field names.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...BAD_NAMES), hostileText).map(([name, value]) => (form: Map<string, Value[]>) => {
      const key = typeof name === "string" ? name : `\u0001raw:${name.raw}`;
      form.set(key, [value]);
      return `field named ${typeof name === "string" ? JSON.stringify(name.slice(0, 20)) : name.raw}`;
    }) },
);

/** What the intent field carries: the one aimed at, none, several, or hostile text. */
function intentEntries(intent: string | null): fc.Arbitrary<{ values: Value[]; what: string }> {
  const chosen = intent === null ? [] : [intent];
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant({ values: chosen as Value[], what: intent ?? "no intent" }) },
    { weight: 1, arbitrary: hostileText.map((value) => ({ values: [value], what: "hostile intent" })) },
    { weight: 1, arbitrary: fc.constantFrom<Value[]>([...chosen, ...chosen], [...chosen, "delete"], ["", ...chosen], [intent?.toUpperCase() ?? "X"]).map((values) => ({ values, what: "odd intent" })) },
  );
}

/** The entries of a form map (raw-named fields keep their raw name). */
function entriesOf(form: Map<string, Value[]>, intent: Value[]): Entry[] {
  const entries: Entry[] = intent.map((value) => ["intent", value]);
  for (const [name, values] of form) {
    const key: Value = name.startsWith("\u0001raw:") ? raw(name.slice(5)) : name;
    for (const value of values) entries.push([key, value]);
  }
  return entries;
}

/** How a form is sent: urlencoded as a browser does, multipart, or with a wrong Content-Type. */
const encoding = fc.oneof(
  { weight: 14, arbitrary: fc.constant("urlencoded" as const) },
  { weight: 3, arbitrary: fc.constant("multipart" as const) },
  { weight: 1, arbitrary: fc.constantFrom("json" as const, "text" as const, "none" as const, "urlencoded-latin1" as const, "multipart-no-boundary" as const) },
);

/** A form body in one of the encodings, with its Content-Type (null: none sent). */
export function encodeForm(entries: Entry[], how: "urlencoded" | "multipart" | "json" | "text" | "none" | "urlencoded-latin1" | "multipart-no-boundary"): { body: Buffer; contentType: string | null } {
  switch (how) {
    case "urlencoded":
      return { body: Buffer.from(encodeEntries(entries), "latin1"), contentType: "application/x-www-form-urlencoded" };
    case "urlencoded-latin1":
      return { body: Buffer.from(encodeEntries(entries), "latin1"), contentType: "application/x-www-form-urlencoded; charset=ISO-8859-1" };
    case "multipart": {
      const boundary = "----hostile7MA4YWxkTrZu0gW";
      return { body: multipartBody(boundary, entries), contentType: `multipart/form-data; boundary=${boundary}` };
    }
    case "multipart-no-boundary":
      return { body: multipartBody("x", entries), contentType: "multipart/form-data" };
    case "json": {
      const object = Object.fromEntries(entries.map(([n, v]) => [isRaw(n) ? n.raw : n, isRaw(v) ? v.raw : v]));
      return { body: utf8(JSON.stringify(object)), contentType: "application/json" };
    }
    case "text":
      return { body: Buffer.from(encodeEntries(entries), "latin1"), contentType: "text/plain" };
    case "none":
      return { body: Buffer.from(encodeEntries(entries), "latin1"), contentType: null };
  }
}

/** Hostile forms for one action and intent, from the roles that get past its guard. */
export function formRequests(
  target: RouteTarget,
  intent: string | null,
  world: HostileWorld,
  origin: string,
  pageValues: Map<string, Map<string, string>>,
): fc.Arbitrary<RawRequest> {
  const roles = rolesFor(target.pattern);
  const examples = (world.examples.get(target.pattern) ?? []).slice(0, 3);
  const fields = target.fields.filter((f) => f.kind !== "file");
  return fc
    .record({
      role: fc.constantFrom(...roles),
      example: examples.length ? fc.constantFrom(...examples) : fc.constant(undefined),
      n: fc.nat({ max: 1000 }),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }),
      intent: intentEntries(intent),
      how: encoding,
      query: fc.oneof({ weight: 6, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom("redirectTo", "index", "page", "_data", "q", "next"), hostileText).map(([name, value]) => `?${encodeEntries([[name, value]])}`) }),
    })
    .map(({ role, example, n, mutations, intent: sentIntent, how, query }) => {
      const path = fillPattern(target.pattern, example);
      const form = baseline(fields, n);
      // What the page's own forms carry (real ids, the one-time token) replaces the made-up values.
      const onPage = pageValues.get(`${role} ${path}`) ?? new Map<string, string>();
      for (const [name, value] of onPage) if (name !== "intent") form.set(name, [value]);
      const known = [...fields, ...[...onPage.keys()].filter((name) => name !== "intent" && !fields.some((f) => f.name === name)).map((name): FieldInfo => ({ name, kind: "text" }))];
      const what = mutations.map((mutate) => mutate(form, known)).join("; ");
      const { body, contentType } = encodeForm(entriesOf(form, sentIntent.values), how);
      const headers = baseHeaders(world, role, origin);
      if (contentType) headers.push(["Content-Type", contentType]);
      // An index route's forms post to "?index" (Remix's own forms add it); without it the
      // parent route is asked, which is sent now and then as well.
      const index = /(^|\.)_index\.tsx?$/.test(target.file) && n % 10 !== 0;
      const search = index ? (query ? `?index&${query.slice(1)}` : "?index") : query;
      return { method: "POST", target: path + search, headers, body, label: `POST ${target.file} [${sentIntent.what}] as ${role}: ${what} (${how})` };
    });
}

/** Hostile URL parameter values (path segments: traversal, bad encoding, huge, unicode). */
export const hostileSegment: fc.Arbitrary<Value> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.constantFrom("..", ".", "%2e%2e", "%2E%2E%2F..%2F", "..%2F..%2F..%2Fpackage.json", "..%5C..%5C", "%252e%252e%252f", "....", "a%2Fb", "%00", "index.html", ".env", "0", "-1", "1.5", "99999999999999999999", "1e3", "0x1f", "%20", "+", "~", ".git", "logo.png", "x.csv", "x.xml").map((text) => raw(text)) },
  { weight: 1, arbitrary: fc.constantFrom("%FF", "%C0%AE%C0%AE", "%ED%A0%80", "%", "%E0%A4%A", "%F0%9F%98").map((text) => raw(text)) },
  { weight: 1, arbitrary: fc.integer({ min: 2000, max: 20_000 }).map((n) => raw("a".repeat(n))) },
);

/** Hostile GET (or HEAD) requests to one route: its parameters and query parameters. */
export function urlRequests(target: RouteTarget, world: HostileWorld, extraQuery: string[]): fc.Arbitrary<RawRequest> {
  const examples = world.examples.get(target.pattern) ?? [];
  const names = [...new Set([...target.query, ...extraQuery])];
  const queryEntry: fc.Arbitrary<Entry> = fc.tuple(
    fc.oneof({ weight: 8, arbitrary: fc.constantFrom<Value>(...(names.length ? names : ["q"])) }, { weight: 1, arbitrary: hostileText }),
    hostileText,
  );
  return fc
    .record({
      role: fc.constantFrom<HostileRole>(...rolesFor(target.pattern).filter((r) => r !== "anonymous"), "anonymous"),
      example: examples.length ? fc.constantFrom(...examples) : fc.constant(undefined),
      param: target.params.length ? fc.option(fc.record({ index: fc.nat({ max: target.params.length - 1 }), value: hostileSegment }), { freq: 2 }) : fc.constant(null),
      query: fc.array(queryEntry, { maxLength: 6 }),
      repeat: fc.option(fc.tuple(fc.constantFrom(...(names.length ? names : ["q"])), fc.integer({ min: 2, max: 30 })), { freq: 4 }),
      method: fc.constantFrom("GET", "GET", "GET", "GET", "HEAD"),
      language: fc.constantFrom("es-PE,es;q=0.9", "en", "*", "", "zz-ZZ;q=abc", "es;q=1.5, en;q=-1", "森林", "en-US,".repeat(200)),
    })
    .map(({ role, example, param, query, repeat, method, language }) => {
      const entries = [...query];
      if (repeat) for (let i = 0; i < repeat[1]; i++) entries.push([repeat[0], i % 2 ? "x" : String(i)]);
      const queryText = entries.length ? `?${encodeEntries(entries)}` : "";
      const path = fillPattern(target.pattern, example, param ?? undefined) + queryText;
      const headers = baseHeaders(world, role, null, Buffer.from(language, "utf8").toString("latin1"));
      const what = [param ? `param ${param.index} hostile` : "", entries.length ? `${entries.length} query entries` : ""].filter(Boolean).join(", ") || "plain";
      return { method, target: path, headers, label: `${method} ${target.file} as ${role}: ${what}` };
    });
}

export { percentBytes };
