import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "#app/.server/auth/index.ts";
import { upcomingEvents } from "#app/.server/events/index.ts";
import { initiativesPage } from "#app/.server/initiatives/index.ts";
import { parseInitiativeFilters } from "#app/features/initiatives/filters.ts";
import { formatDateTime } from "#app/i18n.ts";
import { useLocale } from "#app/utils/i18n.tsx";
import type { MessageKey } from "#app/i18n.ts";
import type { Roadmap } from "#app/features/organisations/taxonomy.ts";
import { useT } from "#app/utils/i18n.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const page = initiativesPage(parseInitiativeFilters(new URLSearchParams("status=open")));
  return {
    signedIn: Boolean(getUser(request)),
    events: upcomingEvents(3).map((ev) => ({ ...ev, startsAt: ev.startsAt.getTime() })),
    seeking: page.rows.slice(0, 3).map((row) => ({ slug: row.slug, title: row.title, leadName: row.leadName })),
  };
}

const MILESTONES: Array<{ year: number; keys: MessageKey[] }> = [
  { year: 2014, keys: ["home.timeline.2014a", "home.timeline.2014b"] },
  { year: 2018, keys: ["home.timeline.2018a", "home.timeline.2018b"] },
  { year: 2019, keys: ["home.timeline.2019"] },
  { year: 2020, keys: ["home.timeline.2020"] },
  { year: 2021, keys: ["home.timeline.2021"] },
  { year: 2022, keys: ["home.timeline.2022"] },
];

/** The home page's roadmap tiles, each a link to its roadmap page (/roadmaps/:sector). */
const ROADMAP_TILES: Array<{ sector: Roadmap; key: MessageKey }> = [
  { sector: "industry", key: "home.roadmaps.industry" },
  { sector: "agriculture", key: "home.roadmaps.agriculture" },
  { sector: "fisheries", key: "home.roadmaps.fisheries" },
  { sector: "services", key: "home.roadmaps.services" },
];

const ACTIVITIES: MessageKey[] = [
  "home.what.organisations",
  "home.what.initiatives",
  "home.what.events",
  "home.what.discussions",
];

export default function HomePage() {
  const { signedIn, events, seeking } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-12">
      <section aria-labelledby="home-title" className="rounded-2xl bg-brand-800 px-6 py-10 text-white sm:px-10">
        <h1 id="home-title" className="text-3xl font-bold sm:text-4xl">
          {t("home.title")}
        </h1>
        <p className="mt-4 max-w-3xl text-lg text-brand-50">{t("home.lead")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          {signedIn ? null : (
            <Link to="/signup" className="btn bg-white text-brand-900 hover:bg-brand-50 hover:no-underline">
              {t("home.ctaJoin")}
            </Link>
          )}
          <Link to="/initiatives" className="btn border border-white text-white hover:bg-brand-700 hover:no-underline">
            {t("home.ctaExplore")}
          </Link>
        </div>
      </section>

      <section aria-labelledby="what-title">
        <h2 id="what-title" className="text-2xl font-bold">
          {t("home.what.title")}
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {ACTIVITIES.map((key) => (
            <li key={key} className="card">
              {t(key)}
            </li>
          ))}
        </ul>
      </section>

      {events.length || seeking.length ? (
        <div className="grid gap-6 md:grid-cols-2">
          {events.length ? (
            <section aria-labelledby="next-events" className="card">
              <h2 id="next-events" className="mb-3 text-xl font-bold">
                {t("home.nextEvents")}
              </h2>
              <ul className="space-y-2">
                {events.map((ev) => (
                  <li key={ev.slug}>
                    <Link to={`/events/${ev.slug}`} className="font-semibold">
                      {ev.title}
                    </Link>
                    <div className="text-sm text-stone-700">
                      {formatDateTime(locale, ev.startsAt)}
                      {ev.city ? ` · ${ev.city}` : ""}
                    </div>
                  </li>
                ))}
              </ul>
              <Link to="/events" className="mt-3 inline-block">
                {t("home.allEvents")}
              </Link>
            </section>
          ) : null}
          {seeking.length ? (
            <section aria-labelledby="seeking-partners" className="card">
              <h2 id="seeking-partners" className="mb-3 text-xl font-bold">
                {t("home.seekingPartners")}
              </h2>
              <ul className="space-y-2">
                {seeking.map((row) => (
                  <li key={row.slug}>
                    <Link to={`/initiatives/${row.slug}`} className="font-semibold">
                      {row.title}
                    </Link>
                    <div className="text-sm text-stone-700">{t("ini.list.ledBy", { org: row.leadName })}</div>
                  </li>
                ))}
              </ul>
              <Link to="/initiatives" className="mt-3 inline-block">
                {t("home.allInitiatives")}
              </Link>
            </section>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="pact-title" className="card border-l-4 border-l-brand-600">
        <h2 id="pact-title" className="text-2xl font-bold">
          {t("home.pact.title")}
        </h2>
        <p className="mt-3 text-stone-800">{t("home.pact.body")}</p>
      </section>

      <section aria-labelledby="roadmaps-title">
        <h2 id="roadmaps-title" className="text-2xl font-bold">
          {t("home.roadmaps.title")}
        </h2>
        <p className="mt-3 text-stone-800">{t("home.roadmaps.body")}</p>
        <ul className="mt-4 grid gap-3 sm:grid-cols-4">
          {ROADMAP_TILES.map(({ sector, key }) => (
            <li key={sector}>
              <Link
                to={`/roadmaps/${sector}`}
                className="block h-full rounded-md bg-brand-100 px-4 py-3 font-semibold text-brand-900 hover:bg-brand-200"
              >
                {t(key)}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="text-2xl font-bold">
          {t("home.timeline.title")}
        </h2>
        <ol className="mt-6 border-l-2 border-brand-500 pl-6">
          {MILESTONES.map((milestone) => (
            <li key={milestone.year} className="relative mb-6 last:mb-0">
              <span
                aria-hidden="true"
                className="absolute top-1 -left-[33px] h-4 w-4 rounded-full border-2 border-white bg-brand-600"
              />
              <p className="text-lg font-bold text-brand-800">{milestone.year}</p>
              <ul className="mt-1 space-y-1">
                {milestone.keys.map((key) => (
                  <li key={key}>{t(key)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
