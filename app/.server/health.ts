import { sqlite } from "#app/.server/db.ts";

/** True when the database answers a trivial query. */
export function isDatabaseHealthy() {
  try {
    sqlite.prepare("SELECT 1").get();
    return true;
  } catch {
    return false;
  }
}
