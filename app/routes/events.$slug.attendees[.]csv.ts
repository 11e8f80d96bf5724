import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/.server/auth/index.ts";
import { attachmentHeader } from "#app/.server/downloads.ts";
import { attendees, requireEvent } from "#app/.server/events/index.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { registrationStatusLabel } from "#app/features/events/labels.ts";
import { actorTypeLabel } from "#app/features/organisations/labels.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDateTime, makeTranslator } from "#app/i18n.ts";
import { toCsv } from "#app/utils/csv.ts";
import { withTranslatedErrors } from "#app/.server/security.ts";

// Registrants as CSV for coordinators, in their language, times in Lima.
async function serve({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { event } = requireEvent(params.slug, user, "manage");
  const locale = getLocale(request);
  const t = makeTranslator(locale);
  const header = [
    t("ev.attendees.name"),
    t("fields.email"),
    t("ev.attendees.organisation"),
    t("org.fields.actorType"),
    t("ev.fields.region"),
    t("ev.attendees.status"),
    t("ev.attendees.registeredAt"),
    ...event.questions,
  ];
  const body = attendees(event.id).map((r) => [
    r.name,
    r.email,
    r.organisation,
    r.actorType ? actorTypeLabel(t, r.actorType) : "",
    r.region ? regionName(r.region) : "",
    registrationStatusLabel(t, r.status),
    formatDateTime(locale, r.createdAt),
    ...event.questions.map((_, i) => r.answers[i] ?? ""),
  ]);
  return new Response(toCsv([header, ...body]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(t("ev.attendees.csvFilename", { slug: event.slug }), "csv"),
      "Cache-Control": "private, no-store",
    },
  });
}

// A missing or hidden thing answers with a translated page, not a bare "Not Found".
export const loader = withTranslatedErrors(serve);
