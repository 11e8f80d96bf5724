import { isDatabaseHealthy } from "#app/.server/health.ts";

// For load balancers and uptime checks: 200 only when the database answers.
export async function loader() {
  const healthy = isDatabaseHealthy();
  return Response.json(
    { status: healthy ? "ok" : "error" },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
