import { afterAll, beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { SEARCH_QUERY_MAX } from "#app/features/search/query.ts";
import { SEARCH_TEXT_MAX } from "#app/utils/search-text.ts";
import { XSS_PROBES } from "#tests/fixtures/xss-payloads.ts";
import { DEMO_PASSWORD } from "#tests/factories/users.ts";
import { makeSettledPerson } from "#tests/integration/discussion-world.ts";
import { sessionTokenOf } from "./authz/world.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";
import { bareField, packedFields, XssSuite } from "./xss/suite.ts";
import { requestTargetProblem } from "#app/.server/security.ts";

// XSS in what the site echoes back of a request (issue 14): search queries (the site search and
// every list's text filter), a handle asked for in the forum, addresses that lead nowhere (404),
// the values a refused form shows again (log-in, sign-up, profile), a person's name saved through
// the profile form, and the page to return to after logging in (never an unsafe address).

let server: BuiltServer;
let suite: XssSuite;

beforeAll(async () => {
  server = await startBuiltServer();
  suite = new XssSuite("echo", server);
  await suite.start();
});

afterAll(async () => {
  suite?.record();
  await suite?.close();
  await server?.stop();
});

const q = (text: string) => encodeURIComponent(text);

test("the site search shows every query back as text: the box, the heading, the title", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const write of packedFields("search query (/search)", SEARCH_QUERY_MAX)) {
      await suite.checkPage({ path: `/search?q=${q(write.text)}`, as: null, who: "anonymous", shows: [{ write }] });
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("every list's text filter shows its query back as text", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const list of ["/organisations", "/initiatives", "/events", "/exchange", "/discussions/c/general"]) {
      const writes = packedFields(`search query (${list})`, SEARCH_TEXT_MAX);
      for (const [i, write] of writes.entries()) {
        // All in the HTML; in Chromium the first few of each list (the same box and component).
        await suite.checkPage({ path: `${list}?q=${q(write.text)}`, as: null, who: "anonymous", shows: [{ write }], browser: i < 3 });
      }
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("addresses that lead nowhere and a forum author that does not exist answer without running anything", async () => {
  const faults = await suite.faultsOf(async () => {
    const probes = XSS_PROBES.filter((_, i) => i % 3 === 0);
    for (const [i, probe] of probes.entries()) {
      for (const base of ["/organisations/", "/initiatives/", "/events/", "/exchange/", "/discussions/threads/"]) {
        // An address the router cannot even name (a backslash or control character in it) is
        // refused 400 before any route (server/index.ts); any other leads nowhere: 404.
        const path = `${base}${q(probe.text)}`;
        await suite.checkPage({ path, as: null, who: "anonymous", shows: [], status: requestTargetProblem(path) ? 400 : 404, browser: i < 2 });
      }
      await suite.checkPage({ path: `/discussions?author=${q(probe.text)}`, as: null, who: "anonymous", shows: [], status: 404, browser: i < 2 });
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("refused forms show what was typed back as text: log-in, sign-up, profile", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const write of packedFields("login.email (refused form)", 254)) {
      const answer = await suite.client(null).post("/login", { email: write.text, password: "not the password" });
      expect(answer.status).toBe(400);
      suite.checkHtml("anonymous POST /login (400)", answer.body, [{ write, plain: true }]);
    }
    for (const write of packedFields("signup.name (refused form)", 100)) {
      const answer = await suite.client(null).post("/signup", { name: write.text, email: "not an address", password: "x", acceptPrivacy: "on" });
      expect(answer.status).toBe(400);
      suite.checkHtml("anonymous POST /signup (400)", answer.body, [{ write, plain: true }]);
    }
    const person = makeSettledPerson();
    for (const write of packedFields("person.name (refused profile form)", 300).slice(0, 10)) {
      const answer = await suite.client(sessionTokenOf(person)).post("/account?index", { intent: "profile", name: write.text, locale: "es" });
      expect(answer.status).toBe(400);
      suite.checkHtml("member POST /account?index (400)", answer.body, [{ write, plain: true }]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("a name saved through the profile form is shown escaped on the account page and in the header", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const write of packedFields("person.name (profile form)", 100).slice(0, 12)) {
      const person = makeSettledPerson();
      const token = sessionTokenOf(person);
      const saved = await suite.client(token).post("/account?index", { intent: "profile", name: write.text, locale: "es" });
      expect(saved.status, saved.body.slice(0, 300)).toBe(302);
      suite.formWrites += 1;
      expect(db.select().from(schema.users).where(eq(schema.users.id, person.user.id)).get()!.name).toBe(write.text.trim());
      await suite.checkPage({ path: "/account", as: token, who: "member after the form", shows: [{ write, plain: true }] });
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the page to return to after logging in: echoed as text, never followed to another site or scheme", async () => {
  const person = makeSettledPerson();
  const email = person.user.email;
  const { hashPassword } = await import("#app/.server/auth/password.ts");
  db.update(schema.users)
    .set({ passwordHash: await hashPassword(DEMO_PASSWORD) })
    .where(eq(schema.users.id, person.user.id))
    .run();
  const faults = await suite.faultsOf(async () => {
    for (const [i, probe] of XSS_PROBES.entries()) {
      const write = bareField("login.redirectTo", probe);
      await suite.checkPage({ path: `/login?redirectTo=${q(probe.text)}`, as: null, who: "anonymous", shows: [{ write, plain: true }], browser: i % 20 === 0 });
    }
    // Logging in with each address that could lead elsewhere (a scheme, another site, a broken-out attribute).
    for (const probe of XSS_PROBES.filter((p) => p.family === "scheme" || p.family === "breakout")) {
      const answer = await suite.client(null).post("/login", { email, password: DEMO_PASSWORD, redirectTo: probe.text });
      const location = answer.headers.get("location") ?? "";
      suite.formatChecks += 1;
      if (answer.status !== 302 || !/^\/(?![/\\])/.test(location))
        suite.fault("POST /login", "redirect", `redirectTo ${JSON.stringify(probe.text)} → ${answer.status} ${location}`, probe.id);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});
