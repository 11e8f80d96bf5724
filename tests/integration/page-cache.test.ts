// The anonymous page cache (app/.server/page-cache.ts): which requests and answers it takes, how
// entries expire, and — the property its correctness rests on — that every table a cached page
// reads bumps a data version when it changes.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, test } from "vitest";
import { sqlite } from "#app/.server/db.ts";
import { AnonymousPageCache, anonymousPageKey, CACHEABLE_PAGES, isCacheableAnswer, PAGE_CACHE_GROUPS } from "#app/.server/page-cache.ts";
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
import { loader as pactLoader } from "#app/routes/pact.tsx";
import { loader as progressLoader } from "#app/routes/progress._index.tsx";
import "#app/.server/discussion-parents.ts";
import { ensureDefaultCategories, reply, startThread, toggleReaction } from "#app/.server/discussions/index.ts";
import { loader as discussionsLoader } from "#app/routes/discussions._index.tsx";
import { loader as categoryLoader } from "#app/routes/discussions.c.$slug.tsx";
import { loader as parentThreadsLoader } from "#app/routes/discussions.on.$type.$id.tsx";
import { loader as threadLoader } from "#app/routes/discussions.threads.$id.tsx";
import { loader as searchLoader } from "#app/routes/search.tsx";
import { loader as exchangeLoader } from "#app/routes/exchange._index.tsx";
import { loader as exchangeMapLoader } from "#app/routes/exchange.map.tsx";
import { makePageWorld, recordStatements, type PageWorld } from "./query-audit.ts";

describe("which requests may be answered from the cache", () => {
  test("anonymous GETs of the public pages, keyed by URL and the language the page is rendered in", () => {
    expect(anonymousPageKey("GET", "/initiatives?roadmap=industry", undefined, "es-PE")).toBe("es\n/initiatives?roadmap=industry");
    expect(anonymousPageKey("GET", "/initiatives", "lang=en", "es-PE")).toBe("en\n/initiatives");
    expect(anonymousPageKey("GET", "/", undefined, undefined)).toBe("es\n/");
    expect(anonymousPageKey("GET", "/", undefined, "en-GB,en;q=0.9")).toBe("en\n/");
    for (const path of ["/search", "/", "/organisations", "/organisations/map", "/organisations/x", "/initiatives", "/initiatives/x", "/roadmaps", "/roadmaps/industry", "/events", "/events/x", "/pact", "/discussions", "/discussions/c/general", "/discussions/threads/12", "/discussions/on/initiative/7", "/discussions/code-of-conduct"]) {
      expect(anonymousPageKey("GET", path, undefined, "es"), path).not.toBeNull();
    }
  });

  test("a repeated, unknown or oddly written language cookie keys the language actually used", () => {
    // The app reads the first `lang` cookie; so does the key (a request with both cannot store a
    // Spanish page under the English key).
    expect(anonymousPageKey("GET", "/events", "lang=es; lang=en", "en")).toBe("es\n/events");
    // An unknown value is ignored by the app, which then follows Accept-Language: so does the key.
    expect(anonymousPageKey("GET", "/roadmaps", "lang=fr", "en")).toBe("en\n/roadmaps");
    expect(anonymousPageKey("GET", "/roadmaps", "lang=fr", "es-PE")).toBe("es\n/roadmaps");
    expect(anonymousPageKey("GET", "/pact", "lang=en-US", "es-PE")).toBe("es\n/pact");
    expect(anonymousPageKey("GET", "/pact", "lang=EN", "es-PE")).toBe("es\n/pact");
  });

  test("never with a session or any other cookie, for other methods, or for other pages", () => {
    expect(anonymousPageKey("GET", "/initiatives", "__Host-session=abc", "es")).toBeNull();
    expect(anonymousPageKey("GET", "/initiatives", "lang=es; flash=xyz", "es")).toBeNull();
    expect(anonymousPageKey("POST", "/initiatives", undefined, "es")).toBeNull();
    expect(anonymousPageKey("HEAD", "/initiatives", undefined, "es")).toBeNull();
    for (const path of ["/account", "/my-work", "/notifications", "/dev/outbox", "/login", "/initiatives/x/edit", "/events/x/attendees", "/organisations/x/team", "/invitations/abc", "/organisations.csv", "/initiatives.data", "/organisations/names.json", "/organisations/x.data", "/events/x.ics"]) {
      expect(anonymousPageKey("GET", path, undefined, "es"), path).toBeNull();
    }
  });

  test("only 200 HTML answers that set no cookie and are not private", () => {
    expect(isCacheableAnswer(200, { contentType: "text/html; charset=utf-8" })).toBe(true);
    expect(isCacheableAnswer(302, { contentType: "text/html; charset=utf-8" })).toBe(false);
    expect(isCacheableAnswer(404, { contentType: "text/html; charset=utf-8" })).toBe(false);
    expect(isCacheableAnswer(200, { contentType: "application/json" })).toBe(false);
    expect(isCacheableAnswer(200, { contentType: "text/html", setCookie: ["lang=es"] })).toBe(false);
    expect(isCacheableAnswer(200, { contentType: "text/html", cacheControl: "private, no-store" })).toBe(false);
  });
});

describe("AnonymousPageCache", () => {
  const page = (html: string) => ({ version: "1.1.1.1", headers: { "content-type": "text/html" }, html: Buffer.from(html), nonce: "n" });

  test("a page is reused at the same data version, with its gzip", () => {
    const cache = new AnonymousPageCache();
    cache.put("k", page("<p>Perú</p>"), 1_000);
    const hit = cache.get("k", "1.1.1.1", 2_000)!;
    expect(hit.html.toString()).toBe("<p>Perú</p>");
    expect(gunzipSync(hit.gzip).toString()).toBe("<p>Perú</p>");
  });

  test("any change of version, or the TTL, makes it a miss", () => {
    const cache = new AnonymousPageCache(10, 60_000);
    cache.put("k", page("a"), 0);
    expect(cache.get("k", "1.1.1.2", 1)).toBeUndefined();
    cache.put("k", page("a"), 0);
    expect(cache.get("k", "1.1.1.1", 59_999)).toBeDefined();
    expect(cache.get("k", "1.1.1.1", 60_000)).toBeUndefined();
  });

  test("keeps a bounded number of pages, dropping the least recently used", () => {
    const cache = new AnonymousPageCache(2);
    cache.put("a", page("a"), 0);
    cache.put("b", page("b"), 0);
    cache.get("a", "1.1.1.1", 1);
    cache.put("c", page("c"), 2);
    expect(cache.size).toBe(2);
    expect(cache.get("b", "1.1.1.1", 3)).toBeUndefined();
    expect(cache.get("a", "1.1.1.1", 3)).toBeDefined();
  });
});

describe("every table a cached page reads is versioned", () => {
  let world: PageWorld;
  // A thread in General (a reply quoting the first post, a reaction) and one on the initiative.
  const discussion = { thread: 0 };
  beforeAll(() => {
    world = makePageWorld();
    ensureDefaultCategories();
    const general = sqlite.prepare("SELECT id FROM discussion_categories WHERE slug = 'general'").get() as { id: number };
    const started = startThread(world.owner.user, { kind: "category", categoryId: general.id }, { title: "Compost", body: "¿Quién compra compost?" });
    if (!started.ok) throw new Error("could not start a thread");
    discussion.thread = started.threadId;
    const replied = reply(world.member.user, started.threadId, { body: "> ¿Quién compra?\n\nLos viveros.", quotedPostId: started.postId });
    if (!replied.ok || !toggleReaction(world.member.user, started.postId, "heart").ok) throw new Error("could not reply and react");
    if (!startThread(world.member.user, { kind: "parent", type: "initiative", id: world.initiative.id }, { title: "¿Cómo sumarse?", body: "Hola." }).ok) {
      throw new Error("could not start a thread on the initiative");
    }
  });

  type Page = { path: (w: PageWorld) => string; loader: (args: LoaderFunctionArgs) => unknown; params?: (w: PageWorld) => Record<string, string> };
  const PAGES: Page[] = [
    { path: () => "/", loader: homeLoader },
    { path: () => "/organisations?region=LMA&roadmap=industry&pact=yes&q=prueba", loader: directoryLoader },
    { path: () => "/organisations/map", loader: mapLoader },
    { path: (w) => `/organisations/${w.organisation.slug}`, loader: organisationLoader, params: (w) => ({ slug: w.organisation.slug }) },
    { path: () => "/initiatives?roadmap=agriculture&seeks=financing&region=CUS&q=reciclaje", loader: initiativesLoader },
    { path: (w) => `/initiatives/${w.initiative.slug}`, loader: initiativeLoader, params: (w) => ({ slug: w.initiative.slug }) },
    { path: () => "/roadmaps", loader: roadmapsLoader },
    { path: () => "/roadmaps/industry", loader: roadmapLoader, params: () => ({ sector: "industry" }) },
    { path: () => "/events", loader: eventsLoader },
    { path: (w) => `/events/${w.event.slug}`, loader: eventLoader, params: (w) => ({ slug: w.event.slug }) },
    { path: () => "/pact", loader: pactLoader },
    { path: () => "/progress", loader: progressLoader },
    { path: () => "/discussions", loader: discussionsLoader },
    { path: () => "/discussions/c/general?sort=newest", loader: categoryLoader, params: () => ({ slug: "general" }) },
    { path: (w) => `/discussions/on/initiative/${w.initiative.id}`, loader: parentThreadsLoader, params: (w) => ({ type: "initiative", id: String(w.initiative.id) }) },
    { path: () => `/discussions/threads/${discussion.thread}`, loader: threadLoader, params: () => ({ id: String(discussion.thread) }) },
    { path: () => "/events?q=taller", loader: eventsLoader },
    { path: () => "/discussions/c/general?q=compost", loader: categoryLoader, params: () => ({ slug: "general" }) },
    { path: () => "/search?q=compost", loader: searchLoader },
    { path: () => "/exchange?q=cascarilla&actorType=company", loader: exchangeLoader },
    { path: () => "/exchange/map", loader: exchangeMapLoader },
  ];

  test("the pages listed here are the cacheable ones", () => {
    for (const page of PAGES) {
      const path = page.path(world).split("?")[0]!;
      expect(CACHEABLE_PAGES.some((pattern) => pattern.test(path)), path).toBe(true);
    }
  });

  test("for each page, anonymous: the tables in its SQL all have version triggers", async () => {
    const versioned = new Set(
      (sqlite.prepare("SELECT DISTINCT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_bumps_version'").all() as Array<{ name: string }>).map((r) => r.name),
    );
    // Full-text indexes follow their content tables: only those tables' triggers write them
    // (migrations 0007 and 0013), in the same transaction as the write that bumps the version.
    const derived = new Map([
      ["initiatives_fts", "initiatives"],
      ["organisations_fts", "organisations"],
      ["events_fts", "events"],
      ["discussion_threads_fts", "discussion_threads"],
      ["discussion_posts_fts", "discussion_posts"],
      ["exchange_listings_fts", "exchange_listings"],
    ]);
    const groups = (sqlite.prepare("SELECT name FROM data_versions").all() as Array<{ name: string }>).map((r) => r.name);
    // Every page's every such table, so one run names them all.
    const unversioned: string[] = [];
    expect(groups.sort()).toEqual([...PAGE_CACHE_GROUPS].sort());
    for (const page of PAGES) {
      const url = `http://localhost:3000${page.path(world)}`;
      const args = (params: Record<string, string>): LoaderFunctionArgs => ({ request: new Request(url, { headers: { "Accept-Language": "es" } }), params, context: { clientIp: "203.0.113.7" } });
      // The cached listings would hide their queries: a write to each group makes them run.
      sqlite.prepare("UPDATE data_versions SET version = version + 1").run();
      const { statements } = await recordStatements(() => Promise.all([rootLoader(args({})), page.loader(args(page.params?.(world) ?? {}))]));
      const tables = new Set<string>();
      for (const { source } of statements) {
        // Names a statement defines itself (WITH x AS (…)) are not tables.
        const own = new Set([...source.matchAll(/(?:\bwith|,)\s+"?([a-z_]+)"?\s+as\s+(?:not\s+)?(?:materialized\s+)?\(/gi)].map((m) => m[1]!.toLowerCase()));
        for (const match of source.matchAll(/\b(?:from|join)\s+"?([a-z_]+)"?/gi)) {
          const name = match[1]!.toLowerCase();
          if (name === "data_versions" || name.startsWith("pragma_") || own.has(name)) continue;
          tables.add(derived.get(name) ?? name);
        }
      }
      expect(tables.size, page.path(world)).toBeGreaterThan(0);
      for (const table of tables) if (!versioned.has(table)) unversioned.push(`${page.path(world)} reads ${table}, which bumps no data version`);
    }
    expect(unversioned).toEqual([]);
  });
});
