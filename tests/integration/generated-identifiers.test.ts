import path from "node:path";
import { UNSAFE_flatRoutes } from "@remix-run/dev";
import { matchRoutes } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { createEvent } from "#app/.server/events/mutations.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { nameKey, slugify } from "#app/.server/names.ts";
import { applyForMembership } from "#app/.server/organisations/index.ts";
import { reservedSlugs, ROUTE_PATHS, routeIdSegments } from "#app/.server/slugs.ts";
import { eventInput } from "#tests/factories/events.ts";
import { action as newOrganisationAction } from "#app/routes/organisations.new.tsx";
import { makeOrganisationProfile, makeRuc } from "#tests/factories/organisations.ts";
import { callRoute } from "./call-route.ts";
import { makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

// ---- The route table, enumerated with Remix's own flat-routes reader ---------------------------

type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean };
const manifest = UNSAFE_flatRoutes(path.resolve("app"), [], "routes") as Record<string, ManifestRoute>;

function fullPath(route: ManifestRoute): string {
  const parent = route.parentId && route.parentId !== "root" ? manifest[route.parentId] : undefined;
  return [parent ? fullPath(parent) : "", route.path ?? ""].filter(Boolean).join("/");
}

/** Every route's URL segments as Remix serves them (optional markers dropped). */
const remixPaths = Object.values(manifest).map((route) =>
  fullPath(route)
    .split("/")
    .filter(Boolean)
    .map((segment) => segment.replace(/\?$/, "")),
);

/** Sections whose direct child is a parameter, e.g. /organisations/:slug, /roadmaps/:sector. */
const parameterSections = [...new Set(remixPaths.filter((p) => p.length >= 2 && p[1]!.startsWith(":")).map((p) => p[0]!))];

type RouteObject = NonNullable<Parameters<typeof matchRoutes>[0]>[number];

function routerTree(): RouteObject[] {
  const children = (parentId: string): RouteObject[] =>
    Object.values(manifest)
      .filter((route) => (route.parentId ?? "root") === parentId)
      .map((route) =>
        route.index
          ? { id: route.id, path: route.path, index: true }
          : { id: route.id, path: route.path, children: children(route.id) },
      );
  return [{ id: "root", path: "", children: children("root") }];
}

/** The id of the route module Remix would render for `pathname`. */
function routeFor(pathname: string) {
  return matchRoutes(routerTree(), pathname)?.at(-1)?.route.id;
}

describe("slugs never equal a fixed path of their section", () => {
  test("the runtime route list is the route table Remix builds from app/routes", () => {
    const sorted = (paths: readonly string[][]) => paths.map((p) => p.join("/")).sort();
    expect(sorted(ROUTE_PATHS)).toEqual(sorted(remixPaths));
  });

  test("every fixed segment next to a parameter route is reserved, in every such section", () => {
    expect(parameterSections).toEqual(expect.arrayContaining(["organisations", "initiatives", "events"]));
    for (const section of parameterSections) {
      const fixed = remixPaths.filter((p) => p[0] === section && p[1] && !p[1].startsWith(":")).map((p) => p[1]!);
      expect([...reservedSlugs(section)].sort(), section).toEqual([...new Set(fixed)].sort());
    }
    expect(reservedSlugs("organisations")).toEqual(new Set(["map", "new", "names.json"]));
    expect(reservedSlugs("events").has("new")).toBe(true);
    expect(reservedSlugs("initiatives").has("new")).toBe(true);
  });

  test("a route added later is reserved by its file name alone, whatever the flat-route spelling", () => {
    expect(routeIdSegments("organisations.compare")).toEqual(["organisations", "compare"]);
    expect(routeIdSegments("organisations_.import")).toEqual(["organisations", "import"]);
    expect(routeIdSegments("_public.events.calendar")).toEqual(["events", "calendar"]);
    expect(routeIdSegments("events.(feed)")).toEqual(["events", "feed"]);
    expect(routeIdSegments("organisations.$slug._index")).toEqual(["organisations", ":slug"]);
    expect(routeIdSegments("organisations[.]csv")).toEqual(["organisations.csv"]);
    expect(routeIdSegments("events.$slug.calendar[.]ics")).toEqual(["events", ":slug", "calendar.ics"]);
    expect(routeIdSegments("$")).toEqual(["*"]);
  });

  test('an organisation named "Map" gets a slug whose link opens its own page', async () => {
    const owner = makePerson();
    const result = applyForMembership(owner.user.id, makeOrganisationProfile({ name: "Map" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.organisation.slug).not.toBe("map");
    expect(result.organisation.slug).toMatch(/^map-\d+$/);
    expect(routeFor(`/organisations/${result.organisation.slug}`)).toBe("routes/organisations.$slug._index");
    expect(routeFor("/organisations/map")).toBe("routes/organisations.map");
    const named = applyForMembership(makePerson().user.id, makeOrganisationProfile({ name: "New" }));
    expect(named.ok && named.organisation.slug).toMatch(/^new-\d+$/);
  });

  test('an initiative titled "New" and an event titled "New" are reachable too', () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const initiative = proposeInitiative(owner.user.id, makeInitiativeInput(organisation.id, { title: "New" }));
    expect(initiative.ok).toBe(true);
    if (!initiative.ok) return;
    expect(initiative.initiative.slug).toMatch(/^new-\d+$/);
    expect(routeFor(`/initiatives/${initiative.initiative.slug}`)).toBe("routes/initiatives.$slug._index");

    const event = createEvent(makePerson("coordinator").user.id, eventInput({ title: "New" }));
    expect(event.slug).toMatch(/^new-\d+$/);
    expect(routeFor(`/events/${event.slug}`)).toBe("routes/events.$slug._index");
  });
});

// ---- Names in any script ----------------------------------------------------------------------


describe("names without Latin letters", () => {
  test("keys keep every script and still fold case, accents, width and spacing", () => {
    expect(nameKey("森林協会")).not.toBe(nameKey("林業"));
    expect(nameKey("森林協会")).not.toBe("");
    expect(nameKey("Москва")).not.toBe(nameKey("Киев"));
    expect(nameKey("Cámara  de Comercio")).toBe(nameKey("camara de COMERCIO"));
    expect(nameKey("ＣＡＭＡＲＡ")).toBe(nameKey("Camara"));
    expect(nameKey("Ørsted")).toBe(nameKey("Orsted"));
    expect(nameKey("Ελλάδα")).toBe(nameKey("ΕΛΛΑΔΑ"));
    expect(nameKey("森林 協会")).toBe(nameKey("森林協会 "));
    expect(nameKey("!!!")).not.toBe("");
  });

  test("slugs are transliterated, or fall back to the table's own word, never empty", () => {
    expect(slugify("森林協会")).toBe("sen-lin-xie-hui");
    expect(slugify("Москва")).toBe("moskva");
    expect(slugify("हिन्दी")).toBe("hindi");
    expect(slugify("Cámara de Comercio")).toBe("camara-de-comercio");
    expect(slugify("🌳🌳", "evento")).toBe("evento");
  });

  test('"林業" registers after "森林協会" (no 409), and a true duplicate is still refused', async () => {
    const first = makePerson();
    const form = (name: string, ruc: string) => ({
      name,
      ruc,
      actorType: "cooperative",
      hqRegion: "CUS",
      roadmaps: "agriculture",
      valueChains: "agricultural",
      description: "Bosques.",
    });
    const post = (cookie: string, name: string, ruc: string) =>
      callRoute(newOrganisationAction, { method: "POST", url: "http://localhost:3000/organisations/new", cookie, form: form(name, ruc) });

    const created = await post(first.cookie, "森林協会", makeRuc("20", 81234561));
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe("/organisations/sen-lin-xie-hui");

    const second = await post(makePerson().cookie, "林業", makeRuc("20", 81234572));
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe("/organisations/lin-ye");

    const again = await post(makePerson().cookie, " 森林 協会 ", makeRuc("20", 81234583));
    expect(again.status).toBe(409);
    const accents = await post(makePerson().cookie, "Cooperativa Agraria Ñandú", makeRuc("20", 81234594));
    expect(accents.status).toBe(302);
    expect((await post(makePerson().cookie, "COOPERATIVA  agraria nandu", makeRuc("20", 81234605))).status).toBe(409);
  });

  test("an initiative and an event with non-Latin titles get their own readable slugs, not another feature's", () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const initiative = proposeInitiative(owner.user.id, makeInitiativeInput(organisation.id, { title: "森林再生プロジェクト" }));
    expect(initiative.ok && initiative.initiative.slug).toMatch(/^sen-lin-zai-sheng-/);
    const emojiInitiative = proposeInitiative(owner.user.id, makeInitiativeInput(organisation.id, { title: "🌳🌳🌳🌳🌳" }));
    expect(emojiInitiative.ok && emojiInitiative.initiative.slug).toMatch(/^iniciativa(-\d+)?$/);

    const coordinator = makePerson("coordinator");
    const event = createEvent(coordinator.user.id, eventInput({ title: "Лесной форум" }));
    expect(event.slug).toMatch(/^lesnoy-forum(-\d+)?$/);
    const emojiEvent = createEvent(coordinator.user.id, eventInput({ title: "♻️♻️♻️♻️♻️" }));
    expect(emojiEvent.slug).toMatch(/^evento(-\d+)?$/);
    const again = createEvent(coordinator.user.id, eventInput({ title: "♻️♻️♻️♻️♻️" }));
    expect(again.slug).not.toBe(emojiEvent.slug);
    const stored = db.select({ slug: schema.events.slug }).from(schema.events).where(eq(schema.events.id, again.id)).get();
    expect(stored?.slug).toBe(again.slug);
  });
});
