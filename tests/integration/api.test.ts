// The open data API (/api/v1/, issue 11): shapes, public fields only whatever the session,
// stable cursor pagination, strict filters, JSON errors, CORS, the rate limit, and the OpenAPI
// document — valid OpenAPI 3.1, and every answer below validated against its own schemas.
import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, test } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sqlite } from "#app/.server/db.ts";
import "#app/.server/discussion-parents.ts";
import { apiAction } from "#app/.server/api/handler.ts";
import { encodeCursor } from "#app/.server/api/cursor.ts";
import { isApiPath } from "#app/.server/api/errors.ts";
import { API_MAX_TRACKED_IPS, API_WINDOW_MS, apiRateLimitSize, apiRequestLimit, hitApiRateLimit } from "#app/.server/api/rate-limit.ts";
import { openApiDocument } from "#app/.server/api/openapi.ts";
import { LIST_PARAMS } from "#app/.server/api/endpoints.ts";
import { ensureDefaultCategories, moderateThread, startThread, threadList } from "#app/.server/discussions/index.ts";
import { createEvent, eventsPage, publishEvent } from "#app/.server/events/index.ts";
import { initiativesPage, proposeInitiative } from "#app/.server/initiatives/index.ts";
import { directoryPage, setSuspension } from "#app/.server/organisations/index.ts";
import { readListQuery } from "#app/features/discussions/actions.server.ts";
import { eventSearch, parseEventFilters, type EventFilters } from "#app/features/events/filters.ts";
import { initiativeSearch, parseInitiativeFilters, type InitiativeFilters } from "#app/features/initiatives/filters.ts";
import { directorySearch, parseDirectoryFilters, type DirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import { changeInitiativeStatus } from "#app/.server/initiatives/mutations.ts";
import * as eventItem from "#app/routes/api.v1.events_.$slug.ts";
import * as events from "#app/routes/api.v1.events.ts";
import * as initiativeItem from "#app/routes/api.v1.initiatives_.$slug.ts";
import * as initiatives from "#app/routes/api.v1.initiatives.ts";
import * as openapi from "#app/routes/api.v1.openapi[.]json.ts";
import * as organisationItem from "#app/routes/api.v1.organisations_.$slug.ts";
import * as organisations from "#app/routes/api.v1.organisations.ts";
import * as unknownEndpoint from "#app/routes/api.v1.$.ts";
import * as threadItem from "#app/routes/api.v1.threads_.$id.ts";
import * as threads from "#app/routes/api.v1.threads.ts";
import { eventInput } from "#tests/factories/events.ts";
import { countQueries } from "./count-queries.ts";
import { recordStatements } from "./query-audit.ts";
import { makeCategory, makeSettledPerson } from "./discussion-world.ts";
import { makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

// ajv-formats is CommonJS: its default export arrives wrapped under this module setup.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Answer = { status: number; headers: Headers; body: Json };

let ipCounter = 0;
/** A fresh client IP per call unless one is given, so the rate limit only counts where a test means it to. */
const freshIp = () => `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

/** Calls an API route's loader or action as Remix would, and reads the JSON (if any). */
async function call(
  route: { loader: Loader; action: typeof apiAction },
  pathAndQuery: string,
  options: { params?: Record<string, string>; cookie?: string; ip?: string; method?: string } = {},
): Promise<Answer> {
  const method = options.method ?? "GET";
  const headers = new Headers(options.cookie ? { Cookie: options.cookie } : {});
  const request = new Request(`http://localhost:3000/api/v1${pathAndQuery}`, { method, headers });
  const args = { request, params: options.params ?? {}, context: { clientIp: options.ip ?? freshIp() } };
  // As Remix does: POST, PUT, PATCH and DELETE go to the action, every other method to the loader.
  const response = ["POST", "PUT", "PATCH", "DELETE"].includes(method) ? await route.action(args) : await route.loader(args);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Json) : {} };
}

/** Every item of a list, following next_cursor (pages of `limit`). */
async function allPages(route: { loader: Loader; action: typeof apiAction }, base: string, limit = 100, cookie?: string) {
  const items: Json[] = [];
  let cursor: string | null = null;
  const join = base.includes("?") ? "&" : "?";
  do {
    const answer: Answer = await call(route, `${base}${join}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, { cookie });
    expect(answer.status).toBe(200);
    items.push(...(answer.body.data as Json[]));
    cursor = answer.body.next_cursor as string | null;
  } while (cursor);
  return items;
}

// ---- The OpenAPI document and validation of answers against it ---------------------------------

const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...document, $id: "https://api.test/openapi.json" });

/** The schema the document gives for an answer of `template` (e.g. "/events/{slug}") with `status`. */
function documentedSchemaRef(template: string, status: number) {
  const operation = (document.paths as Record<string, Json>)[template]?.get;
  expect(operation, `GET ${template} is documented`).toBeDefined();
  let response = operation.responses[status] as Json | undefined;
  expect(response, `GET ${template} documents ${status}`).toBeDefined();
  if (response!.$ref) response = (document.components.responses as Record<string, Json>)[(response!.$ref as string).split("/").pop()!];
  const schemaRef = response!.content["application/json"].schema.$ref as string;
  return `https://api.test/openapi.json${schemaRef}`;
}

/** Expects an answer to match the document's schema for its path and status. */
function expectDocumented(answer: Answer, template: string) {
  const validate = ajv.getSchema(documentedSchemaRef(template, answer.status))!;
  const valid = validate(answer.body);
  expect(valid, `${template} ${answer.status}: ${JSON.stringify(validate.errors, null, 1)}`).toBe(true);
}

/** Expects a JSON error answer with this status and code (and parameter, when given), documented. */
function expectError(answer: Answer, status: number, code: string, parameter?: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(answer.body.error.code).toBe(code);
  expect(typeof answer.body.error.message).toBe("string");
  if (parameter) expect(answer.body.error.parameter).toBe(parameter);
}

// ---- The world -------------------------------------------------------------------------------

let w: Awaited<ReturnType<typeof makeApiWorld>>;

function makeApiWorld() {
  ensureDefaultCategories();
  const owner = makeSettledPerson();
  const coordinator = makeSettledPerson("coordinator");
  const approved = makeOrganisation(owner, "approved", {
    name: "Asociación Energía Circular del Sur",
    actorType: "civil_society",
    hqRegion: "ARE",
    operatingRegions: ["PUN"],
    roadmaps: ["industry"],
    valueChains: ["plastics"],
    contactEmail: "contacto@energia-sur.pe",
  });
  const pending = makeOrganisation(makePerson(), "pending", { name: "Empresa Pendiente de Revisión" });
  const suspended = makeOrganisation(makePerson(), "suspended", { name: "Empresa Suspendida Temporalmente" });

  const published = proposeInitiative(owner.user.id, makeInitiativeInput(approved.id, { title: "Reúso de envases PET en Áncash", roadmap: "industry", approach: "waste_valorisation", regions: ["ANC"] }));
  const draft = proposeInitiative(owner.user.id, makeInitiativeInput(approved.id, { title: "Borrador secreto de iniciativa" }));
  if (!published.ok || !draft.ok) throw new Error("could not propose");
  changeInitiativeStatus(published.initiative.id, owner.user.id, "open");

  const onlineUrl = "https://meet.example.pe/sala-privada-123";
  // 10 March 2031, 09:00 in Lima (UTC−5): 14:00 UTC.
  const hybridInput = eventInput({ title: "Webinar de compostaje híbrido", type: "webinar", format: "hybrid", onlineUrl, organisers: [approved.id] });
  const hybrid = createEvent(coordinator.user.id, hybridInput);
  publishEvent(hybrid.id);
  const past = createEvent(coordinator.user.id, eventInput({ title: "Feria pasada de reciclaje", startsAt: "2021-03-10T09:00", endsAt: "2021-03-10T13:00" }));
  publishEvent(past.id);
  const draftEvent = createEvent(coordinator.user.id, eventInput({ title: "Evento borrador oculto" }));

  const category = makeCategory(coordinator);
  const visible = startThread(owner.user, { kind: "category", categoryId: category.id }, { title: "¿Quién recicla vidrio en Arequipa?", body: "Buscamos socios." });
  const hidden = startThread(owner.user, { kind: "category", categoryId: category.id }, { title: "Hilo oculto por moderación", body: "Spam." });
  // A thread on an initiative whose lead organisation is later suspended: no longer public.
  const laterOwner = makeSettledPerson();
  const later = makeOrganisation(laterOwner, "approved");
  const laterInitiative = proposeInitiative(laterOwner.user.id, makeInitiativeInput(later.id, { title: "Iniciativa de una organización suspendida" }));
  if (!laterInitiative.ok) throw new Error("could not propose");
  changeInitiativeStatus(laterInitiative.initiative.id, laterOwner.user.id, "open");
  const onHiddenParent = startThread(laterOwner.user, { kind: "parent", type: "initiative", id: laterInitiative.initiative.id }, { title: "Hilo de una iniciativa que dejó de ser pública", body: "Interno." });
  const onEvent = startThread(owner.user, { kind: "parent", type: "event", id: hybrid.id }, { title: "Preguntas del webinar", body: "¿Habrá grabación?" });
  if (!visible.ok || !hidden.ok || !onHiddenParent.ok || !onEvent.ok) throw new Error("could not start threads");
  const hid = moderateThread(coordinator.user, hidden.threadId, "hide", "spam");
  if (!hid.ok) throw new Error("could not hide");
  setSuspension(later.id, coordinator.user.id, true, "Prueba");

  return {
    owner,
    coordinator,
    approved,
    pending,
    suspended,
    published: published.initiative,
    draft: draft.initiative,
    hybrid: { ...hybrid, title: hybridInput.title, onlineUrl, startsAtUtc: "2031-03-10T14:00:00.000Z" },
    past,
    draftEvent,
    category,
    visible,
    hidden,
    onHiddenParent,
    onEvent,
  };
}

beforeAll(() => {
  w = makeApiWorld();
});

// ---- Tests -----------------------------------------------------------------------------------

describe("the OpenAPI document", () => {
  test("is valid OpenAPI 3.1 and served at /api/v1/openapi.json", async () => {
    const result = await new Validator().validate(document as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const served = await call(openapi, "/openapi.json");
    expect(served.status).toBe(200);
    expect(served.body.openapi).toBe("3.1.0");
    expect(Object.keys(served.body.paths).sort()).toEqual(
      ["/events", "/events/{slug}", "/initiatives", "/initiatives/{slug}", "/openapi.json", "/organisations", "/organisations/{slug}", "/threads", "/threads/{id}"].sort(),
    );
  });

  test("documents every route module of the API, and every route answers writes only with apiAction", () => {
    const files = fs.readdirSync(path.resolve("app/routes")).filter((f) => f.startsWith("api.v1."));
    const modules = [events, eventItem, initiatives, initiativeItem, organisations, organisationItem, threads, threadItem, openapi, unknownEndpoint];
    expect(files).toHaveLength(modules.length);
    for (const module of modules) expect(module.action).toBe(apiAction);
  });
});

describe("lists and items: shapes and public fields only", () => {
  test("organisations: approved only, documented shape, no pending or suspended ones, even for a coordinator", async () => {
    const page = await call(organisations, "/organisations?limit=100", { cookie: w.coordinator.cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expectDocumented(page, "/organisations");
    const all = await allPages(organisations, "/organisations", 100, w.coordinator.cookie);
    const slugs = all.map((o) => o.slug);
    expect(slugs).toContain(w.approved.slug);
    expect(slugs).not.toContain(w.pending.slug);
    expect(slugs).not.toContain(w.suspended.slug);
    const mine = all.find((o) => o.slug === w.approved.slug)!;
    expect(mine).toMatchObject({ name: "Asociación Energía Circular del Sur", actor_type: "civil_society", hq_region: "ARE", operating_regions: ["PUN"], roadmaps: ["industry"], value_chains: ["plastics"] });
    expect(mine.url).toBe(`http://localhost:3000/organisations/${w.approved.slug}`);
    expect(new Date(mine.member_since).toISOString()).toBe(mine.member_since);
    // Lists never carry addresses; nothing anywhere carries a person's.
    expect(JSON.stringify(all)).not.toContain("@");
  });

  test("one organisation: approved by slug with its contact address; pending and suspended ones are 404", async () => {
    const item = await call(organisationItem, `/organisations/${w.approved.slug}`, { params: { slug: w.approved.slug } });
    expect(item.status).toBe(200);
    expectDocumented(item, "/organisations/{slug}");
    expect(item.body.data.contact_email).toBe("contacto@energia-sur.pe");
    expect(JSON.stringify(item.body)).not.toContain(w.owner.user.email);
    for (const slug of [w.pending.slug, w.suspended.slug, "no-existe"]) {
      const missing = await call(organisationItem, `/organisations/${slug}`, { params: { slug }, cookie: w.coordinator.cookie });
      expectError(missing, 404, "not_found");
      expectDocumented(missing, "/organisations/{slug}");
    }
  });

  test("initiatives: published ones, never drafts, even for the lead organisation's owner", async () => {
    const all = await allPages(initiatives, "/initiatives", 100, w.owner.cookie);
    const slugs = all.map((i) => i.slug);
    expect(slugs).toContain(w.published.slug);
    expect(slugs).not.toContain(w.draft.slug);
    const mine = all.find((i) => i.slug === w.published.slug)!;
    expect(mine).toMatchObject({ status: "open", roadmap: "industry", approach: "waste_valorisation", regions: ["ANC"], lead_organisation: { slug: w.approved.slug } });
    expectDocumented(await call(initiatives, "/initiatives"), "/initiatives");
    const item = await call(initiativeItem, `/initiatives/${w.published.slug}`, { params: { slug: w.published.slug } });
    expect(item.status).toBe(200);
    expectDocumented(item, "/initiatives/{slug}");
    expect(item.body.data.partners).toEqual([]);
    const draft = await call(initiativeItem, `/initiatives/${w.draft.slug}`, { params: { slug: w.draft.slug }, cookie: w.owner.cookie });
    expectError(draft, 404, "not_found");
  });

  test("events: published and cancelled, never drafts, never the online link, even for a coordinator", async () => {
    // Upcoming ones by default, as on the listing; the past ones with tab=past.
    const all = [...(await allPages(events, "/events", 100, w.coordinator.cookie)), ...(await allPages(events, "/events?tab=past", 100, w.coordinator.cookie))];
    const slugs = all.map((e) => e.slug);
    expect(slugs).toEqual(expect.arrayContaining([w.hybrid.slug, w.past.slug]));
    expect(slugs).not.toContain(w.draftEvent.slug);
    expect(JSON.stringify(all)).not.toContain(w.hybrid.onlineUrl);
    const hybrid = all.find((e) => e.slug === w.hybrid.slug)!;
    expect(hybrid).toMatchObject({ format: "hybrid", type: "webinar", organisers: [{ slug: w.approved.slug }], ics_url: `http://localhost:3000/events/${w.hybrid.slug}.ics` });
    expect(hybrid.starts_at).toBe(w.hybrid.startsAtUtc);
    expectDocumented(await call(events, "/events"), "/events");
    const item = await call(eventItem, `/events/${w.hybrid.slug}`, { params: { slug: w.hybrid.slug }, cookie: w.coordinator.cookie });
    expect(item.status).toBe(200);
    expectDocumented(item, "/events/{slug}");
    expect(JSON.stringify(item.body)).not.toContain(w.hybrid.onlineUrl);
    expect(item.body.data).not.toHaveProperty("online_url");
    expectError(await call(eventItem, `/events/${w.draftEvent.slug}`, { params: { slug: w.draftEvent.slug }, cookie: w.coordinator.cookie }), 404, "not_found");
  });

  test("threads: hidden ones and those on initiatives no longer public never appear, even for a coordinator; items carry their posts", async () => {
    const all = await allPages(threads, "/threads", 100, w.coordinator.cookie);
    const ids = all.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining([w.visible.threadId, w.onEvent.threadId]));
    expect(ids).not.toContain(w.hidden.threadId);
    expect(ids).not.toContain(w.onHiddenParent.threadId);
    const onEvent = all.find((t) => t.id === w.onEvent.threadId)!;
    expect(onEvent.place).toEqual({ type: "event", title: w.hybrid.title, url: `http://localhost:3000/events/${w.hybrid.slug}` });
    const inCategory = all.find((t) => t.id === w.visible.threadId)!;
    expect(inCategory.place).toMatchObject({ type: "category", slug: w.category.slug });
    expectDocumented(await call(threads, "/threads"), "/threads");
    const item = await call(threadItem, `/threads/${w.visible.threadId}`, { params: { id: String(w.visible.threadId) } });
    expect(item.status).toBe(200);
    expectDocumented(item, "/threads/{id}");
    expect(item.body.data.posts).toHaveLength(1);
    expect(item.body.data.posts[0].body_html).toContain("Buscamos socios.");
    expect(JSON.stringify(item.body)).not.toContain(w.owner.user.email);
    for (const id of [w.hidden.threadId, w.onHiddenParent.threadId]) {
      expectError(await call(threadItem, `/threads/${id}`, { params: { id: String(id) }, cookie: w.coordinator.cookie }), 404, "not_found");
    }
    for (const id of ["abc", "0", "1e3", "99999999"]) {
      const missing = await call(threadItem, `/threads/${id}`, { params: { id } });
      expectError(missing, 404, "not_found");
      expectDocumented(missing, "/threads/{id}");
    }
  });

  test("each request runs at most 8 SQL statements", () => {
    const request = (route: { loader: Loader }, url: string, params: Record<string, string> = {}) =>
      countQueries(() => void route.loader({ request: new Request(`http://localhost:3000/api/v1${url}`), params, context: { clientIp: freshIp() } }));
    const counts = {
      organisations: request(organisations, "/organisations?q=energia&region=ARE&level=regional&sort=newest"),
      organisation: request(organisationItem, "/x", { slug: w.approved.slug }),
      initiatives: request(initiatives, "/initiatives?status=open&leadType=civil_society&gender=yes"),
      initiative: request(initiativeItem, "/x", { slug: w.published.slug }),
      events: request(events, "/events?tab=upcoming&month=2031-03"),
      event: request(eventItem, "/x", { slug: w.hybrid.slug }),
      threads: request(threads, `/threads?category=${w.category.slug}&q=vidrio&sort=newest`),
      thread: request(threadItem, "/x", { id: String(w.onEvent.threadId) }),
    };
    for (const [name, n] of Object.entries(counts)) expect(n, name).toBeLessThanOrEqual(8);
  });
});

test("list statements read the main table by primary key (a range, or the text matches), never a whole-table scan or a sort", async () => {
  const lists: Array<[{ loader: Loader }, string, string]> = [
    [organisations, `/organisations?cursor=${encodeCursor("organisations", 1)}&region=ARE&q=energia&level=regional`, "organisations"],
    [initiatives, `/initiatives?cursor=${encodeCursor("initiatives", 1)}&status=open&leadType=civil_society`, "initiatives"],
    [events, `/events?cursor=${encodeCursor("events", 1)}&tab=upcoming&type=webinar&month=2031-03`, "events"],
    [threads, `/threads?cursor=${encodeCursor("threads", 1)}&category=${w.category.slug}`, "discussion_threads"],
  ];
  for (const [route, url, table] of lists) {
    const { statements } = await recordStatements(() => route.loader({ request: new Request(`http://localhost:3000/api/v1${url}`), params: {}, context: { clientIp: freshIp() } }));
    const main = statements.find((s) => new RegExp(`FROM ${table} NOT INDEXED`).test(s.source))!;
    expect(main, url).toBeDefined();
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${main.source}`).all(...main.params) as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan.some((line) => /^SEARCH \S+ USING INTEGER PRIMARY KEY \(rowid[>=]\?\)/.test(line) && line.includes(`SEARCH ${table} `)), `${url}: ${plan.join(" | ")}`).toBe(true);
    expect(plan.filter((line) => /^SCAN (?!CONSTANT|\(subquery)/.test(line) && !/VIRTUAL TABLE/.test(line)), url).toEqual([]);
    expect(plan.filter((line) => /TEMP B-TREE/.test(line)), url).toEqual([]);
  }
});

describe("cursor pagination", () => {
  test("pages follow each other without duplicates or skips when rows are inserted between requests", async () => {
    for (let i = 0; i < 4; i++) makeOrganisation(makePerson(), "approved");
    const before = (await allPages(organisations, "/organisations")).map((o) => o.slug);
    expect(before.length).toBeGreaterThanOrEqual(5);

    const first = await call(organisations, "/organisations?limit=2");
    expect(first.body.data.map((o: Json) => o.slug)).toEqual(before.slice(0, 2));
    expect(first.body.next_cursor).toEqual(expect.any(String));
    // Rows arrive (and one appears mid-list by approval) while the client is reading.
    const added = [makeOrganisation(makePerson(), "approved"), makeOrganisation(makePerson(), "approved"), makeOrganisation(makePerson(), "pending")];

    const seen = [...first.body.data.map((o: Json) => o.slug)];
    let cursor = first.body.next_cursor as string | null;
    while (cursor) {
      const next = await call(organisations, `/organisations?limit=2&cursor=${cursor}`);
      expect(next.status).toBe(200);
      expect(next.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...next.body.data.map((o: Json) => o.slug));
      cursor = next.body.next_cursor;
    }
    expect(seen).toEqual([...before, added[0]!.slug, added[1]!.slug]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test("the last page says so, and the default page size is 50", async () => {
    const count = (await allPages(organisations, "/organisations")).length;
    const lastFull = await call(organisations, `/organisations?limit=${Math.min(count, 100)}`);
    expect(lastFull.body.next_cursor).toBe(count <= 100 ? null : expect.any(String));
    for (let i = count; i < 52; i++) makeOrganisation(makePerson(), "approved");
    const byDefault = await call(organisations, "/organisations");
    expect(byDefault.body.data).toHaveLength(50);
    expect(byDefault.body.next_cursor).toEqual(expect.any(String));
  });

  test("thread pages may be short where a page's threads are not public, and still lead to the end", async () => {
    const all = (await allPages(threads, "/threads")).map((t) => t.id);
    const paged = (await allPages(threads, "/threads", 1)).map((t) => t.id);
    expect(paged).toEqual(all);
  });
});

describe("filters", () => {
  test("organisations by actor type, region (head office or operating), roadmap, value chain, Pact and text with accents folded", async () => {
    const slugs = async (query: string) => (await allPages(organisations, `/organisations?${query}`)).map((o) => o.slug);
    expect(await slugs("actorType=civil_society")).toContain(w.approved.slug);
    expect(await slugs("actorType=company")).not.toContain(w.approved.slug);
    expect(await slugs("region=PUN")).toContain(w.approved.slug);
    expect(await slugs("region=LIM&region=ARE")).toContain(w.approved.slug);
    expect(await slugs("region=LIM")).not.toContain(w.approved.slug);
    expect(await slugs("roadmap=industry&chain=plastics")).toContain(w.approved.slug);
    expect(await slugs("chain=textiles")).not.toContain(w.approved.slug);
    expect(await slugs("pact=no")).toContain(w.approved.slug);
    expect(await slugs("pact=yes")).not.toContain(w.approved.slug);
    expect(await slugs("q=energia%20circ")).toEqual([w.approved.slug]);
    expect(await slugs("q=ENERGÍA")).toEqual([w.approved.slug]);
    // Query syntax is literal text: never an error.
    for (const q of ['"', "*", "(", "NEAR", "-", "energia OR", "¿?"]) {
      const answer = await call(organisations, `/organisations?q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(200);
    }
  });

  test("initiatives by status, roadmap, approach, region and text", async () => {
    const slugs = async (query: string) => (await allPages(initiatives, `/initiatives?${query}`)).map((i) => i.slug);
    expect(await slugs("status=open&roadmap=industry&approach=waste_valorisation&region=ANC")).toEqual([w.published.slug]);
    expect(await slugs("status=completed")).not.toContain(w.published.slug);
    expect(await slugs("q=reuso%20ancash")).toEqual([w.published.slug]);
    expect(await slugs("seeks=partners")).toContain(w.published.slug);
  });

  test("events by type, format, region, upcoming (the default) or past, month and text", async () => {
    const slugs = async (query: string) => (await allPages(events, `/events?${query}`)).map((e) => e.slug);
    expect(await slugs("tab=past")).toEqual([w.past.slug]);
    expect(await slugs("tab=upcoming")).toEqual([w.hybrid.slug]);
    expect(await slugs("")).toEqual([w.hybrid.slug]);
    expect(await slugs("type=webinar&format=hybrid&format=online&region=CUS")).toEqual([w.hybrid.slug]);
    expect(await slugs("tab=past&month=2021-03")).toEqual([w.past.slug]);
    expect(await slugs("tab=past&month=2021-04")).toEqual([]);
    expect(await slugs("format=online")).toEqual([]);
    expect(await slugs("q=hibrido")).toEqual([w.hybrid.slug]);
  });

  test("threads by category and text", async () => {
    const ids = async (query: string) => (await allPages(threads, `/threads?${query}`)).map((t) => t.id);
    expect(await ids(`category=${w.category.slug}`)).toEqual([w.visible.threadId]);
    expect(await ids("q=vidrio%20arequ")).toEqual([w.visible.threadId]);
    expect(await ids("q=oculto")).toEqual([]);
  });
});

describe("a listing page's query string, copied onto its API list, gives the page's rows in id order", () => {
  let more: { regional: { slug: string }; gendered: { slug: string } };

  beforeAll(() => {
    // A regional government and a small company; an initiative with a gender perspective led by a
    // company; more threads in the category: so every filter below keeps some rows and drops others.
    const regional = makeOrganisation(makePerson(), "approved", { name: "Gobierno Regional de Cusco", actorType: "regional_government", hqRegion: "CUS", roadmaps: ["industry"] });
    const companyOwner = makeSettledPerson();
    const company = makeOrganisation(companyOwner, "approved", { name: "Envases Andinos", actorType: "company", companySize: "small", hqRegion: "ARE", valueChains: ["plastics"] });
    const gendered = proposeInitiative(companyOwner.user.id, makeInitiativeInput(company.id, { title: "Recicladoras de Arequipa", regions: ["ARE"], genderPerspective: "on" }));
    if (!gendered.ok) throw new Error("could not propose");
    changeInitiativeStatus(gendered.initiative.id, companyOwner.user.id, "open");
    for (const title of ["Vidrio reciclado en Cusco", "Compost en mercados"]) {
      if (!startThread(w.owner.user, { kind: "category", categoryId: w.category.id }, { title, body: "Hola." }).ok) throw new Error("could not start a thread");
    }
    more = { regional, gendered: gendered.initiative };
  });

  /** Every row the page's own data function shows for these filters, over all its pages, sorted by id. */
  function pageRows<Row extends { id: number }>(read: (page: number) => { rows: Row[]; pages: number }) {
    const rows: Row[] = [];
    for (let page = 1, pages = 1; page <= pages; page++) {
      const answer = read(page);
      rows.push(...answer.rows);
      pages = answer.pages;
    }
    return rows.sort((a, b) => a.id - b.id);
  }

  /**
   * For each filter state: the listing's query string, written by the page's own builder
   * (`search`), gives through the API exactly the rows the page's own data function (`read`, after
   * the page's parser) shows over all its pages, in id order. Returns how many rows each state gave.
   */
  async function expectPageRows<State, Filters>(
    listing: {
      route: { loader: Loader; action: typeof apiAction };
      base: string;
      key: "slug" | "id";
      search: (state: State) => string;
      parse: (params: URLSearchParams) => Filters;
      read: (filters: Filters, page: number) => { rows: Array<{ id: number }>; pages: number };
    },
    states: State[],
  ) {
    const counts: number[] = [];
    for (const state of states) {
      const search = listing.search(state);
      const filters = listing.parse(new URLSearchParams(search));
      const expected = pageRows((page) => listing.read(filters, page)).map((row) => (row as Json)[listing.key]);
      const fromApi = (await allPages(listing.route, `${listing.base}${search}`, 7)).map((item) => item[listing.key]);
      expect(fromApi, `${listing.base}${search}`).toEqual(expected);
      counts.push(expected.length);
    }
    return counts;
  }

  /** Each filtered state (after the first, unfiltered one) keeps some rows and drops others, so the comparison tells filters apart. */
  function expectEachFilters([all, ...filtered]: number[]) {
    for (const n of filtered) {
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(all!);
    }
  }

  test("the directory (directorySearch → directoryPage)", async () => {
    const listing = { route: organisations, base: "/organisations", key: "slug" as const, search: directorySearch, parse: parseDirectoryFilters, read: (f: DirectoryFilters, page: number) => directoryPage({ ...f, page }) };
    expectEachFilters(
      await expectPageRows(listing, [
        {},
        { actorType: ["civil_society", "company"] },
        { level: ["regional"] },
        { level: ["regional", "national"], region: ["CUS"], sort: "newest" },
        { size: ["small"], chain: ["plastics"] },
        { roadmap: ["industry"], pact: "no" },
        { q: "energia" },
      ]),
    );
    expect(await expectPageRows(listing, [{ q: "Gobierno", actorType: ["company"] }])).toEqual([0]);
    expect((await allPages(organisations, `/organisations${directorySearch({ level: ["regional"] })}`)).map((o) => o.slug)).toContain(more.regional.slug);
  });

  test("the initiatives listing (initiativeSearch → initiativesPage)", async () => {
    const listing = { route: initiatives, base: "/initiatives", key: "slug" as const, search: initiativeSearch, parse: parseInitiativeFilters, read: (f: InitiativeFilters, page: number) => initiativesPage({ ...f, page }) };
    expectEachFilters(
      await expectPageRows(listing, [
        {},
        { leadType: ["company"] },
        { gender: "yes" },
        { status: ["open"], roadmap: ["industry"], approach: ["waste_valorisation"], region: ["ANC"], sort: "newest" },
        { seeks: ["partners"], chain: ["agricultural"], region: ["ARE", "LIM"] },
        { q: "reuso" },
      ]),
    );
    expect((await allPages(initiatives, `/initiatives${initiativeSearch({ gender: "yes" })}`)).map((i) => i.slug)).toEqual([more.gendered.slug]);
  });

  test("the events listing (eventSearch → eventsPage), upcoming by default as on the page", async () => {
    const listing = { route: events, base: "/events", key: "slug" as const, search: eventSearch, parse: parseEventFilters, read: (f: EventFilters, page: number) => eventsPage({ ...f, page }) };
    const counts = await expectPageRows(listing, [
      {},
      { tab: "past" },
      { tab: "past", month: "2021-03" },
      { month: "2031-03", type: ["webinar"], format: ["hybrid", "online"], region: ["CUS"] },
      { q: "compostaje" },
      { month: "2031-04" },
    ]);
    expect(counts).toEqual([1, 1, 1, 1, 1, 0]);
    // The default and tab=past are the two halves of the public events.
    expect((await allPages(events, "/events")).map((e) => e.slug)).not.toEqual((await allPages(events, "/events?tab=past")).map((e) => e.slug));
  });

  test("a discussion category's threads (its page's q and sort, read by readListQuery → threadList)", async () => {
    const listing = {
      route: threads,
      base: "/threads",
      key: "id" as const,
      // The category page's query string (as its sort links and search form write it), plus the slug its path holds.
      search: (state: Record<string, string>) => `?${new URLSearchParams({ ...state, category: w.category.slug })}`,
      parse: readListQuery,
      read: (f: ReturnType<typeof readListQuery>, page: number) => threadList({ kind: "category", categoryId: w.category.id }, { sort: f.sort, page, q: f.q }, null),
    };
    const counts = await expectPageRows(listing, [{}, { sort: "newest" }, { q: "vidrio" }, { q: "vidrio", sort: "newest" }, { q: "compost" }, { q: "nada-de-esto" }]);
    expect(counts).toEqual([3, 3, 2, 2, 1, 0]);
  });

  test("every value the API documents for a filter is one its page takes (200), and the document lists the page's names", async () => {
    const routes = { organisations, initiatives, events, threads };
    for (const [list, params] of Object.entries(LIST_PARAMS)) {
      const documented = ((document.paths as Record<string, Json>)[`/${list}`]!.get.parameters as Json[]).map((p) => p.name ?? p.$ref.split("/").pop());
      expect(documented, list).toEqual([...Object.keys(params), "limit", "cursor"]);
      for (const [name, param] of Object.entries(params)) {
        for (const value of (param as { values?: readonly string[] }).values ?? []) {
          const answer = await call(routes[list as keyof typeof routes], `/${list}?${name}=${encodeURIComponent(value)}&limit=1`);
          expect(answer.status, `${list} ${name}=${value}`).toBe(200);
        }
      }
    }
  });
});

describe("cursors belong to their list", () => {
  test("another list's cursor is a 400 invalid_cursor, never a position in this one", async () => {
    const routes = { organisations, initiatives, events, threads };
    const cursors: Record<string, string> = {};
    for (const [list, route] of Object.entries(routes)) {
      const search = list === "events" ? "?tab=past&limit=1" : "?limit=1";
      // Two rows at least, so the first page has a next_cursor (a second past event for events).
      if (list === "events") publishEvent(createEvent(w.coordinator.user.id, eventInput({ startsAt: "2022-05-10T09:00", endsAt: "2022-05-10T13:00" })).id);
      const first = await call(route, `/${list}${search}`);
      expect(first.status, list).toBe(200);
      cursors[list] = first.body.next_cursor as string;
      expect(cursors[list], list).toEqual(expect.any(String));
      expect((await call(route, `/${list}${search}&cursor=${cursors[list]}`)).status, list).toBe(200);
    }
    for (const [list, route] of Object.entries(routes)) {
      for (const [other, cursor] of Object.entries(cursors)) {
        if (other === list) continue;
        const answer = await call(route, `/${list}?cursor=${cursor}`);
        expectError(answer, 400, "invalid_cursor", "cursor");
        expectDocumented(answer, `/${list}`);
      }
    }
  });
});

describe("bad input: JSON errors, never a 500", () => {
  const cases: Array<[template: string, query: string, code: string, parameter: string]> = [
    ["/organisations", "?actor_type=company", "unknown_parameter", "actor_type"],
    ["/organisations", "?value_chain=plastics", "unknown_parameter", "value_chain"],
    ["/organisations", "?actorType=alien", "invalid_parameter", "actorType"],
    ["/organisations", "?level=federal", "invalid_parameter", "level"],
    ["/organisations", "?region=Lima", "invalid_parameter", "region"],
    ["/organisations", "?region=LIM,ARE", "invalid_parameter", "region"],
    ["/organisations", "?pact=maybe", "invalid_parameter", "pact"],
    ["/organisations", "?sort=oldest", "invalid_parameter", "sort"],
    ["/organisations", "?sort=name&sort=newest", "invalid_parameter", "sort"],
    ["/organisations", "?page=2", "invalid_parameter", "page"],
    ["/organisations", "?limit=0", "invalid_limit", "limit"],
    ["/organisations", "?limit=101", "invalid_limit", "limit"],
    ["/organisations", "?limit=abc", "invalid_limit", "limit"],
    ["/organisations", "?limit=1e2", "invalid_limit", "limit"],
    ["/organisations", "?limit=5&limit=6", "invalid_parameter", "limit"],
    ["/organisations", "?cursor=not%20a%20cursor", "invalid_cursor", "cursor"],
    ["/organisations", `?cursor=${Buffer.from('{"list":"organisations","id":-4}').toString("base64url")}`, "invalid_cursor", "cursor"],
    ["/organisations", `?cursor=${Buffer.from('{"id":4}').toString("base64url")}`, "invalid_cursor", "cursor"],
    ["/organisations", `?cursor=${Buffer.from('{"list":"organisations","id":4,"x":1}').toString("base64url")}`, "invalid_cursor", "cursor"],
    ["/organisations", `?cursor=${Buffer.from("[1]").toString("base64url")}`, "invalid_cursor", "cursor"],
    ["/organisations", "?cursor=%F0%9F%92%A5", "invalid_cursor", "cursor"],
    ["/initiatives", "?status=draft", "invalid_parameter", "status"],
    ["/initiatives", "?seeks=money", "invalid_parameter", "seeks"],
    ["/initiatives", "?leadType=alien", "invalid_parameter", "leadType"],
    ["/initiatives", "?gender=no", "invalid_parameter", "gender"],
    ["/initiatives", "?lead_type=company", "unknown_parameter", "lead_type"],
    ["/events", "?when=past", "unknown_parameter", "when"],
    ["/events", "?tab=tomorrow", "invalid_parameter", "tab"],
    ["/events", "?month=2026-13", "invalid_parameter", "month"],
    ["/events", "?month=2026-1", "invalid_parameter", "month"],
    ["/events", "?type=party", "invalid_parameter", "type"],
    ["/threads", "?category=no-such-category", "invalid_parameter", "category"],
    ["/threads", "?q=a&q=b", "invalid_parameter", "q"],
    ["/threads", "?sort=oldest", "invalid_parameter", "sort"],
  ];
  test.each(cases)("%s%s → 400 %s", async (template, query, code, parameter) => {
    const route = { "/organisations": organisations, "/initiatives": initiatives, "/events": events, "/threads": threads }[template]!;
    const answer = await call(route, `${template}${query}`);
    expectError(answer, 400, code, parameter);
    expectDocumented(answer, template);
  });

  test("a cursor made elsewhere is read as a position, and one past the end gives an empty last page", async () => {
    const answer = await call(organisations, `/organisations?cursor=${encodeCursor("organisations", Number.MAX_SAFE_INTEGER)}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: [], next_cursor: null });
  });

  test("an unknown address under /api/v1/ is a JSON 404", async () => {
    expectError(await call(unknownEndpoint, "/people", { params: { "*": "people" } }), 404, "not_found");
  });
});

describe("methods and CORS", () => {
  test("OPTIONS is a CORS preflight: 204, any origin, GET/HEAD/OPTIONS, no credentials", async () => {
    const answer = await call(organisations, "/organisations", { method: "OPTIONS" });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(answer.headers.get("Access-Control-Allow-Methods")).toBe("GET, HEAD, OPTIONS");
    expect(answer.headers.get("Access-Control-Allow-Credentials")).toBeNull();
  });

  test.each(["POST", "PUT", "PATCH", "DELETE"])("%s → 405 JSON with Allow", async (method) => {
    const answer = await call(threads, "/threads", { method, cookie: w.coordinator.cookie });
    expectError(answer, 405, "method_not_allowed");
    expect(answer.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
  });

  test("answers never set a cookie, whatever session is sent", async () => {
    const answer = await call(organisations, "/organisations", { cookie: w.coordinator.cookie });
    expect(answer.headers.get("Set-Cookie")).toBeNull();
    expect(answer.headers.get("Access-Control-Allow-Credentials")).toBeNull();
  });

  test("the server's same-origin check lets only real API paths through (as Remix will route them)", () => {
    expect(isApiPath("/api/v1/organisations")).toBe(true);
    expect(isApiPath("/api/v1/threads/3?x=1")).toBe(true);
    expect(isApiPath("/api/v1/../login")).toBe(false);
    expect(isApiPath("/api/v1/%2e%2e/login")).toBe(false);
    expect(isApiPath("/api/v1\\..\\login")).toBe(false);
    expect(isApiPath("//api/v1/x")).toBe(false);
    expect(isApiPath("/login?next=/api/v1/")).toBe(false);
    // Remix's single-fetch data request for an API route is Remix's, not the API's (issue 14).
    expect(isApiPath("/api/v1/threads/1.data")).toBe(false);
  });
});

describe("rate limit", () => {
  test("per client IP: past the limit a minute, 429 with Retry-After and a JSON body; other IPs unaffected", async () => {
    const ip = "198.51.100.77";
    const limit = apiRequestLimit();
    for (let i = 0; i < limit; i++) {
      const answer = await call(openapi, "/openapi.json", { ip });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("RateLimit-Remaining")).toBe(String(limit - i - 1));
    }
    const refused = await call(organisations, "/organisations", { ip });
    expectError(refused, 429, "rate_limited");
    expectDocumented(refused, "/organisations");
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("RateLimit-Limit")).toBe(String(limit));
    expect((await call(organisations, "/organisations")).status).toBe(200);
  });

  test("every RateLimit header an answer carries is documented on it, and errors on the server's side are documented", async () => {
    const answer = await call(organisations, "/organisations");
    const documented = Object.keys((document.paths as Record<string, Json>)["/organisations"]!.get.responses[200].headers as Json).map((h) => h.toLowerCase());
    const sent = [...answer.headers.keys()].filter((name) => name.startsWith("ratelimit"));
    expect(sent.length).toBeGreaterThan(0);
    for (const name of sent) expect(documented, `${name} is documented`).toContain(name);
    expect(documentedSchemaRef("/organisations", 500)).toMatch(/Error$/);
  });

  test("memory stays bounded under a flood of distinct IPs within one window, and expired windows are dropped", () => {
    const now = Date.now() + 10 * API_WINDOW_MS;
    for (let i = 0; i < API_MAX_TRACKED_IPS + 500; i++) hitApiRateLimit(`flood-${i}`, now);
    expect(apiRateLimitSize()).toBe(API_MAX_TRACKED_IPS);
    // The newest IPs keep their window: a second hit counts against it.
    expect(hitApiRateLimit(`flood-${API_MAX_TRACKED_IPS + 499}`, now).remaining).toBe(apiRequestLimit() - 2);
    // A window later every one has expired: the next hit leaves only its own.
    hitApiRateLimit("after-the-flood", now + API_WINDOW_MS);
    expect(apiRateLimitSize()).toBe(1);
  });
});
