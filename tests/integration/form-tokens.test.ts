// Issue 8 §2: a successful create form must not invite a duplicate. Every create action carries a
// one-time form token; the same posted body sent twice (a double click, Back and resubmit, a
// browser retry) creates one row and the repeat gets the first answer (same redirect and flash).
import { count, eq } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { indicatorTotals } from "#app/.server/initiatives/index.ts";
import { EventSchema } from "#app/features/events/schemas.ts";
import { action as eventAction, loader as eventLoader } from "#app/routes/events.$slug._index.tsx";
import { action as eventEditAction, loader as eventEditLoader } from "#app/routes/events.$slug.edit.tsx";
import { action as newEventAction, loader as newEventLoader } from "#app/routes/events.new.tsx";
import { action as initiativeAction, loader as initiativeLoader } from "#app/routes/initiatives.$slug._index.tsx";
import { action as newInitiativeAction, loader as newInitiativeLoader } from "#app/routes/initiatives.new.tsx";
import { action as pactSignAction, loader as pactSignLoader } from "#app/routes/organisations.$slug.pact.tsx";
import { action as teamAction, loader as teamLoader } from "#app/routes/organisations.$slug.team.tsx";
import { action as newOrganisationAction, loader as newOrganisationLoader } from "#app/routes/organisations.new.tsx";
import { action as pactAction, loader as pactLoader } from "#app/routes/pact.tsx";
import { makeRuc } from "#tests/factories/organisations.ts";
import { callRoute, type RouteResult } from "./call-route.ts";
import { makeInitiativeWorld } from "./initiative-world.ts";
import { makeOrganisation, makePerson, type Person } from "./world.ts";

const BASE = "http://localhost:3000";
type Handler = Parameters<typeof callRoute>[0];

const rowsIn = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()!.n;

/** Posts the same body twice, as a double click or a Back-and-resubmit would. */
async function postTwice(handler: Handler, path: string, person: Person, form: Record<string, string>, params: Record<string, string> = {}) {
  const send = () => callRoute((args) => handler({ ...args, params }), { url: `${BASE}${path}`, method: "POST", cookie: person.cookie, form });
  const first = await send();
  const second = await send();
  return { first, second };
}

/** The repeat is answered exactly like the first success: a 302 to the same place with the same flash. */
function expectSameAnswer(first: RouteResult, second: RouteResult) {
  expect(first.status).toBe(302);
  expect(second.status).toBe(302);
  expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
  const flash = (r: RouteResult) => r.headers.getSetCookie().find((c) => c.startsWith("flash="));
  expect(flash(first)).toBeTruthy();
  expect(flash(second)).toBe(flash(first));
}

/** The page's loader gives its create form a fresh token each time. */
async function expectTokenFrom(handler: Handler, path: string, person: Person, params: Record<string, string> = {}) {
  const load = () => callRoute((args) => handler({ ...args, params }), { url: `${BASE}${path}`, cookie: person.cookie });
  const [a, b] = [await load(), await load()];
  const tokenOf = (r: RouteResult) => (r.data as { formToken?: string }).formToken;
  expect(tokenOf(a)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(tokenOf(b)).not.toBe(tokenOf(a));
  return tokenOf(a)!;
}

let rucSeq = 0;
const freshRuc = () => makeRuc("20", 71_000_000 + (Date.now() % 100_000) * 10 + (rucSeq += 1));

function eventForm(overrides: Record<string, string> = {}) {
  return {
    title: `Taller de compostaje ${crypto.randomUUID().slice(0, 6)}`,
    type: "training",
    summary: "Aprende a convertir residuos orgánicos en abono.",
    startsAt: "2031-03-10T09:00",
    endsAt: "2031-03-10T13:00",
    format: "in_person",
    venueName: "CITE Cusco",
    city: "Cusco",
    region: "CUS",
    ...overrides,
  };
}

function publishedEvent(questions = "") {
  const coordinator = makePerson("coordinator");
  const input = EventSchema.parse({ ...eventForm(), questions });
  const created = createEvent(coordinator.user.id, input);
  publishEvent(created.id);
  return { coordinator, event: db.select().from(schema.events).where(eq(schema.events.id, created.id)).get()! };
}

describe("the same create form posted twice creates one row", () => {
  test("organisation application", async () => {
    const person = makePerson();
    const formToken = await expectTokenFrom(newOrganisationLoader, "/organisations/new", person);
    const before = rowsIn(schema.organisations);
    const { first, second } = await postTwice(newOrganisationAction, "/organisations/new", person, {
      formToken,
      name: `Cooperativa Doble Clic ${crypto.randomUUID().slice(0, 6)}`,
      ruc: freshRuc(),
      actorType: "cooperative",
      hqRegion: "CUS",
    });
    expectSameAnswer(first, second);
    expect(first.headers.get("Location")).toMatch(/^\/organisations\/cooperativa-doble-clic/);
    expect(rowsIn(schema.organisations)).toBe(before + 1);
  });

  test("initiative proposal", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const formToken = await expectTokenFrom(newInitiativeLoader, "/initiatives/new", owner);
    const before = rowsIn(schema.initiatives);
    const { first, second } = await postTwice(newInitiativeAction, "/initiatives/new", owner, {
      formToken,
      leadOrganisationId: String(organisation.id),
      title: `Compost de pulpa de café ${crypto.randomUUID().slice(0, 6)}`,
      summary: "Convertir la pulpa de café en abono para pequeños productores.",
      roadmap: "agriculture",
    });
    expectSameAnswer(first, second);
    expect(first.headers.get("Location")).toMatch(/^\/initiatives\/compost-de-pulpa/);
    expect(rowsIn(schema.initiatives)).toBe(before + 1);
  });

  test("progress update («Reportar avance»): one update, totals counted once", async () => {
    const w = makeInitiativeWorld("in_progress");
    const { leadOwner } = w.people;
    const path = `/initiatives/${w.initiative.slug}`;
    const params = { slug: w.initiative.slug };
    const formToken = await expectTokenFrom(initiativeLoader, path, leadOwner, params);
    const { first, second } = await postTwice(
      initiativeAction,
      path,
      leadOwner,
      {
        formToken,
        intent: "update",
        organisationId: String(w.lead.id),
        reportedOn: "2026-01-15",
        body: "Compostamos la pulpa de tres fincas.",
        waste_diverted_t: "12.5",
        jobs_created: "3",
      },
      params,
    );
    expectSameAnswer(first, second);
    const updates = db.select().from(schema.initiativeUpdates).where(eq(schema.initiativeUpdates.initiativeId, w.initiative.id)).all();
    expect(updates).toHaveLength(1);
    expect(indicatorTotals([w.initiative.id])).toMatchObject({ waste_diverted_t: 12_500, jobs_created: 3 });
  });

  test("partner request (join) and invitation", async () => {
    const w = makeInitiativeWorld("open");
    const path = `/initiatives/${w.initiative.slug}`;
    const params = { slug: w.initiative.slug };
    const partnersOf = () => db.select().from(schema.initiativePartners).where(eq(schema.initiativePartners.initiativeId, w.initiative.id)).all();
    const before = partnersOf().length;

    const joinToken = await expectTokenFrom(initiativeLoader, path, w.people.otherOrgMember, params);
    const join = await postTwice(
      initiativeAction,
      path,
      w.people.otherOrgMember,
      { formToken: joinToken, intent: "join", organisationId: String(w.otherOrg.id), role: "supporter", message: "Queremos sumar" },
      params,
    );
    // Without the token the repeat was a 409 "already involved": now it is the first answer again.
    expectSameAnswer(join.first, join.second);
    expect(partnersOf()).toHaveLength(before + 1);

    const invitee = makeOrganisation(makePerson());
    const inviteToken = await expectTokenFrom(initiativeLoader, path, w.people.leadOwner, params);
    const invite = await postTwice(
      initiativeAction,
      path,
      w.people.leadOwner,
      { formToken: inviteToken, intent: "invite", organisation: invitee.name, role: "funder", message: "" },
      params,
    );
    expectSameAnswer(invite.first, invite.second);
    expect(partnersOf()).toHaveLength(before + 2);
  });

  test("event creation", async () => {
    const coordinator = makePerson("coordinator");
    const formToken = await expectTokenFrom(newEventLoader, "/events/new", coordinator);
    const before = rowsIn(schema.events);
    const { first, second } = await postTwice(newEventAction, "/events/new", coordinator, { formToken, ...eventForm() });
    expectSameAnswer(first, second);
    expect(first.headers.get("Location")).toMatch(/^\/events\/taller-de-compostaje-.*\/edit$/);
    expect(rowsIn(schema.events)).toBe(before + 1);
  });

  test("agenda session («Agregar una sesión») and its speakers", async () => {
    const { coordinator, event } = publishedEvent();
    const path = `/events/${event.slug}/edit`;
    const params = { slug: event.slug };
    const formToken = await expectTokenFrom(eventEditLoader, path, coordinator, params);
    const { first, second } = await postTwice(
      eventEditAction,
      path,
      coordinator,
      {
        formToken,
        intent: "add-session",
        startsAt: "2031-03-10T09:00",
        endsAt: "2031-03-10T10:00",
        title: "Apertura",
        speakers: "Ana Quispe | Gerenta | CITE Cusco",
      },
      params,
    );
    expectSameAnswer(first, second);
    const sessions = db.select().from(schema.eventSessions).where(eq(schema.eventSessions.eventId, event.id)).all();
    expect(sessions).toHaveLength(1);
    expect(db.select().from(schema.eventSpeakers).where(eq(schema.eventSpeakers.sessionId, sessions[0]!.id)).all()).toHaveLength(1);
  });

  test("team invitation: one invitation, one email", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const path = `/organisations/${organisation.slug}/team`;
    const params = { slug: organisation.slug };
    const formToken = await expectTokenFrom(teamLoader, path, owner, params);
    const email = `invitada-${crypto.randomUUID().slice(0, 6)}@prueba.pe`;
    const mailsBefore = db.select().from(schema.outbox).all().filter((m) => m.to === email).length;
    const { first, second } = await postTwice(teamAction, path, owner, { formToken, intent: "invite", email, role: "editor" }, params);
    expectSameAnswer(first, second);
    expect(db.select().from(schema.organisationInvitations).where(eq(schema.organisationInvitations.organisationId, organisation.id)).all()).toHaveLength(1);
    expect(db.select().from(schema.outbox).all().filter((m) => m.to === email).length).toBe(mailsBefore + 1);
  });

  test("event registration: the repeat is the first confirmation, not «already registered»", async () => {
    const { event } = publishedEvent();
    const person = makePerson();
    const path = `/events/${event.slug}`;
    const params = { slug: event.slug };
    const formToken = await expectTokenFrom(eventLoader, path, person, params);
    const { first, second } = await postTwice(eventAction, path, person, { formToken, intent: "register" }, params);
    expectSameAnswer(first, second);
    expect(db.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.eventId, event.id)).all()).toHaveLength(1);
  });

  test("Pact signature: the repeat is the first success, not «already signed»", async () => {
    const owner = makePerson();
    const organisation = makeOrganisation(owner);
    const path = `/organisations/${organisation.slug}/pact`;
    const params = { slug: organisation.slug };
    const formToken = await expectTokenFrom(pactSignLoader, path, owner, params);
    const { first, second } = await postTwice(
      pactSignAction,
      path,
      owner,
      { formToken, intent: "sign", signerName: "Rosa Huamán", signerPosition: "Gerenta general", confirm: "on" },
      params,
    );
    expectSameAnswer(first, second);
    expect(db.select().from(schema.pactSignatures).where(eq(schema.pactSignatures.organisationId, organisation.id)).all()).toHaveLength(1);
  });

  test("historical Pact signature recorded by a coordinator", async () => {
    const coordinator = makePerson("coordinator");
    const organisation = makeOrganisation(makePerson());
    const formToken = await expectTokenFrom(pactLoader, "/pact", coordinator);
    const { first, second } = await postTwice(pactAction, "/pact", coordinator, {
      formToken,
      organisationId: String(organisation.id),
      signerName: "Rosa Huamán",
      signerPosition: "Gerenta general",
      signedOn: "2021-03-04",
    });
    expectSameAnswer(first, second);
    expect(db.select().from(schema.pactSignatures).where(eq(schema.pactSignatures.organisationId, organisation.id)).all()).toHaveLength(1);
  });
});

describe("the token guard", () => {
  test("a refused submission leaves the token unused: the corrected form goes through once", async () => {
    const { coordinator, event } = publishedEvent();
    const params = { slug: event.slug };
    const formToken = issueFormToken();
    const post = (form: Record<string, string>) =>
      callRoute((args) => eventEditAction({ ...args, params }), { url: `${BASE}/events/${event.slug}/edit`, method: "POST", cookie: coordinator.cookie, form });
    const session = { formToken, intent: "add-session", startsAt: "2031-03-10T09:00", endsAt: "2031-03-10T10:00" };
    expect((await post({ ...session, title: "" })).status).toBe(400);
    expect((await post({ ...session, title: "Apertura" })).status).toBe(302);
    expect((await post({ ...session, title: "Apertura" })).status).toBe(302);
    expect(db.select().from(schema.eventSessions).where(eq(schema.eventSessions.eventId, event.id)).all()).toHaveLength(1);
  });

  test("a new token (the form shown again after a success) creates again", async () => {
    const { coordinator, event } = publishedEvent();
    const params = { slug: event.slug };
    const post = (formToken: string) =>
      callRoute((args) => eventEditAction({ ...args, params }), {
        url: `${BASE}/events/${event.slug}/edit`,
        method: "POST",
        cookie: coordinator.cookie,
        form: { formToken, intent: "add-session", startsAt: "2031-03-10T09:00", endsAt: "2031-03-10T10:00", title: "Bloque" },
      });
    expect((await post(issueFormToken())).status).toBe(302);
    expect((await post(issueFormToken())).status).toBe(302);
    expect(db.select().from(schema.eventSessions).where(eq(schema.eventSessions.eventId, event.id)).all()).toHaveLength(2);
  });

  test("another user's token is refused with 409 and creates nothing", async () => {
    const { coordinator, event } = publishedEvent();
    const other = makePerson("coordinator");
    const params = { slug: event.slug };
    const form = { formToken: issueFormToken(), intent: "add-session", startsAt: "2031-03-10T09:00", endsAt: "2031-03-10T10:00", title: "Apertura" };
    const post = (person: Person) =>
      callRoute((args) => eventEditAction({ ...args, params }), { url: `${BASE}/events/${event.slug}/edit`, method: "POST", cookie: person.cookie, form });
    expect((await post(coordinator)).status).toBe(302);
    expect((await post(other)).status).toBe(409);
    expect(db.select().from(schema.eventSessions).where(eq(schema.eventSessions.eventId, event.id)).all()).toHaveLength(1);
  });

  test("two submissions that both pass the first check still create once: the transaction decides", () => {
    const person = makePerson();
    const form = new FormData();
    form.set("formToken", issueFormToken());
    // Both requests are past their first check before either writes (a race between two clicks).
    const a = submitOnce(form, { userId: person.user.id, form: "race" });
    const b = submitOnce(form, { userId: person.user.id, form: "race" });
    let created = 0;
    const create = () => ({ ok: true, n: (created += 1) });
    a.write(create, { redirectTo: "/first", flash: { key: "ev.sessions.added" } });
    let thrown: unknown;
    try {
      b.write(create, { redirectTo: "/second", flash: { key: "ev.sessions.added" } });
    } catch (error) {
      thrown = error;
    }
    expect(created).toBe(1);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/first");
  });

  test("one page token serves each of the page's forms once", () => {
    const person = makePerson();
    const form = new FormData();
    form.set("formToken", issueFormToken());
    let created = 0;
    const create = () => ({ ok: true, n: (created += 1) });
    submitOnce(form, { userId: person.user.id, form: "initiative-join" }).write(create, { redirectTo: "/a" });
    submitOnce(form, { userId: person.user.id, form: "initiative-update" }).write(create, { redirectTo: "/b" });
    expect(created).toBe(2);
    expect(() => submitOnce(form, { userId: person.user.id, form: "initiative-update" })).toThrow(Response);
  });

  test("a form without a well-formed token is not guarded (scripted callers keep working)", () => {
    const person = makePerson();
    let created = 0;
    const create = () => ({ ok: true, n: (created += 1) });
    for (const token of [null, "short", "x".repeat(22) + "\r\n"]) {
      const form = new FormData();
      if (token) form.set("formToken", token);
      submitOnce(form, { userId: person.user.id, form: "unguarded" }).write(create, { redirectTo: "/" });
      submitOnce(form, { userId: person.user.id, form: "unguarded" }).write(create, { redirectTo: "/" });
    }
    expect(created).toBe(6);
    expect(db.select().from(schema.formSubmissions).where(eq(schema.formSubmissions.form, "unguarded")).all()).toHaveLength(0);
  });
});
