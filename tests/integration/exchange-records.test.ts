import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { exchangesOfListing, mayAnswer, recordExchange, respondToExchange } from "#app/.server/exchange/index.ts";
import { exchangeRecordSchema, type ExchangeRecordInput } from "#app/features/exchange/exchange-schemas.ts";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { noticesOf } from "./notices.ts";
import { addMember, makeOrganisation, makePerson, type Person } from "./world.ts";

// Recording and confirming exchanges (issue 12): the lifecycle and every refusal, at the server
// level (the routes are covered by the permission matrix in exchange-coordination.test.ts).

const TODAY = "2026-06-15";

/** A rice-husk "have" of a mill and a cooperative that wants it, each with an owner and an editor. */
function makePair() {
  const millOwner = makePerson();
  const mill = makeOrganisation(millOwner);
  const millEditor = makePerson();
  addMember(mill.id, millEditor, "editor");
  const coopOwner = makePerson();
  const coop = makeOrganisation(coopOwner);
  const coopEditor = makePerson();
  addMember(coop.id, coopEditor, "editor");
  const coopMember = makePerson();
  addMember(coop.id, coopMember, "member");
  const listing = makeListingRow(mill.id);
  return { mill, millOwner, millEditor, coop, coopOwner, coopEditor, coopMember, listing };
}

const input = (overrides: Partial<ExchangeRecordInput> = {}): ExchangeRecordInput => ({
  actingOrganisationId: undefined,
  counterpartOrganisationId: undefined,
  counterpartName: undefined,
  occurredOn: "2026-06-01",
  unit: "t",
  baseQuantity: 2_500_000,
  valueCents: null,
  ...overrides,
});

const userOf = (p: Person) => p.user;

describe("recording an exchange", () => {
  test("the listing's side records with a counterpart; the other side is told, confirms, and the recorder is told", () => {
    const w = makePair();
    const recorded = recordExchange(userOf(w.millEditor), w.listing.id, input({ counterpartOrganisationId: w.coop.id, valueCents: 150_000 }), { today: TODAY });
    expect(recorded).toMatchObject({ ok: true });
    if (!recorded.ok) return;
    const row = db.select().from(schema.exchanges).where(eq(schema.exchanges.id, recorded.exchangeId)).get()!;
    // A "have": the listing's organisation supplies, the counterpart receives.
    expect(row).toMatchObject({
      supplierOrganisationId: w.mill.id,
      receiverOrganisationId: w.coop.id,
      recordedByOrganisationId: w.mill.id,
      category: "agro_residues",
      quantity: 2_500_000,
      unit: "t",
      valueCents: 150_000,
      status: "pending",
      occurredOn: "2026-06-01",
    });
    for (const person of [w.coopOwner, w.coopEditor]) {
      const [notice] = noticesOf(person.user);
      expect(notice).toMatchObject({ type: "exchange.recorded", link: `/exchange/${w.listing.id}#exchanges` });
      expect(notice!.text).toContain(w.mill.name);
    }
    expect(noticesOf(w.coopMember.user)).toHaveLength(0);
    expect(noticesOf(w.millEditor.user)).toHaveLength(0);

    const shown = exchangesOfListing(w.listing.id, [w.coop.id]);
    expect(shown.map((r) => [r.supplier, r.receiver, r.status])).toEqual([[w.mill.name, w.coop.name, "pending"]]);
    expect(mayAnswer(shown[0]!, [{ id: w.coop.id, role: "editor" }], w.coopEditor.user.id)).toBe(true);
    expect(mayAnswer(shown[0]!, [{ id: w.mill.id, role: "owner" }], w.millOwner.user.id)).toBe(false);
    expect(mayAnswer(shown[0]!, [{ id: w.coop.id, role: "member" }], w.coopMember.user.id)).toBe(false);

    expect(respondToExchange(userOf(w.coopEditor), recorded.exchangeId, "confirm")).toEqual({ ok: true, listingId: w.listing.id });
    expect(db.select().from(schema.exchanges).where(eq(schema.exchanges.id, recorded.exchangeId)).get()).toMatchObject({
      status: "confirmed",
      respondedBy: w.coopEditor.user.id,
    });
    for (const person of [w.millOwner, w.millEditor]) expect(noticesOf(person.user).map((n) => n.type)).toContain("exchange.confirmed");
  });

  test("the counterpart records on a want: it supplies, the listing's organisation receives; declining keeps the row", () => {
    const w = makePair();
    const want = makeListingRow(w.mill.id, { kind: "want", title: "Buscamos cascarilla" });
    const recorded = recordExchange(userOf(w.coopOwner), want.id, input(), { today: TODAY });
    expect(recorded.ok).toBe(true);
    if (!recorded.ok) return;
    expect(db.select().from(schema.exchanges).where(eq(schema.exchanges.id, recorded.exchangeId)).get()).toMatchObject({
      supplierOrganisationId: w.coop.id,
      receiverOrganisationId: w.mill.id,
      recordedByOrganisationId: w.coop.id,
    });
    expect(respondToExchange(userOf(w.millOwner), recorded.exchangeId, "decline")).toMatchObject({ ok: true });
    expect(exchangesOfListing(want.id, [w.mill.id]).map((r) => r.status)).toEqual(["declined"]);
    expect(noticesOf(w.coopOwner.user).map((n) => n.type)).toContain("exchange.declined");
  });

  test("a counterpart named as typed (accents, case) is found among approved organisations", () => {
    const w = makePair();
    const typed = w.coop.name.toUpperCase();
    const recorded = recordExchange(userOf(w.millOwner), w.listing.id, input({ counterpartName: typed }), { today: TODAY });
    expect(recorded).toMatchObject({ ok: true, otherOrganisationId: w.coop.id });
  });

  test("closed and expired listings still take records and keep them", () => {
    const w = makePair();
    db.update(schema.exchangeListings).set({ status: "expired" }).where(eq(schema.exchangeListings.id, w.listing.id)).run();
    expect(recordExchange(userOf(w.millOwner), w.listing.id, input({ counterpartOrganisationId: w.coop.id }), { today: TODAY }).ok).toBe(true);
    db.update(schema.exchangeListings).set({ status: "closed" }).where(eq(schema.exchangeListings.id, w.listing.id)).run();
    expect(exchangesOfListing(w.listing.id, [w.mill.id])).toHaveLength(1);
  });
});

describe("refusals: nothing is saved", () => {
  const count = () => db.select().from(schema.exchanges).all().length;

  test.each<[string, (w: ReturnType<typeof makePair>) => Partial<ExchangeRecordInput>, string]>([
    ["with yourself (counterpart = acting organisation)", (w) => ({ counterpartOrganisationId: w.mill.id }), "self"],
    ["with yourself by name", (w) => ({ counterpartName: w.mill.name }), "self"],
    ["another dimension (m³ on a listing in tonnes)", (w) => ({ counterpartOrganisationId: w.coop.id, unit: "m3", baseQuantity: 1000 }), "otherDimension"],
    ["zero", (w) => ({ counterpartOrganisationId: w.coop.id, baseQuantity: 0 }), "badQuantity"],
    ["negative", (w) => ({ counterpartOrganisationId: w.coop.id, baseQuantity: -5 }), "badQuantity"],
    ["absurd (over 1,000,000 t)", (w) => ({ counterpartOrganisationId: w.coop.id, baseQuantity: 1_000_000 * 1_000_000 + 1 }), "badQuantity"],
    ["in the future", (w) => ({ counterpartOrganisationId: w.coop.id, occurredOn: "2026-06-16" }), "badDate"],
    ["before 2015", (w) => ({ counterpartOrganisationId: w.coop.id, occurredOn: "2014-12-31" }), "badDate"],
    ["an unknown counterpart id", () => ({ counterpartOrganisationId: 987_654_321 }), "counterpartUnknown"],
    ["an unknown counterpart name", () => ({ counterpartName: "Nadie S.A.C." }), "counterpartUnknown"],
    ["no counterpart", () => ({}), "counterpartUnknown"],
  ])("%s → %s", (_, make, error) => {
    const w = makePair();
    const before = count();
    expect(recordExchange(userOf(w.millOwner), w.listing.id, input(make(w)), { today: TODAY })).toEqual({ ok: false, error });
    expect(count()).toBe(before);
  });

  test("a suspended or pending counterpart is refused", () => {
    const w = makePair();
    const suspended = makeOrganisation(makePerson(), "suspended");
    const pending = makeOrganisation(makePerson(), "pending");
    for (const other of [suspended, pending]) {
      expect(recordExchange(userOf(w.millOwner), w.listing.id, input({ counterpartOrganisationId: other.id }), { today: TODAY })).toEqual({
        ok: false,
        error: "counterpartNotApproved",
      });
    }
  });

  test("plain members, outsiders who manage nothing, and the team of a suspended listing organisation may not record", () => {
    const w = makePair();
    expect(recordExchange(userOf(w.coopMember), w.listing.id, input(), { today: TODAY })).toEqual({ ok: false, error: "forbidden" });
    expect(recordExchange(makePerson().user, w.listing.id, input(), { today: TODAY })).toEqual({ ok: false, error: "forbidden" });
    const suspendedOwner = makePerson();
    const suspended = makeOrganisation(suspendedOwner, "suspended");
    const theirs = makeListingRow(suspended.id);
    expect(recordExchange(userOf(suspendedOwner), theirs.id, input({ counterpartOrganisationId: w.coop.id }), { today: TODAY })).toEqual({ ok: false, error: "forbidden" });
    // Outsiders do not see a suspended organisation's listing at all.
    expect(recordExchange(userOf(w.coopOwner), theirs.id, input(), { today: TODAY })).toEqual({ ok: false, error: "notFound" });
  });

  test("drafts and hidden listings take no records; an unknown listing is not found", () => {
    const w = makePair();
    const draft = makeListingRow(w.mill.id, { status: "draft", publishedAt: null });
    const hidden = makeListingRow(w.mill.id, { hiddenAt: new Date() });
    expect(recordExchange(userOf(w.millOwner), draft.id, input({ counterpartOrganisationId: w.coop.id }), { today: TODAY })).toEqual({ ok: false, error: "forbidden" });
    expect(recordExchange(userOf(w.coopOwner), hidden.id, input(), { today: TODAY })).toEqual({ ok: false, error: "notFound" });
    expect(recordExchange(userOf(w.millOwner), 987_654_321, input(), { today: TODAY })).toEqual({ ok: false, error: "notFound" });
  });

  test("someone who manages several organisations must say which one acts, and may only name their own", () => {
    const w = makePair();
    const third = makeOrganisation(w.coopOwner);
    expect(recordExchange(userOf(w.coopOwner), w.listing.id, input(), { today: TODAY })).toEqual({ ok: false, error: "chooseOrganisation" });
    expect(recordExchange(userOf(w.coopOwner), w.listing.id, input({ actingOrganisationId: w.mill.id }), { today: TODAY })).toEqual({ ok: false, error: "forbidden" });
    expect(recordExchange(userOf(w.coopOwner), w.listing.id, input({ actingOrganisationId: third.id }), { today: TODAY })).toMatchObject({
      ok: true,
      otherOrganisationId: w.mill.id,
    });
  });
});

describe("answering", () => {
  function recorded() {
    const w = makePair();
    const result = recordExchange(userOf(w.millOwner), w.listing.id, input({ counterpartOrganisationId: w.coop.id }), { today: TODAY });
    if (!result.ok) throw new Error(result.error);
    return { ...w, exchangeId: result.exchangeId };
  }

  test("not party → notFound (staff too); the recording side and plain members → forbidden; twice → alreadyAnswered", () => {
    const w = recorded();
    expect(respondToExchange(makePerson().user, w.exchangeId, "confirm")).toEqual({ ok: false, error: "notFound" });
    expect(respondToExchange(makePerson("coordinator").user, w.exchangeId, "confirm")).toEqual({ ok: false, error: "notFound" });
    expect(respondToExchange(userOf(w.millOwner), w.exchangeId, "confirm")).toEqual({ ok: false, error: "forbidden" });
    expect(respondToExchange(userOf(w.millEditor), w.exchangeId, "confirm")).toEqual({ ok: false, error: "forbidden" });
    expect(respondToExchange(userOf(w.coopMember), w.exchangeId, "confirm")).toEqual({ ok: false, error: "forbidden" });
    expect(respondToExchange(userOf(w.coopOwner), 987_654_321, "confirm")).toEqual({ ok: false, error: "notFound" });
    expect(db.select().from(schema.exchanges).where(eq(schema.exchanges.id, w.exchangeId)).get()!.status).toBe("pending");
    expect(respondToExchange(userOf(w.coopOwner), w.exchangeId, "confirm").ok).toBe(true);
    expect(respondToExchange(userOf(w.coopEditor), w.exchangeId, "confirm")).toEqual({ ok: false, error: "alreadyAnswered" });
    expect(respondToExchange(userOf(w.coopEditor), w.exchangeId, "decline")).toEqual({ ok: false, error: "alreadyAnswered" });
    expect(db.select().from(schema.exchanges).where(eq(schema.exchanges.id, w.exchangeId)).get()!.status).toBe("confirmed");
  });
});

describe("the record form's schema", () => {
  const parse = (fields: Record<string, string>, dimension: "mass" | "volume" = "mass") => {
    const result = exchangeRecordSchema({ dimension, today: TODAY }).safeParse({ occurredOn: "2026-06-01", quantity: "2.5", unit: "t", ...fields });
    return result.success ? { ok: true as const, value: result.data } : { ok: false as const, errors: result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`) };
  };

  test("typed decimals become integer base units and soles become céntimos", () => {
    expect(parse({ quantity: "1,250.5", unit: "kg", value: "1,234.50" })).toEqual({
      ok: true,
      value: expect.objectContaining({ baseQuantity: 1_250_500, unit: "kg", valueCents: 123_450, occurredOn: "2026-06-01" }),
    });
    expect(parse({ quantity: "3", unit: "m3" }, "volume")).toEqual({ ok: true, value: expect.objectContaining({ baseQuantity: 3000 }) });
  });

  test.each([
    [{ quantity: "-2" }, "quantity:exch.errors.quantityPositive"],
    [{ quantity: "0" }, "quantity:exch.errors.quantityPositive"],
    [{ quantity: "dos" }, "quantity:exch.errors.quantityNumber"],
    [{ quantity: "1000001" }, "quantity:exch.errors.quantityTooLarge"],
    [{ unit: "m3" }, "unit:xr.errors.unitDimension"],
    [{ unit: "kwh" }, "unit:xr.errors.unitDimension"],
    [{ occurredOn: "2026-06-16" }, "occurredOn:xr.errors.dateFuture"],
    [{ occurredOn: "2014-12-31" }, "occurredOn:xr.errors.dateTooEarly"],
    [{ occurredOn: "2026-02-30" }, "occurredOn:xr.errors.date"],
    [{ value: "-5" }, "value:xr.errors.value"],
  ])("%o → %s", (fields, error) => {
    const parsed = parse(fields as Record<string, string>);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toContain(error);
  });
});
