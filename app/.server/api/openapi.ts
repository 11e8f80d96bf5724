import { appUrl } from "#app/.server/env.ts";
import { EVENT_FORMATS, EVENT_TYPES } from "#app/features/events/taxonomy.ts";
import { INDICATOR_CODES, INDUSTRY_APPROACHES, NEED_KINDS, PARTNER_ROLES } from "#app/features/initiatives/taxonomy.ts";
import { ACTOR_TYPES, COMPANY_SIZES, REGION_CODES, ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import { DISCUSSABLE_TYPES } from "#app/features/discussions/taxonomy.ts";
import { LIST_PARAMS, PUBLIC_INITIATIVE_STATUSES } from "./endpoints.ts";
import { API_ERROR_CODES } from "./errors.ts";
import { DEFAULT_LIMIT, MAX_LIMIT, type ListParams } from "./params.ts";
import { API_REQUESTS_PER_WINDOW, API_WINDOW_MS } from "./rate-limit.ts";

// The OpenAPI 3.1 description of /api/v1/, served at /api/v1/openapi.json. Vocabularies come from
// the same taxonomy modules the app validates with, so the document cannot drift from them;
// tests/integration/api.test.ts validates the document and every endpoint's answers against it.

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: "null" }] });
const text: Schema = { type: "string" };
const url: Schema = { type: "string", format: "uri" };
// A closed account's threads and posts stay with no author's name (issue 13).
const postAuthor: Schema = {
  type: "object",
  properties: { name: { type: ["string", "null"] }, handle: { type: ["string", "null"] } },
  required: ["name", "handle"],
  description: "Who wrote it; both null for an account that was closed (pages say \"Cuenta eliminada\").",
};
const instant: Schema = { type: "string", format: "date-time", description: "ISO 8601 instant in UTC." };
const day: Schema = { type: "string", format: "date", description: "Calendar day (YYYY-MM-DD), Lima time." };
const codeList = (values: readonly string[]): Schema => ({ type: "array", items: { type: "string", enum: [...values] } });
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: "object",
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const organisationLink = object({ slug: text, name: text, url });

const SCHEMAS: Record<string, Schema> = {
  Error: object({
    error: {
      type: "object",
      properties: {
        code: { type: "string", enum: [...API_ERROR_CODES] },
        message: { type: "string", description: "What went wrong, in English." },
        parameter: { type: "string", description: "The query parameter at fault, when there is one." },
      },
      required: ["code", "message"],
      additionalProperties: false,
    },
  }),
  Organisation: object(
    {
      slug: text,
      name: text,
      acronym: nullable(text),
      ruc: nullable({ type: "string", description: "Peruvian taxpayer number (11 digits)." }),
      actor_type: { type: "string", enum: [...ACTOR_TYPES] },
      company_size: nullable({ type: "string", enum: [...COMPANY_SIZES] }),
      hq_region: { type: "string", enum: [...REGION_CODES], description: "Region of the head office." },
      operating_regions: codeList(REGION_CODES),
      roadmaps: codeList(ROADMAPS),
      value_chains: codeList(VALUE_CHAINS),
      description: { type: "string", description: "Plain text as the organisation wrote it." },
      website: nullable(url),
      founded_year: nullable({ type: "integer" }),
      member_since: nullable({ ...instant, description: "When the alliance approved the organisation (UTC)." }),
      pact_signed_at: nullable({ ...instant, description: "When its Pact signature in force was signed (UTC); null if none." }),
      logo_url: nullable(url),
      url: { ...url, description: "The organisation's public profile page." },
    },
    "An approved member organisation (pending, rejected and suspended ones are never listed).",
  ),
  Initiative: object(
    {
      slug: text,
      title: text,
      summary: text,
      description: { type: "string", description: "Markdown as written by the lead organisation." },
      status: { type: "string", enum: [...PUBLIC_INITIATIVE_STATUSES] },
      roadmap: { type: "string", enum: [...ROADMAPS] },
      approach: nullable({ type: "string", enum: [...INDUSTRY_APPROACHES], description: "Industry roadmap approach." }),
      value_chains: codeList(VALUE_CHAINS),
      regions: codeList(REGION_CODES),
      seeks: codeList(NEED_KINDS),
      start_on: nullable(day),
      end_on: nullable(day),
      gender_perspective: { type: "boolean" },
      published_at: nullable(instant),
      lead_organisation: organisationLink,
      url,
    },
    "A published initiative (never a draft) whose lead organisation is approved.",
  ),
  Event: object(
    {
      slug: text,
      title: text,
      type: { type: "string", enum: [...EVENT_TYPES] },
      summary: text,
      description: { type: "string", description: "Markdown." },
      status: { type: "string", enum: ["published", "cancelled"] },
      cancel_reason: nullable(text),
      starts_at: instant,
      ends_at: instant,
      format: { type: "string", enum: [...EVENT_FORMATS] },
      venue_name: nullable(text),
      venue_address: nullable(text),
      city: nullable(text),
      region: nullable({ type: "string", enum: [...REGION_CODES] }),
      capacity: nullable({ type: "integer", description: "Seats; null when unlimited." }),
      registration_opens_at: nullable(instant),
      registration_closes_at: nullable(instant),
      forum_year: nullable({ type: "integer", description: "Edition of the Circular Economy Forum." }),
      roadmaps: codeList(ROADMAPS),
      value_chains: codeList(VALUE_CHAINS),
      organisers: { type: "array", items: organisationLink },
      url,
      ics_url: { ...url, description: "The event as an iCalendar file." },
    },
    "A published or cancelled event (never a draft). The online link is never included: only registrants with a seat get it.",
  ),
  Thread: object(
    {
      id: { type: "integer" },
      title: text,
      place: {
        oneOf: [
          object({ type: { const: "category" }, slug: text, name_es: text, name_en: text, url }, "A forum category."),
          object({ type: { type: "string", enum: [...DISCUSSABLE_TYPES] }, title: text, url }, "The initiative or event the thread discusses."),
        ],
      },
      author: postAuthor,
      organisation: nullable(organisationLink),
      pinned: { type: "boolean" },
      locked: { type: "boolean" },
      reply_count: { type: "integer", minimum: 0, description: "Visible replies (posts after the first)." },
      created_at: instant,
      last_post_at: instant,
      url,
    },
    "A discussion thread an anonymous visitor may read (hidden threads, archived categories and threads on non-public initiatives or events never appear).",
  ),
  Post: object({
    number: { type: "integer", minimum: 1, description: "Position in the thread." },
    author: postAuthor,
    organisation: nullable(organisationLink),
    created_at: instant,
    edited_at: nullable(instant),
    body_html: nullable({ type: "string", description: "Sanitised HTML; null when the post was deleted or hidden by moderation." }),
  }),
};

/** A detail schema: the list item's properties and `extra`, closed to anything else. */
const detail = (base: string, extra: Record<string, Schema>, description: string): Schema => {
  const item = SCHEMAS[base] as { properties: Record<string, Schema> };
  return object({ ...item.properties, ...extra }, description);
};
SCHEMAS.OrganisationDetail = detail("Organisation", { contact_email: nullable({ type: "string", format: "email", description: "The organisation's public contact address, as on its profile." }) }, "An organisation with its contact address.");
SCHEMAS.InitiativeDetail = detail(
  "Initiative",
  {
    partners: { type: "array", items: object({ slug: text, name: text, role: { type: "string", enum: [...PARTNER_ROLES] }, url }) },
    indicator_totals: {
      type: "object",
      description: "Totals reported in progress updates, in the unit each code names: _t tonnes, _m3 cubic metres, _mwh megawatt-hours, pen_invested soles; the rest are counts.",
      propertyNames: { enum: [...INDICATOR_CODES] },
      additionalProperties: { type: "number" },
    },
  },
  "An initiative with its active partners and indicator totals.",
);
SCHEMAS.ThreadDetail = detail("Thread", { posts: { type: "array", items: ref("Post"), description: "The thread's first 20 posts." } }, "A thread with its first page of posts.");
for (const name of ["Organisation", "Initiative", "Event", "Thread"]) {
  SCHEMAS[`${name}Page`] = object({
    data: { type: "array", items: ref(name), maxItems: MAX_LIMIT },
    next_cursor: nullable({ type: "string", description: "Pass as `cursor` for the next page; null on the last page." }),
  });
}
SCHEMAS.EventDetail = object({ data: ref("Event") });
for (const name of ["OrganisationDetail", "InitiativeDetail", "ThreadDetail"]) SCHEMAS[`${name}Answer`] = object({ data: ref(name) });

const rateHeaders = {
  "RateLimit-Limit": { description: "Requests allowed per window.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window ends.", schema: { type: "integer" } },
  "RateLimit-Policy": { description: "The quota: requests per window of `w` seconds, e.g. `120;w=60`.", schema: { type: "string" } },
  "Access-Control-Allow-Origin": { description: "Always `*`.", schema: { type: "string", const: "*" } },
};
const json = (schema: Schema) => ({ "application/json": { schema } });
const errorAnswer = (description: string, headers: Record<string, unknown> = rateHeaders) => ({ description, headers, content: json(ref("Error")) });

const RESPONSES = {
  BadRequest: errorAnswer("A parameter is unknown or has a value this API does not take (`error.parameter` names it)."),
  NotFound: errorAnswer("No public item has this identifier."),
  TooManyRequests: errorAnswer(`More than ${API_REQUESTS_PER_WINDOW} requests in ${API_WINDOW_MS / 1000} s from this IP.`, {
    ...rateHeaders,
    "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } },
  }),
  InternalError: errorAnswer("An error on the server's side (`error.code` is `internal_error`), logged there."),
  ServiceUnavailable: errorAnswer("The database cannot be used right now (disk full, read-only, busy): `error.code` is `unavailable`; try again after Retry-After.", {
    "Access-Control-Allow-Origin": rateHeaders["Access-Control-Allow-Origin"],
    "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } },
  }),
  Preflight: {
    description: "CORS preflight: GET and HEAD are allowed from any origin, without credentials.",
    headers: {
      "Access-Control-Allow-Origin": { schema: { type: "string", const: "*" } },
      "Access-Control-Allow-Methods": { schema: { type: "string" } },
      Allow: { schema: { type: "string" } },
    },
  },
};

const parameter = (name: string, description: string, schema: Schema) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
  ...(schema.type === "array" ? { style: "form", explode: true } : {}),
});

/** A list's parameters (LIST_PARAMS: the listing page's own) as OpenAPI query parameters. */
const listParameters = (params: ListParams) =>
  Object.entries(params).map(([name, param]) => {
    const value: Schema = {
      type: "string",
      ...(param.values ? { enum: [...param.values] } : {}),
      ...(param.format ? { description: `${param.format[0]!.toUpperCase()}${param.format.slice(1)}.` } : {}),
    };
    const schema = param.repeat ? { type: "array", items: value } : { ...value, ...(param.default ? { default: param.default } : {}) };
    return parameter(name, param.description, schema);
  });

const PARAMETERS: Record<string, unknown> = {
  limit: parameter("limit", `Items per page (default ${DEFAULT_LIMIT}).`, { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
  cursor: parameter(
    "cursor",
    "The `next_cursor` of the previous page of the same list (another list's cursor is refused). Pages are in ascending order of creation and stable: items added meanwhile appear at the end, never twice. The listing pages' `page` is not taken.",
    { type: "string" },
  ),
};
const p = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** The three operations of one path: GET (the answer), HEAD (its headers) and OPTIONS (preflight). */
function operations(id: string, summary: string, description: string, parameters: unknown[], answer: string, withNotFound: boolean) {
  const responses = {
    200: { description: "OK", headers: rateHeaders, content: json(ref(answer)) },
    400: { $ref: "#/components/responses/BadRequest" },
    ...(withNotFound ? { 404: { $ref: "#/components/responses/NotFound" } } : {}),
    429: { $ref: "#/components/responses/TooManyRequests" },
    500: { $ref: "#/components/responses/InternalError" },
    503: { $ref: "#/components/responses/ServiceUnavailable" },
  };
  return {
    get: { operationId: id, summary, description, parameters, responses },
    head: { operationId: `${id}Head`, summary: `${summary} (headers only)`, parameters, responses: { 200: { description: "OK", headers: rateHeaders } } },
    options: { operationId: `${id}Preflight`, summary: "CORS preflight", responses: { 204: { $ref: "#/components/responses/Preflight" } } },
  };
}
const listOf = (id: string, what: string, description: string, filters: ListParams, schema: string) =>
  operations(
    id,
    `List ${what}`,
    `${description} The filters are the listing page's own query parameters, with its names and values: its query string can be copied as it is. Other methods than GET, HEAD and OPTIONS answer 405 with \`Allow\`.`,
    [...listParameters(filters), p("limit"), p("cursor")],
    schema,
    false,
  );
const pathParam = (name: string, schema: Schema) => ({ name, in: "path", required: true, schema });

/** The OpenAPI 3.1 document of /api/v1/, with the server at this deployment's address. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Perú País Circular open data API",
      version: "1.0.0",
      summary: "Read-only public data of the Perú País Circular alliance.",
      description:
        "Organisations, initiatives, events and discussion threads as an anonymous visitor sees them on the site. " +
        "JSON only; field names are snake_case and stable within v1; instants are ISO 8601 in UTC. " +
        `Lists use cursor pagination (\`limit\` up to ${MAX_LIMIT}, \`cursor\` from \`next_cursor\`) and take their listing page's own filters, ` +
        "with the page's parameter names and values, so a page's query string can be copied onto its list here; unknown parameters and values answer 400. " +
        `At most ${API_REQUESTS_PER_WINDOW} requests a minute per IP. CORS is open to any origin for GET and HEAD.`,
      license: { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" },
    },
    servers: [{ url: `${appUrl()}/api/v1` }],
    paths: {
      "/organisations": listOf(
        "listOrganisations",
        "organisations",
        "Approved member organisations, oldest first, filtered as the directory (/organisations).",
        LIST_PARAMS.organisations,
        "OrganisationPage",
      ),
      "/organisations/{slug}": {
        parameters: [pathParam("slug", text)],
        ...operations("getOrganisation", "One organisation", "An approved organisation by its slug.", [], "OrganisationDetailAnswer", true),
      },
      "/initiatives": listOf(
        "listInitiatives",
        "initiatives",
        "Published initiatives of approved organisations, oldest first, filtered as the listing (/initiatives).",
        LIST_PARAMS.initiatives,
        "InitiativePage",
      ),
      "/initiatives/{slug}": {
        parameters: [pathParam("slug", text)],
        ...operations("getInitiative", "One initiative", "A public initiative by its slug.", [], "InitiativeDetailAnswer", true),
      },
      "/events": listOf(
        "listEvents",
        "events",
        "Published and cancelled events, oldest created first, filtered as the listing (/events): upcoming ones unless `tab=past`.",
        LIST_PARAMS.events,
        "EventPage",
      ),
      "/events/{slug}": {
        parameters: [pathParam("slug", text)],
        ...operations("getEvent", "One event", "A published or cancelled event by its slug.", [], "EventDetail", true),
      },
      "/threads": listOf(
        "listThreads",
        "discussion threads",
        "Visible discussion threads, oldest first; with `category`, filtered as that category's page (/discussions/c/{slug}). A page may hold fewer than `limit` threads (some are on pages the public cannot see); follow `next_cursor` until it is null.",
        LIST_PARAMS.threads,
        "ThreadPage",
      ),
      "/threads/{id}": {
        parameters: [pathParam("id", { type: "integer", minimum: 1 })],
        ...operations("getThread", "One thread", "A visible thread by its id, with its first 20 posts.", [], "ThreadDetailAnswer", true),
      },
      "/openapi.json": {
        get: {
          operationId: "openApiDocument",
          summary: "This document",
          responses: { 200: { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } }, 429: { $ref: "#/components/responses/TooManyRequests" } },
        },
      },
    },
    components: { schemas: SCHEMAS, parameters: PARAMETERS, responses: RESPONSES },
  };
}
