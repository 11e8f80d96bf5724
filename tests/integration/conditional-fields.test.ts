// Fields that apply only in some cases (issue 8, §6): the industry approach of an initiative
// (industry roadmap only) and the company size of an organisation (companies only). Without
// JavaScript the forms show them to everyone, so the server must accept the form and ignore
// them — never store them — when they do not apply.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { auditLog } from "#app/.server/organisations/index.ts";
import { ACTOR_TYPES, hasCompanySize } from "#app/features/organisations/taxonomy.ts";
import { action as editInitiativeAction } from "#app/routes/initiatives.$slug.edit.tsx";
import { action as newInitiativeAction } from "#app/routes/initiatives.new.tsx";
import { action as editOrganisationAction } from "#app/routes/organisations.$slug.edit.tsx";
import { action as newOrganisationAction } from "#app/routes/organisations.new.tsx";
import { makeRuc } from "#tests/factories/organisations.ts";
import { callRoute } from "./call-route.ts";
import { makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

const BASE = "http://localhost:3000";
let rucSeq = 0;
const freshRuc = () => makeRuc("20", 61_000_000 + (Date.now() % 100_000) * 10 + (rucSeq += 1));

function organisationForm(overrides: Record<string, string>) {
  return {
    name: `Organización condicional ${crypto.randomUUID().slice(0, 8)}`,
    ruc: freshRuc(),
    hqRegion: "CUS",
    description: "Productores que valorizan sus residuos.",
    ...overrides,
  };
}

const organisationBySlugFromLocation = (location: string | null) => {
  const slug = location?.match(/^\/organisations\/([^/?]+)/)?.[1];
  expect(slug).toBeTruthy();
  return db.select().from(schema.organisations).where(eq(schema.organisations.slug, slug!)).get()!;
};

describe("company size applies to companies only", () => {
  test("only the company actor type has a size", () => {
    expect(ACTOR_TYPES.filter(hasCompanySize)).toEqual(["company"]);
  });

  test("a cooperative sent with a size is accepted and the size is stored nowhere, not even in the audit", async () => {
    const person = makePerson();
    const res = await callRoute(newOrganisationAction, {
      url: `${BASE}/organisations/new`,
      method: "POST",
      cookie: person.cookie,
      form: organisationForm({ actorType: "cooperative", companySize: "micro" }),
    });
    expect(res.status).toBe(302);
    const organisation = organisationBySlugFromLocation(res.headers.get("Location"));
    expect(organisation.actorType).toBe("cooperative");
    expect(organisation.companySize).toBeNull();
    const applied = auditLog(organisation.id).find((entry) => entry.action === "applied")!;
    expect(JSON.stringify(applied.changes)).not.toContain("micro");
    expect(JSON.stringify(applied.changes)).not.toContain("companySize");
  });

  test("a company still needs its size, and keeps it", async () => {
    const person = makePerson();
    const missing = await callRoute(newOrganisationAction, {
      url: `${BASE}/organisations/new`,
      method: "POST",
      cookie: person.cookie,
      form: organisationForm({ actorType: "company" }),
    });
    expect(missing.status).toBe(400);
    const sized = await callRoute(newOrganisationAction, {
      url: `${BASE}/organisations/new`,
      method: "POST",
      cookie: person.cookie,
      form: organisationForm({ actorType: "company", companySize: "small" }),
    });
    expect(sized.status).toBe(302);
    expect(organisationBySlugFromLocation(sized.headers.get("Location")).companySize).toBe("small");
  });

  test("a company that becomes academia loses its size when edited, whatever the form sends", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner, "approved", { actorType: "company", companySize: "large" });
    expect(organisation.companySize).toBe("large");
    const res = await callRoute((args) => editOrganisationAction({ ...args, params: { slug: organisation.slug } }), {
      url: `${BASE}/organisations/${organisation.slug}/edit`,
      method: "POST",
      cookie: owner.cookie,
      form: organisationForm({ name: organisation.name, ruc: organisation.ruc!, actorType: "academia", companySize: "large" }),
    });
    expect(res.status).toBe(302);
    const row = db.select().from(schema.organisations).where(eq(schema.organisations.id, organisation.id)).get()!;
    expect(row.actorType).toBe("academia");
    expect(row.companySize).toBeNull();
  });
});

describe("the industry approach applies to the industry roadmap only", () => {
  const initiativeForm = (leadOrganisationId: number, overrides: Record<string, string>) => ({
    leadOrganisationId: String(leadOrganisationId),
    title: `Compost de pulpa de café ${crypto.randomUUID().slice(0, 6)}`,
    summary: "Convertir la pulpa de café en abono para pequeños productores.",
    ...overrides,
  });

  test("a proposal on another roadmap sent with an approach is saved, without the approach", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const res = await callRoute(newInitiativeAction, {
      url: `${BASE}/initiatives/new`,
      method: "POST",
      cookie: owner.cookie,
      form: initiativeForm(organisation.id, { roadmap: "agriculture", approach: "waste_valorisation" }),
    });
    expect(res.status).toBe(302);
    const slug = res.headers.get("Location")!.match(/^\/initiatives\/([^/?]+)/)![1]!;
    const row = db.select().from(schema.initiatives).where(eq(schema.initiatives.slug, slug)).get()!;
    expect(row.roadmap).toBe("agriculture");
    expect(row.approach).toBeNull();
  });

  test("the industry roadmap still needs an approach, and keeps it", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const missing = await callRoute(newInitiativeAction, {
      url: `${BASE}/initiatives/new`,
      method: "POST",
      cookie: owner.cookie,
      form: initiativeForm(organisation.id, { roadmap: "industry" }),
    });
    expect(missing.status).toBe(400);
    const res = await callRoute(newInitiativeAction, {
      url: `${BASE}/initiatives/new`,
      method: "POST",
      cookie: owner.cookie,
      form: initiativeForm(organisation.id, { roadmap: "industry", approach: "waste_valorisation" }),
    });
    expect(res.status).toBe(302);
    const slug = res.headers.get("Location")!.match(/^\/initiatives\/([^/?]+)/)![1]!;
    expect(db.select().from(schema.initiatives).where(eq(schema.initiatives.slug, slug)).get()!.approach).toBe("waste_valorisation");
  });

  test("an industry initiative moved to another roadmap drops its approach, even if the form still sends it", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const proposed = proposeInitiative(owner.user.id, makeInitiativeInput(organisation.id, { roadmap: "industry", approach: "sustainable_production" }));
    if (!proposed.ok) throw new Error("could not propose");
    const slug = proposed.initiative.slug;
    const res = await callRoute((args) => editInitiativeAction({ ...args, params: { slug } }), {
      url: `${BASE}/initiatives/${slug}/edit`,
      method: "POST",
      cookie: owner.cookie,
      form: initiativeForm(organisation.id, { roadmap: "fisheries", approach: "sustainable_production" }),
    });
    expect(res.status).toBe(302);
    const row = db.select().from(schema.initiatives).where(eq(schema.initiatives.slug, slug)).get()!;
    expect(row.roadmap).toBe("fisheries");
    expect(row.approach).toBeNull();
  });
});
