import { databaseHealth } from "#app/.server/health.ts";

// For uptime checks and load balancers: 200 when the database answers and can be written; 503
// (with what is wrong: "unreadable", "read-only", "full", "io-error", "busy") when it cannot — reads may still be
// served then, but every write answers 503, which is worth an alert (docs/operations.md).
export async function loader() {
  const health = databaseHealth();
  const healthy = health.database === "ok";
  return Response.json(
    { status: healthy ? "ok" : "error", ...health },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
