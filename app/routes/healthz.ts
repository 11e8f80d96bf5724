import { sqlite } from "#app/.server/db.ts";

// For load balancers and uptime checks: 200 only when the database answers.
export async function loader() {
  try {
    sqlite.prepare("SELECT 1").get();
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
