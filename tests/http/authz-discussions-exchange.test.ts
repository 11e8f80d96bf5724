import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { actionKeyText, ROLES, type Role } from "./authz/types.ts";
import { covered, makeFixtures, rowsByArea, warmUp, type Ctx, type Fixtures } from "./authz/discussions-exchange.rows.ts";
import { clientFor, makeRoleWorld } from "./authz/world.ts";
import { recordFigures } from "./figures.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";

// The authorisation matrix of the discussions and the resource exchange over real HTTP (issue 14):
// each case of authz/discussions-exchange.rows.ts sets up fresh rows with the features' own
// functions, sends the form as the page would (same-origin, the role's session cookie) to the
// built server, and reads the database: an allowed action shows its effect; a refused one leaves
// the rows as they were and answers a refusal (4xx, or the log-in page for anonymous), never a 5xx.

let server: BuiltServer;
let fixtures: Fixtures;

/** What the file saw, for docs/quality.md. */
const seen = { attempts: 0, expectedAllows: 0, expectedDenies: 0, unexpectedAllows: 0, unexpectedDenies: 0, serverErrors: 0, misleadingAnswers: 0 };
const faults: string[] = [];

beforeAll(async () => {
  fixtures = makeFixtures(makeRoleWorld());
  await warmUp();
  server = await startBuiltServer();
});

afterAll(async () => {
  await server?.stop();
  const suite = "Authorisation matrix: discussions and resource exchange";
  const note = `of ${seen.attempts} attempts over ${covered.length} actions`;
  recordFigures("authorisation-discussions-exchange", [
    { suite, measure: "attempts (action × intent × role × resource, over HTTP)", value: seen.attempts, target: "every action of discussions.* and exchange.* × 9 roles", met: seen.attempts > 0 },
    { suite, measure: "actions covered (route × intent)", value: covered.length, target: "all enumerated", met: true },
    { suite, measure: "expected allows", value: seen.expectedAllows, target: "—", met: true },
    { suite, measure: "expected denies", value: seen.expectedDenies, target: "—", met: true },
    { suite, measure: "unexpected allows", value: seen.unexpectedAllows, target: "0", met: seen.unexpectedAllows === 0, note },
    { suite, measure: "unexpected denies", value: seen.unexpectedDenies, target: "0", met: seen.unexpectedDenies === 0, note },
    { suite, measure: "answers 500–599", value: seen.serverErrors, target: "0", met: seen.serverErrors === 0, note },
    {
      suite,
      measure: "answers that contradict the database (a success that wrote nothing, a refusal that wrote)",
      value: seen.misleadingAnswers,
      target: "0",
      met: seen.misleadingAnswers === 0,
      note,
    },
  ]);
  if (faults.length) console.log(`authorisation faults:\n${faults.join("\n")}`);
});

let sequence = 0;

for (const [area, rows] of Object.entries(rowsByArea)) {
  describe(area, () => {
    for (const row of rows) {
      describe(actionKeyText(row.key), () => {
        for (const one of row.cases) {
          for (const role of one.roles ?? ROLES) {
            const expected = one.allow.includes(role) ? "allow" : "deny";
            test(`${one.variant} × ${role} → ${expected}`, async () => {
              sequence += 1;
              const ctx: Ctx = { ...fixtures, role, actor: role === "anonymous" ? null : fixtures.world.people[role as Exclude<Role, "anonymous">], tag: `${sequence}-${crypto.randomUUID().slice(0, 6)}` };
              const prepared = one.prepare(ctx);
              const before = prepared.probe();
              const answer = await clientFor(server, fixtures.world, role).request(prepared.path, { form: prepared.form });
              const after = prepared.probe();
              const took = prepared.done(before, after);
              const unchanged = isDeepStrictEqual(before, after);
              const toLogin = answer.status === 302 && (answer.headers.get("location") ?? "").startsWith("/login");
              const success = answer.status >= 200 && answer.status < 400 && !toLogin;
              const refusal = (answer.status >= 400 && answer.status < 500) || (role === "anonymous" && toLogin);

              seen.attempts += 1;
              if (expected === "allow") seen.expectedAllows += 1;
              else seen.expectedDenies += 1;
              const observed = took ? "allow" : "deny";
              const what = `${actionKeyText(row.key)} · ${one.variant} × ${role}: expected ${expected}, ${observed} (${answer.status})`;
              if (answer.status >= 500) seen.serverErrors += 1;
              if (observed !== expected) {
                if (observed === "allow") seen.unexpectedAllows += 1;
                else seen.unexpectedDenies += 1;
                faults.push(what);
              }
              // What the person is told must be what happened.
              const misleading = took ? !success : !refusal || !unchanged;
              if (misleading) {
                seen.misleadingAnswers += 1;
                faults.push(`${what}: answer ${answer.status}${toLogin ? " (log in)" : ""}, rows ${unchanged ? "unchanged" : "changed"}`);
              }

              expect(answer.status, `${what}\n${answer.body.slice(0, 400)}`).toBeLessThan(500);
              expect(observed, what).toBe(expected);
              if (took) expect(success, `${what}: the write happened but the answer was ${answer.status}`).toBe(true);
              else {
                expect(unchanged, `${what}: refused but the rows changed`).toBe(true);
                expect(refusal, `${what}: refused with ${answer.status}${toLogin ? " (log in)" : ""}\n${answer.body.slice(0, 400)}`).toBe(true);
              }
            });
          }
        }
      });
    }
  });
}

test("the rows cover each action once", () => {
  const keys = covered.map(actionKeyText);
  expect(new Set(keys).size).toBe(keys.length);
});
