import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "#app/.server/auth/index.ts";
import { listCategories } from "#app/.server/discussions/index.ts";
import { latestThreads } from "#app/features/discussions/actions.server.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { categoryText, threadHref } from "#app/features/discussions/links.ts";
import { formatDateTime } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => [
  ...titleMeta(matches, "disc.index.title"),
  { tagName: "link", rel: "alternate", type: "application/atom+xml", href: "/discussions.atom" },
];

/** How many of the latest threads the page lists beside the categories. */
const LATEST = 10;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  const locale = getLocale(request);
  const categories = listCategories();
  const names = new Map(categories.map((c) => [c.slug, categoryText(c, locale).name]));
  return {
    categories: categories.map((c) => {
      const text = categoryText(c, locale);
      return {
        slug: c.slug,
        name: text.name,
        description: text.description,
        threadCount: c.threadCount,
        lastActivityAt: c.lastActivityAt ? c.lastActivityAt.getTime() : null,
        lastThread: c.lastThread,
      };
    }),
    latest: latestThreads(LATEST, user).map((row) => ({
      id: row.id,
      title: row.title,
      lastPostAt: row.lastPostAt.getTime(),
      author: row.author.name,
      // A category's name in the page's language; a parent's title as it is.
      place: row.categorySlug ? { title: names.get(row.categorySlug) ?? row.placeTitle, link: `/discussions/c/${row.categorySlug}` } : { title: row.placeTitle, link: row.placeLink ?? "/discussions" },
    })),
    moderate: user?.role === "coordinator" || user?.role === "admin",
  };
}

export default function DiscussionsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <PageTitle lead={t("disc.index.lead")}>{t("disc.index.title")}</PageTitle>
      <p className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
        <Link to="/discussions/code-of-conduct">{t("disc.coc.link")}</Link>
        <a href="/discussions.atom">{t("disc.feed.latest")}</a>
        {d.moderate ? (
          <>
            <Link to="/discussions/moderation">{t("disc.mod.title")}</Link>
            <Link to="/discussions/categories">{t("disc.categories.manage")}</Link>
          </>
        ) : null}
      </p>
      <div className="grid items-start gap-6 md:grid-cols-[1fr_20rem]">
        <section aria-labelledby="categories-heading">
          <h2 id="categories-heading" className="mb-3 text-xl font-bold">
            {t("disc.index.categories")}
          </h2>
          {d.categories.length === 0 ? <p>{t("disc.index.noCategories")}</p> : null}
          <ul className="space-y-3">
            {d.categories.map((c) => (
              <li key={c.slug} className="card">
                <h3 className="text-lg font-semibold">
                  <Link to={`/discussions/c/${c.slug}`}>{c.name}</Link>
                </h3>
                {c.description ? <p className="mt-1 text-stone-800">{c.description}</p> : null}
                <p className="mt-2 text-sm text-stone-700">
                  {t.count("disc.threads", c.threadCount)}
                  {c.lastActivityAt ? ` · ${t("disc.thread.lastActivity", { date: formatDateTime(locale, c.lastActivityAt) })}` : ""}
                  {c.lastThread ? (
                    <>
                      {" · "}
                      <Link to={threadHref(c.lastThread.id)} className="[overflow-wrap:anywhere]">
                        {c.lastThread.title}
                      </Link>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="latest-heading" className="card">
          <h2 id="latest-heading" className="mb-3 text-lg font-bold">
            {t("disc.index.latest")}
          </h2>
          {d.latest.length === 0 ? <p>{t("disc.index.noThreads")}</p> : null}
          <ul className="space-y-3 text-sm">
            {d.latest.map((row) => (
              <li key={row.id}>
                <Link to={threadHref(row.id)} className="font-semibold [overflow-wrap:anywhere]">
                  {row.title}
                </Link>
                <p className="text-stone-700">
                  <Link to={row.place.link}>{row.place.title}</Link> · {row.author} · {formatDateTime(locale, row.lastPostAt)}
                </p>
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
