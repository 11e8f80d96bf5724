import { expect, test } from "vitest";
import { callRoute, type RouteResult } from "./call-route.ts";

/**
 * What a role gets: "ok" (2xx, or a redirect that is not to the log-in page), "login" (sent to log
 * in), or a refusal status (400 for a malformed case, 403, 404, 409).
 */
export type Outcome = "ok" | "login" | 400 | 403 | 404 | 409;

export type World<Role extends string> = { cookieOf: (role: Role) => string | undefined };

export type MatrixRow<Role extends string, W extends World<Role>, State extends string = string> = {
  action: string;
  /** State of the resource the action is tried on (passed to the world maker). */
  state?: State;
  call: (world: W, cookie: string | undefined) => Promise<RouteResult>;
  expect: Record<Role, Outcome>;
};

export function outcomeOf(result: RouteResult): Outcome | number {
  if (result.status === 302 && result.headers.get("Location")?.startsWith("/login")) return "login";
  if (result.status < 400) return "ok";
  return result.status;
}

/** Shorthand: every role gets `rest` except those listed. */
export function expectFor<Role extends string>(roles: readonly Role[], rest: Outcome, overrides: Partial<Record<Role, Outcome>>) {
  return Object.fromEntries(roles.map((role) => [role, overrides[role] ?? rest])) as Record<Role, Outcome>;
}

/**
 * Runs each row for each role through the real route modules (loaders and actions with real
 * requests, sessions and database), on a fresh world per case so writes never leak between cases.
 * A feature supplies its roles, a world maker and its rows.
 */
export function runPermissionMatrix<Role extends string, W extends World<Role>, State extends string>(
  roles: readonly Role[],
  makeWorld: (state: State | undefined) => W,
  rows: Array<MatrixRow<Role, W, State>>,
) {
  for (const row of rows) {
    for (const role of roles) {
      const expected = row.expect[role];
      test(`${row.action} [${row.state ?? "default"}] × ${role} → ${expected}`, async () => {
        const world = makeWorld(row.state);
        const result = await row.call(world, world.cookieOf(role));
        expect(outcomeOf(result)).toBe(expected);
      });
    }
  }
}

export { callRoute };
