import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser } from "#app/.server/auth/index.ts";
import { RegistrationList, UnreadThreadList } from "#app/features/home/dashboard-lists.tsx";
import { homeForUser, homeOverview, type HomeDashboard } from "#app/features/home/home.server.ts";
import { categoryHref, threadHref } from "#app/features/discussions/links.ts";
import { initiativeStatusLabel, partnerRoleLabel } from "#app/features/initiatives/labels.ts";
import { formatDateTime, formatNumber, type CountKey, type Translate } from "#app/i18n.ts";
import type { MessageKey } from "#app/i18n.ts";
import type { Roadmap } from "#app/features/organisations/taxonomy.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, null, "meta.home");

// Visitors: the overview, cached until the data changes (4 statements when it has to be read, 1
// when not). Signed in: their dashboard and the overview, 4 statements (app/features/home).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  if (!user) return { name: null, dashboard: null, ...homeOverview() };
  const { overview, dashboard } = homeForUser(user);
  return { name: user.name, dashboard, ...overview };
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

const FIGURES: Array<{ key: keyof Overview["figures"]; label: CountKey; to: string }> = [
  { key: "members", label: "home.figures.members", to: "/organisations" },
  { key: "signatories", label: "home.figures.signatories", to: "/pact" },
  { key: "regions", label: "home.figures.regions", to: "/organisations/map" },
  { key: "openInitiatives", label: "home.figures.openInitiatives", to: "/initiatives?status=open" },
  { key: "upcomingEvents", label: "home.figures.upcomingEvents", to: "/events" },
];

type Overview = Omit<ReturnType<typeof useLoaderData<typeof loader>>, "name" | "dashboard">;

export default function HomePage() {
  const { name, dashboard, figures, events, seeking, threads } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const HeroHeading = dashboard ? "h2" : "h1";
  return (
    <div className="space-y-12">
      {dashboard && name ? <Dashboard name={name} dashboard={dashboard} /> : null}

      <section aria-labelledby="home-title" className="rounded-2xl bg-brand-800 px-6 py-10 text-white sm:px-10">
        {/* The signed-in dashboard holds the page's h1. */}
        <HeroHeading id="home-title" className="text-3xl font-bold sm:text-4xl">
          {t("home.title")}
        </HeroHeading>
        <p className="mt-4 max-w-3xl text-lg text-brand-50">{t("home.lead")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          {dashboard ? null : (
            <Link to="/signup" className="btn bg-white text-brand-900 hover:bg-brand-50 hover:no-underline">
              {t("home.ctaJoin")}
            </Link>
          )}
          <Link to="/initiatives" className="btn border border-white text-white hover:bg-brand-700 hover:no-underline">
            {t("home.ctaExplore")}
          </Link>
        </div>
      </section>

      <section aria-labelledby="figures-title">
        <h2 id="figures-title" className="text-2xl font-bold">
          {t("home.figures.title")}
        </h2>
        <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {FIGURES.map(({ key, label, to }) => (
            <div key={key} className="card flex flex-col-reverse p-4" data-figure={key}>
              <dt className="text-sm text-stone-700">
                <Link to={to}>{t.count(label, figures[key])}</Link>
              </dt>
              <dd className="text-3xl font-bold text-brand-800">{formatNumber(locale, figures[key])}</dd>
            </div>
          ))}
        </dl>
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

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="next-events" className="card">
          <h2 id="next-events" className="mb-3 text-xl font-bold">
            {t("home.nextEvents")}
          </h2>
          {events.length ? (
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
          ) : (
            <p>{t("home.noEvents")}</p>
          )}
          <Link to="/events" className="mt-3 inline-block">
            {t("home.allEvents")}
          </Link>
        </section>
        <section aria-labelledby="seeking-partners" className="card">
          <h2 id="seeking-partners" className="mb-3 text-xl font-bold">
            {t("home.seekingPartners")}
          </h2>
          {seeking.length ? (
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
          ) : (
            <p>{t("home.noSeeking")}</p>
          )}
          <Link to="/initiatives?status=open" className="mt-3 inline-block">
            {t("home.allInitiatives")}
          </Link>
        </section>
        <section aria-labelledby="latest-threads" className="card md:col-span-2">
          <h2 id="latest-threads" className="mb-3 text-xl font-bold">
            {t("home.latestThreads")}
          </h2>
          {threads.length ? (
            <ul className="space-y-2">
              {threads.map((thread) => (
                <li key={thread.id}>
                  <Link to={threadHref(thread.id)} className="font-semibold [overflow-wrap:anywhere]">
                    {thread.title}
                  </Link>
                  <div className="text-sm text-stone-700">
                    <Link to={categoryHref(thread.categorySlug)}>
                      {t("home.threadIn", { category: locale === "en" ? thread.categoryEn : thread.categoryEs })}
                    </Link>
                    {" · "}
                    {t.count("disc.replies", thread.replyCount)} · {formatDateTime(locale, thread.lastPostAt)}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("home.noThreads")}</p>
          )}
          <Link to="/discussions" className="mt-3 inline-block">
            {t("home.allThreads")}
          </Link>
        </section>
      </div>

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

/** A signed-in person's dashboard, at the top of the home page. */
function Dashboard({ name, dashboard }: { name: string; dashboard: HomeDashboard }) {
  const t = useT();
  const awaiting = awaitingItems(t, dashboard);
  return (
    <section aria-labelledby="dashboard-title" className="space-y-4" data-testid="dashboard">
      <div>
        <h1 id="dashboard-title" className="text-3xl font-bold [overflow-wrap:anywhere]">
          {t("home.dash.title", { name })}
        </h1>
        <p className="text-stone-700">{t("home.dash.lead")}</p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <DashboardCard id="dash-awaiting" title={t("home.dash.awaiting")}>
          {awaiting.length ? (
            <ul className="space-y-2">
              {awaiting.map((item) => (
                <li key={item.key}>
                  <Link to={item.to}>{item.text}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("home.dash.nothingAwaiting")}</p>
          )}
        </DashboardCard>
        <DashboardCard id="dash-initiatives" title={t("home.dash.initiatives")}>
          {dashboard.organisations.length === 0 ? (
            <p>
              {t("home.dash.noOrganisations")} <Link to="/organisations/new">{t("home.dash.registerOrg")}</Link>
            </p>
          ) : dashboard.initiatives.length ? (
            <ul className="space-y-2">
              {dashboard.initiatives.map((row, index) => (
                <li key={`${row.slug}-${index}`}>
                  <Link to={`/initiatives/${row.slug}`} className="font-semibold [overflow-wrap:anywhere]">
                    {row.title}
                  </Link>
                  <div className="text-sm text-stone-700">
                    {initiativeStatusLabel(t, row.status)} ·{" "}
                    {row.relation === "lead" ? t("mywork.relationLead", { org: row.organisation }) : t("mywork.relationPartner", { org: row.organisation })}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("home.dash.noInitiatives")}</p>
          )}
          <Link to="/my-work" className="mt-3 inline-block">
            {dashboard.totals.initiatives > 0 ? t.count("home.dash.allInitiatives", dashboard.totals.initiatives) : t("home.dash.myWork")}
          </Link>
        </DashboardCard>
        <DashboardCard id="dash-registrations" title={t("home.dash.registrations")}>
          <RegistrationList rows={dashboard.registrations} empty={t("home.dash.noRegistrations")} />
          <More count={dashboard.totals.registrations - dashboard.registrations.length} label="home.dash.moreRegistrations" to="/my-work#my-registrations" />
        </DashboardCard>
        <DashboardCard id="dash-unread" title={t("home.dash.unread")}>
          <UnreadThreadList rows={dashboard.unreadThreads} empty={t("home.dash.noUnread")} />
          <More count={dashboard.totals.unreadThreads - dashboard.unreadThreads.length} label="home.dash.moreUnread" to="/my-work#my-unread" />
        </DashboardCard>
      </div>
    </section>
  );
}

/** "See N more in My work" under a dashboard list shown in part (nothing when it is shown whole). */
function More({ count, label, to }: { count: number; label: CountKey; to: string }) {
  const t = useT();
  return count > 0 ? (
    <Link to={to} className="mt-3 inline-block">
      {t.count(label, count)}
    </Link>
  ) : null;
}

function DashboardCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card" data-testid={id}>
      <h2 id={id} className="mb-3 text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * What waits for the person: applications to decide and posts to moderate (coordinators and
 * admins), partnership requests and invitations to answer (the first five of each, then a link to
 * all of them in /my-work), Pacts to sign, applications under review.
 */
function awaitingItems(t: Translate, d: HomeDashboard) {
  const items: Array<{ key: string; to: string; text: string }> = [];
  if (d.applicationsWaiting > 0) items.push({ key: "applications", to: "/coordination/organisations", text: t.count("home.dash.applications", d.applicationsWaiting) });
  if (d.moderationWaiting > 0) items.push({ key: "moderation", to: "/discussions/moderation", text: t.count("home.dash.moderation", d.moderationWaiting) });
  for (const r of d.requests) {
    items.push({ key: `request-${r.partnerId}`, to: `/initiatives/${r.slug}`, text: t("home.dash.request", { org: r.organisation, title: r.title, role: partnerRoleLabel(t, r.role) }) });
  }
  for (const r of d.invitations) {
    items.push({ key: `invitation-${r.partnerId}`, to: `/initiatives/${r.slug}`, text: t("home.dash.invitation", { org: r.organisation, title: r.title, role: partnerRoleLabel(t, r.role) }) });
  }
  const pending = d.totals.requests + d.totals.invitations;
  if (pending > d.requests.length + d.invitations.length) items.push({ key: "all-pending", to: "/my-work", text: t.count("home.dash.allPending", pending) });
  for (const org of d.organisations) {
    if (org.awaitingPact && org.role === "owner") items.push({ key: `pact-${org.slug}`, to: `/organisations/${org.slug}/pact`, text: t("home.dash.signPact", { org: org.name }) });
    if (org.status === "pending") items.push({ key: `pending-${org.slug}`, to: `/organisations/${org.slug}`, text: t("home.dash.pendingOrg", { org: org.name }) });
  }
  return items;
}
