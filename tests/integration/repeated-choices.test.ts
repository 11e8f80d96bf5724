// Issue 8 §7: a value repeated in a multi-choice field (the same region twice in operatingRegions,
// the same roadmap twice) answered 500 from a primary-key violation. Every form with such a field
// now accepts it and stores the value once.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { createEvent } from "#app/.server/events/index.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { EventSchema } from "#app/features/events/schemas.ts";
import { action as editEventAction } from "#app/routes/events.$slug.edit.tsx";
import { action as newEventAction } from "#app/routes/events.new.tsx";
import { action as editInitiativeAction } from "#app/routes/initiatives.$slug.edit.tsx";
import { action as newInitiativeAction } from "#app/routes/initiatives.new.tsx";
import { action as editOrganisationAction } from "#app/routes/organisations.$slug.edit.tsx";
import { action as newOrganisationAction } from "#app/routes/organisations.new.tsx";
import { choices, idChoices } from "#app/utils/zod-options.ts";
import { makeRuc } from "#tests/factories/organisations.ts";
import { callRoute } from "./call-route.ts";
import { makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

const BASE = "http://localhost:3000";
type Pairs = Array<[string, string]>;

let rucSeq = 0;
const freshRuc = () => makeRuc("20", 81_000_000 + (Date.now() % 100_000) * 10 + (rucSeq += 1));

const organisationPairs = (name: string, ruc: string): Pairs => [
  ["name", name],
  ["ruc", ruc],
  ["actorType", "cooperative"],
  ["hqRegion", "CUS"],
  ["operatingRegions", "PUN"],
  ["operatingRegions", "PUN"],
  ["operatingRegions", "ARE"],
  ["roadmaps", "agriculture"],
  ["roadmaps", "agriculture"],
  ["valueChains", "agricultural"],
  ["valueChains", "agricultural"],
];

const initiativePairs = (leadOrganisationId: number): Pairs => [
  ["leadOrganisationId", String(leadOrganisationId)],
  ["title", `Compost de pulpa de café ${crypto.randomUUID().slice(0, 6)}`],
  ["summary", "Convertir la pulpa de café en abono para pequeños productores."],
  ["roadmap", "agriculture"],
  ["valueChains", "agricultural"],
  ["valueChains", "agricultural"],
  ["regions", "SAM"],
  ["regions", "SAM"],
  ["needs", "partners"],
  ["needs", "partners"],
  ["partnerActorTypes", "academia"],
  ["partnerActorTypes", "academia"],
];

const eventPairs = (organiserId: number): Pairs => [
  ["title", `Taller de compostaje ${crypto.randomUUID().slice(0, 6)}`],
  ["type", "training"],
  ["summary", "Aprende a convertir residuos orgánicos en abono."],
  ["startsAt", "2031-03-10T09:00"],
  ["endsAt", "2031-03-10T13:00"],
  ["format", "in_person"],
  ["venueName", "CITE Cusco"],
  ["city", "Cusco"],
  ["region", "CUS"],
  ["organisers", String(organiserId)],
  ["organisers", String(organiserId)],
  ["roadmaps", "agriculture"],
  ["roadmaps", "agriculture"],
  ["valueChains", "agricultural"],
  ["valueChains", "agricultural"],
];

function storedOrganisationChoices(organisationId: number) {
  return {
    regions: db.select().from(schema.organisationRegions).where(eq(schema.organisationRegions.organisationId, organisationId)).all().map((r) => r.region).sort(),
    roadmaps: db.select().from(schema.organisationRoadmaps).where(eq(schema.organisationRoadmaps.organisationId, organisationId)).all().map((r) => r.roadmap),
    valueChains: db.select().from(schema.organisationValueChains).where(eq(schema.organisationValueChains.organisationId, organisationId)).all().map((r) => r.valueChain),
  };
}

function storedInitiativeChoices(initiativeId: number) {
  const needs = db.select().from(schema.initiativeNeeds).where(eq(schema.initiativeNeeds.initiativeId, initiativeId)).all();
  return {
    valueChains: db.select().from(schema.initiativeValueChains).where(eq(schema.initiativeValueChains.initiativeId, initiativeId)).all().map((r) => r.valueChain),
    regions: db.select().from(schema.initiativeRegions).where(eq(schema.initiativeRegions.initiativeId, initiativeId)).all().map((r) => r.region),
    needs: needs.map((n) => n.kind),
    partnerActorTypes: needs.find((n) => n.kind === "partners")?.partnerActorTypes,
  };
}

function storedEventChoices(eventId: number) {
  return {
    organisers: db.select().from(schema.eventOrganisers).where(eq(schema.eventOrganisers.eventId, eventId)).all().map((r) => r.organisationId),
    roadmaps: db.select().from(schema.eventRoadmaps).where(eq(schema.eventRoadmaps.eventId, eventId)).all().map((r) => r.roadmap),
    valueChains: db.select().from(schema.eventValueChains).where(eq(schema.eventValueChains.eventId, eventId)).all().map((r) => r.valueChain),
  };
}

const slugFrom = (location: string | null, section: string) => location?.match(new RegExp(`^/${section}/([^/?]+)`))?.[1];

describe("the shared option helpers", () => {
  test("choices and idChoices keep each value once, in first order, and still refuse unknown values", () => {
    const roadmaps = choices(["agriculture", "industry"] as const);
    expect(roadmaps.parse(["industry", "agriculture", "industry"])).toEqual(["industry", "agriculture"]);
    expect(roadmaps.safeParse(["industry", "mining"]).success).toBe(false);
    expect(idChoices().parse(["3", "3", 4])).toEqual([3, 4]);
  });
});

describe("a repeated choice is stored once, never a 500", () => {
  test("organisation application and profile edit (operatingRegions, roadmaps, valueChains)", async () => {
    const person = makePerson();
    const applied = await callRoute(newOrganisationAction, {
      url: `${BASE}/organisations/new`,
      method: "POST",
      cookie: person.cookie,
      form: organisationPairs(`Cooperativa Repetida ${crypto.randomUUID().slice(0, 6)}`, freshRuc()),
    });
    expect(applied.status).toBe(302);
    const slug = slugFrom(applied.headers.get("Location"), "organisations")!;
    const organisation = db.select().from(schema.organisations).where(eq(schema.organisations.slug, slug)).get()!;
    expect(storedOrganisationChoices(organisation.id)).toEqual({ regions: ["ARE", "PUN"], roadmaps: ["agriculture"], valueChains: ["agricultural"] });

    const owner = makePerson();
    const existing = makeOrganisation(owner);
    const edited = await callRoute((args) => editOrganisationAction({ ...args, params: { slug: existing.slug } }), {
      url: `${BASE}/organisations/${existing.slug}/edit`,
      method: "POST",
      cookie: owner.cookie,
      form: organisationPairs(existing.name, existing.ruc!),
    });
    expect(edited.status).toBe(302);
    expect(storedOrganisationChoices(existing.id)).toEqual({ regions: ["ARE", "PUN"], roadmaps: ["agriculture"], valueChains: ["agricultural"] });
  });

  test("initiative proposal and edit (valueChains, regions, needs, partnerActorTypes)", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const proposed = await callRoute(newInitiativeAction, {
      url: `${BASE}/initiatives/new`,
      method: "POST",
      cookie: owner.cookie,
      form: initiativePairs(organisation.id),
    });
    expect(proposed.status).toBe(302);
    const slug = slugFrom(proposed.headers.get("Location"), "initiatives")!;
    const initiative = db.select().from(schema.initiatives).where(eq(schema.initiatives.slug, slug)).get()!;
    const once = { valueChains: ["agricultural"], regions: ["SAM"], needs: ["partners"], partnerActorTypes: ["academia"] };
    expect(storedInitiativeChoices(initiative.id)).toEqual(once);

    const existing = proposeInitiative(owner.user.id, makeInitiativeInput(organisation.id));
    if (!existing.ok) throw new Error("could not propose");
    const edited = await callRoute((args) => editInitiativeAction({ ...args, params: { slug: existing.initiative.slug } }), {
      url: `${BASE}/initiatives/${existing.initiative.slug}/edit`,
      method: "POST",
      cookie: owner.cookie,
      form: initiativePairs(organisation.id),
    });
    expect(edited.status).toBe(302);
    expect(storedInitiativeChoices(existing.initiative.id)).toEqual(once);
  });

  test("event creation and edit (organisers, roadmaps, valueChains)", async () => {
    const coordinator = makePerson("coordinator");
    const organiser = makeOrganisation(makePerson());
    const created = await callRoute(newEventAction, { url: `${BASE}/events/new`, method: "POST", cookie: coordinator.cookie, form: eventPairs(organiser.id) });
    expect(created.status).toBe(302);
    const slug = slugFrom(created.headers.get("Location"), "events")!;
    const event = db.select().from(schema.events).where(eq(schema.events.slug, slug)).get()!;
    const once = { organisers: [organiser.id], roadmaps: ["agriculture"], valueChains: ["agricultural"] };
    expect(storedEventChoices(event.id)).toEqual(once);

    const existing = createEvent(
      coordinator.user.id,
      EventSchema.parse(Object.fromEntries(eventPairs(organiser.id).filter(([k]) => !["organisers", "roadmaps", "valueChains"].includes(k)))),
    );
    const edited = await callRoute((args) => editEventAction({ ...args, params: { slug: existing.slug } }), {
      url: `${BASE}/events/${existing.slug}/edit`,
      method: "POST",
      cookie: coordinator.cookie,
      form: eventPairs(organiser.id),
    });
    expect(edited.status).toBe(302);
    expect(storedEventChoices(existing.id)).toEqual(once);
  });
});
