import type { ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import "#app/.server/discussion-parents.ts";
import { authorPosts, homeDiscussions, latestThreads, moderationQueue, reply, threadsForApi, threadsForSitemap } from "#app/.server/discussions/index.ts";
import { expressInterest, interestStatus, invitableCoordinators, inviteFacilitator, listingConversations, myConversations } from "#app/.server/exchange/index.ts";
import { saveNotificationPreferences, sendDueDigests } from "#app/.server/notifications/index.ts";
import { searchEverything } from "#app/.server/search/index.ts";
import { loader as feedLoader } from "#app/routes/discussions[.]atom.ts";
import { loader as parentLoader } from "#app/routes/discussions.on.$type.$id.tsx";
import { loader as threadLoader } from "#app/routes/discussions.threads.$id.tsx";
import { loader as apiThreadLoader } from "#app/routes/api.v1.threads_.$id.ts";
import { loader as listingLoader } from "#app/routes/exchange.$id._index.tsx";
import { action as interestAction, loader as interestLoader } from "#app/routes/exchange.$id.interest.tsx";
import { action as facilitatorsAction, loader as facilitatorsLoader } from "#app/routes/exchange.conversations.$id.facilitators.tsx";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { callRoute } from "./call-route.ts";
import { noticesOf } from "./notices.ts";
import { addMember, makeOrganisation, makePerson, type Person } from "./world.ts";

// Private conversations of the resource exchange (issue 12): "I'm interested" and who may take
// part, and — most important — that a conversation and its posts appear to nobody else anywhere:
// thread and parent pages, latest threads and feeds, the API, sitemaps, site search, the home
// page, people's posts, notifications and mentions, the moderation queue.

const BASE = "http://localhost:3000";
type Handler = (args: ActionFunctionArgs) => unknown;
const withParams = (handler: Handler, params: Record<string, string>) => (args: ActionFunctionArgs) => handler({ ...args, params });

let seq = 0;
function withHandle(person: Person) {
  seq += 1;
  const handle = `xc${seq}${Math.random().toString(36).slice(2, 7)}`;
  db.update(schema.users).set({ handle }).where(eq(schema.users.id, person.user.id)).run();
  return handle;
}

/** A mill that lists rice husk, a cooperative that is interested, and everyone around them. */
function makeScene() {
  const millOwner = makePerson();
  const mill = makeOrganisation(millOwner);
  const millEditor = makePerson();
  addMember(mill.id, millEditor, "editor");
  const millMember = makePerson();
  addMember(mill.id, millMember, "member");
  const coopOwner = makePerson();
  const coop = makeOrganisation(coopOwner);
  const coopMember = makePerson();
  addMember(coop.id, coopMember, "member");
  const outsider = makePerson();
  const third = makeOrganisation(outsider);
  const suspendedMember = makePerson();
  const suspended = makeOrganisation(suspendedMember, "suspended");
  const coordinator = makePerson("coordinator");
  const facilitator = makePerson("coordinator");
  const admin = makePerson("admin");
  const listing = makeListingRow(mill.id, { title: "Cascarilla de arroz de Lambayeque" });
  return { mill, millOwner, millEditor, millMember, coop, coopOwner, coopMember, third, outsider, suspended, suspendedMember, coordinator, facilitator, admin, listing };
}

describe("I'm interested: who may, and bad input", () => {
  const s = {} as ReturnType<typeof makeScene>;
  beforeAll(() => Object.assign(s, makeScene()));
  const say = (person: Person | null, listingId: number, message = "Nos interesa para compost.", organisationId?: number) =>
    expressInterest(person?.user ?? null, listingId, { message, organisationId });

  test("refusals, each with its status", () => {
    const cases: Array<[string, ReturnType<typeof say>, string, number]> = [
      ["anonymous", say(null, s.listing.id), "login", 401],
      ["the listing's owner", say(s.millOwner, s.listing.id), "own", 403],
      ["the listing's plain member", say(s.millMember, s.listing.id), "own", 403],
      ["a member of a suspended organisation", say(s.suspendedMember, s.listing.id), "no_organisation", 403],
      ["a coordinator with no organisation", say(s.coordinator, s.listing.id), "no_organisation", 403],
      ["an unknown listing", say(s.coopOwner, 999_999_999), "not_found", 404],
      ["an organisation that is not theirs", say(s.coopOwner, s.listing.id, "Hola", s.third.id), "organisation", 400],
      ["an empty message", say(s.coopOwner, s.listing.id, "   "), "invalid", 400],
      ["a message too long", say(s.coopOwner, s.listing.id, "a".repeat(20_001)), "invalid", 400],
    ];
    for (const [who, answer, reason, status] of cases) {
      expect(answer, who).toMatchObject({ ok: false, reason });
      if (!answer.ok) expect(interestStatus(answer), who).toBe(status);
    }
    // Nothing was half-saved.
    expect(db.select().from(schema.exchangeConversations).where(eq(schema.exchangeConversations.listingId, s.listing.id)).all()).toEqual([]);
  });

  test("drafts, hidden listings and suspended organisations' listings do not exist (404); closed ones take no interest (409)", () => {
    const draft = makeListingRow(s.mill.id, { status: "draft", publishedAt: null });
    const hidden = makeListingRow(s.mill.id, { hiddenAt: new Date() });
    const closed = makeListingRow(s.mill.id, { status: "closed" });
    const ofSuspended = makeListingRow(s.suspended.id);
    for (const id of [draft.id, hidden.id, ofSuspended.id]) expect(say(s.coopOwner, id)).toMatchObject({ ok: false, reason: "not_found" });
    const answer = say(s.coopOwner, closed.id);
    expect(answer).toMatchObject({ ok: false, reason: "closed" });
    if (!answer.ok) expect(interestStatus(answer)).toBe(409);
  });

  test("a member of several approved organisations must choose one", () => {
    const both = makePerson();
    addMember(s.coop.id, both, "member");
    addMember(s.third.id, both, "editor");
    expect(say(both, s.listing.id)).toMatchObject({ ok: false, reason: "organisation" });
  });

  test("one conversation per (listing, organisation): opened once, then reused with a reply", () => {
    const first = say(s.coopMember, s.listing.id, "Hola, ¿cuántas toneladas al mes?");
    expect(first).toMatchObject({ ok: true, created: true });
    const again = say(s.coopOwner, s.listing.id, "Seguimos interesados.");
    expect(again).toMatchObject({ ok: true, created: false });
    if (!first.ok || !again.ok) return;
    expect(again.conversationId).toBe(first.conversationId);
    expect(again.threadId).toBe(first.threadId);
    const rows = db.select().from(schema.exchangeConversations).where(eq(schema.exchangeConversations.listingId, s.listing.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organisationId: s.coop.id, startedBy: s.coopMember.user.id });
    const posts = db.select().from(schema.discussionPosts).where(eq(schema.discussionPosts.threadId, first.threadId)).all();
    expect(posts.map((p) => p.body)).toEqual(["Hola, ¿cuántas toneladas al mes?", "Seguimos interesados."]);
    // The listing's organisation is told of the new thread; the interested side's other members too.
    for (const person of [s.millOwner, s.millEditor, s.millMember]) expect(noticesOf(person.user).map((n) => n.type)).toContain("discussion.new_thread");
    expect(noticesOf(s.outsider.user)).toEqual([]);
    // A member of a third organisation opens a conversation of their own.
    const theirs = say(s.outsider, s.listing.id, "También nos interesa.");
    expect(theirs).toMatchObject({ ok: true, created: true });
    if (theirs.ok) expect(theirs.conversationId).not.toBe(first.conversationId);
  });

  test("a hazardous listing's first message carries the EO-RS notice and the writer's confirmation", () => {
    const hazardous = makeListingRow(s.mill.id, { category: "used_oils", hazardous: true, title: "Aceite usado" });
    const answer = say(s.coopOwner, hazardous.id, "Lo recogemos con nuestra EO-RS.");
    expect(answer).toMatchObject({ ok: true });
    if (!answer.ok) return;
    const post = db.select().from(schema.discussionPosts).where(eq(schema.discussionPosts.threadId, answer.threadId)).get()!;
    expect(post.body.startsWith("Lo recogemos con nuestra EO-RS.")).toBe(true);
    expect(post.body).toContain("EO-RS");
    expect(post.body).toContain("Residuo peligroso");
  });
});

describe("privacy: a conversation exists for its participants only", () => {
  const s = {} as ReturnType<typeof makeScene> & { conversationId: number; threadId: number; word: string; outsiderHandle: string };
  beforeAll(() => {
    Object.assign(s, makeScene());
    // A word nobody else writes, to look for everywhere.
    s.word = `zafiro${Date.now().toString(36)}`;
    s.outsiderHandle = withHandle(s.outsider);
    const opened = expressInterest(s.coopOwner.user, s.listing.id, { message: `Propuesta ${s.word}: 3 t al mes. @${s.outsiderHandle}` });
    if (!opened.ok) throw new Error(`could not open: ${opened.reason}`);
    s.conversationId = opened.conversationId;
    s.threadId = opened.threadId;
    const answered = reply(s.millEditor.user, opened.threadId, { body: `Respuesta ${s.word}: de acuerdo.` });
    if (!answered.ok) throw new Error(answered.reason);
  });

  const outsiders = () => ({ anonymous: null, "member of a third organisation": s.outsider, "coordinator not invited": s.coordinator, admin: s.admin, "member of a suspended organisation": s.suspendedMember });
  const participants = () => ({ "interested owner": s.coopOwner, "interested member": s.coopMember, "listing's editor": s.millEditor, "listing's plain member": s.millMember });

  const threadStatus = async (person: Person | null) =>
    (await callRoute(withParams(threadLoader as Handler, { id: String(s.threadId) }), { url: `${BASE}/discussions/threads/${s.threadId}`, cookie: person?.cookie })).status;
  const parentStatus = async (person: Person | null) =>
    (
      await callRoute(withParams(parentLoader as Handler, { type: "exchange_conversation", id: String(s.conversationId) }), {
        url: `${BASE}/discussions/on/exchange_conversation/${s.conversationId}`,
        cookie: person?.cookie,
      })
    ).status;

  test("the thread and the conversation's page: 200 for participants, 404 for everyone else", async () => {
    for (const [who, person] of Object.entries(participants())) {
      expect(await threadStatus(person), who).toBe(200);
      expect(await parentStatus(person), who).toBe(200);
    }
    for (const [who, person] of Object.entries(outsiders())) {
      expect(await threadStatus(person), who).toBe(404);
      expect(await parentStatus(person), who).toBe(404);
    }
  });

  test("participants may write; outsiders may not reply even knowing the thread's id", () => {
    expect(reply(s.coopMember.user, s.threadId, { body: "Confirmamos." })).toMatchObject({ ok: true });
    for (const [who, person] of Object.entries(outsiders())) {
      if (person) expect(reply(person.user, s.threadId, { body: "Hola" }), who).toMatchObject({ ok: false });
    }
  });

  test("latest threads, the Atom feed, the home page, the API and the sitemap leave it out", async () => {
    for (const [who, person] of Object.entries(outsiders())) {
      expect(latestThreads(200, person?.user ?? null).map((t) => t.id), who).not.toContain(s.threadId);
    }
    expect(latestThreads(200, s.coopOwner.user).map((t) => t.id)).toContain(s.threadId);
    const feed = await callRoute(feedLoader as Handler, { url: `${BASE}/discussions.atom` });
    expect(String(feed.data)).not.toContain(s.word);
    expect(String(feed.data)).not.toContain(`/discussions/threads/${s.threadId}`);
    expect(homeDiscussions(null).latest.map((t) => t.id)).not.toContain(s.threadId);
    expect(homeDiscussions({ userId: s.coordinator.user.id, moderator: true }).latest.map((t) => t.id)).not.toContain(s.threadId);
    const api = threadsForApi({}, { afterId: 0, limit: 1000 });
    expect(api.rows.map((r) => r.id)).not.toContain(s.threadId);
    const apiThread = await callRoute(withParams(apiThreadLoader as Handler, { id: String(s.threadId) }), { url: `${BASE}/api/v1/threads/${s.threadId}` });
    expect(apiThread.status).toBe(404);
    expect(String(apiThread.data)).not.toContain(s.word);
    expect(threadsForSitemap(0, s.threadId + 1000).map((r) => r.id)).not.toContain(s.threadId);
  });

  test("site search finds it for nobody, participants included (private conversations have no place in search)", () => {
    for (const person of [null, s.outsider, s.coordinator, s.admin, s.coopOwner, s.millEditor]) {
      const found = searchEverything({ q: s.word, type: "all", page: 1 }, person?.user ?? null);
      expect(found.counts.all).toBe(0);
    }
  });

  test("a person's posts show conversation posts only to participants", () => {
    const handle = withHandle(s.millEditor);
    for (const [who, person] of Object.entries(outsiders())) {
      const posts = authorPosts(handle, 1, person?.user ?? null);
      expect(posts?.rows.map((r) => r.excerpt).join(" "), who).not.toContain(s.word);
    }
    expect(authorPosts(handle, 1, s.coopMember.user)?.rows.map((r) => r.excerpt).join(" ")).toContain(s.word);
  });

  test("a mention of an outsider stores nothing for them (they may not read the thread), and mails them nothing", () => {
    expect(noticesOf(s.outsider.user)).toEqual([]);
    expect(db.select().from(schema.notifications).where(eq(schema.notifications.userId, s.outsider.user.id)).all()).toEqual([]);
    const mailed = db.select().from(schema.mailQueue).where(eq(schema.mailQueue.to, s.outsider.user.email)).all();
    expect(mailed).toEqual([]);
  });

  test("an outsider mentioned with a daily digest: no digest names the conversation or its words (nothing is stored for them)", async () => {
    const reader = makePerson();
    const handle = withHandle(reader);
    saveNotificationPreferences(reader.user.id, {
      channels: { discussion_replies: "email", mentions: "digest", initiatives: "email", events: "email", organisations: "email" },
      digestFrequency: "daily",
    });
    expect(reply(s.millEditor.user, s.threadId, { body: `Copiamos a @${handle} por error ${s.word}.` })).toMatchObject({ ok: true });
    await sendDueDigests(new Date(Date.now() + 2 * 24 * 3600_000));
    const digests = db.select().from(schema.mailQueue).where(eq(schema.mailQueue.to, reader.user.email)).all();
    expect(digests).toEqual([]);
    expect(db.select().from(schema.notifications).where(eq(schema.notifications.userId, reader.user.id)).all()).toEqual([]);
  });

  test("new-thread and reply notices go to participants only", () => {
    for (const person of [s.millOwner, s.millEditor, s.millMember]) {
      const notices = noticesOf(person.user);
      expect(notices.some((n) => n.type === "discussion.new_thread" && n.available)).toBe(true);
    }
    for (const person of [s.coordinator, s.admin, s.suspendedMember]) expect(noticesOf(person.user)).toEqual([]);
  });

  test("the moderation queue: a flagged post of a private conversation is not shown to coordinators who were not invited", () => {
    const post = db.select().from(schema.discussionPosts).where(eq(schema.discussionPosts.threadId, s.threadId)).get()!;
    db.update(schema.discussionPosts).set({ openFlagCount: 1 }).where(eq(schema.discussionPosts.id, post.id)).run();
    const queue = moderationQueue(1);
    expect(JSON.stringify(queue)).not.toContain(s.word);
    db.update(schema.discussionPosts).set({ openFlagCount: 0 }).where(eq(schema.discussionPosts.id, post.id)).run();
  });

  test("the listing page's and My work's conversation lists: participants only", () => {
    expect(listingConversations(s.listing.id, s.millMember.user).map((c) => c.id)).toEqual([s.conversationId]);
    expect(listingConversations(s.listing.id, s.coopMember.user).map((c) => c.id)).toEqual([s.conversationId]);
    for (const person of [null, s.outsider, s.coordinator, s.admin]) expect(listingConversations(s.listing.id, person?.user ?? null)).toEqual([]);
    expect(myConversations(s.coopMember.user.id).map((c) => c.id)).toContain(s.conversationId);
    expect(myConversations(s.millOwner.user.id).map((c) => c.id)).toContain(s.conversationId);
    expect(myConversations(s.outsider.user.id).map((c) => c.id)).not.toContain(s.conversationId);
    expect(myConversations(s.coordinator.user.id)).toEqual([]);
  });

  test("a party invites a coordinator as facilitator: they are told, then see and may write; others still may not", async () => {
    expect(invitableCoordinators().map((c) => c.id)).toEqual(expect.arrayContaining([s.coordinator.user.id, s.facilitator.user.id]));
    // Outsiders and coordinators cannot invite; only a coordinator may be invited.
    expect(inviteFacilitator(s.outsider.user, s.conversationId, s.facilitator.user.id)).toEqual({ ok: false, reason: "not_found" });
    expect(inviteFacilitator(s.coordinator.user, s.conversationId, s.coordinator.user.id)).toEqual({ ok: false, reason: "not_found" });
    expect(inviteFacilitator(s.coopMember.user, s.conversationId, s.outsider.user.id)).toEqual({ ok: false, reason: "unknown" });
    expect(await threadStatus(s.facilitator)).toBe(404);

    expect(inviteFacilitator(s.coopMember.user, s.conversationId, s.facilitator.user.id)).toMatchObject({ ok: true });
    // Inviting again changes nothing and tells nobody again.
    expect(inviteFacilitator(s.millOwner.user, s.conversationId, s.facilitator.user.id)).toMatchObject({ ok: true });
    const told = noticesOf(s.facilitator.user);
    expect(told.map((n) => n.type)).toEqual(["exchange.facilitator_invited"]);
    expect(told[0]).toMatchObject({ available: true, link: `/discussions/on/exchange_conversation/${s.conversationId}` });

    expect(await threadStatus(s.facilitator)).toBe(200);
    expect(await parentStatus(s.facilitator)).toBe(200);
    expect(reply(s.facilitator.user, s.threadId, { body: "Les propongo una reunión." })).toMatchObject({ ok: true });
    expect(latestThreads(200, s.facilitator.user).map((t) => t.id)).toContain(s.threadId);
    expect(myConversations(s.facilitator.user.id).map((c) => c.id)).toEqual([s.conversationId]);
    // A facilitator does not invite others.
    expect(inviteFacilitator(s.facilitator.user, s.conversationId, s.coordinator.user.id)).toEqual({ ok: false, reason: "not_found" });
    // The other coordinator still sees nothing.
    expect(await threadStatus(s.coordinator)).toBe(404);
    // The parties hear of the facilitator's reply as followers of the thread.
    expect(noticesOf(s.coopOwner.user).map((n) => n.type)).toContain("discussion.reply");
  });

  test("a party whose organisation is suspended still reads the history but may no longer write", async () => {
    const scene = makeScene();
    const opened = expressInterest(scene.coopOwner.user, scene.listing.id, { message: "Hola" });
    if (!opened.ok) throw new Error(opened.reason);
    db.update(schema.organisations).set({ status: "suspended" }).where(eq(schema.organisations.id, scene.coop.id)).run();
    expect((await callRoute(withParams(threadLoader as Handler, { id: String(opened.threadId) }), { url: `${BASE}/discussions/threads/${opened.threadId}`, cookie: scene.coopMember.cookie })).status).toBe(200);
    expect(reply(scene.coopMember.user, opened.threadId, { body: "¿Siguen?" })).toMatchObject({ ok: false });
    // Nor may the listing's side write to a suspended counterpart.
    expect(reply(scene.millEditor.user, opened.threadId, { body: "¿Siguen?" })).toMatchObject({ ok: false, reason: "forbidden" });
  });
});

describe("the routes: /exchange/:id (sections), /exchange/:id/interest, /exchange/conversations/:id/facilitators", () => {
  const s = {} as ReturnType<typeof makeScene>;
  beforeAll(() => Object.assign(s, makeScene()));
  const post = (person: Person | null, listingId: number | string, form: Record<string, string>) =>
    callRoute(withParams(interestAction as Handler, { id: String(listingId) }), { url: `${BASE}/exchange/${listingId}/interest`, method: "POST", form, cookie: person?.cookie });

  test("the listing page shows matches to its organisation's members only, and the form's state to each", async () => {
    const want = makeListingRow(s.coop.id, { kind: "want", title: "Buscamos cascarilla" });
    const page = async (person: Person | null) =>
      (await callRoute(withParams(listingLoader as Handler, { id: String(s.listing.id) }), { url: `${BASE}/exchange/${s.listing.id}`, cookie: person?.cookie })).data as {
        exchangeSections: { matches: { matches: Array<{ id: number }> } | null; interest: { state: string } };
      };
    for (const person of [s.millOwner, s.millMember]) {
      const sections = (await page(person)).exchangeSections;
      expect(sections.matches?.matches.map((m) => m.id)).toContain(want.id);
      expect(sections.interest.state).toBe("own");
    }
    for (const person of [null, s.coopOwner, s.outsider, s.coordinator]) expect((await page(person)).exchangeSections.matches).toBeNull();
    expect((await page(null)).exchangeSections.interest.state).toBe("login");
    expect((await page(s.coopOwner)).exchangeSections.interest.state).toBe("open");
    expect((await page(s.suspendedMember)).exchangeSections.interest.state).toBe("none");
  });

  test("bad input: unknown or malformed listing 404, own listing 403, suspended organisation 403, empty message 400 with what was typed kept, anonymous to the login", async () => {
    expect((await post(s.coopOwner, 999_999_999, { message: "Hola" })).status).toBe(404);
    expect((await post(s.coopOwner, "abc", { message: "Hola" })).status).toBe(404);
    expect((await post(s.millEditor, s.listing.id, { message: "Hola" })).status).toBe(403);
    expect((await post(s.suspendedMember, s.listing.id, { message: "Hola" })).status).toBe(403);
    const anonymous = await post(null, s.listing.id, { message: "Hola" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/exchange/${s.listing.id}`)}`);
    const wrongOrganisation = await post(s.coopOwner, s.listing.id, { message: "Texto largo que no se pierde", organisationId: String(s.third.id) });
    expect(wrongOrganisation.status).toBe(400);
    expect(wrongOrganisation.data).toMatchObject({ organisationId: "xm.interest.error.organisation", values: { message: "Texto largo que no se pierde" } });
    const empty = await post(s.coopOwner, s.listing.id, { message: "  " });
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({ message: "xm.interest.error.empty" });
    expect(db.select().from(schema.exchangeConversations).where(eq(schema.exchangeConversations.listingId, s.listing.id)).all()).toEqual([]);
  });

  test("a hazardous listing needs the EO-RS box ticked", async () => {
    const hazardous = makeListingRow(s.mill.id, { category: "used_oils", hazardous: true });
    const unticked = await post(s.coopOwner, hazardous.id, { message: "Lo recogemos." });
    expect(unticked.status).toBe(400);
    expect(unticked.data).toMatchObject({ eors: "exch.hazard.confirmRequired", values: { message: "Lo recogemos." } });
    expect((await post(s.coopOwner, hazardous.id, { message: "Lo recogemos.", eorsConfirmed: "on" })).status).toBe(302);
  });

  test("a good message leads to the new thread; the facilitators page is for parties only", async () => {
    const sent = await post(s.coopMember, s.listing.id, { message: "Nos interesa", organisationId: String(s.coop.id) });
    expect(sent.status).toBe(302);
    const conversation = db.select().from(schema.exchangeConversations).where(eq(schema.exchangeConversations.listingId, s.listing.id)).get()!;
    const thread = db.select().from(schema.discussionThreads).where(eq(schema.discussionThreads.parentId, conversation.id)).all().find((t) => t.parentType === "exchange_conversation")!;
    expect(sent.headers.get("Location")).toBe(`/discussions/threads/${thread.id}`);
    const form = await callRoute(withParams(interestLoader as Handler, { id: String(s.listing.id) }), { url: `${BASE}/exchange/${s.listing.id}/interest`, cookie: s.coopOwner.cookie });
    expect(form.data).toMatchObject({ panel: { state: "open", existing: [{ organisationId: s.coop.id }] } });

    const facilitators = (person: Person | null, id = String(conversation.id)) =>
      callRoute(withParams(facilitatorsLoader as Handler, { id }), { url: `${BASE}/exchange/conversations/${id}/facilitators`, cookie: person?.cookie });
    expect((await facilitators(s.millMember)).status).toBe(200);
    expect((await facilitators(s.coopOwner)).data).toMatchObject({ facilitators: [], coordinators: expect.arrayContaining([{ id: s.facilitator.user.id, name: s.facilitator.user.name }]) });
    for (const person of [s.outsider, s.coordinator, s.admin]) expect((await facilitators(person)).status).toBe(404);
    expect((await facilitators(s.millMember, "nope")).status).toBe(404);
    expect((await facilitators(null)).status).toBe(302);
    const invite = (person: Person, coordinatorId: string) =>
      callRoute(withParams(facilitatorsAction as Handler, { id: String(conversation.id) }), { url: `${BASE}/exchange/conversations/${conversation.id}/facilitators`, method: "POST", form: { coordinatorId }, cookie: person.cookie });
    expect((await invite(s.millMember, String(s.outsider.user.id))).status).toBe(400);
    expect((await invite(s.outsider, String(s.facilitator.user.id))).status).toBe(404);
    const invited = await invite(s.millMember, String(s.facilitator.user.id));
    expect(invited.status).toBe(302);
    expect(invited.headers.get("Location")).toBe(`/discussions/on/exchange_conversation/${conversation.id}`);
    expect((await facilitators(s.coopOwner)).data).toMatchObject({ facilitators: [s.facilitator.user.name] });
  });
});
