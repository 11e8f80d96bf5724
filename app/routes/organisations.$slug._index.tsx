import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readForm } from "#app/.server/forms.ts";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "#app/.server/auth/index.ts";
import { eventsOfOrganisation } from "#app/.server/events/index.ts";
import { listingsOfOrganisation, organisationExchangeTotals, organisationExchangeTotalsSql } from "#app/.server/exchange/index.ts";
import { OrganisationListings } from "#app/features/exchange/organisation-listings.tsx";
import { OrganisationExchangeTotals } from "#app/features/exchange/exchange-figures.tsx";
import { initiativesOfOrganisation } from "#app/.server/initiatives/index.ts";
import { renderMarkdown } from "#app/.server/markdown.ts";
import { initiativeStatusLabel } from "#app/features/initiatives/labels.ts";
import {
  auditLog,
  handleCoordinationForm,
  organisationProfile,
  requireOrganisation,
} from "#app/.server/organisations/index.ts";
import { CoordinationForms } from "#app/features/organisations/coordination-forms.tsx";
import { actorTypeLabel, chainLabel, roadmapLabel, sizeLabel, statusLabel } from "#app/features/organisations/labels.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDate, formatDateTime, isMessageKey, type MessageKey } from "#app/i18n.ts";
import { htmlToText, pageMeta } from "#app/utils/meta.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { httpHref } from "#app/utils/safe-url.ts";
import { MarkdownContent } from "#app/components/ui/markdown.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = (args) => {
  const org = args.data?.organisation;
  return pageMeta(args, {
    title: org?.name ?? "",
    description: htmlToText(args.data?.descriptionHtml ?? "") || (org?.name ?? ""),
    image: org?.logoHash ? `/organisations/${org.slug}/logo?v=${org.logoHash}` : null,
    card: org?.logoHash ? "summary" : undefined,
    type: "profile",
  });
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = getUser(request);
  const { organisation, membership, can } = requireOrganisation(params.slug, viewer, "view");
  // The exchange's confirmed totals ride in the profile's statement (the page is at its statement budget).
  const profile = organisationProfile(organisation.id, organisationExchangeTotalsSql(organisation.id));
  return {
    organisation: {
      id: organisation.id,
      slug: organisation.slug,
      name: organisation.name,
      acronym: organisation.acronym,
      ruc: organisation.ruc,
      actorType: organisation.actorType,
      companySize: organisation.companySize,
      hqRegion: organisation.hqRegion,
      website: organisation.website,
      contactEmail: organisation.contactEmail,
      foundedYear: organisation.foundedYear,
      status: organisation.status,
      statusReason: organisation.statusReason,
      logoHash: organisation.logoHash,
    },
    descriptionHtml: renderMarkdown(organisation.description),
    operatingRegions: profile.operatingRegions,
    roadmaps: profile.roadmaps,
    valueChains: profile.valueChains,
    pactSignedAt: profile.activeSignature?.signedAt.getTime() ?? null,
    membership,
    initiatives: initiativesOfOrganisation(organisation.id),
    events: eventsOfOrganisation(organisation.id).map((ev) => ({ ...ev, startsAt: ev.startsAt.getTime() })),
    // Published listings for everybody, every status for the organisation's team (issue 12).
    listings: listingsOfOrganisation(organisation.id, membership !== null),
    // Confirmed exchanges: tonnes diverted (as supplier) and used (as receiver), with CO₂e (issue 12).
    exchangeTotals: organisationExchangeTotals(profile.extra),
    permissions: { edit: can("edit"), manageTeam: can("manageTeam"), signPact: can("signPact"), coordinate: can("review") },
    audit: can("readAudit")
      ? auditLog(organisation.id).map((entry) => ({ ...entry, createdAt: entry.createdAt.getTime() }))
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { organisation } = requireOrganisation(params.slug, user, "review");
  return handleCoordinationForm(await readForm(request), user, `/organisations/${organisation.slug}`, organisation.id);
}

export default function OrganisationPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { organisation: org, permissions } = data;
  const reason = org.statusReason ?? "—";
  return (
    <article className="space-y-8">
      {org.status !== "approved" ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <strong>{statusLabel(t, org.status)}.</strong>{" "}
          {org.status === "pending"
            ? t("org.profile.pending")
            : org.status === "rejected"
              ? t("org.profile.rejected", { reason })
              : t("org.profile.suspended", { reason })}
        </p>
      ) : null}
      <header className="flex flex-wrap items-center gap-4">
        {org.logoHash ? (
          <img
            src={`/organisations/${org.slug}/logo?v=${org.logoHash}`}
            alt={t("org.profile.logoAlt", { name: org.name })}
            width="96"
            height="96"
            className="h-24 w-24 rounded-lg bg-white object-contain p-1 shadow-sm"
          />
        ) : null}
        <div>
          <h1 className="text-3xl font-bold">
            {org.name}
            {org.acronym ? <span className="text-stone-600"> ({org.acronym})</span> : null}
          </h1>
          <p className="mt-1 text-stone-700">
            {actorTypeLabel(t, org.actorType)}
            {org.companySize ? ` · ${sizeLabel(t, org.companySize)}` : ""} · {regionName(org.hqRegion)}
          </p>
          {data.pactSignedAt ? (
            <p className="mt-2 inline-flex items-center gap-2 rounded-full bg-brand-700 px-3 py-1 text-sm font-semibold text-white" data-testid="pact-badge">
              <span aria-hidden="true">✓</span>
              {t("org.profile.pactBadge", { date: formatDate(locale, data.pactSignedAt) })}
            </p>
          ) : null}
        </div>
      </header>

      {org.status === "approved" && !data.pactSignedAt && (permissions.signPact || permissions.edit) ? (
        // Next step after approval, for the organisation's managers, until the Pact is signed.
        <section aria-labelledby="next-pact-heading" className="rounded-md border border-brand-300 bg-brand-50 p-4" data-testid="next-step-pact">
          <h2 id="next-pact-heading" className="text-lg font-bold">
            {t("org.profile.nextPactTitle")}
          </h2>
          <p className="mt-1">{t(permissions.signPact ? "org.profile.nextPactBody" : "org.profile.nextPactOwnersOnly", { org: org.name })}</p>
          {permissions.signPact ? (
            <p className="mt-3">
              <Link className="btn-primary" to={`/organisations/${org.slug}/pact`}>
                {t("org.profile.nextPactAction")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {permissions.edit || permissions.manageTeam || permissions.signPact ? (
        <nav aria-label={t("org.profile.manage")} className="flex flex-wrap gap-2">
          {permissions.edit ? (
            <Link className="btn-secondary" to={`/organisations/${org.slug}/edit`}>
              {t("org.profile.edit")}
            </Link>
          ) : null}
          {permissions.manageTeam ? (
            <Link className="btn-secondary" to={`/organisations/${org.slug}/team`}>
              {t("org.profile.team")}
            </Link>
          ) : null}
          {permissions.signPact ? (
            <Link className="btn-secondary" to={`/organisations/${org.slug}/pact`}>
              {t("org.profile.pact")}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <div className="grid items-start gap-6 md:grid-cols-[1fr_18rem]">
        <section aria-labelledby="about-heading" className="card">
          <h2 id="about-heading" className="mb-3 text-xl font-bold">
            {t("org.profile.about")}
          </h2>
          {/* Rendered on the server from markdown with raw HTML escaped and unsafe links dropped. */}
          <MarkdownContent data-testid="description" html={data.descriptionHtml} />
        </section>
        <dl className="card space-y-3 text-sm">
          <Detail term={t("org.profile.actorType")} value={actorTypeLabel(t, org.actorType)} />
          {org.ruc ? <Detail term={t("org.profile.ruc")} value={org.ruc} /> : null}
          <Detail term={t("org.profile.hq")} value={regionName(org.hqRegion)} />
          {data.operatingRegions.length ? (
            <Detail term={t("org.profile.operating")} value={data.operatingRegions.map(regionName).join(", ")} />
          ) : null}
          {data.roadmaps.length ? (
            <Detail term={t("org.profile.roadmaps")} value={data.roadmaps.map((r) => roadmapLabel(t, r)).join(", ")} />
          ) : null}
          {data.valueChains.length ? (
            <Detail term={t("org.profile.chains")} value={data.valueChains.map((c) => chainLabel(t, c)).join(", ")} />
          ) : null}
          {org.foundedYear ? <Detail term={t("org.profile.founded")} value={String(org.foundedYear)} /> : null}
          {org.website ? (
            <div>
              <dt className="font-semibold">{t("org.profile.website")}</dt>
              <dd>
                {httpHref(org.website) ? (
                  <a href={httpHref(org.website)} rel="nofollow noopener noreferrer" className="break-all">
                    {org.website}
                  </a>
                ) : (
                  <span className="break-all">{org.website}</span>
                )}
              </dd>
            </div>
          ) : null}
          {org.contactEmail ? (
            <div>
              <dt className="font-semibold">{t("org.profile.contact")}</dt>
              <dd>
                <a href={`mailto:${org.contactEmail}`} className="break-all">
                  {org.contactEmail}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      </div>

      {data.initiatives.length ? (
        <section aria-labelledby="org-initiatives-heading" className="card">
          <h2 id="org-initiatives-heading" className="mb-3 text-xl font-bold">
            {t("ini.list.title")}
          </h2>
          <ul className="space-y-1">
            {data.initiatives.map((i) => (
              <li key={`${i.slug}-${i.relation}`}>
                <Link to={`/initiatives/${i.slug}`}>{i.title}</Link> · {initiativeStatusLabel(t, i.status)}
                {i.relation === "partner" ? ` · ${t("ini.detail.partners")}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <OrganisationExchangeTotals totals={data.exchangeTotals} />
      <OrganisationListings
        organisationId={data.organisation.id}
        listings={data.listings}
        canPost={data.organisation.status === "approved" && (data.membership === "owner" || data.membership === "editor")}
      />

      {data.events.length ? (
        <section aria-labelledby="org-events-heading" className="card">
          <h2 id="org-events-heading" className="mb-3 text-xl font-bold">
            {t("ev.list.title")}
          </h2>
          <ul className="space-y-1">
            {data.events.map((ev) => (
              <li key={ev.slug}>
                <Link to={`/events/${ev.slug}`}>{ev.title}</Link> · {formatDate(locale, ev.startsAt)}
                {ev.status === "cancelled" ? ` · ${t("ev.status.cancelled")}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {permissions.coordinate ? (
        <section aria-labelledby="coordination-heading" className="card border-amber-300">
          <h2 id="coordination-heading" className="mb-3 text-xl font-bold">
            {t("org.coord.title")}
          </h2>
          <CoordinationForms organisation={org} reply={actionData?.coordination} />
          {data.audit ? (
            <>
              <h3 className="mt-6 mb-2 text-lg font-semibold">{t("org.audit.title")}</h3>
              {data.audit.length === 0 ? <p>{t("org.audit.empty")}</p> : null}
              <ol className="space-y-2 text-sm">
                {data.audit.map((entry) => {
                  const actionKey = `org.auditAction.${entry.action}`;
                  const fields = entry.action === "edited" ? Object.keys(entry.changes ?? {}) : [];
                  return (
                    <li key={entry.id} className="border-l-2 border-stone-300 pl-3">
                      <span className="font-semibold">{isMessageKey(actionKey) ? t(actionKey) : entry.action}</span>{" "}
                      {t("org.audit.by", { name: entry.actorName ?? t("org.audit.system") })} ·{" "}
                      {formatDateTime(locale, entry.createdAt)}
                      {fields.length ? (
                        <div className="text-stone-700">
                          {t("org.audit.fields", { fields: fields.map((f) => (isMessageKey(`org.fields.${f}`) ? t(`org.fields.${f}` as MessageKey) : f)).join(", ") })}
                        </div>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}

function Detail({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt className="font-semibold">{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
