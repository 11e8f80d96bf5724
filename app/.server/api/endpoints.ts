import { appUrl } from "#app/.server/env.ts";
import { publicCategorySlugs, threadForApi, threadsForApi, type ApiThreadRow } from "#app/.server/discussions/index.ts";
import { eventForApi, eventsForApi, type ApiEventRow } from "#app/.server/events/index.ts";
import { initiativeForApi, initiativesForApi, type ApiInitiativeRow } from "#app/.server/initiatives/index.ts";
import { organisationForApi, organisationsForApi, type ApiOrganisationRow } from "#app/.server/organisations/index.ts";
import { EVENT_FORMATS, EVENT_TYPES } from "#app/features/events/taxonomy.ts";
import { INDUSTRY_APPROACHES, INITIATIVE_STATUSES, NEED_KINDS } from "#app/features/initiatives/taxonomy.ts";
import { ACTOR_TYPES, COMPANY_SIZES, REGION_CODES, ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import { cursorPage } from "./cursor.ts";
import { apiNotFound } from "./errors.ts";
import { codes, oneCode, readPaging, searchText } from "./params.ts";

// What each endpoint of /api/v1/ answers: query parameters read strictly (params.ts), the
// features' API functions called (app/.server/<feature>/api.ts), rows turned into the API's
// stable snake_case JSON. Instants are ISO 8601 strings in UTC; calendar days YYYY-MM-DD.
// The OpenAPI document (openapi.ts) describes exactly these shapes; tests check one against the other.

/** Public statuses an initiative filter may name (drafts never appear). */
export const PUBLIC_INITIATIVE_STATUSES = INITIATIVE_STATUSES.filter((s) => s !== "draft");
/** The event list's time filter. */
export const EVENT_WHEN = ["upcoming", "past"] as const;
export const PACT_VALUES = ["yes", "no"] as const;

/** Query parameters of each list (besides limit and cursor). */
export const LIST_FILTERS = {
  organisations: ["q", "actor_type", "company_size", "region", "roadmap", "value_chain", "pact"],
  initiatives: ["q", "status", "roadmap", "approach", "region", "value_chain", "seeks"],
  events: ["q", "type", "format", "region", "when"],
  threads: ["q", "category"],
} as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const page = (path: string) => `${appUrl()}${path}`;

function organisationJson(row: ApiOrganisationRow) {
  return {
    slug: row.slug,
    name: row.name,
    acronym: row.acronym,
    ruc: row.ruc,
    actor_type: row.actorType,
    company_size: row.companySize,
    hq_region: row.hqRegion,
    operating_regions: row.operatingRegions,
    roadmaps: row.roadmaps,
    value_chains: row.valueChains,
    description: row.description,
    website: row.website,
    founded_year: row.foundedYear,
    member_since: iso(row.approvedAt),
    pact_signed_at: iso(row.pactSignedAt),
    logo_url: row.hasLogo ? page(`/organisations/${row.slug}/logo`) : null,
    url: page(`/organisations/${row.slug}`),
  };
}

function initiativeJson(row: ApiInitiativeRow) {
  return {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    description: row.description,
    status: row.status,
    roadmap: row.roadmap,
    approach: row.approach,
    value_chains: row.valueChains,
    regions: row.regions,
    seeks: row.seeks,
    start_on: row.startOn,
    end_on: row.endOn,
    gender_perspective: row.genderPerspective,
    published_at: iso(row.publishedAt),
    lead_organisation: { slug: row.leadSlug, name: row.leadName, url: page(`/organisations/${row.leadSlug}`) },
    url: page(`/initiatives/${row.slug}`),
  };
}

function eventJson(row: ApiEventRow) {
  return {
    slug: row.slug,
    title: row.title,
    type: row.type,
    summary: row.summary,
    description: row.description,
    status: row.status,
    cancel_reason: row.cancelReason,
    starts_at: iso(row.startsAt)!,
    ends_at: iso(row.endsAt)!,
    format: row.format,
    venue_name: row.venueName,
    venue_address: row.venueAddress,
    city: row.city,
    region: row.region,
    capacity: row.capacity,
    registration_opens_at: iso(row.registrationOpensAt),
    registration_closes_at: iso(row.registrationClosesAt),
    forum_year: row.forumYear,
    roadmaps: row.roadmaps,
    value_chains: row.valueChains,
    organisers: row.organisers.map((o) => ({ slug: o.slug, name: o.name, url: page(`/organisations/${o.slug}`) })),
    url: page(`/events/${row.slug}`),
    ics_url: page(`/events/${row.slug}.ics`),
  };
}

function threadJson(row: ApiThreadRow) {
  return {
    id: row.id,
    title: row.title,
    place:
      row.place.kind === "category"
        ? { type: "category" as const, slug: row.place.slug, name_es: row.place.nameEs, name_en: row.place.nameEn, url: page(`/discussions/c/${row.place.slug}`) }
        : { type: row.place.type, title: row.place.title, url: page(row.place.link) },
    author: { name: row.authorName, handle: row.authorHandle },
    organisation: row.organisation ? { ...row.organisation, url: page(`/organisations/${row.organisation.slug}`) } : null,
    pinned: row.pinned,
    locked: row.locked,
    reply_count: row.replyCount,
    created_at: iso(row.createdAt)!,
    last_post_at: iso(row.lastPostAt)!,
    url: page(`/discussions/threads/${row.id}`),
  };
}

/** GET /api/v1/organisations */
export function listOrganisations(params: URLSearchParams) {
  const paging = readPaging(params, LIST_FILTERS.organisations);
  const pact = oneCode(params, "pact", PACT_VALUES);
  const filters = {
    q: searchText(params),
    actorType: codes(params, "actor_type", ACTOR_TYPES),
    size: codes(params, "company_size", COMPANY_SIZES),
    region: codes(params, "region", REGION_CODES),
    roadmap: codes(params, "roadmap", ROADMAPS),
    chain: codes(params, "value_chain", VALUE_CHAINS),
    pact,
  };
  return cursorPage(organisationsForApi(filters, paging), organisationJson);
}

/** GET /api/v1/organisations/:slug */
export function getOrganisation(slug: string | undefined) {
  const row = slug ? organisationForApi(slug) : undefined;
  if (!row) throw apiNotFound("organisation");
  return { data: { ...organisationJson(row), contact_email: row.contactEmail } };
}

/** GET /api/v1/initiatives */
export function listInitiatives(params: URLSearchParams) {
  const paging = readPaging(params, LIST_FILTERS.initiatives);
  const filters = {
    q: searchText(params),
    status: codes(params, "status", PUBLIC_INITIATIVE_STATUSES),
    roadmap: codes(params, "roadmap", ROADMAPS),
    approach: codes(params, "approach", INDUSTRY_APPROACHES),
    region: codes(params, "region", REGION_CODES),
    chain: codes(params, "value_chain", VALUE_CHAINS),
    seeks: codes(params, "seeks", NEED_KINDS),
  };
  return cursorPage(initiativesForApi(filters, paging), initiativeJson);
}

/** GET /api/v1/initiatives/:slug */
export function getInitiative(slug: string | undefined) {
  const row = slug ? initiativeForApi(slug) : undefined;
  if (!row) throw apiNotFound("initiative");
  return {
    data: {
      ...initiativeJson(row),
      partners: row.partners.map((p) => ({ ...p, url: page(`/organisations/${p.slug}`) })),
      indicator_totals: row.indicatorTotals,
    },
  };
}

/** GET /api/v1/events */
export function listEvents(params: URLSearchParams, now = new Date()) {
  const paging = readPaging(params, LIST_FILTERS.events);
  const filters = {
    q: searchText(params),
    type: codes(params, "type", EVENT_TYPES),
    format: codes(params, "format", EVENT_FORMATS),
    region: codes(params, "region", REGION_CODES),
    when: oneCode(params, "when", EVENT_WHEN),
  };
  return cursorPage(eventsForApi(filters, paging, now), eventJson);
}

/** GET /api/v1/events/:slug */
export function getEvent(slug: string | undefined) {
  const row = slug ? eventForApi(slug) : undefined;
  if (!row) throw apiNotFound("event");
  return { data: eventJson(row) };
}

/** GET /api/v1/threads */
export function listThreads(params: URLSearchParams) {
  const paging = readPaging(params, LIST_FILTERS.threads);
  const q = searchText(params);
  // Category slugs are data, not a fixed list: read only when the filter is used.
  let categoryId: number | undefined;
  if (params.has("category")) {
    const categories = publicCategorySlugs();
    const slug = oneCode(params, "category", [...categories.keys()]);
    categoryId = slug === undefined ? undefined : categories.get(slug);
  }
  return cursorPage(threadsForApi({ categoryId, q }, paging), threadJson);
}

/** GET /api/v1/threads/:id */
export function getThread(id: string | undefined) {
  const row = id && /^[1-9]\d{0,14}$/.test(id) ? threadForApi(Number(id)) : undefined;
  if (!row) throw apiNotFound("thread");
  return {
    data: {
      ...threadJson(row),
      posts: row.posts.map((post) => ({
        number: post.number,
        author: { name: post.authorName, handle: post.authorHandle },
        organisation: post.organisation ? { ...post.organisation, url: page(`/organisations/${post.organisation.slug}`) } : null,
        created_at: iso(post.createdAt)!,
        edited_at: iso(post.editedAt),
        body_html: post.bodyHtml,
      })),
    },
  };
}
