import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { attendees, requireEvent, setAttended } from "#app/.server/events/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { registrationStatusLabel } from "#app/features/events/labels.ts";
import { actorTypeLabel } from "#app/features/organisations/labels.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatNumber } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { conflict } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ev.detail.attendees");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { event } = requireEvent(params.slug, user, "manage");
  const rows = attendees(event.id);
  const tally = (key: "actorType" | "region") => {
    const counts = new Map<string, number>();
    for (const row of rows) {
      if (row.status === "cancelled") continue;
      const value = row[key] ?? "";
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]);
  };
  const byStatus = (status: string) => rows.filter((r) => r.status === status).length;
  return {
    event: { slug: event.slug, title: event.title, questions: event.questions },
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.getTime() })),
    byActorType: tally("actorType"),
    byRegion: tally("region"),
    totals: { confirmed: byStatus("confirmed"), waitlisted: byStatus("waitlisted"), attended: byStatus("attended"), cancelled: byStatus("cancelled") },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { event } = requireEvent(params.slug, user, "manage");
  const form = await readForm(request);
  const registrationId = Number(form.get("registrationId"));
  const attended = form.get("intent") === "check-in";
  if (!Number.isInteger(registrationId) || !setAttended(event.id, registrationId, attended)) {
    throw conflict();
  }
  return redirectWithFlash(`/events/${event.slug}/attendees#registration-${registrationId}`, { key: "ev.attendees.checkedIn" });
}

export default function AttendeesPage() {
  const { event, rows, byActorType, byRegion, totals } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/events/${event.slug}`}>← {event.title}</Link>
      </p>
      <PageTitle lead={(["confirmed", "waitlisted", "attended", "cancelled"] as const).map((status) => t.count(`ev.attendees.totals.${status}`, totals[status])).join(" · ")}>{t("ev.attendees.title", { title: event.title })}</PageTitle>
      <p>
        <a href={`/events/${event.slug}/attendees.csv`} download>
          {t("ev.attendees.csv")}
        </a>
      </p>
      {rows.length === 0 ? <p>{t("ev.attendees.empty")}</p> : null}
      {/* Cards rather than a wide table: check-in happens on a phone at the door. */}
      <ul className="space-y-2">
        {rows.map((r) => (
          <li key={r.id} id={`registration-${r.id}`} className="card flex flex-wrap items-center justify-between gap-3" data-status={r.status}>
            <div>
              <p className="font-semibold">{r.name}</p>
              <p className="text-sm text-stone-700">
                {r.email} · {r.organisation ?? t("ev.attendees.none")} · {registrationStatusLabel(t, r.status)}
              </p>
              {r.answers.some(Boolean) ? (
                <ul className="mt-1 text-sm">
                  {event.questions.map((q, i) => (r.answers[i] ? <li key={i}>{q}: {r.answers[i]}</li> : null))}
                </ul>
              ) : null}
            </div>
            {r.status === "confirmed" || r.status === "attended" ? (
              <Form method="post">
                <input type="hidden" name="registrationId" value={r.id} />
                <SubmitButton
                  name="intent"
                  value={r.status === "confirmed" ? "check-in" : "undo"}
                  className={r.status === "confirmed" ? "btn-primary" : "btn-secondary"}
                  pendingLabel={t("form.saving")}
                >
                  {r.status === "confirmed" ? t("ev.attendees.checkIn") : t("ev.attendees.undo")}
                </SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="grid gap-6 sm:grid-cols-2">
        <section aria-labelledby="by-type">
          <h2 id="by-type" className="mb-2 text-lg font-bold">
            {t("ev.attendees.byActorType")}
          </h2>
          <ul>
            {byActorType.map(([type, n]) => (
              <li key={type || "none"}>
                {type ? actorTypeLabel(t, type) : t("ev.attendees.none")}: {formatNumber(locale, n)}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="by-region">
          <h2 id="by-region" className="mb-2 text-lg font-bold">
            {t("ev.attendees.byRegion")}
          </h2>
          <ul>
            {byRegion.map(([region, n]) => (
              <li key={region || "none"}>
                {region ? regionName(region) : t("ev.attendees.none")}: {formatNumber(locale, n)}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
