import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import {
  acceptInvitation,
  applyForMembership,
  auditLog,
  changeMemberRole,
  createInvitation,
  decideApplication,
  directoryExport,
  directoryFacets,
  directoryPage,
  INVITATION_TTL_MS,
  organisationProfile,
  pactSignatories,
  peekInvitation,
  removeMember,
  signPact,
  updateOrganisationProfile,
  withdrawPact,
} from "#app/.server/organisations/index.ts";
import { parseDirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import { makeOrganisationProfile, makeRuc } from "#tests/factories/organisations.ts";
import { action as profileAction } from "#app/routes/organisations.$slug._index.tsx";
import { callRoute } from "./call-route.ts";
import { countQueries } from "./count-queries.ts";
import { addMember, makeOrganisation, makePerson } from "./world.ts";
import { noticesOf } from "./notices.ts";

const filters = (query: string) => parseDirectoryFilters(new URLSearchParams(query));

describe("applying", () => {
  test("the applicant becomes owner of a pending organisation, and it is audited", () => {
    const person = makePerson();
    const result = applyForMembership(person.user.id, makeOrganisationProfile({ name: "Cooperativa Quinua Real" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = db.select().from(schema.organisations).where(eq(schema.organisations.id, result.organisation.id)).get()!;
    expect(row.status).toBe("pending");
    expect(row.slug).toBe("cooperativa-quinua-real");
    const members = db.select().from(schema.organisationMembers).where(eq(schema.organisationMembers.organisationId, row.id)).all();
    expect(members).toEqual([expect.objectContaining({ userId: person.user.id, role: "owner" })]);
    expect(auditLog(row.id).map((e) => e.action)).toEqual(["applied"]);
  });

  test("a duplicate RUC, or the same name with other accents and case, is refused; nothing is written", () => {
    const owner = makePerson();
    const ruc = makeRuc("20", 77700011);
    expect(applyForMembership(owner.user.id, makeOrganisationProfile({ name: "Cámara Agraria del Sur", ruc })).ok).toBe(true);
    const before = db.select().from(schema.organisations).all().length;
    expect(applyForMembership(makePerson().user.id, makeOrganisationProfile({ ruc }))).toEqual({ ok: false, error: "rucTaken" });
    expect(applyForMembership(makePerson().user.id, makeOrganisationProfile({ name: "camara agraria del SUR" }))).toEqual({
      ok: false,
      error: "nameTaken",
    });
    expect(db.select().from(schema.organisations).all().length).toBe(before);
  });

  test("sending one's own application again is answered as one's own, not as someone else's organisation", () => {
    const owner = makePerson();
    const ruc = makeRuc("20", 77700029);
    expect(applyForMembership(owner.user.id, makeOrganisationProfile({ name: "Recicladores del Rímac", ruc })).ok).toBe(true);
    expect(applyForMembership(owner.user.id, makeOrganisationProfile({ name: "Recicladores del Rimac", ruc }))).toEqual({
      ok: false,
      error: "alreadyYours",
    });
    expect(applyForMembership(makePerson().user.id, makeOrganisationProfile({ name: "Recicladores del Rimac" }))).toEqual({
      ok: false,
      error: "nameTaken",
    });
  });

  test("a rejected applicant corrects the profile and is back in the queue", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner, "rejected");
    const result = updateOrganisationProfile(organisation.id, owner.user.id, makeOrganisationProfile({ name: "Nombre corregido", ruc: organisation.ruc! }));
    expect(result).toMatchObject({ ok: true, reapplied: true });
    const row = db.select().from(schema.organisations).where(eq(schema.organisations.id, organisation.id)).get()!;
    expect(row.status).toBe("pending");
    expect(auditLog(organisation.id).map((e) => e.action)).toEqual(expect.arrayContaining(["edited", "reapplied", "rejected"]));
    const edit = auditLog(organisation.id).find((e) => e.action === "edited")!;
    expect(edit.changes).toHaveProperty("name", [organisation.name, "Nombre corregido"]);
  });

  test("approval tells the owners by email and in the app, in their language", async () => {
    const owner = makePerson();
    db.update(schema.users).set({ locale: "en" }).where(eq(schema.users.id, owner.user.id)).run();
    const organisation = makeOrganisation(owner, "pending", { name: "Textiles Andinos" });
    const coordinator = makePerson("coordinator");
    expect((await decideApplication(organisation.id, coordinator.user.id, { decision: "approve" })).ok).toBe(true);
    const mail = db.select().from(schema.outbox).where(eq(schema.outbox.to, owner.user.email)).all().at(-1)!;
    expect(mail.subject).toBe("Textiles Andinos was approved on Peru Circular Country");
    const notice = noticesOf(owner.user, "en");
    // The next step, signing the Pact, is where the notice leads.
    expect(notice).toEqual([expect.objectContaining({ type: "organisation.approved_sign_pact", link: `/organisations/${organisation.slug}/pact` })]);
    expect(notice[0]!.text).toContain("Textiles Andinos");
    // A decided application cannot be decided again.
    expect(await decideApplication(organisation.id, coordinator.user.id, { decision: "reject", reason: "x" })).toEqual({
      ok: false,
      error: "notPending",
    });
  });
});

describe("team", () => {
  test("an organisation always keeps at least one owner", () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    expect(changeMemberRole(organisation.id, owner.user.id, owner.user.id, "editor")).toEqual({ ok: false, error: "lastOwner" });
    expect(removeMember(organisation.id, owner.user.id, owner.user.id)).toEqual({ ok: false, error: "lastOwner" });
    const second = makePerson();
    addMember(organisation.id, second, "owner");
    expect(changeMemberRole(organisation.id, owner.user.id, owner.user.id, "editor").ok).toBe(true);
    expect(removeMember(organisation.id, second.user.id, second.user.id)).toEqual({ ok: false, error: "lastOwner" });
  });

  test("an invitation link works once, and not after it expires", () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const invited = createInvitation(organisation.id, owner.user.id, { email: "Colega@Prueba.pe", role: "editor" });
    expect(invited).toMatchObject({ ok: true, email: "colega@prueba.pe" });
    if (!invited.ok) return;
    const colleague = makePerson();
    expect(acceptInvitation(invited.token, colleague.user.id)).toMatchObject({ ok: true });
    expect(acceptInvitation(invited.token, makePerson().user.id)).toEqual({ ok: false, error: "invalid" });
    const role = db
      .select()
      .from(schema.organisationMembers)
      .where(eq(schema.organisationMembers.userId, colleague.user.id))
      .get()?.role;
    expect(role).toBe("editor");

    const issued = Date.now();
    const late = createInvitation(organisation.id, owner.user.id, { email: "tarde@prueba.pe", role: "member" }, issued);
    if (!late.ok) throw new Error("no invitation");
    expect(peekInvitation(late.token, issued + INVITATION_TTL_MS + 1)).toBeNull();
    expect(acceptInvitation(late.token, makePerson().user.id, issued + INVITATION_TTL_MS + 1)).toEqual({ ok: false, error: "invalid" });
    // A token with its last character changed (to one it does not already have: a fixed "a" made
    // this test pass only when the token did not already end in "a").
    const tampered = late.token.slice(0, -1) + (late.token.endsWith("a") ? "b" : "a");
    expect(acceptInvitation(tampered, makePerson().user.id)).toEqual({ ok: false, error: "invalid" });
  });

  test("inviting someone already on the team is refused", () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    expect(createInvitation(organisation.id, owner.user.id, { email: owner.user.email, role: "member" })).toEqual({
      ok: false,
      error: "alreadyMember",
    });
  });
});

describe("the Pact", () => {
  test("sign once, withdraw (kept in history), sign again", () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const signer = { signerName: "Rosa Mamani", signerPosition: "Presidenta" };
    expect(signPact(organisation.id, owner.user.id, signer).ok).toBe(true);
    expect(signPact(organisation.id, owner.user.id, signer)).toEqual({ ok: false, error: "alreadySigned" });
    expect(pactSignatories().some((s) => s.slug === organisation.slug)).toBe(true);
    expect(withdrawPact(organisation.id, owner.user.id).ok).toBe(true);
    expect(withdrawPact(organisation.id, owner.user.id)).toEqual({ ok: false, error: "notSigned" });
    expect(pactSignatories().some((s) => s.slug === organisation.slug)).toBe(false);
    expect(signPact(organisation.id, owner.user.id, signer).ok).toBe(true);
    const profile = organisationProfile(organisation.id);
    expect(profile.signatureHistory).toHaveLength(2);
    expect(profile.signatureHistory.filter((s) => s.withdrawnAt)).toHaveLength(1);
  });
});

describe("directory", () => {
  // Three approved organisations with known tags, plus one pending that must never count.
  function seedDirectory(tag: string) {
    const make = (name: string, p: Parameters<typeof makeOrganisationProfile>[0], status: "approved" | "pending" = "approved") =>
      makeOrganisation(makePerson(), status, { name: `${tag} ${name}`, ...p });
    const a = make("Alfa", { actorType: "company", companySize: "micro", hqRegion: "PIU", operatingRegions: ["TUM"], roadmaps: ["industry"], valueChains: ["plastics"] });
    const b = make("Beta", { actorType: "cooperative", hqRegion: "CUS", operatingRegions: ["PIU"], roadmaps: ["agriculture"], valueChains: ["agricultural"] });
    const c = make("Gamma", { actorType: "regional_government", hqRegion: "ARE", roadmaps: ["agriculture", "industry"], valueChains: ["plastics"] });
    make("Delta", { actorType: "company", companySize: "large", hqRegion: "PIU" }, "pending");
    signPact(c.id, makePerson().user.id, { signerName: "X Y", signerPosition: "Gobernador" });
    return { a, b, c };
  }

  test("filters combine with AND across groups and OR within one; pending organisations never show", () => {
    const { a, b, c } = seedDirectory("Filtro");
    const names = (query: string) => directoryPage(filters(`q=Filtro&${query}`)).rows.map((r) => r.name).sort();
    expect(names("")).toEqual([a.name, b.name, c.name].sort());
    // Region matches the head office or an operating region.
    expect(names("region=PIU")).toEqual([a.name, b.name].sort());
    expect(names("region=PIU&roadmap=agriculture")).toEqual([b.name]);
    expect(names("roadmap=agriculture&roadmap=industry")).toEqual([a.name, b.name, c.name].sort());
    expect(names("level=regional")).toEqual([c.name]);
    expect(names("pact=yes")).toEqual([c.name]);
    expect(names("pact=no&chain=plastics")).toEqual([a.name]);
    expect(names("size=micro")).toEqual([a.name]);
  });

  test("each facet counts with the other filters applied, not its own", () => {
    seedDirectory("Faceta");
    const facets = directoryFacets(filters("q=Faceta&roadmap=agriculture"));
    // The roadmap facet ignores the roadmap filter: industry still shows its count.
    expect(facets.roadmap).toEqual({ agriculture: 2, industry: 2 });
    // Other facets only count the agriculture organisations (Beta and Gamma).
    expect(facets.actorType).toEqual({ cooperative: 1, regional_government: 1 });
    expect(facets.region).toEqual({ ARE: 1, CUS: 1, PIU: 1 });
    expect(facets.pact).toEqual({ yes: 1, no: 1 });
    expect(facets.level).toEqual({ regional: 1 });
  });

  test("the page costs the same few queries with 3 or 40 organisations (never one per row)", () => {
    seedDirectory("Cuenta");
    const load = () => {
      const f = filters("region=PIU&roadmap=industry&roadmap=agriculture");
      directoryFacets(f);
      directoryPage(f);
      directoryExport(f);
    };
    const few = countQueries(load);
    for (let i = 0; i < 37; i++) makeOrganisation(makePerson(), "approved", { hqRegion: "PIU", roadmaps: ["industry"], operatingRegions: ["CUS", "ARE"] });
    const many = countQueries(load);
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(10);
  });

  test("export has public fields only and follows the filters", () => {
    const { a } = seedDirectory("Exporta");
    const rows = directoryExport(filters("q=Exporta&size=micro"));
    expect(rows.map((r) => r.name)).toEqual([a.name]);
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ["acronym", "actorType", "companySize", "contactEmail", "foundedYear", "hqRegion", "name", "operatingRegions", "pactSignedAt", "roadmaps", "ruc", "slug", "valueChains", "website"].sort(),
    );
  });
});

describe("coordinating from an organisation's page", () => {
  test("acts on that organisation only: an id of another one posted there is a 400 and changes nothing", async () => {
    const coordinator = makePerson("coordinator");
    const shown = makeOrganisation(makePerson(), "pending");
    const other = makeOrganisation(makePerson(), "pending");
    const post = (organisationId: number) =>
      callRoute((args) => profileAction({ ...args, params: { slug: shown.slug } }), {
        url: `http://localhost:3000/organisations/${shown.slug}`,
        method: "POST",
        cookie: coordinator.cookie,
        form: { intent: "approve", organisationId: String(organisationId) },
      });
    const status = (id: number) => db.select().from(schema.organisations).where(eq(schema.organisations.id, id)).get()!.status;
    expect((await post(other.id)).status).toBe(400);
    expect(status(other.id)).toBe("pending");
    expect((await post(shown.id)).status).toBe(302);
    expect(status(shown.id)).toBe("approved");
  });
});
