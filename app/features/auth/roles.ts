/**
 * Platform roles, lowest first. A plain module (no database code), so browser code can list
 * them; the users table in db/schema/auth.ts takes its column values from here.
 */
export const PLATFORM_ROLES = ["member", "coordinator", "admin"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
