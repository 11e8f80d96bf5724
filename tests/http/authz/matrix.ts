import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBuiltServer, type BuiltServer } from "../server.ts";
import type { HttpAnswer } from "../client.ts";
import { clientOf, makeActor, type Actor } from "./actors.ts";
import { saveCorePart, type Tally } from "./core-figures.ts";
import { actionKeyText, ROLES, type ActionKey, type Role } from "./types.ts";

/** What the product's rules say a role gets. */
export type Expectation = "allow" | "deny";

/**
 * Whose resource a row acts on: "own" — the actor's (their organisation, account, registration…);
 * "other" — someone else's; "none" — the action names no one's (creating something, a public form);
 * "forged" — a made-up token or id that belongs to nobody.
 */
export type Resource = "own" | "other" | "none" | "forged";

/**
 * One attempt, built on fresh state for one actor. `T` is what `observe` reads; `done` compares two
 * such readings (method syntax, so an Attempt of any reading is an Attempt<unknown>).
 */
export type Attempt<T = unknown> = {
  path: string;
  /** POST unless told (the API rows also try PUT, PATCH and DELETE). */
  method?: string;
  form?: Record<string, string | string[]> | FormData;
  /** Reads the rows the action would change (compared as JSON-like values before and after). */
  observe(): T;
  /** For an allow: whether `after` shows the action's effect. Default: anything changed. */
  done?(before: T, after: T): boolean;
  /** A deny may also answer a redirect here (a page for signed-out people sends the signed-in to /account). */
  denyLocation?: RegExp;
  /** For an allow, what the answer itself must show (a cookie, when the effect is in the browser only). */
  answered?(answer: HttpAnswer): boolean;
  /** A deny must answer one of these statuses (the API's writes: 405). */
  denyStatus?: number[];
};

/** An attempt, typed by what its `observe` reads (so `done` is checked against it). */
export function attempt<T>(value: Attempt<T>): Attempt {
  return value;
}

/** An action × resource, with what each role it applies to should get. Roles left out do not apply. */
export type Row = {
  key: ActionKey;
  resource: Resource;
  /** In words, for the test's name ("invite a colleague"). */
  what: string;
  expect: Partial<Record<Role, Expectation>>;
  prepare: (actor: Actor) => Attempt | Promise<Attempt>;
};

/** Every role gets `rest` except those named. */
export function all(rest: Expectation, overrides: Partial<Record<Role, Expectation>> = {}): Record<Role, Expectation> {
  return Object.fromEntries(ROLES.map((role) => [role, overrides[role] ?? rest])) as Record<Role, Expectation>;
}

/** The same expectations without the named roles (to whom the row does not apply). */
export function without(expectations: Partial<Record<Role, Expectation>>, ...roles: Role[]) {
  return Object.fromEntries(Object.entries(expectations).filter(([role]) => !roles.includes(role as Role))) as Partial<Record<Role, Expectation>>;
}

/** The roles that have an organisation of their own to act on ("own" rows of organisation-scoped actions). */
export const WITH_HOME: readonly Role[] = ["orgMember", "editor", "owner", "suspendedOrgOwner"];

/** `expectations` for the roles with an organisation of their own (see WITH_HOME). */
export function home(expectations: Partial<Record<"orgMember" | "editor" | "owner" | "suspendedOrgOwner", Expectation>>, rest: Expectation = "deny") {
  return Object.fromEntries(WITH_HOME.map((role) => [role, expectations[role as keyof typeof expectations] ?? rest])) as Partial<Record<Role, Expectation>>;
}

const safely = (check: () => boolean) => {
  try {
    return check();
  } catch {
    return false;
  }
};

/**
 * How an answer reads: a success, a refusal (4xx, or a redirect to log in — `/login?redirectTo=…`,
 * as every guard sends it; a plain `/login` is where some successes land, e.g. confirming an address
 * while signed out), or a server error.
 */
export function readAnswer(answer: HttpAnswer, denyLocation?: RegExp): "success" | "refusal" | "error" {
  if (answer.status >= 500) return "error";
  if (answer.status >= 400) return "refusal";
  const location = answer.headers.get("location") ?? "";
  if (answer.status >= 300 && (location.startsWith("/login?") || (denyLocation && denyLocation.test(location)))) return "refusal";
  return "success";
}

/**
 * Runs the rows of `areas` over HTTP against one built server for the file: for each row and each role it
 * names, a fresh actor and fresh state (`prepare`), the real request (session cookie, same-origin
 * Origin), and the database read before and after. An expected allow must answer a success and show
 * its effect; an expected deny must answer a refusal (4xx, or a redirect to log in) and leave the
 * observed rows exactly as they were. Never a 5xx. Each case is a test; each area's tally goes into
 * the run's "authorisation-core" figures (core-figures.ts).
 */
export function runMatrix(areas: Record<string, Row[]>) {
  let server: BuiltServer;
  const tallies = new Map<string, Tally>();
  const surprises: string[] = [];

  beforeAll(async () => {
    server = await startBuiltServer();
  });
  afterAll(async () => {
    await server.stop();
    for (const [area, rows] of Object.entries(areas)) {
      saveCorePart({ area, tally: tallies.get(area)!, actions: [...new Set(rows.map((row) => actionKeyText(row.key)))] });
    }
    if (surprises.length) console.warn(`${surprises.length} surprises\n${surprises.join("\n")}`);
  });

  for (const [area, rows] of Object.entries(areas)) {
    const tally: Tally = { attempts: 0, expectedAllows: 0, expectedDenies: 0, unexpectedAllows: 0, unexpectedDenies: 0, serverErrors: 0, misleadingAnswers: 0 };
    tallies.set(area, tally);
    describe(`authorisation matrix: ${area}`, () => {
      for (const row of rows) {
        for (const role of ROLES) {
          const expected = row.expect[role];
          if (!expected) continue;
          test(`${actionKeyText(row.key)} · ${row.what} [${row.resource}] × ${role} → ${expected}`, async () => {
            const actor = makeActor(role);
            const attempt = await row.prepare(actor);
            const before = attempt.observe();
            const answer = await clientOf(server, actor).request(attempt.path, { method: attempt.method ?? "POST", form: attempt.form ?? {} });
            const after = attempt.observe();
            const reading = readAnswer(answer, attempt.denyLocation);
            const unchanged = isDeepStrictEqual(before, after);
            // `done` is written for the allowed case; on a refused one it may find nothing to read.
            const effect = (attempt.done ? safely(() => attempt.done!(before, after)) : !unchanged) && (!attempt.answered || attempt.answered(answer));
            tally.attempts += 1;
            if (expected === "allow") tally.expectedAllows += 1;
            else tally.expectedDenies += 1;
            if (reading === "error") tally.serverErrors += 1;
            // Whatever was expected: an answer must not claim what the database denies.
            if ((reading === "success" && unchanged && !attempt.answered) || (reading === "refusal" && !unchanged)) tally.misleadingAnswers += 1;
            const rightRefusal = !attempt.denyStatus || attempt.denyStatus.includes(answer.status);
            const verdict = expected === "allow" ? reading === "success" && effect : reading === "refusal" && rightRefusal && unchanged;
            const seen = `answered ${answer.status}${answer.headers.get("location") ? ` → ${answer.headers.get("location")}` : ""}, rows ${unchanged ? "unchanged" : effect ? "changed as the action does" : "changed"}`;
            if (!verdict) {
              if (expected === "allow") tally.unexpectedDenies += 1;
              else tally.unexpectedAllows += 1;
              surprises.push(`${actionKeyText(row.key)} · ${row.what} [${row.resource}] × ${role}: expected ${expected}, ${seen}`);
            }
            expect(reading, `${seen}; body: ${answer.body.slice(0, 300)}`).not.toBe("error");
            expect(verdict, `expected ${expected}, ${seen}; body: ${answer.body.slice(0, 300)}`).toBe(true);
          });
        }
      }
    });
  }
}
