import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, type SessionUser, isStaff } from "#app/.server/auth/index.ts";
import { authorPosts, listCategories } from "#app/.server/discussions/index.ts";
import { latestThreads } from "#app/features/discussions/actions.server.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { categoryHref, categoryText, permalinkHref, threadHref } from "#app/features/discussions/links.ts";
import { PageParam } from "#app/features/discussions/schemas.ts";
import { formatDateTime, translate, type Locale } from "#app/i18n.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { pageLocale, pageMeta } from "#app/utils/meta.ts";
import { personName } from "#app/utils/person-name.ts";

export const meta: MetaFunction<typeof loader> = (args) => {
  const locale = pageLocale(args.matches);
  const author = args.data?.author;
  return pageMeta(args, {
    title: author ? translate(locale, "disc.author.title", { name: author.person.name, handle: author.person.handle }) : translate(locale, "disc.index.title"),
    description: translate(locale, "meta.discussions"),
    feeds: [{ href: "/discussions.atom", title: translate(locale, "disc.index.latest") }],
  });
};

/** How many of the latest threads the page lists beside the categories. */
const LATEST = 10;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  const handle = new URL(request.url).searchParams.get("author");
  if (handle !== null) return { author: authorPage(request, handle, user), ...emptyIndex };
  return { author: null, ...indexPage(user, getLocale(request)) };
}

/**
 * /discussions?author=<handle> (where @mentions link): that person's posts the viewer may see,
 * newest first, a page at a time. 404 for a handle nobody has.
 */
function authorPage(request: Request, handle: string, user: SessionUser | null) {
  const page = PageParam.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const found = authorPosts(handle, page, user);
  if (!found) throw notFound();
  redirectPastLastPage(request, found.pages);
  return { ...found, page, rows: found.rows.map((row) => ({ ...row, createdAt: row.createdAt.getTime() })) };
}

/** The index's lists, empty on a person's page (one shape for the loader's data). */
const emptyIndex = { categories: [], latest: [], moderate: false };

/** The index: categories with their counts and latest thread, and the latest threads anywhere. */
function indexPage(user: SessionUser | null, locale: Locale) {
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
      place: row.categorySlug ? { title: names.get(row.categorySlug) ?? row.placeTitle, link: categoryHref(row.categorySlug) } : { title: row.placeTitle, link: row.placeLink ?? "/discussions" },
    })),
    moderate: isStaff(user),
  };
}

export default function DiscussionsPage() {
  const d = useLoaderData<typeof loader>();
  return d.author ? <AuthorPosts author={d.author} /> : <DiscussionsIndex />;
}

/** A person's posts: thread, excerpt, date and permalink of each, newest first. */
function AuthorPosts({ author }: { author: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["author"]> }) {
  const t = useT();
  const locale = useLocale();
  const { person } = author;
  const hrefFor = (page: number) => `/discussions?author=${encodeURIComponent(person.handle)}${page > 1 ? `&page=${page}` : ""}`;
  return (
    <div className="space-y-6">
      <nav aria-label={t("disc.breadcrumb")}>
        <Link to="/discussions">{t("nav.discussions")}</Link>
      </nav>
      <PageTitle lead={t.count("disc.author.count", author.total)}>{t("disc.author.title", { name: person.name, handle: person.handle })}</PageTitle>
      {author.rows.length === 0 ? <p>{t("disc.author.empty")}</p> : null}
      <ul className="space-y-3">
        {author.rows.map((row) => (
          <li key={row.id} className="card">
            <h2 className="font-semibold [overflow-wrap:anywhere]">
              <Link to={threadHref(row.thread.id)}>{row.thread.title}</Link>
              {row.hidden ? <span className="ml-2 text-sm font-normal text-stone-700">({t("disc.author.hidden")})</span> : null}
            </h2>
            {row.excerpt ? <p className="mt-1 text-stone-800 [overflow-wrap:anywhere]">{row.excerpt}</p> : null}
            <p className="mt-2 text-sm text-stone-700">
              <time dateTime={new Date(row.createdAt).toISOString()}>{formatDateTime(locale, row.createdAt)}</time>
              {" · "}
              <Link to={permalinkHref(row.id)}>{t("disc.author.viewPost")}</Link>
            </p>
          </li>
        ))}
      </ul>
      <Pagination page={author.page} pages={author.pages} hrefFor={hrefFor} />
    </div>
  );
}

/** The index: categories and the latest threads. */
function DiscussionsIndex() {
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
                  <Link to={categoryHref(c.slug)}>{c.name}</Link>
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
                  <Link to={row.place.link}>{row.place.title}</Link> · {personName(row.author, t)} · {formatDateTime(locale, row.lastPostAt)}
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
