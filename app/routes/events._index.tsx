import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getUser, isStaff } from "#app/.server/auth/index.ts";
import { draftEvents, eventsPage } from "#app/.server/events/index.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { JumpToFilters } from "#app/components/facet-filters.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { eventSearch, parseEventFilters, type EventFilters } from "#app/features/events/filters.ts";
import { eventFormatLabel, eventTypeLabel } from "#app/features/events/labels.ts";
import { EVENT_FORMATS, EVENT_TYPES } from "#app/features/events/taxonomy.ts";
import { REGIONS, regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDateTime, translate } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta, pageLocale } from "#app/utils/meta.ts";
import { SEARCH_TEXT_MAX } from "#app/utils/search-text.ts";

export const meta: MetaFunction = (args) =>
  keyedPageMeta(args, "ev.list.title", "meta.events", { feeds: [{ href: "/events.atom", title: translate(pageLocale(args.matches), "feed.events.link") }] });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  const staff = isStaff(user);
  const filters = parseEventFilters(new URL(request.url).searchParams);
  const page = eventsPage(filters);
  redirectPastLastPage(request, page.pages);
  return {
    filters,
    staff,
    drafts: staff ? draftEvents().map((d) => ({ ...d, startsAt: d.startsAt.getTime() })) : [],
    ...page,
    rows: page.rows.map((row) => ({ ...row, startsAt: row.startsAt.getTime(), endsAt: row.endsAt.getTime() })),
  };
}

export default function EventsPage() {
  const { filters, rows, total, pages, staff, drafts } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const tabLink = (tab: "upcoming" | "past") => `/events${eventSearch({ ...filters, tab, page: 1 })}`;
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <PageTitle lead={t("ev.list.lead")}>{t("ev.list.title")}</PageTitle>
        <div className="flex flex-wrap gap-2">
          <Link to="/forum" className="btn-secondary">
            {t("ev.list.forum")}
          </Link>
          {staff ? (
            <Link to="/events/new" className="btn-primary">
              {t("ev.list.new")}
            </Link>
          ) : null}
        </div>
      </div>
      <nav aria-label={t("ev.list.tabs")} className="mb-6 border-b border-stone-300">
        <ul className="flex gap-1">
          {(["upcoming", "past"] as const).map((tab) => (
            <li key={tab}>
              <Link
                to={tabLink(tab)}
                aria-current={filters.tab === tab ? "page" : undefined}
                className={`block border-b-4 px-3 py-2 no-underline ${filters.tab === tab ? "border-brand-700 font-semibold text-brand-900" : "border-transparent text-stone-700"}`}
              >
                {t(tab === "upcoming" ? "ev.list.upcoming" : "ev.list.past")}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
        <Form method="get" id="filters" role="search" aria-label={t("dir.filters")} className="order-last space-y-4 md:order-none">
          <input type="hidden" name="tab" value={filters.tab} />
          <div>
            <label htmlFor="events-q" className="mb-1 block font-semibold">
              {t("search.filter.events")}
            </label>
            <input id="events-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={SEARCH_TEXT_MAX} className="input" />
          </div>
          <fieldset>
            <legend className="mb-1 font-semibold">{t("ev.list.facetType")}</legend>
            {EVENT_TYPES.map((v) => (
              <label key={v} className="flex min-h-8 items-center gap-2">
                <input type="checkbox" name="type" value={v} defaultChecked={filters.type.includes(v)} className="h-5 w-5 accent-brand-700" />
                <span>{eventTypeLabel(t, v)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend className="mb-1 font-semibold">{t("ev.list.facetFormat")}</legend>
            {EVENT_FORMATS.map((v) => (
              <label key={v} className="flex min-h-8 items-center gap-2">
                <input type="checkbox" name="format" value={v} defaultChecked={filters.format.includes(v)} className="h-5 w-5 accent-brand-700" />
                <span>{eventFormatLabel(t, v)}</span>
              </label>
            ))}
          </fieldset>
          <div>
            <label htmlFor="events-region" className="mb-1 block font-semibold">
              {t("ev.list.facetRegion")}
            </label>
            <select id="events-region" name="region" defaultValue={filters.region[0] ?? ""} className="input">
              <option value="">{t("org.fields.choose")}</option>
              {REGIONS.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="events-month" className="mb-1 block font-semibold">
              {t("ev.list.month")}
            </label>
            <input id="events-month" name="month" type="month" defaultValue={filters.month ?? ""} className="input" />
          </div>
          <button type="submit" className="btn-primary w-full">
            {t("dir.apply")}
          </button>
          <Link to="/events">{t("dir.clear")}</Link>
          <p>
            <a href="/events.ics">{t("ev.list.calendar")}</a>
          </p>
        </Form>
        <section aria-labelledby="events-results">
          <JumpToFilters />
          <h2 id="events-results" className="mb-4 text-xl font-bold">
            {t.count("ev.list.results", total)}
          </h2>
          {rows.length === 0 ? <p>{t("ev.list.empty")}</p> : null}
          <ul className="space-y-3">
            {rows.map((row) => (
              <li key={row.id} className="card">
                <p className="text-sm font-semibold text-brand-800">
                  {formatDateTime(locale, row.startsAt, { dateStyle: "full", timeStyle: "short" })}
                </p>
                <h3 className="mt-1 text-lg font-semibold">
                  <Link to={`/events/${row.slug}`}>{row.title}</Link>
                </h3>
                <p className="text-sm text-stone-700">
                  {eventTypeLabel(t, row.type)} · {eventFormatLabel(t, row.format)}
                  {row.city ? ` · ${row.city}` : ""}
                  {row.region ? ` (${regionName(row.region)})` : ""}
                  {row.status === "cancelled" ? ` · ${t("ev.status.cancelled")}` : ""}
                </p>
                <p className="mt-1">{row.summary}</p>
              </li>
            ))}
          </ul>
          <Pagination page={filters.page} pages={pages} hrefFor={(page) => `/events${eventSearch({ ...filters, page } as EventFilters)}`} />
          {drafts.length ? (
            <section aria-labelledby="drafts-heading" className="mt-8">
              <h2 id="drafts-heading" className="mb-2 text-lg font-bold">
                {t("ev.list.drafts")}
              </h2>
              <ul>
                {drafts.map((d) => (
                  <li key={d.slug}>
                    <Link to={`/events/${d.slug}`}>{d.title}</Link> · {formatDateTime(locale, d.startsAt)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </section>
      </div>
    </div>
  );
}
