import crypto from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { updateProfile } from "#app/.server/auth/index.ts";
import { reply } from "#app/.server/discussions/index.ts";
import { addListingPhoto, conversationHref, createListing, expressInterest, recordExchange, setListingHidden } from "#app/.server/exchange/index.ts";
import { listingSchema, MAX_LISTING_PHOTOS } from "#app/features/exchange/schemas.ts";
import { threadHref } from "#app/features/discussions/links.ts";
import { makeSettledPerson } from "#tests/integration/discussion-world.ts";
import { makeOrganisation, type Person } from "#tests/integration/world.ts";
import { XSS_PROBES } from "#tests/fixtures/xss-payloads.ts";
import { sessionTokenOf } from "./authz/world.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";
import { packedFields, probeGroups, writeField, XssSuite, type FieldWrite, type PageSpec } from "./xss/suite.ts";

// XSS in the resource exchange (issue 14): listings' title, description, specification, province
// and photo descriptions, the messages of the private conversations an interest opens, the
// organisations on both sides of a recorded exchange, and the reason a coordinator gives for
// hiding a listing — written with every probe through the exchange feature's own functions, a
// sample through the real forms; then the listing's page (to anyone, to its owner), its edit
// page, the conversation (to both sides), notifications, «Mi trabajo», the list, search and the
// coordinators' overview and audit.

let server: BuiltServer;
let suite: XssSuite;
const groups = probeGroups(16);
// A 1×1 PNG: the photo itself is not what is tested, its description is.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

type ListingRecord = {
  id: number;
  owner: Person;
  interested: Person;
  /** The conversation's page (its threads) and its thread (the messages). */
  conversation: string;
  thread: string;
  fields: Record<"title" | "description" | "specification" | "province" | "organisation" | "counterpart" | "message" | "answer" | "interestedName", FieldWrite>;
  alts: FieldWrite[];
};
const listings: ListingRecord[] = [];
const hidden: Array<{ id: number; owner: Person; title: FieldWrite; reason: FieldWrite }> = [];
let coordinator: Person;

const baseInput = () =>
  listingSchema().parse({
    intent: "publish",
    kind: "have",
    title: "Cascarilla de arroz",
    category: "agro_residues",
    quantity: "5",
    unit: "t",
    frequency: "monthly",
    region: "LAM",
    availableFrom: "2026-01-01",
    availableUntil: "2027-06-30",
  });

beforeAll(async () => {
  coordinator = makeSettledPerson("coordinator");
  const alts = packedFields("photo.alt", 200);
  for (const [i, probes] of groups.entries()) {
    const w = (field: string, markdown = false) => writeField(field, probes, { markdown });
    const owner = makeSettledPerson();
    const organisation = w("organisation.name");
    const ownerOrganisation = makeOrganisation(owner, "approved", { name: organisation.text });
    const fields = {
      title: w("listing.title"),
      description: w("listing.description"),
      specification: w("listing.specification"),
      province: w("listing.province"),
    };
    const created = createListing(owner.user.id, ownerOrganisation.id, {
      ...baseInput(),
      title: fields.title.text,
      description: fields.description.text,
      specification: fields.specification.text,
      province: fields.province.text,
    });
    if (!created.ok) throw new Error(`could not list: ${JSON.stringify(created)}`);
    // Four photos a listing (the most it may have); the descriptions' packs go round the listings.
    const mine = alts.filter((_, n) => n % groups.length === i).slice(0, MAX_LISTING_PHOTOS);
    for (const alt of mine) {
      const added = addListingPhoto(
        created.id,
        owner.user.id,
        { image: PNG, contentType: "image/png", hash: crypto.createHash("sha256").update(alt.text).digest("hex") },
        alt.text
      );
      if (!added.ok) throw new Error(`could not add a photo: ${added.error}`);
    }
    // Someone interested, for an organisation with its own name: a private conversation, answered.
    const interested = makeSettledPerson();
    const interestedName = w("person.name");
    updateProfile(interested.user.id, { name: interestedName.text, locale: "es" });
    const counterpart = w("organisation.name");
    const counterpartOrganisation = makeOrganisation(interested, "approved", { name: counterpart.text });
    const message = w("conversation.message", true);
    const interest = expressInterest({ ...interested.user, name: interestedName.text }, created.id, {
      organisationId: counterpartOrganisation.id,
      message: message.text,
    });
    if (!interest.ok) throw new Error(`could not express interest: ${JSON.stringify(interest)}`);
    const answer = w("conversation.message", true);
    const answered = reply(owner.user, interest.threadId, { body: answer.text });
    if (!answered.ok) throw new Error(`could not answer: ${JSON.stringify(answered)}`);
    const recorded = recordExchange(owner.user, created.id, {
      counterpartOrganisationId: counterpartOrganisation.id,
      occurredOn: "2026-01-10",
      unit: "t",
      baseQuantity: 1_000_000,
      valueCents: null,
    });
    if (!recorded.ok) throw new Error(`could not record: ${JSON.stringify(recorded)}`);
    listings.push({
      id: created.id,
      owner,
      interested,
      conversation: conversationHref(interest.conversationId),
      thread: threadHref(interest.threadId),
      fields: { ...fields, organisation, counterpart, message, answer, interestedName },
      alts: mine,
    });
    // Another listing of the same owner, hidden by a coordinator with a reason.
    const title = w("listing.title");
    const other = createListing(owner.user.id, ownerOrganisation.id, { ...baseInput(), title: title.text });
    if (!other.ok) throw new Error("could not list");
    const reason = w("listing.hideReason");
    const hid = setListingHidden(coordinator.user, other.id, "hide", reason.text);
    if (!hid.ok) throw new Error(`could not hide: ${hid.error}`);
    hidden.push({ id: other.id, owner, title, reason });
  }
  server = await startBuiltServer();
  suite = new XssSuite("exchange", server);
  await suite.start();
});

afterAll(async () => {
  suite?.record();
  await suite?.close();
  await server?.stop();
});

const check = async (specs: PageSpec[]) => {
  for (const spec of specs) await suite.checkPage(spec);
};

test("a listing's page to anyone and to its owner (conversations, recorded exchanges), and its edit page", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const x of listings) {
      const own = sessionTokenOf(x.owner);
      await check([
        {
          path: `/exchange/${x.id}`,
          as: null,
          who: "anonymous",
          shows: [
            ...(["title", "description", "specification", "province", "organisation"] as const).map((f) => ({ write: x.fields[f], plain: true })),
            ...x.alts.map((write) => ({ write, plain: true })),
          ],
        },
        {
          path: `/exchange/${x.id}`,
          as: own,
          who: "owner",
          shows: [
            { write: x.fields.counterpart, plain: true },
            { write: x.fields.title, plain: true },
          ],
        },
        {
          path: `/exchange/${x.id}/edit`,
          as: own,
          who: "owner",
          shows: (["title", "description", "specification", "province"] as const).map((f) => ({ write: x.fields[f], plain: true })),
        },
      ]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the private conversation, to both sides: messages, names, its title", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const x of listings) {
      const shows = [
        { write: x.fields.message },
        { write: x.fields.answer },
        { write: x.fields.interestedName, plain: true },
        { write: x.fields.counterpart, plain: true },
        { write: x.fields.title, plain: true },
      ];
      await check([
        { path: x.thread, as: sessionTokenOf(x.interested), who: "interested", shows },
        { path: x.thread, as: sessionTokenOf(x.owner), who: "owner", shows },
        {
          path: x.conversation,
          as: sessionTokenOf(x.owner),
          who: "owner",
          shows: [
            { write: x.fields.counterpart, plain: true },
            { write: x.fields.title, plain: true },
          ],
        },
      ]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("hidden listings: the reason in the owner's notifications and the coordinators' audit; the overview lists them", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const h of hidden) {
      await check([
        {
          path: "/notifications",
          as: sessionTokenOf(h.owner),
          who: "owner",
          shows: [
            { write: h.reason, plain: true },
            { write: h.title, plain: true },
          ],
        },
        {
          path: `/exchange/${h.id}`,
          as: sessionTokenOf(coordinator),
          who: "coordinator",
          shows: [
            { write: h.reason, plain: true },
            { write: h.title, plain: true },
          ],
        },
      ]);
    }
    await check([
      { path: "/exchange/overview", as: sessionTokenOf(coordinator), who: "coordinator", shows: hidden.map((h) => ({ write: h.title, plain: true })) },
    ]);
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the other side is told of the recorded exchange; the list, search and «Mi trabajo»", async () => {
  const faults = await suite.faultsOf(async () => {
    await check(
      listings.map((x) => ({
        path: "/notifications",
        as: sessionTokenOf(x.interested),
        who: "interested",
        shows: [
          { write: x.fields.organisation, plain: true },
          { write: x.fields.title, plain: true },
        ],
      }))
    );
    await check(
      listings.map((x, i) => ({
        path: `/exchange?q=${x.fields.title.tag}`,
        as: null,
        who: "anonymous",
        shows: [
          { write: x.fields.title, plain: true },
          { write: x.fields.organisation, plain: true },
        ],
        browser: i < 4,
      }))
    );
    await check(
      listings.map((x, i) => ({ path: `/search?q=${x.fields.title.tag}`, as: null, who: "anonymous", shows: [{ write: x.fields.title }], browser: i < 4 }))
    );
    await check(
      listings.map((x, i) => ({ path: "/my-work", as: sessionTokenOf(x.owner), who: "owner", shows: [{ write: x.fields.title, plain: true }], browser: i < 4 }))
    );
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("through the real forms: a new listing and an interest message with probes, shown escaped", async () => {
  const x = listings[0]!;
  const faults = await suite.faultsOf(async () => {
    const probes = XSS_PROBES.filter((p) => p.text.length <= 100);
    const title = packedFields("listing.title", 120, { probes })[0]!;
    const description = packedFields("listing.description", 5000, { probes })[0]!;
    const province = packedFields("listing.province", 80, { probes: probes.slice(5) })[0]!;
    const { db, schema } = await import("#app/.server/db.ts");
    const { eq } = await import("drizzle-orm");
    const organisationId = db.select().from(schema.organisationMembers).where(eq(schema.organisationMembers.userId, x.owner.user.id)).get()!.organisationId;
    const created = await suite.client(sessionTokenOf(x.owner)).post("/exchange/new", {
      intent: "publish",
      organisationId: String(organisationId),
      kind: "want",
      title: title.text,
      category: "agro_residues",
      description: description.text,
      quantity: "2",
      unit: "t",
      frequency: "monthly",
      region: "LAM",
      province: province.text,
      availableFrom: "2026-01-01",
      availableUntil: "2027-06-30",
      priceMode: "to_agree",
    });
    expect(created.status, created.body.slice(0, 400)).toBe(302);
    const path = created.headers.get("location")!.split("?")[0]!;
    suite.formWrites += 3;
    await check([
      {
        path,
        as: null,
        who: "anonymous after the form",
        shows: [
          { write: title, plain: true },
          { write: description, plain: true },
          { write: province, plain: true },
        ],
      },
    ]);
    // An interest through the listing page's form, from a member of another organisation.
    const someone = makeSettledPerson();
    makeOrganisation(someone, "approved");
    const message = writeField("conversation.message", probes.slice(0, 60), { markdown: true });
    const interest = await suite.client(sessionTokenOf(someone)).post(`${path}/interest`, { message: message.text });
    expect(interest.status, interest.body.slice(0, 400)).toBe(302);
    suite.formWrites += 1;
    await check([
      { path: interest.headers.get("location")!.split("#")[0]!, as: sessionTokenOf(someone), who: "interested after the form", shows: [{ write: message }] },
    ]);
  });
  expect(faults, suite.report(faults)).toEqual([]);
});
