import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema, sqlite } from "#app/.server/db.ts";
import {
  addListingPhoto,
  exchangesSection,
  exchangeTotalsByRoadmapLine,
  exchangeTotalsOfInitiative,
  exchangeTotalsOfOrganisation,
  exchangesByMonth,
  photosOf,
  recordableOrganisations,
  recordExchange,
  removeListingPhoto,
  respondToExchange,
  summariseMonths,
} from "#app/.server/exchange/index.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { setSuspension } from "#app/.server/organisations/index.ts";
import type { ExchangeRecordInput } from "#app/features/exchange/exchange-schemas.ts";
import { loader as photoLoader } from "#app/routes/exchange.$id.photos.$photoId.ts";
import { loader as roadmapsLoader } from "#app/routes/roadmaps._index.tsx";
import { loader as roadmapLoader } from "#app/routes/roadmaps.$sector.tsx";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { callRoute } from "./call-route.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { addMember, makeOrganisation, makePerson, type Person } from "./world.ts";

// Review findings on issue 12 (recording and confirming exchanges, roll-ups, the roadmaps index,
// listing photos' caching, repetition): each test failed before its fix. Figures are worked out by
// hand from each test's own fixture (new organisations per test; roll-ups are per organisation).

const TODAY = "2026-06-15";
const BASE = "http://localhost:3000";

const input = (overrides: Partial<ExchangeRecordInput> = {}): ExchangeRecordInput => ({
  actingOrganisationId: undefined,
  counterpartOrganisationId: undefined,
  counterpartName: undefined,
  occurredOn: "2026-06-01",
  unit: "t",
  baseQuantity: 2_000_000,
  valueCents: null,
  ...overrides,
});

/** A mill with a rice-husk "have" and a cooperative, each with an owner; an outsider. */
function makePair() {
  const millOwner = makePerson();
  const mill = makeOrganisation(millOwner);
  const coopOwner = makePerson();
  const coop = makeOrganisation(coopOwner);
  const listing = makeListingRow(mill.id);
  return { mill, millOwner, coop, coopOwner, listing };
}

function record(recorder: Person, listingId: number, overrides: Partial<ExchangeRecordInput>) {
  const recorded = recordExchange(recorder.user, listingId, input(overrides), { today: TODAY });
  if (!recorded.ok) throw new Error(recorded.error);
  return recorded.exchangeId;
}

const listingTarget = (listing: { id: number; organisationId: number; status: "published"; hiddenAt: Date | null }) => listing;

describe("finding 4: pending and declined exchanges and money values are for the parties only", () => {
  function withThree() {
    const w = makePair();
    // 2 t confirmed (S/ 1,500.00), 1 t pending (S/ 800.00), 0.5 t declined (S/ 300.00).
    const confirmed = record(w.millOwner, w.listing.id, { counterpartOrganisationId: w.coop.id, valueCents: 150_000 });
    expect(respondToExchange(w.coopOwner.user, confirmed, "confirm").ok).toBe(true);
    const pending = record(w.millOwner, w.listing.id, { counterpartOrganisationId: w.coop.id, baseQuantity: 1_000_000, valueCents: 80_000 });
    const declined = record(w.millOwner, w.listing.id, { counterpartOrganisationId: w.coop.id, baseQuantity: 500_000, valueCents: 30_000 });
    expect(respondToExchange(w.coopOwner.user, declined, "decline").ok).toBe(true);
    return { ...w, confirmed, pending, declined };
  }
  const section = (w: ReturnType<typeof makePair>, viewer: Person | null) =>
    exchangesSection(listingTarget({ ...w.listing, status: "published" }), "approved", viewer?.user ?? null).rows;

  test("anonymous visitors, members of other organisations and coordinators see the confirmed row only, without its value", () => {
    const w = withThree();
    const outsider = makePerson();
    makeOrganisation(outsider);
    for (const viewer of [null, outsider, makePerson("coordinator")]) {
      const rows = section(w, viewer);
      expect(rows.map((r) => [r.id, r.status, r.quantity, r.valueCents])).toEqual([[w.confirmed, "confirmed", 2_000_000, null]]);
    }
  });

  test("both parties (any member) see every row with its value", () => {
    const w = withThree();
    const coopMember = makePerson();
    addMember(w.coop.id, coopMember, "member");
    for (const viewer of [w.millOwner, w.coopOwner, coopMember]) {
      const rows = section(w, viewer);
      expect(rows.map((r) => [r.id, r.status, r.valueCents]).sort()).toEqual(
        [
          [w.confirmed, "confirmed", 150_000],
          [w.pending, "pending", 80_000],
          [w.declined, "declined", 30_000],
        ].sort(),
      );
    }
  });

  test("the page's rows carry no user ids (who recorded is not shown)", () => {
    const w = withThree();
    for (const row of section(w, w.coopOwner)) expect(Object.keys(row)).not.toContain("recordedBy");
  });
});

describe("finding 5: nobody confirms an exchange they recorded themselves", () => {
  test("an owner of both organisations records for one and may not confirm for the other; the other side's owner may", () => {
    const w = makePair();
    addMember(w.coop.id, w.millOwner, "editor");
    const id = record(w.millOwner, w.listing.id, { actingOrganisationId: w.mill.id, counterpartOrganisationId: w.coop.id });
    expect(respondToExchange(w.millOwner.user, id, "confirm")).toEqual({ ok: false, error: "forbidden" });
    const mine = exchangesSection(listingTarget({ ...w.listing, status: "published" }), "approved", w.millOwner.user).rows;
    expect(mine.find((r) => r.id === id)?.canAnswer).toBe(false);
    const theirs = exchangesSection(listingTarget({ ...w.listing, status: "published" }), "approved", w.coopOwner.user).rows;
    expect(theirs.find((r) => r.id === id)?.canAnswer).toBe(true);
    expect(respondToExchange(w.coopOwner.user, id, "confirm").ok).toBe(true);
  });
});

describe("finding 6: roll-ups leave out hidden listings and organisations that are not approved", () => {
  /**
   * Mill M supplies cooperative K: 2 t on listing L1 (initiative I, agriculture) and 3 t on L2,
   * both confirmed. Recycler R supplies K 4 t on L3, confirmed. Before anything happens: M diverted
   * 5 t (2 exchanges), K used 9 t (3), R diverted 4 t (1); I has 2 t.
   */
  function world() {
    const [m, k, r] = [makePerson(), makePerson(), makePerson()];
    const M = makeOrganisation(m);
    const K = makeOrganisation(k);
    const R = makeOrganisation(r);
    const proposed = proposeInitiative(m.user.id, makeInitiativeInput(M.id, { roadmap: "agriculture" }));
    if (!proposed.ok) throw new Error("initiative");
    advanceTo(proposed.initiative.id, m.user.id, "open");
    const I = proposed.initiative.id;
    const L1 = makeListingRow(M.id, { initiativeId: I });
    const L2 = makeListingRow(M.id);
    const L3 = makeListingRow(R.id);
    for (const [owner, listing, grams] of [
      [m, L1, 2_000_000],
      [m, L2, 3_000_000],
      [r, L3, 4_000_000],
    ] as const) {
      const id = record(owner, listing.id, { counterpartOrganisationId: K.id, baseQuantity: grams, occurredOn: "2026-05-20" });
      expect(respondToExchange(k.user, id, "confirm").ok).toBe(true);
    }
    return { m, k, r, M, K, R, I, L1, L2, L3 };
  }
  const hide = (listingId: number) => db.update(schema.exchangeListings).set({ hiddenAt: new Date() }).where(eq(schema.exchangeListings.id, listingId)).run();
  const setStatus = (organisationId: number, status: "approved" | "suspended") =>
    setSuspension(organisationId, makePerson("coordinator").user.id, status === "suspended", "Prueba");
  const may2026 = () => summariseMonths(exchangesByMonth({ from: "2026-05-01", to: "2026-06-01" })).totals;

  test("hiding L1 takes its 2 t out of M, K, the initiative, its roadmap line and the month", () => {
    const w = world();
    const before = may2026();
    expect(exchangeTotalsOfOrganisation(w.M.id).diverted).toMatchObject({ grams: 5_000_000, exchanges: 2 });
    expect(exchangeTotalsOfInitiative(w.I)).toMatchObject({ grams: 2_000_000, exchanges: 1 });
    const agricultureBefore = exchangeTotalsByRoadmapLine().find((l) => l.roadmap === "agriculture")?.totals.grams ?? 0;
    hide(w.L1.id);
    expect(exchangeTotalsOfOrganisation(w.M.id).diverted).toMatchObject({ grams: 3_000_000, exchanges: 1 });
    expect(exchangeTotalsOfOrganisation(w.K.id).used).toMatchObject({ grams: 7_000_000, exchanges: 2 });
    expect(exchangeTotalsOfInitiative(w.I)).toMatchObject({ grams: 0, exchanges: 0 });
    expect(exchangeTotalsByRoadmapLine().find((l) => l.roadmap === "agriculture")?.totals.grams ?? 0).toBe(agricultureBefore - 2_000_000);
    expect(may2026()).toMatchObject({ grams: before.grams - 2_000_000, exchanges: before.exchanges - 1 });
  });

  test("suspending R takes its 4 t out of K's received total and the month; reinstating brings them back", () => {
    const w = world();
    const before = may2026();
    setStatus(w.R.id, "suspended");
    expect(exchangeTotalsOfOrganisation(w.K.id).used).toMatchObject({ grams: 5_000_000, exchanges: 2 });
    expect(may2026()).toMatchObject({ grams: before.grams - 4_000_000, exchanges: before.exchanges - 1 });
    setStatus(w.R.id, "approved");
    expect(exchangeTotalsOfOrganisation(w.K.id).used).toMatchObject({ grams: 9_000_000, exchanges: 3 });
  });

  test("suspending the receiver K takes every exchange out of M's and R's totals too", () => {
    const w = world();
    setStatus(w.K.id, "suspended");
    expect(exchangeTotalsOfOrganisation(w.M.id).diverted).toMatchObject({ grams: 0, exchanges: 0 });
    expect(exchangeTotalsOfOrganisation(w.R.id).diverted).toMatchObject({ grams: 0, exchanges: 0 });
    expect(exchangeTotalsOfInitiative(w.I)).toMatchObject({ grams: 0, exchanges: 0 });
  });

  test("an exchange on a hidden listing cannot be confirmed", () => {
    const w = makePair();
    const id = record(w.millOwner, w.listing.id, { counterpartOrganisationId: w.coop.id });
    hide(w.listing.id);
    expect(respondToExchange(w.coopOwner.user, id, "confirm")).toEqual({ ok: false, error: "forbidden" });
    expect(db.select().from(schema.exchanges).where(eq(schema.exchanges.id, id)).get()!.status).toBe("pending");
  });

  test("the hidden listing's own team, who still see it, are offered no answer buttons", () => {
    const w = makePair();
    // The cooperative records on the mill's listing: the mill's team answers.
    const id = record(w.coopOwner, w.listing.id, {});
    const target = { ...w.listing, status: "published" as const };
    expect(exchangesSection(target, "approved", w.millOwner.user).rows.find((r) => r.id === id)?.canAnswer).toBe(true);
    expect(exchangesSection({ ...target, hiddenAt: new Date() }, "approved", w.millOwner.user).rows.find((r) => r.id === id)?.canAnswer).toBe(false);
  });
});

describe("finding 7: /roadmaps and /roadmaps/:sector show the same totals", () => {
  test("an agriculture initiative's confirmed 2.5 t appear in both pages' lines", async () => {
    const owner = makePerson();
    const A = makeOrganisation(owner);
    const buyerOwner = makePerson();
    const B = makeOrganisation(buyerOwner);
    const proposed = proposeInitiative(owner.user.id, makeInitiativeInput(A.id, { roadmap: "agriculture" }));
    if (!proposed.ok) throw new Error("initiative");
    advanceTo(proposed.initiative.id, owner.user.id, "open");
    const listing = makeListingRow(A.id, { initiativeId: proposed.initiative.id });
    const load = async (handler: Parameters<typeof callRoute>[0], url: string, params: Record<string, string> = {}) =>
      (await callRoute((args) => handler({ ...args, params }), { url: `${BASE}${url}` })).data as { lines: Array<{ roadmap: string; approach: string | null; totals: Record<string, number> }> };
    const agricultureOf = async (handler: Parameters<typeof callRoute>[0], url: string, params?: Record<string, string>) =>
      (await load(handler, url, params)).lines.find((l) => l.roadmap === "agriculture")?.totals.waste_diverted_t ?? 0;
    const indexBefore = await agricultureOf(roadmapsLoader, "/roadmaps");
    const id = record(owner, listing.id, { counterpartOrganisationId: B.id, baseQuantity: 2_500_000 });
    expect(respondToExchange(buyerOwner.user, id, "confirm").ok).toBe(true);
    // 2.5 t stored as INDICATORS store tonnes: 2,500 (kilograms).
    expect(await agricultureOf(roadmapsLoader, "/roadmaps")).toBe(indexBefore + 2_500);
    const index = (await load(roadmapsLoader, "/roadmaps")).lines.filter((l) => l.roadmap === "agriculture");
    const sector = (await load(roadmapLoader, "/roadmaps/agriculture", { sector: "agriculture" })).lines;
    expect(index).toEqual(sector);
  });
});

describe("finding 8: photos are cached publicly only when the listing is public", () => {
  function withPhoto(status: "approved" | "suspended") {
    const owner = makePerson();
    const org = makeOrganisation(owner);
    const listing = makeListingRow(org.id);
    const photo = db
      .insert(schema.exchangeListingPhotos)
      .values({ listingId: listing.id, image: Buffer.from("RIFF....WEBP"), contentType: "image/webp", hash: "abc123" })
      .returning()
      .get();
    if (status !== "approved") setSuspension(org.id, makePerson("coordinator").user.id, true, "Prueba");
    return { owner, listing, photo };
  }
  const serve = (listingId: number, photoId: number, query = "", cookie?: string) =>
    callRoute((args) => photoLoader({ ...args, params: { id: String(listingId), photoId: String(photoId) } }), {
      url: `${BASE}/exchange/${listingId}/photos/${photoId}${query}`,
      cookie,
    });

  test("a suspended organisation's listing photo, seen by its own team, is never stored by caches", async () => {
    const w = withPhoto("suspended");
    const served = await serve(w.listing.id, w.photo.id, "?v=abc123", w.owner.cookie);
    expect(served.status).toBe(200);
    expect(served.headers.get("Cache-Control")).toBe("private, no-store");
  });

  test("a public listing's versioned photo is cached for a day, not for a year nor as immutable", async () => {
    const w = withPhoto("approved");
    const served = await serve(w.listing.id, w.photo.id, "?v=abc123");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=86400");
    expect((await serve(w.listing.id, w.photo.id)).headers.get("Cache-Control")).toBe("public, max-age=300");
  });
});

describe("finding 14: one list of the organisations a person may record for; photo positions", () => {
  test("recordableOrganisations: the approved ones the person owns or edits and that may record on this listing", () => {
    const w = makePair();
    const third = makeOrganisation(w.coopOwner);
    const suspended = makeOrganisation(w.coopOwner, "suspended");
    const memberOnly = makeOrganisation(makePerson());
    addMember(memberOnly.id, w.coopOwner, "member");
    const target = { status: "published" as const, hiddenAt: null, organisationStatus: "approved" as const };
    const ids = recordableOrganisations(w.coopOwner.user, w.listing.organisationId, target).map((o) => o.id);
    expect(ids.sort()).toEqual([w.coop.id, third.id].sort());
    expect(ids).not.toContain(suspended.id);
    expect(recordableOrganisations(w.millOwner.user, w.listing.organisationId, target)).toMatchObject([{ id: w.mill.id, listingSide: true }]);
    expect(recordableOrganisations(w.millOwner.user, w.listing.organisationId, { ...target, status: "draft" })).toEqual([]);
  });

  test("a photo added after one was removed goes last, never sharing a position", () => {
    const w = makePair();
    const add = (hash: string) => {
      const added = addListingPhoto(w.listing.id, w.millOwner.user.id, { image: Buffer.from(hash), contentType: "image/webp", hash });
      if (!added.ok) throw new Error("photo");
      return added.id;
    };
    const [first] = [add("a"), add("b"), add("c")];
    expect(removeListingPhoto(w.listing.id, w.millOwner.user.id, first!).ok).toBe(true);
    const fourth = add("d");
    const positions = db
      .select({ id: schema.exchangeListingPhotos.id, position: schema.exchangeListingPhotos.position })
      .from(schema.exchangeListingPhotos)
      .where(eq(schema.exchangeListingPhotos.listingId, w.listing.id))
      .all();
    expect(new Set(positions.map((p) => p.position)).size).toBe(3);
    expect(photosOf(w.listing.id).map((p) => p.hash)).toEqual(["b", "c", "d"]);
    expect(photosOf(w.listing.id).at(-1)!.id).toBe(fourth);
  });

  test("the foreign key exchanges.recorded_by_organisation_id is indexed (an organisation's deletion searches, never scans)", () => {
    const plan = sqlite.prepare("EXPLAIN QUERY PLAN SELECT id FROM exchanges WHERE recorded_by_organisation_id = ?").all(1) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail)).toEqual([expect.stringMatching(/^SEARCH exchanges USING (COVERING )?INDEX exchanges_recorder_idx/)]);
  });
});
