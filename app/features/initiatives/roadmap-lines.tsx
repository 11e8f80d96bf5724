import { Link } from "@remix-run/react";
import { roadmapLabel } from "#app/features/organisations/labels.ts";
import { ROADMAPS } from "#app/features/organisations/taxonomy.ts";
import { formatNumber, formatPen } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { approachLabel, indicatorLabel } from "./labels.ts";
import { fromStoredIndicator, INDICATORS, INDUSTRY_APPROACHES, type IndicatorCode } from "./taxonomy.ts";

export type RoadmapLine = {
  roadmap: string;
  approach: string | null;
  count: number;
  totals: Partial<Record<IndicatorCode, number>>;
};

/**
 * Every roadmap line (each industry approach, and each other roadmap as a whole), with its
 * initiative count and indicator totals, including lines that have nothing: those are the gaps.
 */
export function summariseRoadmaps(summary: {
  counts: Array<{ roadmap: string; approach: string | null; count: number }>;
  totals: Array<{ roadmap: string; approach: string | null; indicator: IndicatorCode; total: number }>;
}): RoadmapLine[] {
  const lines: RoadmapLine[] = ROADMAPS.flatMap((roadmap): RoadmapLine[] =>
    roadmap === "industry"
      ? INDUSTRY_APPROACHES.map((approach) => ({ roadmap, approach, count: 0, totals: {} }))
      : [{ roadmap, approach: null, count: 0, totals: {} }],
  );
  const find = (roadmap: string, approach: string | null) =>
    lines.find((l) => l.roadmap === roadmap && (roadmap !== "industry" || l.approach === approach));
  for (const c of summary.counts) {
    const line = find(c.roadmap, c.approach);
    if (line) line.count += c.count;
  }
  for (const v of summary.totals) {
    const line = find(v.roadmap, v.approach);
    if (line) line.totals[v.indicator] = (line.totals[v.indicator] ?? 0) + v.total;
  }
  return lines;
}

export function RoadmapLines({ lines }: { lines: RoadmapLine[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="space-y-4">
      {lines.map((line) => {
        const shown = INDICATORS.filter((i) => line.totals[i.code] !== undefined);
        const href = `/initiatives?roadmap=${line.roadmap}${line.approach ? `&approach=${line.approach}` : ""}`;
        return (
          <li
            key={`${line.roadmap}-${line.approach ?? "all"}`}
            data-line={line.approach ?? line.roadmap}
            data-count={line.count}
            className={`rounded-md border p-4 ${line.count === 0 ? "border-dashed border-amber-500 bg-amber-50" : "border-stone-200 bg-white"}`}
          >
            <h3 className="font-semibold">{line.approach ? approachLabel(t, line.approach) : roadmapLabel(t, line.roadmap)}</h3>
            {line.count === 0 ? (
              <p className="mt-1 font-medium text-amber-950">{t("roadmaps.gap")}</p>
            ) : (
              <>
                <p className="mt-1">
                  <Link to={href}>{t.count("roadmaps.count", line.count)}</Link>
                </p>
                {shown.length ? (
                  <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-3">
                    {shown.map((i) => (
                      <div key={i.code}>
                        <dt className="text-stone-700">{indicatorLabel(t, i.code)}</dt>
                        <dd className="font-semibold" data-indicator={i.code}>
                          {i.code === "pen_invested"
                            ? formatPen(locale, line.totals[i.code]!)
                            : formatNumber(locale, fromStoredIndicator(i.code, line.totals[i.code]!))}
                        </dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  <p className="mt-1 text-sm text-stone-700">{t("roadmaps.noTotals")}</p>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
