import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, isStaff } from "#app/.server/auth/index.ts";
import { progressDataset } from "#app/.server/reporting/index.ts";
import { ProgressSections } from "#app/components/charts/progress-sections.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "progress.title", "progress.description");

// The public progress dashboard (issue 11): the dataset comes from the versioned cache.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  return { dataset: progressDataset(), canReport: isStaff(user) };
}

export default function ProgressPage() {
  const { dataset, canReport } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-8">
      <PageTitle lead={t("progress.lead")}>{t("progress.title")}</PageTitle>
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <a href="/progress.json" download>
            {t("progress.downloadJson")}
          </a>
        </li>
        <li>
          <Link to="/roadmaps">{t("progress.roadmapsLink")}</Link>
        </li>
        {canReport ? (
          <li>
            <Link to="/progress/report">{t("progress.report.open")}</Link>
          </li>
        ) : null}
      </ul>
      <ProgressSections source={dataset} csvBase="/progress" />
      <p className="text-sm text-stone-700">{t("progress.sources")}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
