import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
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
import { QuotedQuery } from "#app/features/search/quoted-query.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { pageLocale, pageMeta } from "#app/utils/meta.ts";
import { translate } from "#app/i18n.ts";
import { SEARCH_TEXT_MAX } from "#app/utils/search-text.ts";

export const meta: MetaFunction<typeof loader> = (args) => {
  const category = args.data?.category;
  return pageMeta(args, {
    title: category?.name ?? "",
    description: category?.description || translate(pageLocale(args.matches), "meta.category", { category: category?.name ?? "" }),
    feeds: category ? [{ href: `${categoryHref(category.slug)}/feed.atom`, title: category.name }] : [],
  });
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request);
  const { category, can } = requireCategory(params.slug, user);
  const { sort, page, q } = readListQuery(request);
  const list = threadList({ kind: "category", categoryId: category.id }, { sort, page, q }, user);
  redirectPastLastPage(request, list.pages);
  const text = categoryText(category, getLocale(request));
  return {
    category: { slug: category.slug, name: text.name, description: text.description, coordinatorsOnly: category.coordinatorsOnly },
    sort,
    page,
    q,
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
      <Form method="get" action={here} role="search" aria-label={t("search.filter.threads")} className="flex max-w-xl flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-48">
          <label htmlFor="threads-q" className="mb-1 block font-semibold">
            {t("search.filter.threads")}
          </label>
          <input id="threads-q" name="q" type="search" defaultValue={d.q ?? ""} maxLength={SEARCH_TEXT_MAX} className="input" />
        </div>
        {d.sort !== "activity" ? <input type="hidden" name="sort" value={d.sort} /> : null}
        <button type="submit" className="btn-secondary">
          {t("search.filter.submit")}
        </button>
        {d.q ? <Link to={here}>{t("search.filter.clear")}</Link> : null}
      </Form>
      <PlaceThreads here={here} data={d} empty={d.q ? <QuotedQuery message={(q) => t("search.filter.noThreads", { q })} q={d.q} /> : t("disc.category.empty")} reply={actionData?.result} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
