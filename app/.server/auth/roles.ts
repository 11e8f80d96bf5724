import type { PlatformRole } from "#db/schema/auth.ts";

// Apart from the auth index, which loads a bundled text file that plain tsx (the dev server's mail
// worker, the tests' worker processes) cannot: features import it from here.

/** Whether a person is of the alliance's staff — a coordinator or an admin, who review, moderate and report; false for nobody. */
export function isStaff(user: { role: PlatformRole } | null | undefined): boolean {
  return user?.role === "coordinator" || user?.role === "admin";
}
