import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readForm } from "#app/.server/forms.ts";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/.server/auth/index.ts";
import { handleCoordinationForm, organisationsByStatusPage, reviewQueue } from "#app/.server/organisations/index.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { Pagination } from "#app/components/pagination.tsx";
import { z } from "zod";
import { renderMarkdown } from "#app/.server/markdown.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { CoordinationForms } from "#app/features/organisations/coordination-forms.tsx";
import { actorTypeLabel, sizeLabel, statusLabel } from "#app/features/organisations/labels.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDateTime } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { httpHref } from "#app/utils/safe-url.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { MarkdownContent } from "#app/components/ui/markdown.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "review.title");

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, ["coordinator", "admin"]);
  // The pending queue is shown whole (it is the work to do); the other organisations are paged.
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const others = organisationsByStatusPage(["approved", "suspended"], page);
  redirectPastLastPage(request, others.pages);
  return {
    // The description is the applicant's markdown: rendered as on the profile, never shown raw.
    queue: reviewQueue().map(({ description, ...row }) => ({
      ...row,
      submittedAt: row.submittedAt.getTime(),
      descriptionHtml: renderMarkdown(description),
    })),
    others: others.rows,
    page,
    pages: others.pages,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = requireRole(request, ["coordinator", "admin"]);
  return handleCoordinationForm(await readForm(request), coordinator, "/coordination/organisations");
}

export default function ReviewQueuePage() {
  const { queue, others, page, pages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <PageTitle lead={t("review.lead")}>{t("review.title")}</PageTitle>
      {queue.length === 0 ? <p>{t("review.empty")}</p> : null}
      <ol className="space-y-4">
        {queue.map((row) => (
          <li key={row.id} className="card" aria-labelledby={`application-${row.id}`}>
            <h2 id={`application-${row.id}`} className="text-xl font-bold">
              <Link to={`/organisations/${row.slug}`}>{row.name}</Link>
              {row.acronym ? ` (${row.acronym})` : ""}
            </h2>
            <p className="text-sm text-stone-700">
              {t("review.submitted", { date: formatDateTime(locale, row.submittedAt) })} ·{" "}
              {t("review.applicant", { name: row.applicantName ?? "—", email: row.applicantEmail ?? "—" })}
            </p>
            <p className="mt-2">
              {actorTypeLabel(t, row.actorType)}
              {row.companySize ? ` · ${sizeLabel(t, row.companySize)}` : ""} · {regionName(row.hqRegion)}
              {row.ruc ? ` · RUC ${row.ruc}` : ""}
              {row.website ? (
                <>
                  {" · "}
                  {httpHref(row.website) ? (
                    <a href={httpHref(row.website)} rel="nofollow noopener noreferrer">
                      {row.website}
                    </a>
                  ) : (
                    row.website
                  )}
                </>
              ) : null}
            </p>
            {row.descriptionHtml.trim() ? (
              // Rendered on the server from markdown with raw HTML escaped and unsafe links dropped.
              <MarkdownContent className="mt-2" data-testid="application-description" html={row.descriptionHtml} />
            ) : null}
            <div className="mt-4">
              <CoordinationForms organisation={{ id: row.id, status: "pending" }} reply={actionData?.coordination} />
            </div>
          </li>
        ))}
      </ol>
      <section aria-labelledby="others-heading">
        <h2 id="others-heading" className="mb-3 text-xl font-bold">
          {t("review.others")}
        </h2>
        <ul className="space-y-1">
          {others.map((o) => (
            <li key={o.id}>
              <Link to={`/organisations/${o.slug}`}>{o.name}</Link> · {statusLabel(t, o.status)}
            </li>
          ))}
        </ul>
        <Pagination
          page={page}
          pages={pages}
          hrefFor={(n) => (n > 1 ? `/coordination/organisations?page=${n}#others-heading` : "/coordination/organisations#others-heading")}
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
