import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import "#app/.server/notification-kinds.ts";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import "#app/.server/discussion-parents.ts";
import { reply, startThread } from "#app/.server/discussions/index.ts";
import { notificationsPage, notify, saveNotificationPreferences, type PreferenceGroup } from "#app/.server/notifications/index.ts";
import { action as prefsAction, loader as prefsLoader } from "#app/routes/account.notifications.tsx";
import { action as notificationsAction, loader as notificationsLoader } from "#app/routes/notifications.tsx";
import type { NotificationChannel } from "#db/schema/notifications.ts";
import { eventInput } from "#tests/factories/events.ts";
import { callRoute } from "./call-route.ts";
import { countQueries } from "./count-queries.ts";
import { makeInitiativeWorld } from "./initiative-world.ts";
import { noticesOf } from "./notices.ts";
import { makePerson, type Person } from "./world.ts";

const BASE = "http://localhost:3000";

function mailsTo(person: Person) {
  return db.select().from(schema.outbox).where(eq(schema.outbox.to, person.user.email)).all();
}

function choose(person: Person, preference: PreferenceGroup, channel: NotificationChannel) {
  db.insert(schema.notificationPreferences).values({ userId: person.user.id, preference, channel }).run();
}

function rowsOf(person: Person) {
  return db.select().from(schema.notifications).where(eq(schema.notifications.userId, person.user.id)).all();
}

function pageOf(person: Person, cookieLang?: "en") {
  return callRoute(notificationsLoader, { url: `${BASE}/notifications`, cookie: cookieLang ? `${person.cookie}; lang=${cookieLang}` : person.cookie });
}

function titleOf(initiativeId: number) {
  return db.select({ title: schema.initiatives.title }).from(schema.initiatives).where(eq(schema.initiatives.id, initiativeId)).get()!.title;
}

/** A published event's id. */
function makeEventSubject() {
  const created = createEvent(makePerson("coordinator").user.id, eventInput());
  publishEvent(created.id);
  return created.id;
}

type PageData = { notifications: Array<{ id: number; text: string; link: string | null; unread: boolean }> };

describe("notify()", () => {
  test("each channel: in app only, email at once, digest, off; the actor and repeats are left out", () => {
    const world = makeInitiativeWorld("open");
    const [inApp, email, digest, off] = [makePerson(), makePerson(), makePerson(), makePerson()];
    choose(inApp, "initiatives", "in_app");
    choose(digest, "initiatives", "digest");
    choose(off, "initiatives", "off");
    // `email` never chose: initiatives are mailed at once by default.
    const actor = world.people.leadOwner;
    notify({
      type: "initiative.update",
      recipients: [inApp.user.id, email.user.id, email.user.id, digest.user.id, off.user.id, actor.user.id],
      actorId: actor.user.id,
      subject: { type: "initiative", id: world.initiative.id },
    });

    expect(rowsOf(inApp)).toMatchObject([{ type: "initiative.update", subjectType: "initiative", subjectId: world.initiative.id, emailState: null }]);
    expect(mailsTo(inApp)).toHaveLength(0);
    expect(rowsOf(email)).toHaveLength(1);
    const [mail] = mailsTo(email);
    expect(mail!.subject).toBe(`Novedades en «${titleOf(world.initiative.id)}»`);
    expect(mail!.text).toContain(`Hay un nuevo reporte de avance en «${titleOf(world.initiative.id)}».`);
    expect(mail!.text).toContain(`${BASE}/initiatives/${world.initiative.slug}`);
    expect(mail!.text).toContain(`${BASE}/account/notifications`);
    expect(rowsOf(digest)).toMatchObject([{ emailState: "pending_digest" }]);
    expect(mailsTo(digest)).toHaveLength(0);
    expect(rowsOf(off)).toHaveLength(0);
    expect(rowsOf(actor)).toHaveLength(0);
    // The email went through the queue, with a Message-ID and one-click unsubscribe headers
    // (RFC 8058) whose link is the one in the text (issue 13).
    const queued = db.select().from(schema.mailQueue).where(eq(schema.mailQueue.to, email.user.email)).all();
    expect(queued).toMatchObject([{ state: "sent", attempts: 1, headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } }]);
    const unsubscribe = /^<(http:\/\/localhost:3000\/unsubscribe\?token=[a-z2-7]+\.[a-z2-7]+)>$/.exec(queued[0]!.headers!["List-Unsubscribe"]!);
    expect(unsubscribe).not.toBeNull();
    expect(queued[0]!.text).toContain(unsubscribe![1]);
    expect(queued[0]!.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
  });

  test("a kind's own default applies until the person chooses for its group", () => {
    const world = makeInitiativeWorld("open");
    const follower = makePerson();
    // New threads stay in the app by default, while replies (same group) are mailed.
    notify({ type: "discussion.new_thread", recipients: [follower.user.id], subject: { type: "initiative", id: world.initiative.id } });
    expect(rowsOf(follower)).toHaveLength(1);
    expect(mailsTo(follower)).toHaveLength(0);
  });

  test("an unregistered kind is a programming error", () => {
    expect(() => notify({ type: "nothing.known", recipients: [1], subject: { type: "initiative", id: 1 } })).toThrow(/Unknown notification kind/);
  });
});

describe("the wording follows the reader and the subject", () => {
  test("each reader sees their language, and a later rename of the initiative", async () => {
    const world = makeInitiativeWorld("open");
    const [es, en] = [makePerson(), makePerson()];
    db.update(schema.users).set({ locale: "en" }).where(eq(schema.users.id, en.user.id)).run();
    notify({ type: "initiative.update", recipients: [es.user.id, en.user.id], subject: { type: "initiative", id: world.initiative.id } });
    // Mailed in each person's language.
    expect(mailsTo(en)[0]!.subject).toContain(titleOf(world.initiative.id));
    expect(mailsTo(en)[0]!.text).toMatch(/^Hello/);
    expect(mailsTo(es)[0]!.text).toMatch(/^Hola/);

    db.update(schema.initiatives).set({ title: "Compostaje comunal en Cusco" }).where(eq(schema.initiatives.id, world.initiative.id)).run();
    const spanish = ((await pageOf(es)).data as PageData).notifications;
    expect(spanish).toEqual([
      expect.objectContaining({ text: "Hay un nuevo reporte de avance en «Compostaje comunal en Cusco».", link: `/initiatives/${world.initiative.slug}`, unread: true }),
    ]);
    const english = ((await pageOf(en, "en")).data as PageData).notifications;
    expect(english[0]!.text).toBe(noticesOf(en.user, "en")[0]!.text);
    expect(english[0]!.text).toContain("Compostaje comunal en Cusco");
    expect(english[0]!.text).not.toBe(spanish[0]!.text);
  });

  test("the actor's name fills {actor}; a subject the reader may no longer see is not named", () => {
    const world = makeInitiativeWorld("open");
    const reader = makePerson();
    notify({ type: "discussion.new_thread", recipients: [reader.user.id], actorId: world.people.partner.user.id, subject: { type: "initiative", id: world.initiative.id } });
    expect(noticesOf(reader.user)[0]!.text).toBe(`${world.people.partner.user.name} inició una conversación nueva: «${titleOf(world.initiative.id)}».`);
    // Back to draft: only the lead's team sees it now.
    db.update(schema.initiatives).set({ status: "draft" }).where(eq(schema.initiatives.id, world.initiative.id)).run();
    expect(noticesOf(reader.user)[0]).toMatchObject({ text: "Aviso sobre algo que ya no está disponible.", link: null, available: false });
    expect(noticesOf(world.people.leadMember.user).length).toBe(0);
  });

  test("rows from before issue 10 render from their message key, values and link", async () => {
    const reader = makePerson();
    db.insert(schema.notifications).values({ userId: reader.user.id, type: "ini.notice.update", data: { title: "Reciclaje PET" }, link: "/initiatives/reciclaje-pet" }).run();
    const page = (await pageOf(reader)).data as PageData;
    expect(page.notifications).toEqual([expect.objectContaining({ text: "Hay un nuevo reporte de avance en «Reciclaje PET».", link: "/initiatives/reciclaje-pet" })]);
  });

  test("a page resolves its subjects in batch: the same number of queries for 2 rows as for 25", () => {
    const world = makeInitiativeWorld("open");
    const event = makeEventSubject();
    const [few, many] = [makePerson(), makePerson()];
    const publish = (reader: Person, times: number) => {
      for (let n = 0; n < times; n += 1) {
        notify({ type: "initiative.update", recipients: [reader.user.id], actorId: world.people.leadOwner.user.id, subject: { type: "initiative", id: world.initiative.id } });
        notify({ type: "event.promoted", recipients: [reader.user.id], subject: { type: "event", id: event } });
      }
    };
    publish(few, 1);
    publish(many, 12);
    const queries = (reader: Person) => countQueries(() => notificationsPage({ id: reader.user.id, role: "member" }, 1, "es"));
    expect(notificationsPage({ id: many.user.id, role: "member" }, 1, "es").rows).toHaveLength(24);
    expect(queries(many)).toBe(queries(few));
  });
});

describe("discussion subjects", () => {
  test("threads and posts on initiatives and events are resolved together: each kind of parent is asked once", () => {
    const world = makeInitiativeWorld("open");
    const event = makeEventSubject();
    const writer = world.people.leadOwner.user;
    const onInitiative = startThread(writer, { kind: "parent", type: "initiative", id: world.initiative.id }, { title: "Acopio en Piura", body: "¿Quién acopia?" });
    const onEvent = startThread(writer, { kind: "parent", type: "event", id: event }, { title: "Transporte al foro", body: "¿Compartimos bus?" });
    if (!onInitiative.ok || !onEvent.ok) throw new Error("could not start the threads");
    const replyOnEvent = reply(writer, onEvent.threadId, { body: "Yo llevo a dos." });
    const replyOnInitiative = reply(writer, onInitiative.threadId, { body: "Nosotros también." });
    if (!replyOnEvent.ok || !replyOnInitiative.ok) throw new Error("could not reply");
    const reader = makePerson();
    const tell = (type: string, subject: { type: string; id: number }) => notify({ type, recipients: [reader.user.id], actorId: writer.id, subject });
    tell("discussion.new_thread", { type: "thread", id: onInitiative.threadId });
    tell("discussion.new_thread", { type: "thread", id: onEvent.threadId });
    tell("discussion.reply", { type: "post", id: replyOnEvent.postId });
    tell("discussion.reply", { type: "post", id: replyOnInitiative.postId });
    const page = notificationsPage({ id: reader.user.id, role: "member" }, 1, "es");
    expect(page.rows.map((row) => row.link)).toEqual([
      `/discussions/posts/${replyOnInitiative.postId}`,
      `/discussions/posts/${replyOnEvent.postId}`,
      `/discussions/threads/${onEvent.threadId}`,
      `/discussions/threads/${onInitiative.threadId}`,
    ]);
    // The page with its total and actors, threads, posts, then initiatives (and the reader's
    // memberships, for drafts) and events once each — not once per resolver.
    expect(countQueries(() => notificationsPage({ id: reader.user.id, role: "member" }, 1, "es"))).toBeLessThanOrEqual(6);
  });
});

describe("marking read", () => {
  test("one notification at a time, without JavaScript; someone else's id is not found and changes nothing", async () => {
    const world = makeInitiativeWorld("open");
    const [reader, other] = [makePerson(), makePerson()];
    notify({ type: "initiative.update", recipients: [reader.user.id, other.user.id], subject: { type: "initiative", id: world.initiative.id } });
    notify({ type: "initiative.status.in_progress", recipients: [reader.user.id], subject: { type: "initiative", id: world.initiative.id } });
    const [newest, older] = rowsOf(reader).sort((a, b) => b.id - a.id);
    const result = await callRoute(notificationsAction, { url: `${BASE}/notifications`, method: "POST", cookie: reader.cookie, form: { intent: "mark-one", id: String(older!.id), page: "1" } });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/notifications");
    const after = rowsOf(reader);
    expect(after.find((n) => n.id === older!.id)!.readAt).not.toBeNull();
    expect(after.find((n) => n.id === newest!.id)!.readAt).toBeNull();
    const otherRow = rowsOf(other)[0]!;
    const theirs = await callRoute(notificationsAction, { url: `${BASE}/notifications`, method: "POST", cookie: reader.cookie, form: { intent: "mark-one", id: String(otherRow.id) } });
    expect(theirs.status).toBe(404);
    expect(rowsOf(other)[0]!.readAt).toBeNull();
    // One's own, already read (a second click): still one's own, answered as before.
    const again = await callRoute(notificationsAction, { url: `${BASE}/notifications`, method: "POST", cookie: reader.cookie, form: { intent: "mark-one", id: String(older!.id) } });
    expect(again.status).toBe(302);
  });
});

describe("the preferences page", () => {
  test("shows the defaults, saves the choices and the digest frequency, and notify follows them", async () => {
    const world = makeInitiativeWorld("open");
    const person = makePerson();
    const shown = await callRoute(prefsLoader, { url: `${BASE}/account/notifications`, cookie: person.cookie });
    expect(shown.data).toEqual({
      channel: { discussion_replies: "email", mentions: "email", initiatives: "email", events: "email", organisations: "email" },
      digestFrequency: "daily",
    });
    const saved = await callRoute(prefsAction, {
      url: `${BASE}/account/notifications`,
      method: "POST",
      cookie: person.cookie,
      form: {
        "channel.discussion_replies": "email",
        "channel.mentions": "in_app",
        "channel.initiatives": "off",
        "channel.events": "digest",
        "channel.organisations": "email",
        digestFrequency: "weekly",
      },
    });
    expect(saved.status).toBe(302);
    const again = await callRoute(prefsLoader, { url: `${BASE}/account/notifications`, cookie: person.cookie });
    expect(again.data).toMatchObject({ channel: { mentions: "in_app", initiatives: "off", events: "digest" }, digestFrequency: "weekly" });
    // Groups left at their default are not stored: new threads stay in the app (their own default).
    const stored = db.select().from(schema.notificationPreferences).where(eq(schema.notificationPreferences.userId, person.user.id)).all();
    expect(stored.map((p) => p.preference).sort()).toEqual(["events", "initiatives", "mentions"]);
    notify({ type: "initiative.update", recipients: [person.user.id], subject: { type: "initiative", id: world.initiative.id } });
    expect(rowsOf(person)).toHaveLength(0);
  });

  test("junk answers 400 with a message per field and saves nothing", async () => {
    const person = makePerson();
    const result = await callRoute(prefsAction, {
      url: `${BASE}/account/notifications`,
      method: "POST",
      cookie: person.cookie,
      form: { "channel.discussion_replies": "pigeon", "channel.mentions": "email", digestFrequency: "hourly" },
    });
    expect(result.status).toBe(400);
    const errors = (result.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors["channel.discussion_replies"]).toEqual(["notifications.prefs.invalid"]);
    expect(errors["channel.initiatives"]).toBeDefined();
    expect(errors.digestFrequency).toEqual(["notifications.prefs.invalid"]);
    expect(db.select().from(schema.notificationPreferences).where(eq(schema.notificationPreferences.userId, person.user.id)).all()).toEqual([]);
  });

  test("anonymous visitors are sent to log in", async () => {
    const result = await callRoute(prefsLoader, { url: `${BASE}/account/notifications` });
    expect(result.status).toBe(302);
  });

  test("saving twice keeps one row per group", () => {
    const person = makePerson();
    const channels = { discussion_replies: "digest", mentions: "email", initiatives: "email", events: "email", organisations: "email" } as const;
    saveNotificationPreferences(person.user.id, { channels, digestFrequency: "daily" });
    saveNotificationPreferences(person.user.id, { channels: { ...channels, discussion_replies: "off" }, digestFrequency: "daily" });
    const rows = db
      .select()
      .from(schema.notificationPreferences)
      .where(and(eq(schema.notificationPreferences.userId, person.user.id), inArray(schema.notificationPreferences.preference, ["discussion_replies"])))
      .all();
    expect(rows).toEqual([expect.objectContaining({ channel: "off" })]);
  });
});
