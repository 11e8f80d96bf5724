import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser } from "#app/.server/auth/index.ts";
import { requireCategory, threadList } from "#app/.server/discussions/index.ts";
import { issueFormToken } from "#app/.server/form-token.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { listThreads, readListQuery, startThreadAction, threadFormContext } from "#app/features/discussions/actions.server.ts";
import { categoryHref, categoryText } from "#app/features/discussions/links.ts";
import { PlaceThreads } from "#app/features/discussions/discussion-threads.tsx";
import type { ThreadFormReply } from "#app/features/discussions/thread-list.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { namedTitleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...namedTitleMeta(matches, data?.category.name ?? ""),
  ...(data ? [{ tagName: "link", rel: "alternate", type: "application/atom+xml", href: `${categoryHref(data.category.slug)}/feed.atom` }] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request);
  const { category, can } = requireCategory(params.slug, user);
  const { sort, page } = readListQuery(request);
  const list = threadList({ kind: "category", categoryId: category.id }, { sort, page }, user);
  redirectPastLastPage(request, list.pages);
  const text = categoryText(category, getLocale(request));
  return {
    category: { slug: category.slug, name: text.name, description: text.description, coordinatorsOnly: category.coordinatorsOnly },
    sort,
    page,
    ...listThreads(list),
    signedIn: Boolean(user),
    ...threadFormContext(user, can("startThread")),
    formToken: issueFormToken(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { category } = requireCategory(params.slug, getUser(request));
  return startThreadAction(request, { kind: "category", categoryId: category.id });
}

export default function CategoryPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ThreadFormReply | undefined;
  const t = useT();
  const here = categoryHref(d.category.slug);
  return (
    <div className="space-y-6">
      <nav aria-label={t("disc.breadcrumb")}>
        <Link to="/discussions">{t("nav.discussions")}</Link>
      </nav>
      <PageTitle lead={d.category.description || undefined}>{d.category.name}</PageTitle>
      <p className="flex flex-wrap gap-4 text-sm">
        <a href={`${here}/feed.atom`}>{t("disc.feed.category")}</a>
        {d.category.coordinatorsOnly ? <span>{t("disc.category.coordinatorsOnly")}</span> : null}
      </p>
      <PlaceThreads here={here} data={d} empty={t("disc.category.empty")} reply={actionData?.result} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
