// Issue 9: every main page runs at most 8 SQL statements per request, anonymous and signed in,
// whether its listings come from the cache or not. Statements are counted where better-sqlite3
// executes them, while the root loader and the page's loader run as Remix runs them for a
// document request: side by side, each with its own copy of the Request, inside one request scope
// (server/index.ts). Counts, never timings.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { runInRequestScope } from "#app/.server/request-scope.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { loader as homeLoader } from "#app/routes/_index.tsx";
import { loader as directoryLoader } from "#app/routes/organisations._index.tsx";
import { loader as mapLoader } from "#app/routes/organisations.map.tsx";
import { loader as organisationLoader } from "#app/routes/organisations.$slug._index.tsx";
import { loader as initiativesLoader } from "#app/routes/initiatives._index.tsx";
import { loader as initiativeLoader } from "#app/routes/initiatives.$slug._index.tsx";
import { loader as roadmapsLoader } from "#app/routes/roadmaps._index.tsx";
import { loader as roadmapLoader } from "#app/routes/roadmaps.$sector.tsx";
import { loader as eventsLoader } from "#app/routes/events._index.tsx";
import { loader as eventLoader } from "#app/routes/events.$slug._index.tsx";
import { loader as progressLoader } from "#app/routes/progress._index.tsx";
import "#app/.server/discussion-parents.ts";
import { ensureDefaultCategories, reply, startThread } from "#app/.server/discussions/index.ts";
import { loader as discussionsLoader } from "#app/routes/discussions._index.tsx";
import { loader as categoryLoader } from "#app/routes/discussions.c.$slug.tsx";
import { loader as parentThreadsLoader } from "#app/routes/discussions.on.$type.$id.tsx";
import { loader as threadLoader } from "#app/routes/discussions.threads.$id.tsx";
import { loader as searchLoader } from "#app/routes/search.tsx";
import { loader as exchangeLoader } from "#app/routes/exchange._index.tsx";
import { loader as exchangeMapLoader } from "#app/routes/exchange.map.tsx";
import { loader as listingLoader } from "#app/routes/exchange.$id._index.tsx";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { addGeneratedRows, makePageWorld, recordStatements, type PageWorld } from "./query-audit.ts";

const MAX_STATEMENTS = 8;
const BASE = "http://localhost:3000";

type Loader = (args: LoaderFunctionArgs) => unknown;
type Page = {
  name: string;
  path: (w: PageWorld) => string;
  loader: Loader;
  params?: (w: PageWorld) => Record<string, string>;
  /** What the page must show, so a count is never that of an empty or wrong page. */
  shows: (data: Record<string, unknown>, w: PageWorld) => void;
};

const slugsOf = (rows: unknown) => (rows as Array<{ slug: string }>).map((r) => r.slug);
const idsOf = (rows: unknown) => (rows as Array<{ id: number }>).map((r) => r.id);

/** The exchange's listing measured on its page (made in beforeAll, with 44 more). */
const exchange = { listing: 0 };

/** The discussion threads of the world (made in beforeAll): one in General, one on the initiative. */
const discussion = { thread: 0, onInitiative: 0 };

const PAGES: Page[] = [
  {
    name: "home /",
    path: () => "/",
    loader: homeLoader,
    shows: (d, w) => {
      expect(slugsOf(d.seeking)).toContain(w.initiative.slug);
      expect(d.events).toHaveLength(3);
    },
  },
  {
    name: "directory /organisations",
    path: () => "/organisations",
    loader: directoryLoader,
    shows: (d) => expect(d.total).toBeGreaterThan(20),
  },
  {
    name: "directory /organisations?region=LMA&roadmap=industry&pact=yes",
    path: () => "/organisations?region=LMA&roadmap=industry&pact=yes",
    loader: directoryLoader,
    shows: (d, w) => expect(slugsOf(d.rows)).toContain(w.organisation.slug),
  },
  {
    name: "map /organisations/map",
    path: () => "/organisations/map",
    loader: mapLoader,
    shows: (d) => expect((d.counts as Record<string, number>).LMA).toBeGreaterThan(0),
  },
  {
    name: "organisation /organisations/:slug",
    path: (w) => `/organisations/${w.organisation.slug}`,
    params: (w) => ({ slug: w.organisation.slug }),
    loader: organisationLoader,
    shows: (d, w) => {
      expect(d.pactSignedAt).not.toBeNull();
      expect(d.operatingRegions).toEqual(expect.arrayContaining(["CUS", "ARE"]));
      expect(slugsOf(d.initiatives)).toContain(w.initiative.slug);
      expect(slugsOf(d.events)).toContain(w.event.slug);
    },
  },
  {
    name: "initiatives /initiatives",
    path: () => "/initiatives",
    loader: initiativesLoader,
    shows: (d) => expect(d.total).toBeGreaterThan(20),
  },
  {
    name: "initiatives /initiatives?roadmap=agriculture&seeks=financing&region=CUS",
    path: () => "/initiatives?roadmap=agriculture&seeks=financing&region=CUS",
    loader: initiativesLoader,
    shows: (d, w) => expect(slugsOf(d.rows)).toContain(w.initiative.slug),
  },
  {
    name: "initiatives /initiatives?q=reciclaje",
    path: () => "/initiatives?q=reciclaje",
    loader: initiativesLoader,
    shows: (d, w) => expect(slugsOf(d.rows)).toContain(w.initiative.slug),
  },
  {
    name: "initiative /initiatives/:slug",
    path: (w) => `/initiatives/${w.initiative.slug}`,
    params: (w) => ({ slug: w.initiative.slug }),
    loader: initiativeLoader,
    shows: (d) => {
      expect(d.updates).toHaveLength(2);
      expect(d.partners).toHaveLength(1);
      expect(d.needs).toHaveLength(3);
      expect(d.timeline).toHaveLength(2);
    },
  },
  {
    name: "roadmaps /roadmaps",
    path: () => "/roadmaps",
    loader: roadmapsLoader,
    shows: (d) => expect(d.lines).not.toHaveLength(0),
  },
  {
    name: "roadmap /roadmaps/industry",
    path: () => "/roadmaps/industry",
    params: () => ({ sector: "industry" }),
    loader: roadmapLoader,
    shows: (d) => expect(d.total).toBeGreaterThan(0),
  },
  {
    name: "events /events",
    path: () => "/events",
    loader: eventsLoader,
    shows: (d, w) => expect(slugsOf(d.rows)).toContain(w.event.slug),
  },
  {
    name: "events /events?q=compostaje",
    path: () => "/events?q=compostaje",
    loader: eventsLoader,
    shows: (d, w) => expect(slugsOf(d.rows)).toEqual([w.event.slug]),
  },
  {
    name: "event /events/:slug",
    path: (w) => `/events/${w.event.slug}`,
    params: (w) => ({ slug: w.event.slug }),
    loader: eventLoader,
    shows: (d) => {
      expect(d.sessions).toHaveLength(2);
      expect(d.organisers).toHaveLength(2);
      expect(d.confirmed).toBe(3);
    },
  },
  {
    name: "progress /progress",
    path: () => "/progress",
    loader: progressLoader,
    shows: (d) => {
      const dataset = d.dataset as { members: { total: number }; initiatives: { total: number }; events: unknown[] };
      expect(dataset.members.total).toBeGreaterThan(20);
      expect(dataset.initiatives.total).toBeGreaterThan(20);
      expect(dataset.events.length).toBeGreaterThan(0);
    },
  },
  {
    name: "discussions /discussions",
    path: () => "/discussions",
    loader: discussionsLoader,
    shows: (d) => {
      expect((d.categories as unknown[]).length).toBeGreaterThan(5);
      expect(idsOf(d.latest)).toEqual(expect.arrayContaining([discussion.thread]));
    },
  },
  {
    name: "category /discussions/c/general",
    path: () => "/discussions/c/general",
    params: () => ({ slug: "general" }),
    loader: categoryLoader,
    shows: (d) => expect(idsOf(d.rows)).toContain(discussion.thread),
  },
  {
    name: "category /discussions/c/general?q=compost",
    path: () => "/discussions/c/general?q=compost",
    params: () => ({ slug: "general" }),
    loader: categoryLoader,
    shows: (d) => expect(idsOf(d.rows)).toEqual([discussion.thread]),
  },
  {
    name: "a parent's threads /discussions/on/initiative/:id",
    path: (w) => `/discussions/on/initiative/${w.initiative.id}`,
    params: (w) => ({ type: "initiative", id: String(w.initiative.id) }),
    loader: parentThreadsLoader,
    shows: (d) => expect(idsOf(d.rows)).toContain(discussion.onInitiative),
  },
  {
    name: "thread /discussions/threads/:id",
    path: () => `/discussions/threads/${discussion.thread}`,
    params: () => ({ id: String(discussion.thread) }),
    loader: threadLoader,
    shows: (d) => expect(d.posts).toHaveLength(3),
  },
  // Issue 12: the resource exchange's list with its facets, its region tiles and a listing.
  {
    name: "exchange /exchange",
    path: () => "/exchange",
    loader: exchangeLoader,
    shows: (d) => expect(d.total).toBeGreaterThan(20),
  },
  {
    name: "exchange /exchange?q=cascarilla&kind=have&region=LAM&hazardous=no",
    path: () => "/exchange?q=cascarilla&kind=have&region=LAM&hazardous=no",
    loader: exchangeLoader,
    shows: (d) => expect(idsOf(d.rows)).toContain(exchange.listing),
  },
  {
    name: "exchange map /exchange/map",
    path: () => "/exchange/map",
    loader: exchangeMapLoader,
    shows: (d) => expect((d.counts as Record<string, number>).LAM).toBeGreaterThan(0),
  },
  {
    name: "listing /exchange/:id",
    path: () => `/exchange/${exchange.listing}`,
    params: () => ({ id: String(exchange.listing) }),
    loader: listingLoader,
    shows: (d) => {
      expect((d.listing as { id: number }).id).toBe(exchange.listing);
      // Matches for the listing's organisation's members (the signed-in viewer), none shown to others.
      const matches = (d.exchangeSections as { matches: { total: number } | null }).matches;
      if (d.isMember) expect(matches?.total).toBe(3);
      else expect(matches).toBeNull();
    },
  },
  {
    // Issue 11: every kind searched, one statement each.
    name: "search /search?q=compost",
    path: () => "/search?q=compost",
    loader: searchLoader,
    shows: (d, w) => {
      const hits = (d.results as { hits: Array<{ type: string; id: number }> }).hits;
      expect(hits.filter((hit) => hit.type === "threads").map((hit) => hit.id)).toContain(discussion.thread);
      expect(hits.filter((hit) => hit.type === "initiatives").map((hit) => hit.id)).toContain(w.initiative.id);
      expect(hits.filter((hit) => hit.type === "events").map((hit) => hit.id)).toContain(w.event.id);
    },
  },
];

type Viewer = "anonymous" | "signed in";

let world: PageWorld;
const table: Record<string, Record<string, number>> = {};

beforeAll(() => {
  addGeneratedRows({ organisations: 60, initiatives: 150, events: 40, people: 20 });
  world = makePageWorld();
  // A thread in General with two replies and one on the initiative, written so that the member's
  // unread notifications stay at one (they are the actor, or not among those told).
  ensureDefaultCategories();
  const general = db.select({ id: schema.discussionCategories.id }).from(schema.discussionCategories).where(eq(schema.discussionCategories.slug, "general")).get()!;
  const started = startThread(world.owner.user, { kind: "category", categoryId: general.id }, { title: "Compost en la selva central", body: "¿Quién **compra** compost?", organisationId: world.organisation.id });
  if (!started.ok) throw new Error(`could not start a thread: ${JSON.stringify(started)}`);
  discussion.thread = started.threadId;
  for (const body of ["Los viveros de la zona.", "Y las agroexportadoras, con análisis de laboratorio."]) {
    if (!reply(world.member.user, started.threadId, { body }).ok) throw new Error("could not reply");
  }
  const onInitiative = startThread(world.member.user, { kind: "parent", type: "initiative", id: world.initiative.id }, { title: "¿Cómo sumarse?", body: "Queremos aportar residuos." });
  if (!onInitiative.ok) throw new Error(`could not start a thread: ${JSON.stringify(onInitiative)}`);
  discussion.onInitiative = onInitiative.threadId;
  exchange.listing = makeListingRow(world.organisation.id, { initiativeId: world.initiative.id }).id;
  for (let i = 0; i < 44; i += 1) makeListingRow(world.organisation.id, { title: `Lote ${i}`, region: i % 2 ? "LAM" : "PIU", kind: i % 3 ? "have" : "want" });
  // Wants of another organisation: the listing has matches, which its organisation's members see.
  for (let i = 0; i < 3; i += 1) makeListingRow(world.partner.id, { title: `Demanda ${i}`, kind: "want", region: i ? "PIU" : "LAM" });
});

afterAll(() => {
  // The measured counts, for the issue and for whoever reads the run.
  if (Object.keys(table).length > 0) console.table(table);
});

/**
 * A write that changes the cached groups (initiatives, organisations, discussions), as an edit
 * would: the next request finds every listing cache stale.
 */
function touchData() {
  db.update(schema.discussionThreads).set({ pinned: false }).where(eq(schema.discussionThreads.id, discussion.thread)).run();
  db.update(schema.initiatives)
    .set({ updatedAt: new Date() })
    .where(eq(schema.initiatives.id, world.initiative.id))
    .run();
  db.update(schema.organisations)
    .set({ website: `https://example.pe/${Date.now()}` })
    .where(eq(schema.organisations.id, world.organisation.id))
    .run();
}

/** The root loader and the page's loader for one document GET, counted. */
async function documentRequest(page: Page, viewer: Viewer) {
  const url = BASE + page.path(world);
  const headers: Record<string, string> = { "Accept-Language": "es-PE" };
  if (viewer === "signed in") headers.Cookie = world.member.cookie;
  const context = { clientIp: "203.0.113.7" };
  const args = (params: Record<string, string>): LoaderFunctionArgs => ({ request: new Request(url, { headers }), params, context });
  const { result, statements } = await recordStatements(() =>
    runInRequestScope("GET", () => Promise.all([rootLoader(args({})), page.loader(args(page.params?.(world) ?? {}))])).catch(
      (thrown: unknown) => {
        if (thrown instanceof Response) throw new Error(`${page.name} (${viewer}) answered ${thrown.status} ${thrown.headers.get("Location") ?? ""}`);
        throw thrown;
      },
    ),
  );
  const [root, data] = result;
  return { root: root.data, data: data as Record<string, unknown>, statements };
}

const listing = (statements: Array<{ source: string }>) => statements.map((s, n) => `  ${n + 1}. ${s.source.replace(/\s+/g, " ").slice(0, 160)}`).join("\n");

describe.each<Viewer>(["anonymous", "signed in"])("%s", (viewer) => {
  test.each(PAGES)(`$name: ≤ ${MAX_STATEMENTS} statements, cold and warm`, async (page) => {
    touchData();
    const cold = await documentRequest(page, viewer);
    const warm = await documentRequest(page, viewer);

    for (const run of [cold, warm]) {
      if (viewer === "signed in") {
        expect(run.root.user?.email).toBe(world.member.user.email);
        expect(run.root.user?.unread).toBe(1);
      } else {
        expect(run.root.user).toBeNull();
      }
      page.shows(run.data, world);
    }
    table[`${page.name} (${viewer})`] = { cold: cold.statements.length, warm: warm.statements.length };

    expect(
      cold.statements.length,
      `${page.name}, ${viewer}, cold: ${cold.statements.length} statements\n${listing(cold.statements)}`,
    ).toBeLessThanOrEqual(MAX_STATEMENTS);
    expect(
      warm.statements.length,
      `${page.name}, ${viewer}, warm: ${warm.statements.length} statements\n${listing(warm.statements)}`,
    ).toBeLessThanOrEqual(MAX_STATEMENTS);
    expect(warm.statements.length).toBeLessThanOrEqual(cold.statements.length);
  });
});

describe("the counter", () => {
  test("sees the statements of both loaders: outside a request scope the session is validated once per loader", async () => {
    const page = PAGES.find((p) => p.name.startsWith("event "))!;
    const scoped = await documentRequest(page, "signed in");
    const url = BASE + page.path(world);
    const request = () => new Request(url, { headers: { Cookie: world.member.cookie } });
    const context = { clientIp: "203.0.113.7" };
    const unscoped = await recordStatements(() =>
      Promise.all([rootLoader({ request: request(), params: {}, context }), page.loader({ request: request(), params: page.params!(world), context })]),
    );
    const sessionReads = (statements: Array<{ source: string }>) => statements.filter((s) => /from "sessions"/.test(s.source)).length;
    expect(sessionReads(scoped.statements)).toBe(1);
    expect(sessionReads(unscoped.statements)).toBe(2);
    expect(unscoped.statements.length).toBe(scoped.statements.length + 1);
  });
});
