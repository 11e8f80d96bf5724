import { afterAll, beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { updateProfile } from "#app/.server/auth/index.ts";
import { db, schema } from "#app/.server/db.ts";
import {
  applyForMembership,
  createInvitation,
  pactSignatoriesPage,
  decideApplication,
  reviewApplication,
  signPact,
  suspendOrganisation,
  updateOrganisationProfile,
} from "#app/.server/organisations/index.ts";
import { XSS_PROBES } from "#tests/fixtures/xss-payloads.ts";
import { makeOrganisationProfile } from "#tests/factories/organisations.ts";
import { makeSettledPerson } from "#tests/integration/discussion-world.ts";
import { sessionTokenOf } from "./authz/world.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";
import { parseCsv, looksLikeFormula } from "./xss/formats.ts";
import { bareField, probeGroups, writeField, XssSuite, type FieldWrite, type PageSpec } from "./xss/suite.ts";

// XSS in organisations (issue 14): every text field of an organisation, its Pact signature, its
// team and its people, written with every probe (tests/fixtures/xss-payloads.ts) through the
// organisations feature's own functions, a sample through the real edit form; then every page that
// shows them, as the people who see them, read in the HTML and opened in Chromium.

let server: BuiltServer;
let suite: XssSuite;
const groups = probeGroups(16);

type OrganisationRecord = {
  slug: string;
  fields: Record<string, FieldWrite>;
  ownerToken: string;
};
const approved: OrganisationRecord[] = [];
const pending: OrganisationRecord[] = [];
const reasoned: OrganisationRecord[] = [];
// One probe alone in the name and the website (URL probes), as a URL or a spreadsheet cell starts.
const bare: OrganisationRecord[] = [];
const BARE_FAMILIES = new Set(["scheme", "breakout", "line-injection"]);
let coordinatorToken: string;

function profileWrites(probes: (typeof groups)[number]) {
  return {
    name: writeField("organisation.name", probes),
    acronym: writeField("organisation.acronym", probes),
    description: writeField("organisation.description", probes, {
      markdown: true,
    }),
    website: writeField("organisation.website", probes),
    contactEmail: writeField("organisation.contactEmail", probes),
    owner: writeField("person.name", probes),
  };
}

function newOrganisation(probes: (typeof groups)[number]) {
  const owner = makeSettledPerson();
  const fields: Record<string, FieldWrite> = profileWrites(probes);
  updateProfile(owner.user.id, { name: fields.owner!.text, locale: "es" });
  const applied = applyForMembership(
    owner.user.id,
    makeOrganisationProfile({
      name: fields.name!.text,
      acronym: fields.acronym!.text,
      description: fields.description!.text,
      website: fields.website!.text,
      contactEmail: fields.contactEmail!.text,
    })
  );
  if (!applied.ok) throw new Error(`could not apply: ${applied.error}`);
  return {
    id: applied.organisation.id,
    slug: applied.organisation.slug,
    fields,
    owner,
  };
}

beforeAll(async () => {
  const coordinator = makeSettledPerson("coordinator");
  coordinatorToken = sessionTokenOf(coordinator);
  for (const probes of groups) {
    // Approved, with the Pact signed, an edit in its audit log and an open invitation.
    const a = newOrganisation(probes);
    reviewApplication(a.id, coordinator.user.id, { decision: "approve" });
    const signer = {
      name: writeField("pact.signerName", probes),
      position: writeField("pact.signerPosition", probes),
    };
    signPact(a.id, a.owner.user.id, {
      signerName: signer.name.text,
      signerPosition: signer.position.text,
    });
    const invitation = writeField("invitation.email", probes);
    createInvitation(a.id, a.owner.user.id, {
      email: invitation.text,
      role: "editor",
    });
    const edited = writeField("organisation.description", probes, {
      markdown: true,
    });
    const profile = makeOrganisationProfile({
      name: a.fields.name!.text,
      acronym: a.fields.acronym!.text,
      description: edited.text,
      website: a.fields.website!.text,
      contactEmail: a.fields.contactEmail!.text,
    });
    const current = db.select().from(schema.organisations).where(eq(schema.organisations.id, a.id)).get()!;
    const update = updateOrganisationProfile(a.id, a.owner.user.id, {
      ...profile,
      ruc: current.ruc ?? undefined,
    });
    if (!update.ok) throw new Error(`could not edit: ${update.error}`);
    approved.push({
      slug: a.slug,
      ownerToken: sessionTokenOf(a.owner),
      fields: {
        ...a.fields,
        previousDescription: a.fields.description!,
        description: edited,
        signerName: signer.name,
        signerPosition: signer.position,
        invitation,
      },
    });
    // Pending: in the coordinators' review queue.
    const p = newOrganisation(probes);
    pending.push({
      slug: p.slug,
      ownerToken: sessionTokenOf(p.owner),
      fields: p.fields,
    });
    // Rejected or suspended with a reason its owners read (profile notice, notifications).
    const r = newOrganisation(probes);
    const reason = writeField("organisation.statusReason", probes);
    if (reasoned.length % 2 === 0) {
      await decideApplication(r.id, coordinator.user.id, {
        decision: "reject",
        reason: reason.text,
      });
    } else {
      reviewApplication(r.id, coordinator.user.id, { decision: "approve" });
      await suspendOrganisation(r.id, coordinator.user.id, reason.text);
    }
    reasoned.push({
      slug: r.slug,
      ownerToken: sessionTokenOf(r.owner),
      fields: { ...r.fields, reason },
    });
  }
  for (const probe of XSS_PROBES.filter((p) => BARE_FAMILIES.has(p.family))) {
    const owner = makeSettledPerson();
    const name = bareField("organisation.name", probe);
    const website = probe.family === "scheme" ? bareField("organisation.website", probe) : undefined;
    const applied = applyForMembership(owner.user.id, makeOrganisationProfile({ name: name.text, website: website?.text }));
    if (!applied.ok) throw new Error(`could not apply: ${applied.error}`);
    reviewApplication(applied.organisation.id, coordinator.user.id, {
      decision: "approve",
    });
    bare.push({
      slug: applied.organisation.slug,
      ownerToken: sessionTokenOf(owner),
      fields: { name, ...(website ? { website } : {}) },
    });
  }
  server = await startBuiltServer();
  suite = new XssSuite("organisations", server);
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

test("the probes are at least 100 distinct payloads", () => {
  expect(new Set(XSS_PROBES.map((p) => p.text)).size).toBe(XSS_PROBES.length);
  expect(XSS_PROBES.length).toBeGreaterThanOrEqual(100);
});

test("an approved organisation's profile, to anyone", async () => {
  const faults = await suite.faultsOf(async () => {
    await check(
      approved.map((o) => ({
        path: `/organisations/${o.slug}`,
        as: null,
        who: "anonymous",
        shows: [
          { write: o.fields.name!, plain: true },
          { write: o.fields.acronym!, plain: true },
          { write: o.fields.description! },
          { write: o.fields.website!, plain: true },
          { write: o.fields.contactEmail!, plain: true },
        ],
      }))
    );
    await check(
      bare.map((o) => ({
        path: `/organisations/${o.slug}`,
        as: null,
        who: "anonymous",
        shows: [{ write: o.fields.name!, plain: true }, ...(o.fields.website ? [{ write: o.fields.website, plain: true }] : [])],
      }))
    );
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the owner's edit, Pact and team pages; a coordinator's view with the audit log", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const o of approved) {
      await check([
        {
          path: `/organisations/${o.slug}/edit`,
          as: o.ownerToken,
          who: "owner",
          shows: (["name", "acronym", "description", "website", "contactEmail"] as const).map((f) => ({ write: o.fields[f]!, plain: true })),
        },
        {
          path: `/organisations/${o.slug}/pact`,
          as: o.ownerToken,
          who: "owner",
          shows: [
            { write: o.fields.signerName!, plain: true },
            { write: o.fields.signerPosition!, plain: true },
          ],
        },
        // Invitation addresses are kept lower-cased: shown, not verbatim.
        {
          path: `/organisations/${o.slug}/team`,
          as: o.ownerToken,
          who: "owner",
          shows: [{ write: o.fields.owner!, plain: true }, { write: o.fields.invitation! }],
        },
        {
          path: `/organisations/${o.slug}`,
          as: coordinatorToken,
          who: "coordinator",
          shows: [
            { write: o.fields.name!, plain: true },
            { write: o.fields.owner!, plain: true },
          ],
        },
      ]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("rejected and suspended organisations: the reason on the profile and in the owner's notifications", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const o of reasoned) {
      await check([
        {
          path: `/organisations/${o.slug}`,
          as: o.ownerToken,
          who: "owner",
          shows: [
            { write: o.fields.name!, plain: true },
            { write: o.fields.reason!, plain: true },
          ],
        },
        {
          path: "/notifications",
          as: o.ownerToken,
          who: "owner",
          shows: [{ write: o.fields.name!, plain: true }, { write: o.fields.reason! }],
        },
      ]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the coordinators' review queue shows every pending application", async () => {
  const faults = await suite.faultsOf(async () => {
    await check([
      {
        path: "/coordination/organisations",
        as: coordinatorToken,
        who: "coordinator",
        shows: pending.flatMap((o) => [
          { write: o.fields.name!, plain: true },
          { write: o.fields.acronym!, plain: true },
          { write: o.fields.description! },
          { write: o.fields.owner!, plain: true },
        ]),
      },
    ]);
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the Pact's signatories, the directory and search list them", async () => {
  const faults = await suite.faultsOf(async () => {
    const bySlug = new Map(approved.map((o) => [o.slug, o]));
    const { pages } = pactSignatoriesPage(1);
    for (let page = 1; page <= pages; page++) {
      const ours = pactSignatoriesPage(page)
        .rows.map((row) => bySlug.get(row.slug))
        .filter((o) => o !== undefined);
      if (ours.length === 0) continue;
      await check([
        {
          path: `/pact?page=${page}`,
          as: null,
          who: "anonymous",
          shows: ours.flatMap((o) => [
            { write: o.fields.name!, plain: true },
            { write: o.fields.signerName!, plain: true },
            { write: o.fields.signerPosition!, plain: true },
          ]),
        },
      ]);
    }
    for (const o of approved) {
      await check([
        {
          path: `/organisations?q=${o.fields.name!.tag}`,
          as: null,
          who: "anonymous",
          shows: [{ write: o.fields.name!, plain: true }],
        },
        {
          path: `/search?q=${o.fields.name!.tag}`,
          as: null,
          who: "anonymous",
          shows: [{ write: o.fields.name! }],
        },
      ]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the directory's CSV keeps every name and website in its own cell, formulas neutralised", async () => {
  const faults = await suite.faultsOf(async () => {
    const answer = await suite.client(null).get("/organisations.csv");
    expect(answer.status).toBe(200);
    const rows = parseCsv(answer.body);
    const header = rows[0]!;
    const cell = (row: string[], name: string) => row[header.indexOf(name)]!;
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    const bySlug = new Map(rows.slice(1).map((row) => [cell(row, "profile_url").split("/").at(-1)!, row]));
    for (const o of [...approved, ...bare]) {
      const row = bySlug.get(o.slug);
      expect(row, o.slug).toBeDefined();
      for (const [column, write] of [
        ["name", o.fields.name],
        ["acronym", o.fields.acronym],
        ["website", o.fields.website],
        ["contact_email", o.fields.contactEmail],
      ] as const) {
        if (!write) continue;
        const stored = write.text;
        const expected = looksLikeFormula(stored) ? `'${stored}` : stored;
        suite.formatChecks += write.probes.length;
        if (cell(row!, column) !== expected)
          suite.fault("anonymous /organisations.csv", "csv:cell", `${column} of ${o.slug}: ${JSON.stringify(cell(row!, column)).slice(0, 120)}`);
        if (looksLikeFormula(cell(row!, column))) suite.fault("anonymous /organisations.csv", "csv:formula", `${column} of ${o.slug}`, write.probes[0]!.id);
      }
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("through the real edit form: the owner saves probes, the page and the flash show them escaped", async () => {
  const faults = await suite.faultsOf(async () => {
    const o = approved[0]!;
    const client = suite.client(o.ownerToken);
    const formProbes = XSS_PROBES.filter((p) => p.text.length <= 120 && !p.text.includes("\n")).slice(0, 40);
    const name = writeField("organisation.name", formProbes.slice(0, 1));
    const description = writeField("organisation.description", formProbes, {
      markdown: true,
    });
    const website = bareField("organisation.website", XSS_PROBES.find((p) => p.text.startsWith('https://ok.example/"'))!);
    const current = db.select().from(schema.organisations).where(eq(schema.organisations.slug, o.slug)).get()!;
    const answer = await client.post(`/organisations/${o.slug}/edit`, {
      name: name.text,
      acronym: "",
      ruc: current.ruc ?? "",
      actorType: current.actorType,
      hqRegion: current.hqRegion,
      roadmaps: "agriculture",
      valueChains: "agricultural",
      description: description.text,
      website: website.text,
      contactEmail: "",
    });
    expect(answer.status, answer.body.slice(0, 500)).toBe(302);
    suite.formWrites += 3;
    const saved = db.select().from(schema.organisations).where(eq(schema.organisations.id, current.id)).get()!;
    expect([saved.name, saved.description, saved.website]).toEqual([name.text, description.text, website.text]);
    await check([
      {
        path: `/organisations/${saved.slug}`,
        as: o.ownerToken,
        who: "owner after the form",
        shows: [{ write: name, plain: true }, { write: description }, { write: website, plain: true }],
      },
      {
        path: `/organisations/${saved.slug}/edit`,
        as: o.ownerToken,
        who: "owner after the form",
        shows: [
          { write: name, plain: true },
          { write: description, plain: true },
          { write: website, plain: true },
        ],
      },
    ]);
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("a refused form echoes the typed probes back escaped (400 with the values kept)", async () => {
  const faults = await suite.faultsOf(async () => {
    const o = approved[1]!;
    const current = db.select().from(schema.organisations).where(eq(schema.organisations.slug, o.slug)).get()!;
    for (const probes of groups.slice(0, 4)) {
      const name = writeField("organisation.name (refused form)", probes.slice(0, 1));
      const description = writeField("organisation.description (refused form)", probes, { markdown: true });
      const website = bareField("organisation.website (refused form)", probes[0]!);
      const answer = await suite.client(o.ownerToken).post(`/organisations/${o.slug}/edit`, {
        name: name.text,
        ruc: current.ruc ?? "",
        actorType: current.actorType,
        hqRegion: current.hqRegion,
        description: description.text,
        // Never a URL: the form is refused and shows what was typed.
        website: `${website.text} not a url`,
        contactEmail: probes[1]!.text,
        foundedYear: probes[2]!.text,
      });
      expect(answer.status).toBe(400);
      suite.checkHtml("owner POST /organisations/…/edit (400)", answer.body, [{ write: description, plain: true }]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});
