import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MAX_BODY_BYTES } from "#app/.server/security.ts";
import { baseHeaders, encodeEntries, fillPattern, multipartBody, rolesFor, type FilePart } from "./hostile/requests.ts";
import { hostileSeed, keepServerLog, recordHostilePart, sendAll, sendRaw, Tally, type RawRequest } from "./hostile/send.ts";
import { enumerateTargets, type RouteTarget } from "./hostile/targets.ts";
import { cesu8, hostileText, percentBytes, raw, type Value } from "./hostile/values.ts";
import { makeHostileWorld, type HostileWorld } from "./hostile/world.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";

// Hostile input, the protocol (issue 14): what reaches the server below the forms — request lines
// with percent-encoding that is not UTF-8, raw bytes, traversal and overlong URLs; every route
// with every method; Cookie, Accept-Language and other headers with junk, non-Latin-1 bytes and
// huge values; bodies near and over the size limit, lying or missing lengths; broken multipart
// (no or wrong boundary, unterminated, huge parts, files of the wrong type, file names with
// non-Latin-1 characters, NUL and traversal) to the upload forms and the others; and values that
// end up in response headers (redirect targets, download file names). No answer may be a 5xx, be
// missing, or show a stack trace or an internal path.

const FILE = "tests/http/hostile-protocol.test.ts";
const MINIMUM = 2_000;

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

const pathOf = (target: RouteTarget) => fillPattern(target.pattern, world.examples.get(target.pattern)?.[0]);

/** Request targets that are not well-formed or not UTF-8, for one route. */
function badTargets(target: RouteTarget): fc.Arbitrary<RawRequest> {
  const path = pathOf(target);
  const segments = path.split("/");
  const twist = fc.oneof(
    fc.constantFrom("%", "%%", "%G1", "%FF", "%C0%AE", "%ED%A0%80", "%E0%A4%A", "%00", "%0A", "%0D%0A", "%2F", "%5C", "%2e%2e", "..", ".", "", "%F0%9F%98", "%uD800", "\\", "\\..\\", "%252e"),
    fc.constantFrom("\xff", "\xc3", "\xed\xa0\x80", "\x80\x80", "\x7f").map((bytes) => bytes),
    fc.tuple(fc.constantFrom("a", "%41", "é", "%C3%A9"), fc.integer({ min: 1000, max: 20_000 })).map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n)),
  );
  return fc
    .record({
      at: fc.nat({ max: Math.max(0, segments.length - 1) }),
      how: fc.constantFrom("replace", "append", "prefix", "query", "traverse", "double-slash", "absolute", "data"),
      twist,
      role: fc.constantFrom(...rolesFor(target.pattern)),
    })
    .map(({ at, how, twist: bit, role }) => {
      const parts = [...segments];
      const i = Math.max(1, at);
      let targetText = path;
      if (how === "replace") parts[i] = bit;
      if (how === "append") parts[i] = `${parts[i] ?? ""}${bit}`;
      if (how === "prefix") parts[i] = `${bit}${parts[i] ?? ""}`;
      if (how !== "query" && how !== "traverse" && how !== "double-slash" && how !== "absolute" && how !== "data") targetText = parts.join("/");
      if (how === "query") targetText = `${path}?${bit}=${bit}&q=${bit}`;
      if (how === "traverse") targetText = `${path}/../../${bit}../admin/users`;
      if (how === "double-slash") targetText = `/${path}//${bit}`;
      if (how === "absolute") targetText = `http://evil.example${path}${bit}`;
      if (how === "data") targetText = `${path}${bit}.data?_routes=${bit}`;
      return { method: "GET", target: targetText || "/", headers: baseHeaders(world, role, null), label: `GET ${target.file}: ${how} with a bad byte sequence` };
    });
}

const METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "COPY", "LOCK", "SEARCH", "PURGE", "QUERY", "post", "Get", "GETT", "M-SEARCH", "CONNECT", "HEAD", "POST", "GET"];

/** Every method (known, unknown, lower-case) to one route, from a signed-in person of this site. */
function methodRequests(target: RouteTarget): fc.Arbitrary<RawRequest> {
  return fc.record({ method: fc.constantFrom(...METHODS), role: fc.constantFrom(...rolesFor(target.pattern)), body: fc.boolean() }).map(({ method, role, body }) => ({
    method,
    target: method === "CONNECT" ? `127.0.0.1:${server.port}` : pathOf(target),
    headers: [...baseHeaders(world, role, server.origin), ...(body ? ([["Content-Type", "application/x-www-form-urlencoded"]] as [string, string][]) : [])],
    body: body ? Buffer.from("intent=delete&id=1") : undefined,
    label: `${method} ${target.file}`,
  }));
}

/** Latin1 bytes of a text (UTF-8 encoded), for a header value. */
const headerBytes = (value: Value) => (typeof value === "string" ? Buffer.from(value.replace(/[\uD800-\uDFFF]/g, "\uFFFD"), "utf8").toString("latin1").replace(/[\r\n]/g, " ") : value.raw.replace(/[\r\n]/g, " "));

/** Cookie, Accept-Language, Referer and other headers with junk, to every GET route. */
function headerRequests(target: RouteTarget): fc.Arbitrary<RawRequest> {
  const cookie = fc.oneof(
    hostileText.map((v) => `__Host-session=${headerBytes(v)}`),
    hostileText.map((v) => `lang=${headerBytes(v)}`),
    hostileText.map((v) => `flash=${headerBytes(v)}`),
    fc.constantFrom(
      "flash=%",
      "flash=%7B%22key%22%3A%22x%22",
      `flash=${encodeURIComponent(JSON.stringify({ key: "team.invited" }))}`,
      `flash=${encodeURIComponent(JSON.stringify({ key: "team.invited", vars: { email: { toString: 1 } } }))}`,
      `flash=${encodeURIComponent(JSON.stringify({ key: "team.invited", vars: ["a"] }))}`,
      `flash=${encodeURIComponent(JSON.stringify({ key: "__proto__" }))}`,
      "flash=null",
      "flash=%5B%5D",
      "lang=en; lang=es; lang=zz",
      "__Host-session=a.b; __Host-session=c.d",
      "__Host-session=" + "x".repeat(4000),
      "__Host-session=.;",
      "__Host-session=a.b.c.d",
      "=;=;;;",
      "; ; ;",
      "a".repeat(9000) + "=1",
      `__Host-session=${percentBytes(cesu8(0xd800))}`,
      "__Host-session=\x00",
      `lang=${"森".repeat(3)}`,
    ).map((text) => Buffer.from(text, "utf8").toString("latin1")),
  );
  const language = fc.oneof(
    hostileText.map(headerBytes),
    fc.constantFrom("*;q=0", "en;q=NaN", "en;q=1e400", "es-PE;q=-1, en;q=2", "x-klingon", ";;;,,,", "en-" + "a".repeat(5000), Array.from({ length: 500 }, (_, i) => `l${i};q=0.${i % 10}`).join(","), "\xff\xfe"),
  );
  return fc
    .record({
      role: fc.constantFrom(...rolesFor(target.pattern)),
      cookie: fc.option(cookie, { freq: 3 }),
      language: fc.option(language, { freq: 3 }),
      other: fc.option(fc.tuple(fc.constantFrom("Referer", "User-Agent", "X-Forwarded-For", "X-Forwarded-Host", "If-None-Match", "If-Modified-Since", "Range", "Accept", "Accept-Encoding", "Sec-Fetch-Site", "Forwarded", "Host"), hostileText.map(headerBytes)), { freq: 2 }),
      bot: fc.boolean(),
    })
    .map(({ role, cookie: sentCookie, language: sentLanguage, other, bot }) => {
      const headers: [string, string][] = [];
      const session = world.cookies[role];
      headers.push(["Cookie", [session, sentCookie].filter(Boolean).join("; ")]);
      if (sentLanguage !== null) headers.push(["Accept-Language", sentLanguage]);
      if (other) headers.push(other);
      if (bot) headers.push(["User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)"]);
      return { method: "GET", target: pathOf(target), headers, label: `GET ${target.file} with junk headers${other ? ` (${other[0]})` : ""}` };
    });
}

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5c3e36b0000000049454e44ae426082", "hex");

/** Broken and hostile multipart bodies and bodies near and over the size limit, to every action. */
function bodyRequests(target: RouteTarget): fc.Arbitrary<RawRequest> {
  const fileField = /events/.test(target.pattern) ? "cover" : /exchange/.test(target.pattern) ? "photo" : "logo";
  const filename = fc.oneof(hostileText.map(headerBytes), fc.constantFrom("../../etc/passwd", "..\\..\\x.png", "logo.png\x00.php", "森林.png", "\u202Egnp.exe".replace(/./gu, (c) => Buffer.from(c, "utf8").toString("latin1")), "a\r\nContent-Type: text/html", "\"quoted\".png", "x".repeat(5000), ""));
  const content = fc.oneof(
    fc.constant(PNG),
    fc.constant(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>")),
    fc.constant(Buffer.from("<html><script>alert(1)</script></html>")),
    fc.constant(Buffer.alloc(0)),
    fc.constant(Buffer.concat([PNG.subarray(0, 30), Buffer.alloc(100, 0xff)])),
    fc.constantFrom(2 * 1024 * 1024 + 1, 2 * 1024 * 1024 - 1, 64 * 1024).map((n) => Buffer.concat([PNG, Buffer.alloc(n, 0x41)])),
    fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
  );
  const kind = fc.constantFrom("upload", "upload", "no-boundary", "wrong-boundary", "unterminated", "no-part-headers", "boundary-in-quotes", "huge-boundary", "many-parts", "over-limit", "near-limit", "lying-length", "chunked", "gzip-claimed", "empty");
  return fc
    .record({ kind, role: fc.constantFrom(...rolesFor(target.pattern)), filename, content, contentType: fc.constantFrom("image/png", "image/svg+xml", "text/html", "application/octet-stream", "", "image/png; charset=\xff", "multipart/mixed"), name: fc.constantFrom<Value>(fileField, fileField, "file", "", raw("\xff"), "森林") })
    .map(({ kind: how, role, filename: name, content: bytes, contentType, name: field }) => {
      const headers = baseHeaders(world, role, server.origin);
      const path = pathOf(target) + (/(^|\.)_index\.tsx?$/.test(target.file) ? "?index" : "");
      const intent: [Value, Value][] = [["intent", target.intents[0] ?? ""]];
      const file: FilePart = { name: field, filename: raw(name), contentType, content: bytes };
      let body: Buffer;
      let type = "multipart/form-data; boundary=XyZ";
      switch (how) {
        case "upload":
          body = multipartBody("XyZ", intent, [file]);
          break;
        case "no-boundary":
          body = multipartBody("XyZ", intent, [file]);
          type = "multipart/form-data";
          break;
        case "wrong-boundary":
          body = multipartBody("AbC", intent, [file]);
          break;
        case "unterminated":
          body = multipartBody("XyZ", intent, [file]).subarray(0, -9);
          break;
        case "no-part-headers":
          body = Buffer.from(`--XyZ\r\n\r\nvalue\r\n--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ\r\nContent-Disposition: form-data; name=\r\n\r\n\r\n--XyZ--\r\n`);
          break;
        case "boundary-in-quotes":
          body = multipartBody("a b\"c", intent, [file]);
          type = `multipart/form-data; boundary="a b\\"c"`;
          break;
        case "huge-boundary":
          body = multipartBody("B".repeat(200), intent, [file]);
          type = `multipart/form-data; boundary=${"B".repeat(200)}`;
          break;
        case "many-parts":
          body = multipartBody("XyZ", Array.from({ length: 20_000 }, (_, i): [Value, Value] => [`f${i % 50}`, "v"]));
          break;
        case "over-limit":
          body = Buffer.concat([Buffer.from("intent=x&q="), Buffer.alloc(MAX_BODY_BYTES + 1, 0x61)]);
          type = "application/x-www-form-urlencoded";
          break;
        case "near-limit":
          body = Buffer.concat([Buffer.from(`${encodeEntries(intent)}&q=`), Buffer.alloc(MAX_BODY_BYTES - 4096, 0x61)]);
          type = "application/x-www-form-urlencoded";
          break;
        case "lying-length":
          body = Buffer.from(`${encodeEntries(intent)}&name=x`);
          headers.push(["Content-Length", String(body.length - 5)]);
          type = "application/x-www-form-urlencoded";
          break;
        case "chunked":
          body = Buffer.from("5\r\nname=\r\nZZZ\r\nnot-a-chunk\r\n0\r\n\r\n");
          headers.push(["Transfer-Encoding", "chunked"]);
          type = "application/x-www-form-urlencoded";
          break;
        case "gzip-claimed":
          body = Buffer.from(`${encodeEntries(intent)}&name=x`);
          headers.push(["Content-Encoding", "gzip"]);
          type = "application/x-www-form-urlencoded";
          break;
        default:
          body = Buffer.alloc(0);
          type = "multipart/form-data; boundary=XyZ";
      }
      headers.push(["Content-Type", type]);
      return { method: "POST", target: path, headers, body, label: `POST ${target.file} as ${role}: ${how} (${field === fileField ? "file field" : "other field"}, ${contentType || "no type"})` };
    });
}

test("malformed requests, headers and bodies to every route answer without a 5xx or an internal detail", async () => {
  const seed = hostileSeed(440_514);
  const routes = targets.filter((t) => !t.pattern.endsWith("/*"));
  const actions = targets.filter((t) => t.action);
  const uploads = targets.filter((t) => t.upload);
  expect(uploads.map((t) => t.file).sort()).toEqual(["events.$slug.edit.tsx", "exchange.$id.edit.tsx", "organisations.$slug.edit.tsx"]);
  const requests: RawRequest[] = [];
  let i = 0;
  for (const target of routes) requests.push(...fc.sample(badTargets(target), { seed: seed + i++, numRuns: 7 }));
  for (const target of routes) requests.push(...fc.sample(methodRequests(target), { seed: seed + i++, numRuns: 5 }));
  for (const target of routes.filter((t) => t.loader)) requests.push(...fc.sample(headerRequests(target), { seed: seed + i++, numRuns: 5 }));
  for (const target of actions) requests.push(...fc.sample(bodyRequests(target), { seed: seed + i++, numRuns: 6 }));
  for (const target of uploads) requests.push(...fc.sample(bodyRequests(target), { seed: seed + i++, numRuns: 60 }));
  const tally = new Tally(seed);
  await sendAll(server, requests, tally, 4);

  // Values that end up in response headers: a person's name with characters outside Latin-1 in
  // the download's file name; redirect targets with them in Location.
  const owner = world.clients.owner;
  for (const name of ["森林 Ωμέγα 👩‍👩‍👧‍👦", "\u202Eexe.txt", "a\u0000b\u0301\u0301", "名前/../../etc", "\"quoted\"; filename=x.exe"]) {
    const profile: RawRequest = { method: "POST", target: "/account?index", headers: [...baseHeaders(world, "owner", server.origin), ["Content-Type", "application/x-www-form-urlencoded"]], body: Buffer.from(encodeEntries([["intent", "profile"], ["name", name], ["locale", "es"]]), "latin1"), label: `POST /account profile name ${JSON.stringify(name)}` };
    tally.check(profile, await sendRaw(server.port, profile));
    for (const format of ["json", "html"]) {
      const download: RawRequest = { method: "POST", target: "/account/data/download", headers: [...baseHeaders(world, "owner", server.origin), ["Content-Type", "application/x-www-form-urlencoded"]], body: Buffer.from(`format=${format}`), label: `POST /account/data/download (${format}) for ${JSON.stringify(name)}` };
      const answer = await sendRaw(server.port, download);
      tally.check(download, answer);
      if (!(answer instanceof Error) && answer.status === 200) expect(answer.headers["content-disposition"]).toMatch(/^attachment;/);
    }
  }
  for (const to of ["/organisations/森林", "/\u202Eevil", "/😀?q=é#ñ", "/%FF", "/a\tb", "/x?" + "é".repeat(3000)]) {
    for (const request of [
      { method: "POST", target: "/set-language", body: Buffer.from(encodeEntries([["lang", "en"], ["redirectTo", to]]), "latin1") },
      { method: "POST", target: `/login?${encodeEntries([["redirectTo", to]])}`, body: Buffer.from(encodeEntries([["email", "miembro2@demo.pe"], ["password", "Economia-Circular-2026"]]), "latin1") },
      { method: "GET", target: `/login?${encodeEntries([["redirectTo", to]])}`, body: undefined },
    ]) {
      const sent: RawRequest = { ...request, headers: [...baseHeaders(world, "anonymous", server.origin), ["Content-Type", "application/x-www-form-urlencoded"]], label: `${request.method} ${request.target.split("?")[0]} redirecting to ${JSON.stringify(to.slice(0, 30))}` };
      tally.check(sent, await sendRaw(server.port, sent));
    }
  }
  expect((await owner.get("/account")).status).toBe(200);

  recordHostilePart("protocol", tally);
  console.log(`hostile protocol: ${tally.sent} requests; statuses ${JSON.stringify(Object.fromEntries([...tally.statuses].sort()))}`);
  keepServerLog(server);
  expect(tally.report(FILE, server.output())).toBe("");
  expect(tally.sent).toBeGreaterThanOrEqual(MINIMUM);
  // The server is still up and answering after all of it.
  expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
}, 300_000);
