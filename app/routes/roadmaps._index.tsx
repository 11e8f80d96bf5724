import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { roadmapSummaryWithExchanges } from "#app/.server/exchange/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { RoadmapLines, summariseRoadmaps } from "#app/features/initiatives/roadmap-lines.tsx";
import { roadmapLabel } from "#app/features/organisations/labels.ts";
import { ROADMAPS } from "#app/features/organisations/taxonomy.ts";
import { useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "roadmaps.title", "meta.roadmaps");

export async function loader() {
  // The same figures as /roadmaps/:sector: indicator totals with confirmed resource exchanges added.
  const summary = roadmapSummaryWithExchanges();
  return { lines: summariseRoadmaps({ counts: summary.counts, totals: summary.totals }) };
}

export default function RoadmapsPage() {
  const { lines } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-8">
      <PageTitle lead={t("roadmaps.lead")}>{t("roadmaps.title")}</PageTitle>
      <p>
        <Link to="/progress">{t("progress.title")}</Link>
      </p>
      {ROADMAPS.map((roadmap) => (
        <section key={roadmap} aria-labelledby={`roadmap-${roadmap}`} className="card">
          <h2 id={`roadmap-${roadmap}`} className="mb-3 text-2xl font-bold">
            <Link to={`/roadmaps/${roadmap}`}>{roadmapLabel(t, roadmap)}</Link>
          </h2>
          <RoadmapLines lines={lines.filter((l) => l.roadmap === roadmap)} />
        </section>
      ))}
    </div>
  );
}
