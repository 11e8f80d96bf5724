import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startBuiltServer, type BuiltServer } from "../server.ts";
import { formRequests, rolesFor } from "./requests.ts";
import { hostileSeed, keepServerLog, recordHostilePart, sendAll, Tally, type RawRequest } from "./send.ts";
import { enumerateTargets, type RouteTarget } from "./targets.ts";
import { makeHostileWorld, pageFormValues, type HostileWorld } from "./world.ts";

// Hostile input, the forms (issue 14): generated forms to every action and every `intent` it
// tells apart, from people who get past its guard, starting from the values the page's own forms
// carry and departing from them — hostile text in one to three fields (SQL and FTS5 syntax, path
// traversal, NUL, lone surrogates as invalid UTF-8, RTL and combining marks, emoji, huge and empty
// strings), repeated fields, a value repeated in a multi-choice field, wrong types, fields left
// out, hostile field names, odd intents, and wrong or broken encodings. No answer may be a 5xx or
// show a stack trace or an internal path. The actions are shared between two test files (every
// other one in each), so that each stays within two minutes.

const PER_ACTION = 36;
const MINIMUM = 1_500;

/** Registers the forms suite for half `half` of the actions (in test file `file`). */
export function formsSuite(half: 1 | 2, file: string) {
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

  test(`generated forms to every action and intent (half ${half}) answer without a 5xx or an internal detail`, async () => {
    const seed = hostileSeed(140_514 + half);
    // The API's writes (all refused with 405) are the API part's business, with every method.
    const allActions = targets.filter((t) => t.action && !t.pattern.startsWith("/api/"));
    expect(allActions.length).toBeGreaterThan(40);
    const actions = allActions.filter((_, i) => i % 2 === half - 1);
    // What each page's forms carry, per person who sends them (their own records, their tokens).
    const pageValues = new Map<string, Map<string, string>>();
    for (const target of actions) {
      for (const path of (world.examples.get(target.pattern) ?? [target.pattern]).slice(0, 3)) {
        if (path.includes(":") || path.includes("*")) continue;
        for (const role of new Set(rolesFor(target.pattern))) {
          pageValues.set(`${role} ${path}`, await pageFormValues(world.clients[role], path));
        }
      }
    }
    const requests: RawRequest[] = [];
    let index = 0;
    for (const target of actions) {
      const intents: (string | null)[] = target.intents.length ? [...target.intents, null] : [null];
      const runs = Math.max(12, Math.ceil((PER_ACTION * 2) / intents.length));
      for (const intent of intents) {
        requests.push(...fc.sample(formRequests(target, intent, world, server.origin, pageValues), { seed: seed + index++, numRuns: runs }));
      }
    }
    const tally = new Tally(seed);
    await sendAll(server, requests, tally, 4);
    recordHostilePart(`forms-${half}`, tally);
    console.log(`hostile forms: ${tally.sent} requests to ${actions.length} actions; statuses ${JSON.stringify(Object.fromEntries([...tally.statuses].sort()))}`);
    keepServerLog(server);
    expect(tally.report(file, server.output())).toBe("");
    expect(tally.sent).toBeGreaterThanOrEqual(MINIMUM);
    // The people were still signed in at the end: the input reached the actions, not only the log-in guard.
    for (const role of ["owner", "coordinator", "admin"] as const) expect((await world.clients[role].get("/account")).status).toBe(200);
  }, 300_000);
}
