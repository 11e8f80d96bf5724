import { appUrl } from "#app/.server/env.ts";
import { publicCategoryId, threadForApi, threadsForApi, type ApiThreadRow } from "#app/.server/discussions/index.ts";
import { eventForApi, eventsForApi, type ApiEventRow } from "#app/.server/events/index.ts";
import { initiativeForApi, initiativesForApi, type ApiInitiativeRow } from "#app/.server/initiatives/index.ts";
import { organisationForApi, organisationsForApi, type ApiOrganisationRow } from "#app/.server/organisations/index.ts";
import { readListQuery } from "#app/features/discussions/actions.server.ts";
import { categoryHref, threadHref } from "#app/features/discussions/links.ts";
import { THREAD_SORTS } from "#app/features/discussions/taxonomy.ts";
import { EVENT_TABS, parseEventFilters } from "#app/features/events/filters.ts";
import { EVENT_FORMATS, EVENT_TYPES } from "#app/features/events/taxonomy.ts";
import { INITIATIVE_SORTS, parseInitiativeFilters } from "#app/features/initiatives/filters.ts";
import { INDUSTRY_APPROACHES, INITIATIVE_STATUSES, NEED_KINDS } from "#app/features/initiatives/taxonomy.ts";
import { DIRECTORY_SORTS, PACT_FILTERS, parseDirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import { ACTOR_TYPES, COMPANY_SIZES, GOVERNMENT_LEVELS, REGION_CODES, ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import { SEARCH_TEXT_MAX } from "#app/utils/search-text.ts";
import { cursorPage } from "./cursor.ts";
import { apiNotFound } from "./errors.ts";
import { readList, type FilterParam, type ListParams } from "./params.ts";

// What each endpoint of /api/v1/ answers: query parameters read strictly (params.ts), the
// features' API functions called (app/.server/<feature>/api.ts), rows turned into the API's
// stable snake_case JSON. Instants are ISO 8601 strings in UTC; calendar days YYYY-MM-DD.
// The OpenAPI document (openapi.ts) describes exactly these shapes; tests check one against the other.

/** Public statuses an initiative filter may name (drafts never appear). */
export const PUBLIC_INITIATIVE_STATUSES = INITIATIVE_STATUSES.filter((s) => s !== "draft");

const codes = (values: readonly string[], what: string): FilterParam => ({
  repeat: true,
  values,
  description: `${what}: repeat the parameter for several; items match any of them.`,
});
const text = (what: string): FilterParam => ({
  repeat: false,
  description: `Words to find in ${what} (case and accents ignored; every word must occur, the last may be a prefix). Literal text, never query syntax; cut at ${SEARCH_TEXT_MAX} characters.`,
});
const sort = (values: readonly string[]): FilterParam => ({
  repeat: false,
  values,
  default: values[0],
  description: "The page's order. Taken so that a page's query string can be reused as it is; the API always answers in ascending id (creation) order.",
});

/**
 * Query parameters of each list besides limit and cursor: the listing page's own, with its names
 * and values (app/features/organisations/directory-filters.ts, initiatives/filters.ts,
 * events/filters.ts, the discussion category page's `q` and `sort`); threads add `category`, the
 * slug the category page has in its path. Read by readList, documented by openapi.ts.
 */
export const LIST_PARAMS = {
  organisations: {
    q: text("the name, acronym or description"),
    actorType: codes(ACTOR_TYPES, "Actor type"),
    level: codes(GOVERNMENT_LEVELS, "Level of government (national, regional or local government actor types)"),
    size: codes(COMPANY_SIZES, "Company size"),
    region: codes(REGION_CODES, "Region of the head office or of operations"),
    roadmap: codes(ROADMAPS, "Roadmap"),
    chain: codes(VALUE_CHAINS, "Value chain"),
    pact: { repeat: false, values: PACT_FILTERS, description: "`yes`: Pact signatories only; `no`: organisations without a signature in force." },
    sort: sort(DIRECTORY_SORTS),
  },
  initiatives: {
    q: text("the title or summary, or the lead organisation's name"),
    roadmap: codes(ROADMAPS, "Roadmap"),
    approach: codes(INDUSTRY_APPROACHES, "Industry roadmap approach"),
    chain: codes(VALUE_CHAINS, "Value chain"),
    region: codes(REGION_CODES, "Region"),
    status: codes(PUBLIC_INITIATIVE_STATUSES, "Status"),
    seeks: codes(NEED_KINDS, "What the initiative seeks"),
    leadType: codes(ACTOR_TYPES, "Actor type of the lead organisation"),
    gender: { repeat: false, values: ["yes"], description: "`yes`: initiatives with a gender perspective only." },
    sort: sort(INITIATIVE_SORTS),
  },
  events: {
    q: text("the title, summary or description"),
    tab: { repeat: false, values: EVENT_TABS, default: "upcoming", description: "`upcoming`: not yet ended (the default, as on the page); `past`: ended." },
    type: codes(EVENT_TYPES, "Event type"),
    format: codes(EVENT_FORMATS, "Format"),
    region: codes(REGION_CODES, "Region"),
    month: { repeat: false, format: "a month as YYYY-MM", description: "Events starting in this month (YYYY-MM, Lima time)." },
  },
  threads: {
    q: text("the title"),
    sort: sort(THREAD_SORTS),
    category: { repeat: false, format: "a public category's slug", description: "A forum category's slug (as in its page's address, /discussions/c/{slug}; see a thread's `place.slug`)." },
  },
} satisfies Record<string, ListParams>;

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
        ? { type: "category" as const, slug: row.place.slug, name_es: row.place.nameEs, name_en: row.place.nameEn, url: page(categoryHref(row.place.slug)) }
        : { type: row.place.type, title: row.place.title, url: page(row.place.link) },
    author: { name: row.authorName || null, handle: row.authorHandle },
    organisation: row.organisation ? { ...row.organisation, url: page(`/organisations/${row.organisation.slug}`) } : null,
    pinned: row.pinned,
    locked: row.locked,
    reply_count: row.replyCount,
    created_at: iso(row.createdAt)!,
    last_post_at: iso(row.lastPostAt)!,
    url: page(threadHref(row.id)),
  };
}

/** GET /api/v1/organisations: the directory's filters (/organisations). */
export function listOrganisations(params: URLSearchParams) {
  const { filters, paging } = readList("organisations", params, LIST_PARAMS.organisations, parseDirectoryFilters);
  return cursorPage("organisations", organisationsForApi(filters, paging), organisationJson);
}

/** GET /api/v1/organisations/:slug */
export function getOrganisation(slug: string | undefined) {
  const row = slug ? organisationForApi(slug) : undefined;
  if (!row) throw apiNotFound("organisation");
  return { data: { ...organisationJson(row), contact_email: row.contactEmail } };
}

/** GET /api/v1/initiatives: the listing's filters (/initiatives). */
export function listInitiatives(params: URLSearchParams) {
  const { filters, paging } = readList("initiatives", params, LIST_PARAMS.initiatives, parseInitiativeFilters);
  return cursorPage("initiatives", initiativesForApi(filters, paging), initiativeJson);
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

/** GET /api/v1/events: the listing's filters (/events), upcoming ones unless `tab=past`. */
export function listEvents(params: URLSearchParams, now = new Date()) {
  const { filters, paging } = readList("events", params, LIST_PARAMS.events, parseEventFilters);
  return cursorPage("events", eventsForApi(filters, paging, now), eventJson);
}

/** GET /api/v1/events/:slug */
export function getEvent(slug: string | undefined) {
  const row = slug ? eventForApi(slug) : undefined;
  if (!row) throw apiNotFound("event");
  return { data: eventJson(row) };
}

/** A thread list's query as the category page reads it (`q`, `sort`), and the category named. */
function parseThreadFilters(params: URLSearchParams) {
  const { q, sort } = readListQuery(params);
  // Category slugs are data, not a fixed list: read only when the filter is used.
  const slug = params.get("category") || undefined;
  const categoryId = slug === undefined ? undefined : publicCategoryId(slug);
  return { q, sort, category: categoryId === undefined ? undefined : slug, categoryId };
}

/** GET /api/v1/threads: a category page's filters (/discussions/c/{slug}) with `category`, or every visible thread. */
export function listThreads(params: URLSearchParams) {
  const { filters, paging } = readList("threads", params, LIST_PARAMS.threads, parseThreadFilters);
  return cursorPage("threads", threadsForApi(filters, paging), threadJson);
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
        author: { name: post.authorName || null, handle: post.authorHandle },
        organisation: post.organisation ? { ...post.organisation, url: page(`/organisations/${post.organisation.slug}`) } : null,
        created_at: iso(post.createdAt)!,
        edited_at: iso(post.editedAt),
        body_html: post.bodyHtml,
      })),
    },
  };
}
