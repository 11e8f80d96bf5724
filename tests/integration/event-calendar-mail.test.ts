// Issue 8, section 5: attendees' calendars follow the event. Registrants' emails carry the new
// details and an .ics (same UID, higher SEQUENCE; METHOD:REQUEST, or METHOD:CANCEL with
// STATUS:CANCELLED); the download and the feed agree; every line is ≤ 75 octets and TEXT values
// hold no control characters. Waitlist promotion also notifies in the app.
import { desc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { createEvent, publishEvent, registerAndNotify } from "#app/.server/events/index.ts";
import { eventUid } from "#app/.server/events/ics.ts";
import { utcToLimaLocal } from "#app/features/events/schemas.ts";
import { action as pageAction } from "#app/routes/events.$slug._index.tsx";
import { loader as icsLoader } from "#app/routes/events.$slug.calendar[.]ics.ts";
import { action as editAction } from "#app/routes/events.$slug.edit.tsx";
import { loader as feedLoader } from "#app/routes/events[.]ics.ts";
import { callRoute } from "./call-route.ts";
import { makePerson, type Person } from "./world.ts";
import { eventInput } from "#tests/factories/events.ts";
import { noticesOf } from "./notices.ts";

const BASE = "http://localhost:3000";
// Accented letters and emoji: 2–4 octets each, so folding by characters overflows 75 octets.
const TITLE = "Misión ñandú: economía circular en Áncash y Huánuco — edición única 🌱♻️🌍 niñas y niños";

type Row = typeof schema.events.$inferSelect;

function makeEvent(coordinator: Person, overrides: Partial<Parameters<typeof createEvent>[1]> = {}) {
  const created = createEvent(
    coordinator.user.id,
    eventInput({
      title: `${TITLE} ${crypto.randomUUID().slice(0, 4)}`,
      summary: "Aprende a convertir residuos orgánicos en abono; práctica guiada.",
      capacity: 1,
      ...overrides,
    }),
  );
  publishEvent(created.id);
  return eventRow(created.id);
}

const eventRow = (id: number) => db.select().from(schema.events).where(eq(schema.events.id, id)).get()!;

/** The edit form as a coordinator's browser posts it, with some fields changed. */
function editForm(event: Row, changes: Record<string, string>) {
  return {
    title: event.title,
    type: event.type,
    summary: event.summary,
    description: event.description,
    startsAt: utcToLimaLocal(event.startsAt),
    endsAt: utcToLimaLocal(event.endsAt),
    format: event.format,
    venueName: event.venueName ?? "",
    venueAddress: event.venueAddress ?? "",
    city: event.city ?? "",
    region: event.region ?? "",
    onlineUrl: event.onlineUrl ?? "",
    capacity: event.capacity === null ? "" : String(event.capacity),
    questions: "",
    ...changes,
  };
}

async function edit(coordinator: Person, event: Row, changes: Record<string, string>) {
  const response = await callRoute((args) => editAction({ ...args, params: { slug: event.slug } }), {
    url: `${BASE}/events/${event.slug}/edit`,
    method: "POST",
    cookie: coordinator.cookie,
    form: editForm(event, changes),
  });
  expect(response.status, JSON.stringify(response.data)).toBe(302);
  return eventRow(event.id);
}

async function postOnPage(person: Person, event: Row, form: Record<string, string>) {
  const response = await callRoute((args) => pageAction({ ...args, params: { slug: event.slug } }), {
    url: `${BASE}/events/${event.slug}`,
    method: "POST",
    cookie: person.cookie,
    form,
  });
  expect(response.status, JSON.stringify(response.data)).toBe(302);
}

const mailsTo = (person: Person) =>
  db.select().from(schema.outbox).where(eq(schema.outbox.to, person.user.email)).orderBy(desc(schema.outbox.id)).all();
const lastMail = (person: Person) => mailsTo(person)[0]!;
const oneLine = (text: string) => text.replace(/\s+/g, " ");

/** The one calendar file attached to a mail, checked for RFC 5545 hygiene and parsed with ical.js. */
function calendarOf(mail: ReturnType<typeof lastMail>) {
  const attachments = mail.attachments ?? [];
  expect(attachments).toHaveLength(1);
  const file = attachments[0]!;
  expect(file.filename.endsWith(".ics")).toBe(true);
  expect(file.contentType).toMatch(/^text\/calendar; charset=utf-8; method=(REQUEST|CANCEL)$/);
  expectCleanIcs(file.content);
  const calendar = new ICAL.Component(ICAL.parse(file.content));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  return {
    contentType: file.contentType,
    method: calendar.getFirstPropertyValue("method"),
    status: vevent.getFirstPropertyValue("status"),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    summary: event.summary,
    location: event.location,
    attendee: String(vevent.getFirstPropertyValue("attendee")).toLowerCase(),
  };
}

/** Every line ≤ 75 octets, CRLF only as line ends, no control characters anywhere. */
function expectCleanIcs(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  for (const line of text.split("\r\n").slice(0, -1)) {
    expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/u);
  }
}

describe("registrants' calendars follow the event", () => {
  test("a change of time and place mails the new details and an updated invitation; a cancellation removes it", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator);
    const [seated, waiting] = [makePerson(), makePerson()];
    await registerAndNotify(event, seated.user.id, { answers: [] });
    await registerAndNotify(event, waiting.user.id, { answers: [] });

    // The confirmation carries the first invitation.
    const first = calendarOf(lastMail(seated));
    expect(first).toMatchObject({ method: "REQUEST", status: "CONFIRMED", uid: eventUid(event.id), start: "2031-03-10T14:00:00.000Z" });
    expect(first.summary).toBe(event.title);
    expect(first.attendee).toBe(`mailto:${seated.user.email}`);

    // The coordinator moves it to another day, time and city.
    const moved = await edit(coordinator, event, {
      startsAt: "2031-03-12T15:00",
      endsAt: "2031-03-12T18:30",
      venueName: "Teatro Municipal",
      venueAddress: "Calle Mercaderes 200",
      city: "Arequipa",
      region: "ARE",
    });
    const changedMail = lastMail(seated);
    expect(changedMail.subject).toContain("Cambio en");
    const text = oneLine(changedMail.text);
    expect(text).toContain("Cuándo: miércoles, 12 de marzo de 2031, 3:00 – 6:30 p. m. (hora de Lima)");
    expect(text).toContain("Dónde: Teatro Municipal, Calle Mercaderes 200, Arequipa");
    const second = calendarOf(changedMail);
    expect(second).toMatchObject({ method: "REQUEST", status: "CONFIRMED", uid: first.uid, start: "2031-03-12T20:00:00.000Z", end: "2031-03-12T23:30:00.000Z" });
    expect(second.sequence).toBeGreaterThan(first.sequence);
    expect(second.location).toContain("Teatro Municipal");
    // Waitlisted people hold no seat, so no calendar file, but they do learn the new details.
    const waitingMail = lastMail(waiting);
    expect(oneLine(waitingMail.text)).toContain("Cuándo: miércoles, 12 de marzo de 2031, 3:00 – 6:30 p. m.");
    expect(waitingMail.attachments ?? []).toHaveLength(0);
    // The in-app notification states the new date too.
    const notice = noticesOf(seated.user).find((n) => n.type === "event.moved")!;
    expect(oneLine(notice.text)).toContain("Ahora: miércoles, 12 de marzo de 2031, 3:00 – 6:30 p. m. (hora de Lima), Teatro Municipal, Calle Mercaderes 200, Arequipa");

    // The download and the feed agree with the mail.
    const download = await callRoute((args) => icsLoader({ ...args, params: { slug: event.slug } }), { url: `${BASE}/events/${event.slug}.ics` });
    expectCleanIcs(String(download.data));
    const downloaded = new ICAL.Event(new ICAL.Component(ICAL.parse(String(download.data))).getFirstSubcomponent("vevent")!);
    expect(downloaded.uid).toBe(first.uid);
    expect(downloaded.sequence).toBe(second.sequence);
    expect(moved.sequence).toBe(second.sequence);

    // Then it is cancelled.
    await postOnPage(coordinator, moved, { intent: "cancel-event", reason: "La sede no está disponible" });
    const cancelMail = lastMail(seated);
    expect(cancelMail.subject).toContain("Cancelado");
    expect(oneLine(cancelMail.text)).toContain("fue cancelado. Motivo: La sede no está disponible");
    const third = calendarOf(cancelMail);
    expect(third).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: first.uid, contentType: "text/calendar; charset=utf-8; method=CANCEL" });
    expect(third.sequence).toBeGreaterThan(second.sequence);
    expect(lastMail(waiting).attachments ?? []).toHaveLength(0);
    expect(oneLine(lastMail(waiting).text)).toContain("La sede no está disponible");

    const afterCancel = await callRoute((args) => icsLoader({ ...args, params: { slug: event.slug } }), { url: `${BASE}/events/${event.slug}.ics` });
    const cancelledDownload = new ICAL.Component(ICAL.parse(String(afterCancel.data))).getFirstSubcomponent("vevent")!;
    expect(cancelledDownload.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelledDownload.getFirstPropertyValue("sequence")).toBe(third.sequence);

    const feed = await callRoute(feedLoader, { url: `${BASE}/events.ics` });
    expectCleanIcs(String(feed.data));
    const inFeed = new ICAL.Component(ICAL.parse(String(feed.data)))
      .getAllSubcomponents("vevent")
      .find((v) => v.getFirstPropertyValue("uid") === first.uid)!;
    expect(inFeed.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(inFeed.getFirstPropertyValue("sequence")).toBe(third.sequence);
  });

  test("moving an event online mails the link to people with a seat only; a new link alone is a change too", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator);
    const [seated, waiting] = [makePerson(), makePerson()];
    await registerAndNotify(event, seated.user.id, { answers: [] });
    await registerAndNotify(event, waiting.user.id, { answers: [] });
    const before = calendarOf(lastMail(seated)).sequence;

    const online = await edit(coordinator, event, { format: "online", onlineUrl: "https://reunion.example.org/compost-1" });
    const mail = lastMail(seated);
    expect(oneLine(mail.text)).toContain("Dónde: En línea");
    expect(mail.text).toContain("Enlace para conectarse: https://reunion.example.org/compost-1");
    const invitation = calendarOf(mail);
    expect(invitation.location).toBe("En línea");
    expect(invitation.sequence).toBeGreaterThan(before);
    // The calendar file never carries the link, and waitlisted people never see it.
    expect(mail.attachments![0]!.content.replace(/\r\n /g, "")).not.toContain("reunion.example.org");
    expect(lastMail(waiting).text).not.toContain("reunion.example.org");

    const mailsBefore = mailsTo(seated).length;
    await edit(coordinator, online, { onlineUrl: "https://reunion.example.org/compost-2" });
    expect(mailsTo(seated).length).toBe(mailsBefore + 1);
    expect(lastMail(seated).text).toContain("https://reunion.example.org/compost-2");
    expect(calendarOf(lastMail(seated)).sequence).toBeGreaterThan(invitation.sequence);
  });

  test("each registrant reads the new details in their own language", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator, { capacity: 5 });
    const reader = makePerson();
    db.update(schema.users).set({ locale: "en" }).where(eq(schema.users.id, reader.user.id)).run();
    await registerAndNotify(event, reader.user.id, { answers: [] });
    await edit(coordinator, event, { startsAt: "2031-03-12T15:00", endsAt: "2031-03-12T18:30" });
    const mail = lastMail(reader);
    expect(mail.subject).toContain("Change to");
    expect(oneLine(mail.text)).toContain("When: Wednesday, March 12, 2031, 3:00 – 6:30 PM (Lima time)");
    expect(oneLine(mail.text)).toContain("Where: CITE Cusco, Av. La Cultura 123, Cusco");
    expect(calendarOf(mail).start).toBe("2031-03-12T20:00:00.000Z");
  });

  test("an edit that changes neither time nor place mails nobody", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator);
    const seated = makePerson();
    await registerAndNotify(event, seated.user.id, { answers: [] });
    const count = mailsTo(seated).length;
    const edited = await edit(coordinator, event, { summary: "Resumen nuevo con más detalles del taller." });
    expect(mailsTo(seated).length).toBe(count);
    expect(edited.sequence).toBe(event.sequence);
  });
});

describe("waitlist promotion", () => {
  test("the promoted person gets an in-app notification as well as the email with the invitation", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator);
    const [first, second] = [makePerson(), makePerson()];
    await registerAndNotify(event, first.user.id, { answers: [] });
    await registerAndNotify(event, second.user.id, { answers: [] });
    await postOnPage(first, event, { intent: "unregister" });

    const notices = noticesOf(second.user);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ type: "event.promoted", link: `/events/${event.slug}`, readAt: null });
    expect(notices[0]!.text).toContain(`«${event.title}»`);
    const mail = lastMail(second);
    expect(mail.text).toContain("Se liberó un cupo");
    expect(calendarOf(mail)).toMatchObject({ method: "REQUEST", uid: eventUid(event.id), attendee: `mailto:${second.user.email}` });
  });

  test("people promoted by a larger capacity are notified in the app too", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator);
    const [first, second] = [makePerson(), makePerson()];
    await registerAndNotify(event, first.user.id, { answers: [] });
    await registerAndNotify(event, second.user.id, { answers: [] });
    await edit(coordinator, event, { capacity: "2" });
    expect(noticesOf(second.user).map((n) => n.type)).toEqual(["event.promoted"]);
  });
});

describe("a person who cancels their own registration", () => {
  test("gets an email whose calendar file removes the entry; registering again re-adds it with a higher SEQUENCE", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator, { capacity: 5 });
    const [person, other] = [makePerson(), makePerson()];
    await postOnPage(person, event, { intent: "register" });
    await postOnPage(other, event, { intent: "register" });

    // What the person imported from the confirmation email.
    const imported = calendarOf(lastMail(person));
    expect(imported).toMatchObject({ method: "REQUEST", status: "CONFIRMED", uid: eventUid(event.id) });
    const mailsBefore = mailsTo(person).length;

    await postOnPage(person, event, { intent: "unregister" });
    expect(mailsTo(person)).toHaveLength(mailsBefore + 1);
    const cancelMail = lastMail(person);
    expect(cancelMail.subject).toBe(`Cancelaste tu inscripción en «${event.title}»`);
    expect(oneLine(cancelMail.text)).toContain(`Cancelaste tu inscripción en «${event.title}»`);
    expect(oneLine(cancelMail.text)).toContain("Cuándo: lunes, 10 de marzo de 2031");
    expect(cancelMail.text).toContain("Adjuntamos un archivo de calendario (.ics) que quita el evento de tu calendario.");
    const removal = calendarOf(cancelMail);
    expect(removal).toMatchObject({
      contentType: "text/calendar; charset=utf-8; method=CANCEL",
      method: "CANCEL",
      status: "CANCELLED",
      uid: imported.uid,
      attendee: `mailto:${person.user.email}`,
    });
    expect(removal.sequence).toBeGreaterThan(imported.sequence);

    // The event-level calendar (download and feed) still describes a live event, and its
    // SEQUENCE has moved past the removal notice, never back.
    const download = await callRoute((args) => icsLoader({ ...args, params: { slug: event.slug } }), { url: `${BASE}/events/${event.slug}.ics` });
    expectCleanIcs(String(download.data));
    const downloaded = new ICAL.Component(ICAL.parse(String(download.data))).getFirstSubcomponent("vevent")!;
    expect(downloaded.getFirstPropertyValue("uid")).toBe(imported.uid);
    expect(downloaded.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(downloaded.getFirstPropertyValue("sequence")).toBeGreaterThan(removal.sequence);
    const feed = await callRoute(feedLoader, { url: `${BASE}/events.ics` });
    const inFeed = new ICAL.Component(ICAL.parse(String(feed.data)))
      .getAllSubcomponents("vevent")
      .find((v) => v.getFirstPropertyValue("uid") === imported.uid)!;
    expect(inFeed.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(inFeed.getFirstPropertyValue("sequence")).toBe(downloaded.getFirstPropertyValue("sequence"));

    // Registering again sends an invitation that calendar apps accept after the removal.
    await postOnPage(person, event, { intent: "register" });
    const again = calendarOf(lastMail(person));
    expect(again).toMatchObject({ method: "REQUEST", status: "CONFIRMED", uid: imported.uid });
    expect(again.sequence).toBeGreaterThan(removal.sequence);

    // The other attendee's next update still outranks everything they hold.
    const otherImported = calendarOf(lastMail(other));
    await edit(coordinator, eventRow(event.id), { startsAt: "2031-03-12T15:00", endsAt: "2031-03-12T18:30" });
    expect(calendarOf(lastMail(other)).sequence).toBeGreaterThan(otherImported.sequence);
  });

  test("a waitlist seat taken by the promoted person comes with an invitation above the leaver's removal notice", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator);
    const [seated, waiting] = [makePerson(), makePerson()];
    await registerAndNotify(event, seated.user.id, { answers: [] });
    await registerAndNotify(event, waiting.user.id, { answers: [] });
    await postOnPage(seated, event, { intent: "unregister" });
    const removal = calendarOf(lastMail(seated));
    expect(removal.method).toBe("CANCEL");
    const promoted = calendarOf(lastMail(waiting));
    expect(promoted).toMatchObject({ method: "REQUEST", uid: removal.uid });
    expect(promoted.sequence).toBeGreaterThan(removal.sequence);
  });

  test("reads the confirmation in their own language", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator);
    const reader = makePerson();
    db.update(schema.users).set({ locale: "en" }).where(eq(schema.users.id, reader.user.id)).run();
    await registerAndNotify(event, reader.user.id, { answers: [] });
    await postOnPage(reader, event, { intent: "unregister" });
    const mail = lastMail(reader);
    expect(mail.subject).toBe(`You cancelled your registration for “${event.title}”`);
    expect(oneLine(mail.text)).toContain("When: Monday, March 10, 2031");
    expect(mail.text).toContain("A calendar file (.ics) is attached that removes the event from your calendar.");
    expect(calendarOf(mail)).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: eventUid(event.id) });
  });

  test("someone leaving the waitlist gets a plain confirmation without a calendar file", async () => {
    const coordinator = makePerson("coordinator");
    const event = makeEvent(coordinator);
    const [seated, waiting] = [makePerson(), makePerson()];
    await registerAndNotify(event, seated.user.id, { answers: [] });
    await registerAndNotify(event, waiting.user.id, { answers: [] });
    const mailsBefore = mailsTo(waiting).length;
    await postOnPage(waiting, event, { intent: "unregister" });
    expect(mailsTo(waiting)).toHaveLength(mailsBefore + 1);
    const mail = lastMail(waiting);
    expect(mail.subject).toBe(`Cancelaste tu inscripción en «${event.title}»`);
    expect(mail.attachments ?? []).toHaveLength(0);
    expect(mail.text).not.toContain(".ics");
    // Nobody's calendar changed, so the event keeps its SEQUENCE.
    expect(eventRow(event.id).sequence).toBe(event.sequence);
  });
});

describe("calendar files in the reader's language", () => {
  test("the feed and the event file are cached per language, never one language for everyone", async () => {
    const event = makeEvent(makePerson("coordinator"));
    const english = { "Accept-Language": "en" };
    const feed = await callRoute(feedLoader, { url: `${BASE}/events.ics`, headers: english });
    expect(String(feed.data)).toContain("X-WR-CALNAME:");
    expect(feed.headers.get("Cache-Control")).toContain("public");
    expect(feed.headers.get("Vary")).toMatch(/Accept-Language/);
    expect(feed.headers.get("Vary")).toMatch(/Cookie/);
    const file = await callRoute((args) => icsLoader({ ...args, params: { slug: event.slug } }), { url: `${BASE}/events/${event.slug}.ics`, headers: english });
    expect(file.headers.get("Vary")).toMatch(/Accept-Language, Cookie/);
  });
});
