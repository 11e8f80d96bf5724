import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { exchangeOverview, exchangePage, recordExchange, requireListing } from "#app/.server/exchange/index.ts";
import { setSuspension } from "#app/.server/organisations/index.ts";
import { parseExchangeFilters } from "#app/features/exchange/filters.ts";
import { loader as recordLoader, action as recordAction } from "#app/routes/exchange.$id.exchanges.tsx";
import { action as respondAction } from "#app/routes/exchange.exchanges.$exchangeId.tsx";
import { loader as hideLoader, action as hideAction } from "#app/routes/exchange.$id.hide.tsx";
import { loader as listingLoader } from "#app/routes/exchange.$id._index.tsx";
import { loader as overviewLoader } from "#app/routes/exchange.overview.tsx";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { callRoute } from "./call-route.ts";
import { countQueries } from "./count-queries.ts";
import { noticesOf } from "./notices.ts";
import { expectFor as expectForRoles, outcomeOf, runPermissionMatrix, type MatrixRow, type Outcome } from "./permission-matrix.ts";
import { addMember, makeOrganisation, makePerson, makeWorld, ROLES, type Role } from "./world.ts";

// Coordination of the resource exchange (issue 12): the overview's figures worked out by hand, hiding a
// listing (audit, notices, out of every list), and the permission matrix of recording,
// answering, hiding and the overview through the real routes.

const BASE = "http://localhost:3000";
const TODAY = "2026-06-15";

describe("the coordinators' overview (runs first: this file's database is empty until then)", () => {
  test("open listings by category × region, wants without a have, exchanges per month", () => {
    const [a, b] = [makePerson(), makePerson()];
    const A = makeOrganisation(a);
    const B = makeOrganisation(b);
    // TAC: a have and a want of agro residues → the want has a have (A's, another organisation).
    makeListingRow(A.id, { region: "TAC" });
    const matchedWant = makeListingRow(B.id, { kind: "want", region: "TAC" });
    // MOQ: a want of PET in kg; the only PET have is in m³ (another measure) → unmatched.
    const petWant = makeListingRow(B.id, { kind: "want", category: "plastic_pet", unit: "kg", quantity: 500_000, region: "MOQ" });
    makeListingRow(A.id, { category: "plastic_pet", unit: "m3", quantity: 3000, region: "MOQ" });
    // TUM: A wants glass and has glass itself → its own have does not count → unmatched.
    const glassWant = makeListingRow(A.id, { kind: "want", category: "glass", region: "TUM" });
    makeListingRow(A.id, { kind: "have", category: "glass", region: "TUM" });
    // Not open: a draft, a hidden listing, a closed one.
    const draft = makeListingRow(B.id, { kind: "want", category: "wood", region: "TUM", status: "draft", publishedAt: null });
    const hidden = makeListingRow(B.id, { kind: "want", category: "wood", region: "TUM", hiddenAt: new Date() });
    makeListingRow(B.id, { kind: "want", category: "wood", region: "TUM", status: "closed" });
    // One confirmed exchange of 1.5 t of PET in May 2026 (A supplies B).
    const petHave = makeListingRow(A.id, { category: "plastic_pet", region: "ICA", status: "closed" });
    const recorded = recordExchange(a.user, petHave.id, { counterpartOrganisationId: B.id, occurredOn: "2026-05-20", unit: "t", baseQuantity: 1_500_000, valueCents: null }, { today: TODAY });
    if (!recorded.ok) throw new Error(recorded.error);
    db.update(schema.exchanges).set({ status: "confirmed" }).where(eq(schema.exchanges.id, recorded.exchangeId)).run();

    const overview = exchangeOverview();
    const mine = overview.open.filter((r) => ["TAC", "MOQ", "TUM"].includes(r.region)).map((r) => [r.category, r.region, r.haves, r.wants]);
    expect(mine.sort()).toEqual(
      [
        ["agro_residues", "TAC", 1, 1],
        ["plastic_pet", "MOQ", 1, 1],
        ["glass", "TUM", 1, 1],
      ].sort(),
    );
    const unmatched = overview.unmatched.rows.map((r) => r.id);
    expect(unmatched).toEqual(expect.arrayContaining([petWant.id, glassWant.id]));
    for (const id of [matchedWant.id, draft.id, hidden.id]) expect(unmatched).not.toContain(id);
    expect(overview.unmatched.total).toBe(2);
    expect(overview.exchanges.months).toEqual([{ month: "2026-05", tonnes: 1.5, exchanges: 1, co2eT: Math.round(1.5 * 3241) / 1000 }]);
    expect(overview.exchanges.co2e.kg).toBe(Math.round(1.5 * 3241));
    expect(overview.hidden.map((r) => r.id)).toEqual([hidden.id]);
  });

  test("the overview page runs a bounded number of statements, cold and warm, whatever the data", async () => {
    const coordinator = makePerson("coordinator");
    const run = async () => {
      let pending: ReturnType<typeof callRoute> | undefined;
      // callRoute runs the loader synchronously up to its first await: all its statements are counted.
      const n = countQueries(() => {
        pending = callRoute(overviewLoader, { url: `${BASE}/exchange/overview`, cookie: coordinator.cookie });
      });
      return { n, status: (await pending!).status };
    };
    const owner = makePerson();
    const org = makeOrganisation(owner);
    // A write first, so the cached overview is stale: both measured runs are cold.
    makeListingRow(org.id, { region: "PIU" });
    const cold = await run();
    for (let i = 0; i < 30; i += 1) makeListingRow(org.id, { kind: i % 2 ? "want" : "have", category: i % 3 ? "wood" : "glass", region: i % 4 ? "PIU" : "LAL" });
    const colder = await run();
    const warm = await run();
    expect(cold.status).toBe(200);
    expect(cold.n).toBeLessThanOrEqual(8);
    expect(colder.n).toBe(cold.n);
    expect(warm.n).toBeLessThanOrEqual(3);
  });
});

describe("hiding a listing", () => {
  test("a coordinator hides it with a reason: logged, its managers told, out of the lists; shown again likewise", async () => {
    const world = makeWorld();
    const listing = makeListingRow(world.organisation.id, { title: "Aserrín de pino para compost" });
    const hideCall = (cookie: string, form: Record<string, string>) =>
      callRoute((args) => hideAction({ ...args, params: { id: String(listing.id) } }), { url: `${BASE}/exchange/${listing.id}/hide`, method: "POST", cookie, form });
    const listed = () => exchangePage(parseExchangeFilters(new URLSearchParams({ q: "aserrín" }))).rows.map((r: { id: number }) => r.id);
    expect(listed()).toContain(listing.id);

    expect((await hideCall(world.people.coordinator.cookie, { intent: "hide", reason: "" })).status).toBe(400);
    expect(db.select().from(schema.exchangeListings).where(eq(schema.exchangeListings.id, listing.id)).get()!.hiddenAt).toBeNull();

    const hidden = await hideCall(world.people.coordinator.cookie, { intent: "hide", reason: "Ofrece un residuo peligroso sin EO-RS" });
    expect(outcomeOf(hidden)).toBe("ok");
    expect(db.select().from(schema.exchangeListings).where(eq(schema.exchangeListings.id, listing.id)).get()!.hiddenAt).not.toBeNull();
    expect(listed()).not.toContain(listing.id);
    expect(exchangeOverview().hidden.map((r) => r.id)).toContain(listing.id);
    // Its organisation and staff still see it; others get 404.
    expect(() => requireListing(listing.id, world.people.orgMember.user, "view")).not.toThrow();
    expect(() => requireListing(listing.id, world.people.admin.user, "view")).not.toThrow();
    const outsider = await callRoute((args) => listingLoader({ ...args, params: { id: String(listing.id) } }), {
      url: `${BASE}/exchange/${listing.id}`,
      cookie: world.people.otherOrgMember.cookie,
    });
    expect(outsider.status).toBe(404);
    for (const role of ["owner", "editor"] as const) {
      const notices = noticesOf(world.people[role].user);
      expect(notices.map((n) => n.type)).toContain("exchange.listing_hidden");
      expect(notices.find((n) => n.type === "exchange.listing_hidden")!.text).toContain("Ofrece un residuo peligroso sin EO-RS");
    }
    expect(noticesOf(world.people.orgMember.user)).toHaveLength(0);

    expect((await hideCall(world.people.admin.cookie, { intent: "hide", reason: "Otra vez" })).status).toBe(409);
    expect(outcomeOf(await hideCall(world.people.admin.cookie, { intent: "show", reason: "Corregido: indica su EO-RS" }))).toBe("ok");
    expect(listed()).toContain(listing.id);

    const audit = db.select().from(schema.exchangeAudit).where(eq(schema.exchangeAudit.listingId, listing.id)).orderBy(schema.exchangeAudit.id).all();
    expect(audit.map((r) => [r.action, r.actorId, r.changes.reason])).toEqual([
      ["hide", world.people.coordinator.user.id, "Ofrece un residuo peligroso sin EO-RS"],
      ["show", world.people.admin.user.id, "Corregido: indica su EO-RS"],
    ]);
    expect(audit[0]!.changes).toMatchObject({ before: { hiddenAt: null }, after: { hiddenAt: expect.any(Number) } });
    expect(audit[1]!.changes).toMatchObject({ before: { hiddenAt: expect.any(Number) }, after: { hiddenAt: null } });

    // The log is on the listing page for coordinators only.
    const page = async (cookie: string) =>
      (await callRoute((args) => listingLoader({ ...args, params: { id: String(listing.id) } }), { url: `${BASE}/exchange/${listing.id}`, cookie })).data as {
        coordination: { audit: Array<{ reason: string }> } | null;
      };
    expect((await page(world.people.coordinator.cookie)).coordination!.audit.map((r) => r.reason)).toEqual(["Corregido: indica su EO-RS", "Ofrece un residuo peligroso sin EO-RS"]);
    expect((await page(world.people.owner.cookie)).coordination).toBeNull();
  });
});

describe("answering through the route", () => {
  test("double confirmation → 409; the recording side → 403; not party → 404", async () => {
    const world = makeWorld();
    const listing = makeListingRow(world.organisation.id);
    const other = makeOrganisation(makePerson());
    const recorded = recordExchange(world.people.owner.user, listing.id, { counterpartOrganisationId: other.id, occurredOn: "2026-06-01", unit: "t", baseQuantity: 1_000_000, valueCents: null }, { today: TODAY });
    if (!recorded.ok) throw new Error(recorded.error);
    const answerer = makePerson();
    addMember(other.id, answerer, "editor");
    const answer = (cookie: string, decision = "confirm") =>
      callRoute((args) => respondAction({ ...args, params: { exchangeId: String(recorded.exchangeId) } }), {
        url: `${BASE}/exchange/exchanges/${recorded.exchangeId}`,
        method: "POST",
        cookie,
        form: { decision },
      });
    expect((await answer(world.people.editor.cookie)).status).toBe(403);
    expect((await answer(world.people.otherOrgMember.cookie)).status).toBe(404);
    expect((await answer(answerer.cookie, "maybe")).status).toBe(400);
    const first = await answer(answerer.cookie);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/exchange/${listing.id}#exchanges`);
    expect((await answer(answerer.cookie)).status).toBe(409);
  });
});

// ---- The permission matrix ------------------------------------------------------------------

type State = "approved" | "suspended";
type World = ReturnType<typeof makeExchangeWorld>;

/**
 * makeWorld's people around a published listing of the organisation, plus two pending exchanges on
 * it: one recorded by the listing's owner with the other organisation (answered by
 * otherOrgMember's side), one recorded by otherOrgMember for their organisation (answered by the
 * listing's side). With "suspended", the listing's organisation is suspended afterwards.
 */
function makeExchangeWorld(state: State | undefined) {
  const world = makeWorld();
  const listing = makeListingRow(world.organisation.id);
  const otherOrgId = db
    .select({ id: schema.organisationMembers.organisationId })
    .from(schema.organisationMembers)
    .where(eq(schema.organisationMembers.userId, world.people.otherOrgMember.user.id))
    .get()!.id;
  const third = makeOrganisation(makePerson());
  const record = (by: { user: typeof world.people.owner.user }, counterpartOrganisationId?: number) => {
    const result = recordExchange(by.user, listing.id, { counterpartOrganisationId, occurredOn: "2026-06-01", unit: "t", baseQuantity: 1_000_000, valueCents: null }, { today: TODAY });
    if (!result.ok) throw new Error(result.error);
    return result.exchangeId;
  };
  const byListingSide = record(world.people.owner, otherOrgId);
  const byOtherSide = record(world.people.otherOrgMember);
  if (state === "suspended") setSuspension(world.organisation.id, world.people.coordinator.user.id, true, "Prueba");
  return { ...world, listing, third, byListingSide, byOtherSide };
}

const expectFor = (rest: Outcome, overrides: Partial<Record<Role, Outcome>>) => expectForRoles(ROLES, rest, overrides);
const withId = (handler: Parameters<typeof callRoute>[0], params: (w: World) => Record<string, string>, w: World) => (args: Parameters<typeof handler>[0]) =>
  handler({ ...args, params: params(w) });
const listingParams = (w: World) => ({ id: String(w.listing.id) });
const get = (handler: Parameters<typeof callRoute>[0], path: (w: World) => string) => (w: World, cookie: string | undefined) =>
  callRoute(withId(handler, listingParams, w), { url: `${BASE}${path(w)}`, cookie });
const post = (
  handler: Parameters<typeof callRoute>[0],
  path: (w: World) => string,
  form: (w: World) => Record<string, string>,
  params: (w: World) => Record<string, string> = listingParams,
) =>
  (w: World, cookie: string | undefined) => callRoute(withId(handler, params, w), { url: `${BASE}${path(w)}`, method: "POST", cookie, form: form(w) });

const recordPath = (w: World) => `/exchange/${w.listing.id}/exchanges`;
const recordForm = (w: World) => ({ counterpartName: w.third.name, occurredOn: "2026-06-01", quantity: "2.5", unit: "t" });
const answer = (which: "byListingSide" | "byOtherSide") =>
  post(respondAction, (w) => `/exchange/exchanges/${w[which]}`, () => ({ decision: "confirm" }), (w) => ({ exchangeId: String(w[which]) }));
const hidePath = (w: World) => `/exchange/${w.listing.id}/hide`;

const rows: Array<MatrixRow<Role, World, State>> = [
  // Either side's owners and editors record; another approved organisation's owner records as the counterpart.
  { action: "record form", call: get(recordLoader, recordPath), expect: expectFor(403, { anonymous: "login", otherOrgMember: "ok", editor: "ok", owner: "ok" }) },
  { action: "record", call: post(recordAction, recordPath, recordForm), expect: expectFor(403, { anonymous: "login", otherOrgMember: "ok", editor: "ok", owner: "ok" }) },
  // The listing's organisation suspended: its team may not act, outsiders do not see the listing.
  { action: "record form", state: "suspended", call: get(recordLoader, recordPath), expect: expectFor(403, { anonymous: "login", otherOrgMember: 404 }) },
  { action: "record", state: "suspended", call: post(recordAction, recordPath, recordForm), expect: expectFor(403, { anonymous: "login", otherOrgMember: 404 }) },
  // Only the side that did not record answers; not party → 404 (staff included).
  { action: "confirm (listing side recorded)", call: answer("byListingSide"), expect: expectFor(403, { anonymous: "login", otherOrgMember: "ok", coordinator: 404, admin: 404 }) },
  { action: "confirm (other side recorded)", call: answer("byOtherSide"), expect: expectFor(403, { anonymous: "login", editor: "ok", owner: "ok", coordinator: 404, admin: 404 }) },
  { action: "confirm (other side recorded)", state: "suspended", call: answer("byOtherSide"), expect: expectFor(403, { anonymous: "login", coordinator: 404, admin: 404 }) },
  // Coordinators and admins hide; everyone else 403 (anonymous: log in).
  { action: "hide page", call: get(hideLoader, hidePath), expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }) },
  { action: "hide", call: post(hideAction, hidePath, () => ({ intent: "hide", reason: "Incumple las reglas" })), expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }) },
  { action: "hide", state: "suspended", call: post(hideAction, hidePath, () => ({ intent: "hide", reason: "Incumple las reglas" })), expect: expectFor(403, { anonymous: "login", otherOrgMember: 404, coordinator: "ok", admin: "ok" }) },
  { action: "overview", call: get(overviewLoader, () => "/exchange/overview"), expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }) },
];

describe("permission matrix: record, confirm, hide, overview × role", () => {
  runPermissionMatrix(ROLES, makeExchangeWorld, rows);
});
