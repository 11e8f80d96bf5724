import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/.server/auth/index.ts";
import { attendees, requireEvent } from "#app/.server/events/index.ts";
import { toCsv } from "#app/utils/csv.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { event } = requireEvent(params.slug, user, "manage");
  const rows = attendees(event.id);
  const header = ["name", "email", "organisation", "actor_type", "region", "status", "registered_at", ...event.questions];
  const body = rows.map((r) => [r.name, r.email, r.organisation, r.actorType, r.region, r.status, r.createdAt.toISOString(), ...event.questions.map((_, i) => r.answers[i] ?? "")]);
  return new Response(toCsv([header, ...body]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="inscritos-${event.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
