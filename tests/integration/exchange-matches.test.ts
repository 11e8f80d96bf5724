import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { matchesForListing, noticeNewMatches } from "#app/.server/exchange/matches.ts";
import { saveNotificationPreferences } from "#app/.server/notifications/index.ts";
import { setSuspension } from "#app/.server/organisations/index.ts";
import { regionDistance } from "#app/features/exchange/regions.ts";
import type { MaterialCategory } from "#app/features/exchange/taxonomy.ts";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { countQueries } from "./count-queries.ts";
import { noticesOf } from "./notices.ts";
import { addMember, makeOrganisation, makePerson } from "./world.ts";

// Matches between haves and wants (issue 12) through the real database: which listings qualify,
// in which order, and who is told of a new match, once.

/** An approved organisation with an owner (and an editor and a plain member when asked). */
function org() {
  const owner = makePerson();
  const organisation = makeOrganisation(owner);
  const editor = makePerson();
  addMember(organisation.id, editor, "editor");
  const member = makePerson();
  addMember(organisation.id, member, "member");
  return { organisation, owner, editor, member };
}

// Each test works in a category of its own, so listings of other tests never compete.
let nextCategory = 0;
const CATEGORIES: MaterialCategory[] = ["plastic_pet", "plastic_hdpe", "plastic_ldpe", "plastic_pp", "plastic_ps", "plastic_mixed", "glass", "metals", "wood", "weee"];
const freshCategory = () => CATEGORIES[nextCategory++]!;

describe("matchesForListing", () => {
  test("only the other kind, same category, same dimension, overlapping dates, other approved organisations, published and not hidden", () => {
    const category = freshCategory();
    const mill = org();
    const want = makeListingRow(mill.organisation.id, { kind: "want", category, region: "LAM", unit: "t", quantity: 5_000_000 });
    const other = org();
    const good = makeListingRow(other.organisation.id, { kind: "have", category, region: "LAM", unit: "kg", quantity: 5_000_000 });
    // Each of these breaks exactly one rule.
    makeListingRow(other.organisation.id, { kind: "want", category, region: "LAM" }); // same kind
    makeListingRow(other.organisation.id, { kind: "have", category: "textiles_fibres", region: "LAM" }); // other category
    makeListingRow(other.organisation.id, { kind: "have", category, region: "LAM", unit: "m3", quantity: 1000 }); // volume, not mass
    makeListingRow(other.organisation.id, { kind: "have", category, region: "LAM", availableFrom: "2027-01-01", availableUntil: "2027-06-30" }); // dates apart
    makeListingRow(mill.organisation.id, { kind: "have", category, region: "LAM" }); // own organisation
    makeListingRow(other.organisation.id, { kind: "have", category, region: "LAM", status: "draft", publishedAt: null }); // draft
    makeListingRow(other.organisation.id, { kind: "have", category, region: "LAM", status: "closed" }); // closed
    makeListingRow(other.organisation.id, { kind: "have", category, region: "LAM", hiddenAt: new Date() }); // hidden
    const suspended = org();
    makeListingRow(suspended.organisation.id, { kind: "have", category, region: "LAM" });
    setSuspension(suspended.organisation.id, makePerson("coordinator").user.id, true, "Prueba");

    const found = matchesForListing(want.id);
    expect(found.matches.map((m) => m.id)).toEqual([good.id]);
    expect(found).toMatchObject({ total: 1, capped: false });
    expect(found.matches[0]).toMatchObject({ organisationName: other.organisation.name, distance: 0, unit: "kg" });
  });

  test("nearest region first, then quantity fit, then the one available soonest, then the oldest", () => {
    const category = freshCategory();
    const buyer = org();
    const want = makeListingRow(buyer.organisation.id, { kind: "want", category, region: "LAM", quantity: 10_000_000 });
    const seller = org();
    // Built out of order on purpose; distances from LAM: LAM 0, PIU and LAL neighbours (1), LIM farther.
    const far = makeListingRow(seller.organisation.id, { kind: "have", category, region: "LIM", quantity: 10_000_000 });
    const neighbourPoorFit = makeListingRow(seller.organisation.id, { kind: "have", category, region: "PIU", quantity: 1_000_000 });
    const neighbourLater = makeListingRow(seller.organisation.id, { kind: "have", category, region: "LAL", quantity: 10_000_000, availableFrom: "2026-03-01" });
    const neighbourSooner = makeListingRow(seller.organisation.id, { kind: "have", category, region: "PIU", quantity: 10_000_000, availableFrom: "2026-02-01" });
    const neighbourSoonerToo = makeListingRow(seller.organisation.id, { kind: "have", category, region: "LAL", quantity: 10_000_000, availableFrom: "2026-02-01" });
    const same = makeListingRow(seller.organisation.id, { kind: "have", category, region: "LAM", quantity: 2_000_000 });

    expect(regionDistance("LAM", "LIM")).toBeGreaterThan(1);
    const order = matchesForListing(want.id).matches.map((m) => m.id);
    expect(order).toEqual([same.id, neighbourSooner.id, neighbourSoonerToo.id, neighbourLater.id, neighbourPoorFit.id, far.id]);
    expect(matchesForListing(want.id, 2).matches.map((m) => m.id)).toEqual([same.id, neighbourSooner.id]);
    expect(matchesForListing(want.id).matches.map((m) => m.distance)).toEqual([0, 1, 1, 1, 1, regionDistance("LAM", "LIM")]);
  });

  test("the cache follows changes: a new listing and a suspension show at once", () => {
    const category = freshCategory();
    const a = org();
    const b = org();
    const have = makeListingRow(a.organisation.id, { kind: "have", category });
    expect(matchesForListing(have.id).matches).toEqual([]);
    const want = makeListingRow(b.organisation.id, { kind: "want", category });
    expect(matchesForListing(have.id).matches.map((m) => m.id)).toEqual([want.id]);
    setSuspension(b.organisation.id, makePerson("coordinator").user.id, true, "Prueba");
    expect(matchesForListing(have.id).matches).toEqual([]);
    // A listing that is not published has no matches.
    db.update(schema.exchangeListings).set({ status: "closed" }).where(eq(schema.exchangeListings.id, have.id)).run();
    expect(matchesForListing(have.id).total).toBe(0);
    expect(matchesForListing(999_999_999).total).toBe(0);
  });
});

describe("noticeNewMatches", () => {
  test("both sides' owners and editors are told once per pair, not again on re-publishing; plain members are not", () => {
    const category = freshCategory();
    const mill = org();
    const coop = org();
    const want = makeListingRow(coop.organisation.id, { kind: "want", category, title: "Buscamos material" });
    const have = makeListingRow(mill.organisation.id, { kind: "have", category, title: "Ofrecemos material" });

    expect(noticeNewMatches(have.id, mill.owner.user.id)).toEqual([want.id]);
    // The publisher is not told of their own act; the editor of their organisation is.
    expect(noticesOf(mill.owner.user)).toHaveLength(0);
    const millEditor = noticesOf(mill.editor.user);
    expect(millEditor.map((n) => n.type)).toEqual(["exchange.new_match"]);
    expect(millEditor[0]!.text).toContain("Ofrecemos material");
    expect(millEditor[0]!.text).toContain("Buscamos material");
    expect(millEditor[0]!.link).toBe(`/exchange/${have.id}#matches`);
    for (const person of [coop.owner, coop.editor]) {
      const notices = noticesOf(person.user);
      expect(notices.map((n) => n.type)).toEqual(["exchange.new_match"]);
      expect(notices[0]!.link).toBe(`/exchange/${want.id}#matches`);
      expect(notices[0]!.text).toContain(mill.organisation.name);
    }
    expect(noticesOf(mill.member.user)).toHaveLength(0);
    expect(noticesOf(coop.member.user)).toHaveLength(0);
    expect(db.select().from(schema.exchangeMatchNotices).where(eq(schema.exchangeMatchNotices.wantListingId, want.id)).all()).toHaveLength(1);

    // Publishing again, or the other side publishing: the pair was told already.
    expect(noticeNewMatches(have.id, mill.owner.user.id)).toEqual([]);
    expect(noticeNewMatches(want.id, coop.owner.user.id)).toEqual([]);
    expect(noticesOf(coop.editor.user)).toHaveLength(1);
    expect(noticesOf(mill.editor.user)).toHaveLength(1);
  });

  test("a person's preference for their organisations' news is honoured (off: nothing; email: mailed)", () => {
    const category = freshCategory();
    const a = org();
    const b = org();
    const channels = { discussion_replies: "email", mentions: "email", initiatives: "email", events: "email", organisations: "off" } as const;
    saveNotificationPreferences(b.owner.user.id, { channels, digestFrequency: "daily" });
    const want = makeListingRow(b.organisation.id, { kind: "want", category });
    const have = makeListingRow(a.organisation.id, { kind: "have", category });
    const outboxBefore = db.select().from(schema.mailQueue).all().length;
    expect(noticeNewMatches(have.id)).toEqual([want.id]);
    expect(noticesOf(b.owner.user)).toHaveLength(0);
    expect(noticesOf(b.editor.user)).toHaveLength(1);
    // Default channel email: one mail each to a's owner and editor and b's editor.
    const mailed = db.select().from(schema.mailQueue).all().slice(outboxBefore);
    expect(mailed.map((m) => m.to).sort()).toEqual([a.owner.user.email, a.editor.user.email, b.editor.user.email].sort());
  });

  test("publishing a draft and renewing through the listings feature notice new matches, once", async () => {
    const { publishListing, renewListing } = await import("#app/.server/exchange/listings.ts");
    const category = freshCategory();
    const a = org();
    const b = org();
    makeListingRow(b.organisation.id, { kind: "want", category, availableUntil: "2099-12-31" });
    const draft = makeListingRow(a.organisation.id, { kind: "have", category, status: "draft", publishedAt: null, availableUntil: "2099-12-31" });
    expect(publishListing(draft.id, a.owner.user.id)).toEqual({ ok: true });
    expect(noticesOf(b.owner.user).map((n) => n.type)).toEqual(["exchange.new_match"]);
    expect(noticesOf(a.editor.user).map((n) => n.type)).toEqual(["exchange.new_match"]);
    expect(renewListing(draft.id, a.owner.user.id, "2099-12-31")).toEqual({ ok: true });
    expect(noticesOf(b.owner.user)).toHaveLength(1);
  });

  test("a listing that is not published or has no matches tells nobody", () => {
    const category = freshCategory();
    const a = org();
    const draft = makeListingRow(a.organisation.id, { kind: "have", category, status: "draft", publishedAt: null });
    expect(noticeNewMatches(draft.id)).toEqual([]);
    const lonely = makeListingRow(a.organisation.id, { kind: "have", category });
    expect(noticeNewMatches(lonely.id)).toEqual([]);
    expect(noticesOf(a.editor.user)).toHaveLength(0);
  });
});

describe("My work", () => {
  test("the person's organisations' published listings with their match count and best matches; plain members too; others see none", async () => {
    const { myListingsWithMatches, MY_LISTING_MATCHES } = await import("#app/.server/exchange/matches.ts");
    const category = freshCategory();
    const mill = org();
    const have = makeListingRow(mill.organisation.id, { kind: "have", category, title: "Nuestra oferta" });
    makeListingRow(mill.organisation.id, { kind: "have", category, status: "draft", publishedAt: null });
    const buyers = [org(), org(), org(), org()];
    const wants = buyers.map((b) => makeListingRow(b.organisation.id, { kind: "want", category }));
    const mine = myListingsWithMatches(mill.member.user.id);
    expect(mine.map((l) => l.id)).toEqual([have.id]);
    expect(mine[0]).toMatchObject({ title: "Nuestra oferta", total: wants.length, capped: false });
    expect(mine[0]!.matches.map((m) => m.id)).toEqual(matchesForListing(have.id).matches.slice(0, MY_LISTING_MATCHES).map((m) => m.id));
    expect(myListingsWithMatches(makePerson().user.id)).toEqual([]);
    expect(myListingsWithMatches(buyers[0]!.owner.user.id).map((l) => l.id)).toEqual([wants[0]!.id]);
  });

  test("computed in a bounded number of statements however many listings the organisations have", async () => {
    const { myListingsWithMatches, MY_LISTINGS_MAX } = await import("#app/.server/exchange/matches.ts");
    const category = freshCategory();
    const mill = org();
    for (let i = 0; i < MY_LISTINGS_MAX + 2; i += 1) makeListingRow(mill.organisation.id, { kind: "have", category, title: `Lote ${i}` });
    const buyer = org();
    makeListingRow(buyer.organisation.id, { kind: "want", category });
    let mine: ReturnType<typeof myListingsWithMatches> = [];
    // Cold (a listing was just written): the person's organisations, the version, the listings, their candidates.
    const statements = countQueries(() => {
      mine = myListingsWithMatches(mill.member.user.id);
    });
    expect(mine).toHaveLength(MY_LISTINGS_MAX);
    expect(mine.every((listing) => listing.total === 1)).toBe(true);
    expect(statements).toBeLessThanOrEqual(4);
  });
});
