import { afterAll, beforeAll, expect, test } from "vitest";
import { updateProfile } from "#app/.server/auth/index.ts";
import {
  changeStatusAndNotify,
  invitePartnerAndNotify,
  postUpdateAndNotify,
  proposeInitiative,
  requestToJoinAndNotify,
  requireInitiative,
  respondAndNotify,
} from "#app/.server/initiatives/index.ts";
import { XSS_PROBES } from "#tests/fixtures/xss-payloads.ts";
import { makeSettledPerson } from "#tests/integration/discussion-world.ts";
import { makeInitiativeInput } from "#tests/integration/initiative-world.ts";
import { makeOrganisation, type Person } from "#tests/integration/world.ts";
import { sessionTokenOf } from "./authz/world.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";
import { packedFields, probeGroups, writeField, XssSuite, type FieldWrite, type PageSpec } from "./xss/suite.ts";

// XSS in initiatives (issue 14): title, summary, description (markdown), the notes of each need,
// the gender note, partner requests' and invitations' messages, progress updates (markdown), and
// the names of the organisations and people around them — written with every probe through the
// initiatives feature's own functions, a sample through the real forms (edit, a progress update
// whose indicators are refused and echoed back); then the initiative's page to anyone, to its
// lead (who reads the requests), to an invited organisation, the edit page, notifications, «Mi
// trabajo», the list, the roadmap, search and the Atom feed.

let server: BuiltServer;
let suite: XssSuite;
const groups = probeGroups(16);

const NOTES = ["partnersNote", "financingNote", "technologyNote", "trainingNote", "infrastructureNote", "otherNote", "genderNote"] as const;
type InitiativeRecord = {
  slug: string;
  leadOwner: Person;
  invitedOwner: Person;
  fields: Record<
    | "title"
    | "summary"
    | "description"
    | "update"
    | "lead"
    | "partner"
    | "requester"
    | "invited"
    | "requestMessage"
    | "inviteMessage"
    | "leadOwnerName"
    | (typeof NOTES)[number],
    FieldWrite
  >;
};
const initiatives: InitiativeRecord[] = [];

beforeAll(async () => {
  for (const probes of groups) {
    const w = (field: string, markdown = false) => writeField(field, probes, { markdown });
    const leadOwner = makeSettledPerson();
    const leadOwnerName = w("person.name");
    updateProfile(leadOwner.user.id, { name: leadOwnerName.text, locale: "es" });
    const lead = w("organisation.name");
    const leadOrganisation = makeOrganisation(leadOwner, "approved", { name: lead.text });
    const fields = {
      title: w("initiative.title"),
      summary: w("initiative.summary"),
      description: w("initiative.description", true),
      ...Object.fromEntries(NOTES.map((note) => [note, w(`initiative.${note}`)])),
    } as Record<"title" | "summary" | "description" | (typeof NOTES)[number], FieldWrite>;
    const proposed = proposeInitiative(
      leadOwner.user.id,
      makeInitiativeInput(leadOrganisation.id, {
        title: fields.title.text,
        summary: fields.summary.text,
        description: fields.description.text,
        needs: ["partners", "financing", "technology", "training", "infrastructure", "other"],
        partnersNote: fields.partnersNote.text,
        financingNote: fields.financingNote.text,
        technologyNote: fields.technologyNote.text,
        trainingNote: fields.trainingNote.text,
        infrastructureNote: fields.infrastructureNote.text,
        otherNote: fields.otherNote.text,
        genderPerspective: "on",
        genderNote: fields.genderNote.text,
      })
    );
    if (!proposed.ok) throw new Error("could not propose");
    const slug = proposed.initiative.slug;
    const asLead = () => requireInitiative(slug, leadOwner.user, "view");
    await changeStatusAndNotify(asLead(), leadOwner.user.id, "open");
    // A partner that asked and was accepted, one whose request waits (its message read by the lead), one invited (the invitation's message read by it).
    const partner = w("organisation.name");
    const requester = w("organisation.name");
    const invited = w("organisation.name");
    const requestMessage = w("partnerRequest.message");
    const inviteMessage = w("partnerInvitation.message");
    for (const [org, message, accept] of [
      [partner, w("partnerRequest.message"), true],
      [requester, requestMessage, false],
    ] as const) {
      const owner = makeSettledPerson();
      const organisation = makeOrganisation(owner, "approved", { name: org.text });
      const asked = await requestToJoinAndNotify(requireInitiative(slug, owner.user, "view"), owner.user.id, {
        organisationId: organisation.id,
        role: "technical",
        message: message.text,
      });
      if (!asked.ok) throw new Error(`could not request: ${asked.error}`);
      if (accept) await respondAndNotify(asLead(), leadOwner.user.id, asked.partnerId, "accept", w("partnerResponse.note").text);
    }
    const invitedOwner = makeSettledPerson();
    const invitedOrganisation = makeOrganisation(invitedOwner, "approved", { name: invited.text });
    const invitation = await invitePartnerAndNotify(
      asLead(),
      leadOwner.user.id,
      { organisationId: invitedOrganisation.id, role: "funder", message: inviteMessage.text },
      invited.text
    );
    if (!invitation.ok) throw new Error(`could not invite: ${invitation.error}`);
    await changeStatusAndNotify(asLead(), leadOwner.user.id, "in_progress");
    const update = w("progressUpdate.body", true);
    const posted = await postUpdateAndNotify(asLead(), leadOwner.user.id, {
      organisationId: leadOrganisation.id,
      reportedOn: "2026-01-15",
      body: update.text,
      indicators: {},
    });
    if (!posted.ok) throw new Error(`could not post an update: ${posted.error}`);
    initiatives.push({
      slug,
      leadOwner,
      invitedOwner,
      fields: { ...fields, update, lead, partner, requester, invited, requestMessage, inviteMessage, leadOwnerName },
    });
  }
  server = await startBuiltServer();
  suite = new XssSuite("initiatives", server);
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

test("an initiative's page: to anyone, to its lead (requests' messages), to an invited organisation (the invitation's message)", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const ini of initiatives) {
      const publicFields = [
        ...(["title", "summary", "lead", "partner", ...NOTES] as const).map((f) => ({ write: ini.fields[f], plain: true })),
        { write: ini.fields.description },
        { write: ini.fields.update },
      ];
      await check([
        { path: `/initiatives/${ini.slug}`, as: null, who: "anonymous", shows: publicFields },
        {
          path: `/initiatives/${ini.slug}`,
          as: sessionTokenOf(ini.leadOwner),
          who: "lead owner",
          shows: [
            { write: ini.fields.requester, plain: true },
            { write: ini.fields.requestMessage, plain: true },
            { write: ini.fields.invited, plain: true },
          ],
        },
        {
          path: `/initiatives/${ini.slug}`,
          as: sessionTokenOf(ini.invitedOwner),
          who: "invited owner",
          shows: [{ write: ini.fields.inviteMessage, plain: true }],
        },
      ]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the lead's edit page, notifications and «Mi trabajo»", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const ini of initiatives) {
      await check([
        {
          path: `/initiatives/${ini.slug}/edit`,
          as: sessionTokenOf(ini.leadOwner),
          who: "lead owner",
          shows: (["title", "summary", "description", ...NOTES] as const).map((f) => ({ write: ini.fields[f], plain: true })),
        },
        {
          path: "/notifications",
          as: sessionTokenOf(ini.leadOwner),
          who: "lead owner",
          shows: [
            { write: ini.fields.title, plain: true },
            { write: ini.fields.requester, plain: true },
          ],
        },
        {
          path: "/notifications",
          as: sessionTokenOf(ini.invitedOwner),
          who: "invited owner",
          shows: [
            { write: ini.fields.title, plain: true },
            { write: ini.fields.invited, plain: true },
          ],
        },
        { path: "/my-work", as: sessionTokenOf(ini.leadOwner), who: "lead owner", shows: [{ write: ini.fields.title, plain: true }] },
      ]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the list, the roadmap, the lead's profile, search and the Atom feed", async () => {
  const faults = await suite.faultsOf(async () => {
    await check(
      initiatives.map((ini, i) => ({
        path: `/initiatives?q=${ini.fields.title.tag}`,
        as: null,
        who: "anonymous",
        shows: [{ write: ini.fields.title, plain: true }],
        browser: i < 4,
      }))
    );
    await check(
      initiatives.map((ini, i) => ({
        path: `/search?q=${ini.fields.title.tag}`,
        as: null,
        who: "anonymous",
        shows: [{ write: ini.fields.title }],
        browser: i < 4,
      }))
    );
    await check([{ path: "/roadmaps/agriculture", as: null, who: "anonymous", shows: initiatives.map((ini) => ({ write: ini.fields.title, plain: true })) }]);
    const { slug } = await import("#app/.server/db.ts").then(
      ({ db, schema }) =>
        db
          .select({ slug: schema.organisations.slug })
          .from(schema.organisations)
          .all()
          .find((o) => o.slug.startsWith(initiatives[0]!.fields.lead.tag!))!
    );
    await check([{ path: `/organisations/${slug}`, as: null, who: "anonymous", shows: [{ write: initiatives[0]!.fields.title, plain: true }] }]);
    const feed = await suite.client(null).get("/initiatives.atom");
    expect(feed.status).toBe(200);
    await suite.checkAtom(
      "/initiatives.atom",
      feed.body,
      initiatives.slice(-4).map((ini) => ({ write: ini.fields.title, as: "title" as const }))
    );
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("through the real forms: an edit saved and shown escaped; a progress update whose indicators are refused echoes them back escaped", async () => {
  const ini = initiatives[0]!;
  const client = suite.client(sessionTokenOf(ini.leadOwner));
  const faults = await suite.faultsOf(async () => {
    const probes = XSS_PROBES.filter((p) => p.text.length <= 120);
    const title = packedFields("initiative.title", 150, { probes })[0]!;
    const summary = packedFields("initiative.summary", 280, { probes: probes.slice(10) })[0]!;
    const description = writeField("initiative.description", probes.slice(0, 80), { markdown: true });
    const partnersNote = packedFields("initiative.partnersNote", 500, { probes: probes.slice(30) })[0]!;
    const { db, schema } = await import("#app/.server/db.ts");
    const { eq } = await import("drizzle-orm");
    const row = db.select().from(schema.initiatives).where(eq(schema.initiatives.slug, ini.slug)).get()!;
    const saved = await client.post(`/initiatives/${ini.slug}/edit`, {
      leadOrganisationId: String(row.leadOrganisationId),
      title: title.text,
      summary: summary.text,
      description: description.text,
      roadmap: "agriculture",
      valueChains: "agricultural",
      regions: "SAM",
      needs: "partners",
      partnersNote: partnersNote.text,
    });
    expect(saved.status, saved.body.slice(0, 400)).toBe(302);
    suite.formWrites += 4;
    await check([
      {
        path: `/initiatives/${ini.slug}`,
        as: null,
        who: "anonymous after the form",
        shows: [{ write: title, plain: true }, { write: summary, plain: true }, { write: description }, { write: partnersNote, plain: true }],
      },
    ]);
    // Indicators take numbers of at most 20 characters: a probe that short is refused (400) and shown back in its field.
    const short = XSS_PROBES.filter((p) => p.text.length <= 20);
    for (const probe of short) {
      const body = writeField("progressUpdate.body (refused form)", [probe], { markdown: true });
      const refused = await client.post(`/initiatives/${ini.slug}`, {
        intent: "update",
        organisationId: String(row.leadOrganisationId),
        reportedOn: "2026-01-20",
        body: body.text,
        waste_diverted_t: probe.text,
      });
      expect(refused.status).toBe(400);
      suite.checkHtml("lead owner POST /initiatives/… intent=update (400)", refused.body, [
        { write: body, plain: true },
        { write: { field: "progressUpdate.indicator (refused form)", tag: null, probes: [probe], text: probe.text }, plain: true },
      ]);
    }
  });
  expect(faults, suite.report(faults)).toEqual([]);
});
