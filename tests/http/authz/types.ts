// The vocabulary the HTTP authorisation matrix is written in (issue 14). The matrix is split by
// area into files tests/http/authz-*.test.ts, each with a `*.rows.ts` beside it here listing the
// actions it covers; tests/http/authz-completeness.test.ts enumerates every mutating action from
// the route modules and fails for any action that no rows file covers.

/** Everyone the matrix asks, as the issue lists them. */
export type Role =
  | "anonymous"
  | "otherOrgMember"
  | "orgMember"
  | "editor"
  | "owner"
  | "suspendedOrgOwner"
  | "suspendedUser"
  | "coordinator"
  | "admin";

export const ROLES: readonly Role[] = [
  "anonymous",
  "otherOrgMember",
  "orgMember",
  "editor",
  "owner",
  "suspendedOrgOwner",
  "suspendedUser",
  "coordinator",
  "admin",
];

/**
 * One mutating action: a route module's action (its file name under app/routes without the
 * extension, e.g. "organisations.$slug.team") and the form `intent` it distinguishes, or null when
 * the action takes no intent. API writes are keyed by their route file too.
 */
export type ActionKey = { route: string; intent: string | null };

export const actionKeyText = (key: ActionKey) => (key.intent === null ? key.route : `${key.route} [intent=${key.intent}]`);
