import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import {
  addListingPhoto,
  closeListing,
  createListing,
  exchangeFacets,
  exchangePage,
  exchangeRegionCounts,
  expireListings,
  findListing,
  listingsOfOrganisation,
  markListingMatched,
  publishListing,
  remindExpiringListings,
  renewListing,
  updateListing,
} from "#app/.server/exchange/index.ts";
import { searchEverything } from "#app/.server/search/index.ts";
import { parseExchangeFilters } from "#app/features/exchange/filters.ts";
import { listingSchema } from "#app/features/exchange/schemas.ts";
import { loader as listLoader } from "#app/routes/exchange._index.tsx";
import { loader as mapLoader } from "#app/routes/exchange.map.tsx";
import { action as newAction, loader as newLoader } from "#app/routes/exchange.new.tsx";
import { loader as pageLoader, action as pageAction } from "#app/routes/exchange.$id._index.tsx";
import { action as editAction } from "#app/routes/exchange.$id.edit.tsx";
import { loader as photoLoader } from "#app/routes/exchange.$id.photos.$photoId.ts";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { callRoute } from "./call-route.ts";
import { countQueries } from "./count-queries.ts";
import { noticesOf } from "./notices.ts";
import { addMember, makeOrganisation, makePerson } from "./world.ts";

const BASE = "http://localhost:3000";
const NOW = new Date("2026-05-10T15:00:00Z"); // 10:00 in Lima
const parse = (input: Record<string, string>, today = "2026-05-10") => listingSchema({ today }).parse(input);
const form = (overrides: Record<string, string> = {}) => ({
  intent: "publish",
  kind: "have",
  title: "Cascarilla de arroz",
  category: "agro_residues",
  quantity: "2.5",
  unit: "t",
  frequency: "monthly",
  region: "LAM",
  province: "Chiclayo",
  availableFrom: "2026-05-01",
  availableUntil: "2026-12-31",
  priceMode: "to_agree",
  ...overrides,
});
const listingCount = () => db.select({ n: count() }).from(schema.exchangeListings).get()!.n;
const photoCount = () => db.select({ n: count() }).from(schema.exchangeListingPhotos).get()!.n;

function team() {
  const owner = makePerson();
  const organisation = makeOrganisation(owner);
  const editor = makePerson();
  const member = makePerson();
  addMember(organisation.id, editor, "editor");
  addMember(organisation.id, member, "member");
  return { owner, editor, member, organisation };
}

describe("posting a listing through the form", () => {
  test("an editor publishes a have: quantity stored in grams, shown back in tonnes", async () => {
    const { editor, organisation } = team();
    const result = await callRoute(newAction, { url: `${BASE}/exchange/new`, method: "POST", cookie: editor.cookie, form: form({ organisationId: String(organisation.id), quantity: "1,200.5" }) });
    expect(result.status).toBe(302);
    const id = Number(result.headers.get("Location")!.split("/").pop());
    const stored = findListing(id)!;
    expect(stored).toMatchObject({ status: "published", quantity: 1_200_500_000, unit: "t", organisationId: organisation.id, createdBy: editor.user.id });
    expect(stored.publishedAt).not.toBeNull();
    const page = await callRoute((args) => pageLoader({ ...args, params: { id: String(id) } }), { url: `${BASE}/exchange/${id}` });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ listing: { title: "Cascarilla de arroz", quantity: 1_200_500_000 }, organisation: { id: organisation.id } });
    // Never contact details: the page's data carries no e-mail, phone, website or RUC.
    expect(JSON.stringify(page.data)).not.toMatch(/contactEmail|@|ruc|website/i);
  });

  test("bad input: 400, the typed values kept, nothing saved", async () => {
    const { owner, organisation } = team();
    const before = listingCount();
    const bads: Array<Record<string, string>> = [{ quantity: "-3" }, { quantity: "5000000", unit: "t" }, { category: "uranio" }, { region: "ZZZ" }, { availableUntil: "2020-01-01" }];
    for (const bad of bads) {
      const result = await callRoute(newAction, { url: `${BASE}/exchange/new`, method: "POST", cookie: owner.cookie, form: form({ organisationId: String(organisation.id), ...bad }) });
      expect(result.status).toBe(400);
      const reply = (result.data as { result: { initialValue: Record<string, string>; error: Record<string, string[]> } }).result;
      expect(reply.initialValue.title).toBe("Cascarilla de arroz");
      expect(Object.keys(reply.error)).toHaveLength(1);
    }
    expect(listingCount()).toBe(before);
  });

  test("a suspended organisation, someone else's organisation or a plain member: 403, nothing saved", async () => {
    const { owner, member, organisation } = team();
    const suspendedOwner = makePerson();
    const suspended = makeOrganisation(suspendedOwner, "suspended");
    const before = listingCount();
    const post = (cookie: string, organisationId: number) =>
      callRoute(newAction, { url: `${BASE}/exchange/new`, method: "POST", cookie, form: form({ organisationId: String(organisationId) }) });
    expect((await post(suspendedOwner.cookie, suspended.id)).status).toBe(403);
    expect((await post(owner.cookie, suspended.id)).status).toBe(403);
    expect((await post(member.cookie, organisation.id)).status).toBe(403);
    expect(listingCount()).toBe(before);
    // The new-listing page offers only the organisations the person may post for.
    const page = await callRoute(newLoader, { url: `${BASE}/exchange/new`, cookie: suspendedOwner.cookie });
    expect((page.data as { organisations: unknown[] }).organisations).toEqual([]);
  });

  test("an initiative the organisation has nothing to do with cannot be linked", async () => {
    const { owner, organisation } = team();
    const other = makeOrganisation(makePerson());
    const initiative = db
      .insert(schema.initiatives)
      .values({ slug: `ajena-${other.id}`, title: "Iniciativa ajena", summary: "Una iniciativa de otra organización", roadmap: "agriculture", leadOrganisationId: other.id, status: "open" })
      .returning()
      .get();
    const before = listingCount();
    const result = await callRoute(newAction, {
      url: `${BASE}/exchange/new`,
      method: "POST",
      cookie: owner.cookie,
      form: form({ organisationId: String(organisation.id), initiativeId: String(initiative.id) }),
    });
    expect(result.status).toBe(400);
    expect((result.data as { result: { error: Record<string, string[]> } }).result.error).toEqual({ initiativeId: ["exch.errors.badInitiative"] });
    expect(listingCount()).toBe(before);
    // Its own initiative can.
    const own = db
      .insert(schema.initiatives)
      .values({ slug: `propia-${organisation.id}`, title: "Iniciativa propia", summary: "Una iniciativa de la organización", roadmap: "agriculture", leadOrganisationId: organisation.id, status: "open" })
      .returning()
      .get();
    const created = createListing(owner.user.id, organisation.id, parse({ ...form(), initiativeId: String(own.id) }), NOW);
    expect(created.ok).toBe(true);
  });
});

describe("a listing's life", () => {
  test("draft → published → matched → renewed → closed, with typed refusals for the wrong state", () => {
    const { owner, editor, member, organisation } = team();
    const created = createListing(owner.user.id, organisation.id, parse(form({ intent: "draft" })), NOW);
    if (!created.ok) throw new Error(created.error);
    const id = created.id;
    expect(findListing(id)!.status).toBe("draft");
    expect(markListingMatched(id, editor.user.id, NOW)).toEqual({ ok: false, error: "badState" });
    expect(publishListing(id, member.user.id, NOW)).toEqual({ ok: false, error: "cannotActFor" });
    expect(publishListing(id, editor.user.id, NOW)).toEqual({ ok: true });
    expect(findListing(id)).toMatchObject({ status: "published", publishedAt: NOW });
    expect(publishListing(id, editor.user.id, NOW)).toEqual({ ok: false, error: "badState" });
    expect(markListingMatched(id, editor.user.id, NOW)).toEqual({ ok: true });
    expect(renewListing(id, editor.user.id, "2026-05-09", NOW)).toEqual({ ok: false, error: "untilPast" });
    expect(renewListing(id, editor.user.id, "2027-03-31", NOW)).toEqual({ ok: true });
    expect(findListing(id)).toMatchObject({ status: "published", availableUntil: "2027-03-31", expiryReminderSentAt: null });
    expect(closeListing(id, owner.user.id, NOW)).toEqual({ ok: true });
    expect(closeListing(id, owner.user.id, NOW)).toEqual({ ok: false, error: "badState" });
    expect(renewListing(id, owner.user.id, "2027-03-31", NOW)).toEqual({ ok: false, error: "badState" });
    expect(publishListing(999_999, owner.user.id, NOW)).toEqual({ ok: false, error: "notFound" });
  });

  test("a draft whose window ended cannot be published; editing it with new dates can", () => {
    const { owner, organisation } = team();
    const created = createListing(owner.user.id, organisation.id, parse(form({ intent: "draft", availableFrom: "2026-01-01", availableUntil: "2026-03-01" })), NOW);
    if (!created.ok) throw new Error(created.error);
    expect(publishListing(created.id, owner.user.id, NOW)).toEqual({ ok: false, error: "untilPast" });
    expect(updateListing(created.id, owner.user.id, parse(form({ availableUntil: "2026-06-30", quantity: "3" })), NOW)).toEqual({ ok: true });
    expect(findListing(created.id)).toMatchObject({ status: "published", quantity: 3_000_000, availableUntil: "2026-06-30" });
  });

  test("once the organisation is suspended its team can no longer change the listing", () => {
    const { owner, organisation } = team();
    const listing = makeListingRow(organisation.id);
    db.update(schema.organisations).set({ status: "suspended" }).where(eq(schema.organisations.id, organisation.id)).run();
    expect(closeListing(listing.id, owner.user.id, NOW)).toEqual({ ok: false, error: "cannotActFor" });
    expect(findListing(listing.id)!.status).toBe("published");
  });

  test("the team's buttons on the listing page: publish, renew with a past day refused (400), close", async () => {
    const { owner, organisation } = team();
    const listing = makeListingRow(organisation.id, { status: "draft", publishedAt: null, availableUntil: "2099-01-01", availableFrom: "2098-01-01" });
    const post = (fields: Record<string, string>) =>
      callRoute((args) => pageAction({ ...args, params: { id: String(listing.id) } }), { url: `${BASE}/exchange/${listing.id}`, method: "POST", cookie: owner.cookie, form: fields });
    expect((await post({ intent: "publish" })).status).toBe(302);
    const past = await post({ intent: "renew", availableUntil: "2001-01-01" });
    expect(past.status).toBe(400);
    expect(past.data).toEqual({ manageError: "exch.errors.untilPast" });
    expect((await post({ intent: "close" })).status).toBe(302);
    expect((await post({ intent: "matched" })).status).toBe(409);
    expect((await post({ intent: "nonsense" })).status).toBe(400);
    expect(findListing(listing.id)!.status).toBe("closed");
  });
});

describe("expiry", () => {
  test("published and matched listings past their until day in Lima expire; others do not", () => {
    const { organisation } = team();
    // 2026-05-10 00:30 UTC is still 9 May in Lima: a listing until 9 May has not expired yet.
    const lateEvening = new Date("2026-05-10T00:30:00Z");
    const until9 = makeListingRow(organisation.id, { availableFrom: "2026-01-01", availableUntil: "2026-05-09" });
    const matched = makeListingRow(organisation.id, { status: "matched", availableFrom: "2026-01-01", availableUntil: "2026-05-01" });
    const draft = makeListingRow(organisation.id, { status: "draft", availableFrom: "2026-01-01", availableUntil: "2026-05-01" });
    const current = makeListingRow(organisation.id, { availableFrom: "2026-01-01", availableUntil: "2026-05-10" });
    expireListings(lateEvening);
    expect(findListing(until9.id)!.status).toBe("published");
    expect(findListing(matched.id)!.status).toBe("expired");
    expireListings(NOW);
    expect([until9, matched, draft, current].map((l) => findListing(l.id)!.status)).toEqual(["expired", "expired", "draft", "published"]);
  });

  test("owners and editors are reminded once, 7 days ahead; renewing allows a new reminder", () => {
    const { owner, editor, member, organisation } = team();
    const soon = makeListingRow(organisation.id, { availableFrom: "2026-01-01", availableUntil: "2026-05-17", title: "Vence pronto" });
    const later = makeListingRow(organisation.id, { availableFrom: "2026-01-01", availableUntil: "2026-05-18" });
    const reminded = remindExpiringListings(NOW);
    expect(reminded).toContain(soon.id);
    expect(reminded).not.toContain(later.id);
    const ofSoon = (person: typeof owner) => noticesOf(person.user).filter((n) => n.type === "exchange.listing_expiring" && n.link?.startsWith(`/exchange/${soon.id}`));
    expect(ofSoon(owner)).toHaveLength(1);
    expect(ofSoon(editor)).toHaveLength(1);
    expect(ofSoon(member)).toHaveLength(0);
    expect(remindExpiringListings(NOW)).not.toContain(soon.id);
    expect(ofSoon(owner)).toHaveLength(1);
    expect(renewListing(soon.id, owner.user.id, "2026-05-16", NOW)).toEqual({ ok: true });
    expect(remindExpiringListings(NOW)).toContain(soon.id);
  });
});

describe("/exchange", () => {
  test("lists published listings of approved organisations only, with facet counts except their own group", async () => {
    const { organisation } = team();
    const company = makeOrganisation(makePerson(), "approved", { actorType: "company" });
    const suspended = makeOrganisation(makePerson(), "suspended");
    const tag = `zqx${Date.now() % 100000}`; // a word only this test's listings contain
    const mk = (org: number, overrides: Parameters<typeof makeListingRow>[1]) => makeListingRow(org, { title: `Lote ${tag}`, ...overrides });
    mk(organisation.id, { kind: "have", category: "agro_residues", region: "LAM" });
    mk(organisation.id, { kind: "want", category: "agro_residues", region: "PIU", hazardous: true });
    mk(company.id, { kind: "have", category: "plastic_pet", region: "LAM", frequency: "weekly" });
    mk(company.id, { status: "draft", publishedAt: null });
    mk(company.id, { status: "closed" });
    mk(company.id, { hiddenAt: new Date() });
    mk(suspended.id, { kind: "have" });
    const filters = parseExchangeFilters(new URLSearchParams({ q: tag, kind: "have" }));
    const page = exchangePage(filters);
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.category).sort()).toEqual(["agro_residues", "plastic_pet"]);
    const facets = exchangeFacets(filters);
    // The kind group counts without the kind filter (3 visible), the others with it (2 haves).
    expect(facets.kind).toEqual({ have: 2, want: 1 });
    expect(facets.category).toEqual({ agro_residues: 1, plastic_pet: 1 });
    expect(facets.region).toEqual({ LAM: 2 });
    expect(facets.actorType).toEqual({ cooperative: 1, company: 1 });
    expect(facets.hazardous).toEqual({ no: 2 });
    expect(exchangeRegionCounts(parseExchangeFilters(new URLSearchParams({ q: tag })))).toEqual({ LAM: 2, PIU: 1 });
    const hazardous = exchangePage(parseExchangeFilters(new URLSearchParams({ q: tag, hazardous: "yes" })));
    expect(hazardous.rows.map((r) => r.kind)).toEqual(["want"]);
    // Crafted values are dropped, never a 500.
    const crafted = await callRoute(listLoader, { url: `${BASE}/exchange?category=uranio&region=ZZZ&hazardous=maybe&page=abc&q=${tag}%22%20OR%20*` });
    expect(crafted.status).toBe(200);
    const map = await callRoute(mapLoader, { url: `${BASE}/exchange/map?q=${tag}&kind=want` });
    expect((map.data as { counts: Record<string, number> }).counts).toEqual({ PIU: 1 });
  });

  test("the list, its facets and the map take a bounded number of statements, whatever the rows", async () => {
    const { organisation } = team();
    const measure = async () => {
      let n = 0;
      // A new filter each time, so no cached answer is reused.
      const q = `w${Math.random().toString(36).slice(2, 8)}`;
      const request = () => callRoute(listLoader, { url: `${BASE}/exchange?q=${q}&kind=have` });
      n = countQueries(() => void request());
      await request();
      return n;
    };
    const few = await measure();
    for (let i = 0; i < 30; i += 1) makeListingRow(organisation.id, { title: `Lote ${i}` });
    const many = await measure();
    expect(many).toBe(few);
    expect(many).toBeGreaterThanOrEqual(2);
    expect(many).toBeLessThanOrEqual(8);
  });

  test("an organisation's profile lists its published listings to everyone and every listing to its team", () => {
    const { organisation } = team();
    const published = makeListingRow(organisation.id);
    const draft = makeListingRow(organisation.id, { status: "draft", publishedAt: null });
    expect(listingsOfOrganisation(organisation.id, false).map((l) => l.id)).toEqual([published.id]);
    expect(listingsOfOrganisation(organisation.id, true).map((l) => l.id).sort()).toEqual([published.id, draft.id].sort());
  });
});

describe("site search", () => {
  test("finds what /exchange lists: published, not hidden, of approved organisations; title matches first", () => {
    const { organisation } = team();
    const suspended = makeOrganisation(makePerson(), "suspended");
    const tag = `qzv${Date.now() % 100000}`;
    const inTitle = makeListingRow(organisation.id, { title: `Aserrín ${tag}` });
    const inSpecification = makeListingRow(organisation.id, { title: "Aserrín de pino", specification: `Humedad 12 % ${tag}` });
    for (const overrides of [{ status: "draft" as const }, { status: "closed" as const }, { status: "expired" as const }, { hiddenAt: new Date() }]) {
      makeListingRow(organisation.id, { title: `Oculto ${tag}`, ...overrides });
    }
    makeListingRow(suspended.id, { title: `Suspendida ${tag}` });
    const results = searchEverything({ q: tag, type: "listings", page: 1 }, null);
    expect(results.counts.listings).toBe(2);
    expect(results.hits.map((h) => [h.id, h.titleHit, h.href])).toEqual([
      [inTitle.id, true, `/exchange/${inTitle.id}`],
      [inSpecification.id, false, `/exchange/${inSpecification.id}`],
    ]);
    expect(results.hits[1]!.snippet).toContain(tag);
    expect(results.hits[0]!.meta).toEqual({ type: "listings", kind: "have", category: "agro_residues", region: "LAM" });
  });
});

describe("photos", () => {
  const upload = (listingId: number, cookie: string, file: Blob, name = "foto.png") => {
    const body = new FormData();
    body.set("photo", file, name);
    const request = new Request(`${BASE}/exchange/${listingId}/edit`, { method: "POST", body, headers: { Cookie: cookie } });
    return editAction({ request, params: { id: String(listingId) }, context: {} }).then(
      (r) => r,
      (thrown: unknown) => thrown,
    );
  };
  const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200));

  test("an image is re-encoded and served; text pretending to be an image is 400; a fifth photo is refused", async () => {
    const { owner, organisation } = team();
    const listing = makeListingRow(organisation.id);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#3a7" } }).png().toBuffer();
    const before = photoCount();
    const fake = await upload(listing.id, owner.cookie, new Blob(["not an image"], { type: "image/png" }));
    expect(statusOf(fake)).toBe(400);
    expect(photoCount()).toBe(before);
    for (let i = 0; i < 4; i += 1) expect(statusOf(await upload(listing.id, owner.cookie, new Blob([new Uint8Array(png)], { type: "image/png" })))).toBe(302);
    const fifth = await upload(listing.id, owner.cookie, new Blob([new Uint8Array(png)], { type: "image/png" }));
    expect(statusOf(fifth)).toBe(400);
    expect(photoCount()).toBe(before + 4);
    const photo = db.select().from(schema.exchangeListingPhotos).where(eq(schema.exchangeListingPhotos.listingId, listing.id)).get()!;
    const served = await callRoute((args) => photoLoader({ ...args, params: { id: String(listing.id), photoId: String(photo.id) } }), { url: `${BASE}/exchange/${listing.id}/photos/${photo.id}` });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/webp");
    const wrong = await callRoute((args) => photoLoader({ ...args, params: { id: String(listing.id), photoId: "999999" } }), { url: `${BASE}/exchange/${listing.id}/photos/999999` });
    expect(wrong.status).toBe(404);
  });

  test("a listing's page shows its own photos with their descriptions, whatever the photos' ids", async () => {
    const { owner, organisation } = team();
    const [first, second] = [makeListingRow(organisation.id), makeListingRow(organisation.id)];
    // Photos of the first listing take the low ids, so none of the second's has its listing's id.
    for (const listing of [first, second]) {
      for (const n of [1, 2]) addListingPhoto(listing.id, owner.user.id, { image: Buffer.from("x"), contentType: "image/webp", hash: `${listing.id}-${n}` }, `Foto ${n} de ${listing.id}`);
    }
    const page = await callRoute((args) => pageLoader({ ...args, params: { id: String(second.id) } }), { url: `${BASE}/exchange/${second.id}` });
    const { photos } = page.data as { photos: Array<{ alt: string }> };
    expect(photos.map((p) => p.alt)).toEqual([`Foto 1 de ${second.id}`, `Foto 2 de ${second.id}`]);
  });
});
