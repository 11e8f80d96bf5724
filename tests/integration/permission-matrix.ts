import { expect, test } from "vitest";
import { callRoute, type RouteResult } from "./call-route.ts";
import { makeWorld, ROLES, type Role } from "./world.ts";
import type { OrganisationStatus } from "#app/features/organisations/taxonomy.ts";

/**
 * What a role gets: "ok" (2xx, or a redirect that is not to the log-in page), "login" (sent to log
 * in), or a refusal status (403, 404).
 */
export type Outcome = "ok" | "login" | 403 | 404;

export type MatrixRow = {
  action: string;
  /** State of the organisation the action is tried on. */
  status?: OrganisationStatus;
  call: (world: ReturnType<typeof makeWorld>, cookie: string | undefined) => Promise<RouteResult>;
  expect: Record<Role, Outcome>;
};

export function outcomeOf(result: RouteResult): Outcome | number {
  if (result.status === 302 && result.headers.get("Location")?.startsWith("/login")) return "login";
  if (result.status < 400) return "ok";
  return result.status;
}

/** Shorthand: everyone gets `rest` except the roles listed. */
export function expectFor(rest: Outcome, overrides: Partial<Record<Role, Outcome>>): Record<Role, Outcome> {
  return Object.fromEntries(ROLES.map((role) => [role, overrides[role] ?? rest])) as Record<Role, Outcome>;
}

/**
 * Runs each row for each role through the real route modules (loaders and actions with real
 * requests, sessions and database), on a fresh world per case so writes never leak between cases.
 */
export function runPermissionMatrix(rows: MatrixRow[]) {
  for (const row of rows) {
    for (const role of ROLES) {
      const expected = row.expect[role];
      test(`${row.action} [${row.status ?? "approved"}] × ${role} → ${expected}`, async () => {
        const world = makeWorld(row.status ?? "approved");
        const result = await row.call(world, world.cookieOf(role));
        expect(outcomeOf(result)).toBe(expected);
      });
    }
  }
}

export { callRoute };
