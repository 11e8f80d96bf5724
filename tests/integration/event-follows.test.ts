// Issue 10: following an event without registering. The event page's action follows and unfollows
// (signed-in people only, published events only) and its loader says whether the reader follows;
// followers hear of a change of time or place and of a cancellation in the app and by the standard
// email (no calendar file: they hold no seat), while registrants keep their own email with the .ics.
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { cancelEventAndNotify, createEvent, publishEvent, registerAndNotify, updateEventAndNotify } from "#app/.server/events/index.ts";
import type { EventInput } from "#app/features/events/schemas.ts";
import { action as pageAction, loader as pageLoader } from "#app/routes/events.$slug._index.tsx";
import { eventInput } from "#tests/factories/events.ts";
import { callRoute, cookiesFrom } from "./call-route.ts";
import { noticesOf } from "./notices.ts";
import { makePerson, type Person } from "./world.ts";

const BASE = "http://localhost:3000";

type Row = typeof schema.events.$inferSelect;

const eventRow = (id: number) => db.select().from(schema.events).where(eq(schema.events.id, id)).get()!;

/** An event as created from `input`, published unless told otherwise. */
function makeEvent(input: EventInput, publish = true) {
  const coordinator = makePerson("coordinator");
  const created = createEvent(coordinator.user.id, input);
  if (publish) publishEvent(created.id);
  return { event: eventRow(created.id), coordinator };
}

const followRows = (event: Row) =>
  db.select({ userId: schema.eventFollows.userId }).from(schema.eventFollows).where(eq(schema.eventFollows.eventId, event.id)).all().map((r) => r.userId);

const isFollowing = (event: Row, person: Person) =>
  db
    .select()
    .from(schema.eventFollows)
    .where(and(eq(schema.eventFollows.eventId, event.id), eq(schema.eventFollows.userId, person.user.id)))
    .get() !== undefined;

function postOnPage(person: Person | undefined, event: Row, form: Record<string, string>) {
  return callRoute((args) => pageAction({ ...args, params: { slug: event.slug } }), {
    url: `${BASE}/events/${event.slug}`,
    method: "POST",
    cookie: person?.cookie,
    form,
  });
}

/** Follows or unfollows through the page, as the button does, and expects the redirect with its flash. */
async function setFollow(person: Person, event: Row, intent: "follow" | "unfollow") {
  const response = await postOnPage(person, event, { intent });
  expect(response.status, JSON.stringify(response.data)).toBe(302);
  expect(response.headers.get("Location")).toBe(`/events/${event.slug}`);
  const flash = cookiesFrom(response.headers).match(/(?:^|; )flash=([^;]*)/)?.[1];
  expect(flash, "the redirect sets a flash").toBeDefined();
  expect(JSON.parse(decodeURIComponent(flash!))).toMatchObject({ key: intent === "follow" ? "ev.followed" : "ev.unfollowed" });
  return response;
}

async function pageData(person: Person | undefined, event: Row) {
  const response = await callRoute((args) => pageLoader({ ...args, params: { slug: event.slug } }), {
    url: `${BASE}/events/${event.slug}`,
    cookie: person?.cookie,
  });
  expect(response.status, JSON.stringify(response.data)).toBe(200);
  return response.data as Awaited<ReturnType<typeof pageLoader>>;
}

const mailsTo = (person: Person) =>
  db.select().from(schema.outbox).where(eq(schema.outbox.to, person.user.email)).orderBy(desc(schema.outbox.id)).all();
const oneLine = (text: string) => text.replace(/\s+/g, " ");

describe("following an event on its page", () => {
  test("a signed-in person follows and unfollows a published event; the page says so, and only to them", async () => {
    const { event } = makeEvent(eventInput());
    const [person, other] = [makePerson(), makePerson()];
    expect((await pageData(person, event)).following).toBe(false);

    await setFollow(person, event, "follow");
    expect(followRows(event)).toEqual([person.user.id]);
    expect((await pageData(person, event)).following).toBe(true);
    // Nobody else reads as following: neither another person nor an anonymous visitor.
    expect((await pageData(other, event)).following).toBe(false);
    expect((await pageData(undefined, event)).following).toBe(false);

    // Following twice is harmless: still one follow.
    await setFollow(person, event, "follow");
    expect(followRows(event)).toEqual([person.user.id]);

    await setFollow(person, event, "unfollow");
    expect(isFollowing(event, person)).toBe(false);
    expect(followRows(event)).toEqual([]);
    expect((await pageData(person, event)).following).toBe(false);
    // Unfollowing again changes nothing and still succeeds.
    await setFollow(person, event, "unfollow");
    expect(followRows(event)).toEqual([]);
  });

  test("an anonymous visitor cannot follow: sent to log in, nothing stored", async () => {
    const { event } = makeEvent(eventInput());
    const response = await postOnPage(undefined, event, { intent: "follow" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login/);
    expect(followRows(event)).toEqual([]);
  });

  test("a cancelled event cannot be followed (409) and a draft neither, even by its coordinator", async () => {
    const { event: cancelled } = makeEvent(eventInput());
    await cancelEventAndNotify(cancelled, "Lluvias intensas");
    const person = makePerson();
    const refused = await postOnPage(person, eventRow(cancelled.id), { intent: "follow" });
    expect(refused.status, JSON.stringify(refused.data)).toBe(409);
    expect(refused.data).toMatchObject({ intent: "follow", error: "ev.errors.badState" });
    expect(followRows(cancelled)).toEqual([]);

    const { event: draft, coordinator } = makeEvent(eventInput(), false);
    const onDraft = await postOnPage(coordinator, draft, { intent: "follow" });
    expect(onDraft.status, JSON.stringify(onDraft.data)).toBe(409);
    expect(followRows(draft)).toEqual([]);
  });
});

describe("followers hear of changes", () => {
  /** A published event with one seated registrant, one follower and one person who followed and then unfollowed. */
  async function eventWithAudience() {
    const input = eventInput({ capacity: 5 });
    const { event, coordinator } = makeEvent(input);
    const [registrant, follower, leaver] = [makePerson(), makePerson(), makePerson()];
    await registerAndNotify(event, registrant.user.id, { answers: [] });
    await setFollow(follower, event, "follow");
    await setFollow(leaver, event, "follow");
    await setFollow(leaver, event, "unfollow");
    const before = { follower: mailsTo(follower).length, leaver: mailsTo(leaver).length, registrant: mailsTo(registrant).length };
    return { input, event, coordinator, registrant, follower, leaver, before };
  }

  test("a change of time and place: the follower gets event.moved and a plain email; the registrant keeps the calendar file", async () => {
    const { input, event, registrant, follower, leaver, before } = await eventWithAudience();
    const result = await updateEventAndNotify(
      event,
      { ...input, startsAt: "2031-03-12T15:00", endsAt: "2031-03-12T18:30", venueName: "Teatro Municipal", venueAddress: "Calle Mercaderes 200", city: "Arequipa", region: "ARE" },
    );
    expect(result.ok).toBe(true);

    const notices = noticesOf(follower.user);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ type: "event.moved", link: `/events/${event.slug}`, readAt: null });
    expect(oneLine(notices[0]!.text)).toContain("Teatro Municipal, Calle Mercaderes 200, Arequipa");

    const followerMails = mailsTo(follower);
    expect(followerMails).toHaveLength(before.follower + 1);
    const mail = followerMails[0]!;
    expect(mail.subject).toBe(`Cambio en «${event.title}»: nueva fecha, hora o lugar`);
    expect(oneLine(mail.text)).toContain("Teatro Municipal, Calle Mercaderes 200, Arequipa");
    expect(mail.text).toContain(`/events/${event.slug}`);
    expect(mail.attachments ?? []).toHaveLength(0);
    expect(mail.text).not.toContain(".ics");

    // The registrant's own email still carries the updated invitation.
    const registrantMails = mailsTo(registrant);
    expect(registrantMails).toHaveLength(before.registrant + 1);
    expect(registrantMails[0]!.attachments ?? []).toHaveLength(1);
    expect(registrantMails[0]!.attachments![0]!.filename).toMatch(/\.ics$/);
    expect(registrantMails[0]!.attachments![0]!.content).toContain("METHOD:REQUEST");
    expect(noticesOf(registrant.user).map((n) => n.type)).toEqual(["event.moved"]);

    // Whoever unfollowed hears nothing.
    expect(noticesOf(leaver.user)).toEqual([]);
    expect(mailsTo(leaver)).toHaveLength(before.leaver);
  });

  test("an edit that changes neither time nor place tells followers nothing", async () => {
    const { input, event, follower, before } = await eventWithAudience();
    expect((await updateEventAndNotify(event, { ...input, summary: "Resumen nuevo con más detalles del taller." })).ok).toBe(true);
    expect(noticesOf(follower.user)).toEqual([]);
    expect(mailsTo(follower)).toHaveLength(before.follower);
  });

  test("a cancellation: the follower gets event.cancelled and a plain email with the reason; the registrant gets the removal file", async () => {
    const { event, registrant, follower, leaver, before } = await eventWithAudience();
    expect((await cancelEventAndNotify(event, "La sede no está disponible")).ok).toBe(true);

    const notices = noticesOf(follower.user);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ type: "event.cancelled", data: { reason: "La sede no está disponible" }, link: `/events/${event.slug}` });
    expect(notices[0]!.text).toContain("La sede no está disponible");

    const followerMails = mailsTo(follower);
    expect(followerMails).toHaveLength(before.follower + 1);
    expect(followerMails[0]!.subject).toBe(`Cancelado: «${event.title}»`);
    expect(followerMails[0]!.text).toContain("La sede no está disponible");
    expect(followerMails[0]!.attachments ?? []).toHaveLength(0);

    const registrantMails = mailsTo(registrant);
    expect(registrantMails).toHaveLength(before.registrant + 1);
    expect(registrantMails[0]!.attachments ?? []).toHaveLength(1);
    expect(registrantMails[0]!.attachments![0]!.content).toContain("METHOD:CANCEL");
    expect(noticesOf(registrant.user).map((n) => n.type)).toEqual(["event.cancelled"]);

    expect(noticesOf(leaver.user)).toEqual([]);
    expect(mailsTo(leaver)).toHaveLength(before.leaver);
  });

  test("a registrant who also follows is told once, with the registrant's email and its calendar file", async () => {
    const input = eventInput({ capacity: 5 });
    const { event } = makeEvent(input);
    const person = makePerson();
    await registerAndNotify(event, person.user.id, { answers: [] });
    await setFollow(person, event, "follow");
    const before = mailsTo(person).length;
    await updateEventAndNotify(event, { ...input, startsAt: "2031-03-12T15:00", endsAt: "2031-03-12T18:30" });
    expect(noticesOf(person.user).map((n) => n.type)).toEqual(["event.moved"]);
    const mails = mailsTo(person);
    expect(mails).toHaveLength(before + 1);
    expect(mails[0]!.attachments?.[0]?.content).toContain("METHOD:REQUEST");
  });
});
