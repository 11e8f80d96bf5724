import { spawn } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema, sqlite } from "#app/.server/db.ts";
import {
  cancelEventAndNotify,
  cancelRegistrationAndNotify,
  createEvent,
  eventDetail,
  eventsPage,
  publishEvent,
  registerAndNotify,
  registrationOf,
  updateEventAndNotify,
  upcomingEvents,
} from "#app/.server/events/index.ts";
import { register } from "#app/.server/events/mutations.ts";
import { parseEventFilters } from "#app/features/events/filters.ts";
import { EventSchema, limaLocalToUtc, utcToLimaLocal, type EventInput } from "#app/features/events/schemas.ts";
import { formatDateTime } from "#app/i18n.ts";
import { eventInput as baseEventInput } from "#tests/factories/events.ts";
import { makePerson } from "./world.ts";
import { noticesOf } from "./notices.ts";

// A small event (2 seats) with a registration question, so capacity and waitlists show quickly.
const eventInput = (overrides: Partial<EventInput> = {}) =>
  baseEventInput({ capacity: 2, questions: "Necesidades alimentarias", ...overrides });


function publishedEvent(overrides: Partial<EventInput> = {}) {
  const coordinator = makePerson("coordinator");
  const created = createEvent(coordinator.user.id, eventInput(overrides));
  publishEvent(created.id);
  return db.select().from(schema.events).where(eq(schema.events.id, created.id)).get()!;
}

describe("time zone", () => {
  test("times typed in Lima are stored in UTC and shown in Lima", () => {
    const stored = limaLocalToUtc("2026-12-10T09:00");
    expect(stored.toISOString()).toBe("2026-12-10T14:00:00.000Z");
    expect(utcToLimaLocal(stored)).toBe("2026-12-10T09:00");
    // 23:30 in Lima is already the next day in UTC.
    expect(limaLocalToUtc("2026-12-31T23:30").toISOString()).toBe("2027-01-01T04:30:00.000Z");
    expect(formatDateTime("es", stored)).toBe("10 dic. 2026, 9:00 a. m.");
    expect(formatDateTime("en", stored)).toBe("Dec 10, 2026, 9:00 AM");
  });
});

describe("capacity and waitlist", () => {
  test("confirmed up to capacity, then waitlisted in order; a cancellation promotes the first in line", async () => {
    const event = publishedEvent({ capacity: 2 });
    const [a, b, c, d] = [makePerson(), makePerson(), makePerson(), makePerson()];
    expect((await registerAndNotify(event, a.user.id, { answers: ["vegano"] })).ok).toBe(true);
    expect(registrationOf(event.id, a.user.id)?.status).toBe("confirmed");
    await registerAndNotify(event, b.user.id, { answers: [] });
    await registerAndNotify(event, c.user.id, { answers: [] });
    await registerAndNotify(event, d.user.id, { answers: [] });
    expect(registrationOf(event.id, c.user.id)).toMatchObject({ status: "waitlisted", position: 1 });
    expect(registrationOf(event.id, d.user.id)).toMatchObject({ status: "waitlisted", position: 2 });

    const cancelled = await cancelRegistrationAndNotify(event, a.user.id);
    expect(cancelled).toMatchObject({ ok: true, promoted: [{ userId: c.user.id }] });
    expect(registrationOf(event.id, c.user.id)?.status).toBe("confirmed");
    expect(registrationOf(event.id, d.user.id)).toMatchObject({ status: "waitlisted", position: 1 });
    expect(eventDetail(event.id)).toMatchObject({ confirmed: 2, waitlisted: 1 });

    // The promoted person is told by email, with the calendar file.
    const mail = db.select().from(schema.outbox).where(eq(schema.outbox.to, c.user.email)).all().at(-1)!;
    expect(mail.text).toContain("Se liberó un cupo");
    expect(mail.attachments?.[0]?.content).toContain("BEGIN:VCALENDAR");
  });

  test("a waitlisted person who cancels promotes nobody", async () => {
    const event = publishedEvent({ capacity: 1 });
    const [a, b] = [makePerson(), makePerson()];
    await registerAndNotify(event, a.user.id, { answers: [] });
    await registerAndNotify(event, b.user.id, { answers: [] });
    expect(await cancelRegistrationAndNotify(event, b.user.id)).toMatchObject({ ok: true, promoted: [] });
    expect(registrationOf(event.id, a.user.id)?.status).toBe("confirmed");
  });

  test("raising the capacity promotes people from the waitlist; lowering it below the confirmed count is refused", async () => {
    const event = publishedEvent({ capacity: 1 });
    const [a, b] = [makePerson(), makePerson()];
    await registerAndNotify(event, a.user.id, { answers: [] });
    await registerAndNotify(event, b.user.id, { answers: [] });
    const raised = await updateEventAndNotify(event, eventInput({ title: event.title, capacity: 2 }));
    expect(raised).toMatchObject({ ok: true, promoted: [{ userId: b.user.id }] });
    const lowered = await updateEventAndNotify(event, eventInput({ title: event.title, capacity: 1 }));
    expect(lowered).toEqual({ ok: false, error: "capacityBelowConfirmed", confirmed: 2 });
  });
});

describe("registration is refused with a reason", () => {
  test("double registration, cancelled, past, not yet open, closed, draft", async () => {
    const event = publishedEvent({ capacity: 10 });
    const person = makePerson();
    expect((await registerAndNotify(event, person.user.id, { answers: [] })).ok).toBe(true);
    expect(await registerAndNotify(event, person.user.id, { answers: [] })).toEqual({ ok: false, error: "alreadyRegistered" });

    const cancelled = publishedEvent();
    await cancelEventAndNotify(cancelled, "Lluvias intensas");
    expect(register(cancelled.id, person.user.id, { answers: [] })).toEqual({ ok: false, error: "cancelled" });

    const past = publishedEvent({ startsAt: "2020-01-10T09:00", endsAt: "2020-01-10T12:00" });
    expect(register(past.id, person.user.id, { answers: [] })).toEqual({ ok: false, error: "past" });

    const later = publishedEvent({ registrationOpensAt: "2030-01-01T00:00", registrationClosesAt: "2031-01-01T00:00" });
    expect(register(later.id, person.user.id, { answers: [] }, new Date("2029-06-01T00:00:00Z"))).toEqual({ ok: false, error: "notOpenYet" });
    expect(register(later.id, person.user.id, { answers: [] }, new Date("2031-02-01T00:00:00Z"))).toEqual({ ok: false, error: "closed" });

    const coordinator = makePerson("coordinator");
    const draft = createEvent(coordinator.user.id, eventInput());
    expect(register(draft.id, person.user.id, { answers: [] })).toEqual({ ok: false, error: "notPublished" });
  });

  test("after an event is cancelled nobody is promoted and registrations stay as they were", async () => {
    const event = publishedEvent({ capacity: 1 });
    const [a, b] = [makePerson(), makePerson()];
    await registerAndNotify(event, a.user.id, { answers: [] });
    await registerAndNotify(event, b.user.id, { answers: [] });
    await cancelEventAndNotify(event, "Se suspende por lluvias");
    expect(await cancelRegistrationAndNotify(event, a.user.id)).toEqual({ ok: false, error: "closed" });
    expect(registrationOf(event.id, b.user.id)?.status).toBe("waitlisted");
  });

  test("cancelling an event tells its registrants and bumps the calendar sequence", async () => {
    const event = publishedEvent();
    const person = makePerson();
    await registerAndNotify(event, person.user.id, { answers: [] });
    expect((await cancelEventAndNotify(event, "Cambio de sede")).ok).toBe(true);
    const row = db.select().from(schema.events).where(eq(schema.events.id, event.id)).get()!;
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "Cambio de sede", sequence: event.sequence + 1 });
    const notices = noticesOf(person.user);
    expect(notices.map((n) => n.type)).toContain("event.cancelled");
    expect(notices.find((n) => n.type === "event.cancelled")).toMatchObject({ link: `/events/${event.slug}`, data: { reason: "Cambio de sede" } });
    expect(notices.find((n) => n.type === "event.cancelled")!.text).toContain("Cambio de sede");
  });
});

describe("event validation", () => {
  const errors = (input: Record<string, unknown>) => {
    const r = EventSchema.safeParse({ ...eventInput(), capacity: "2", ...input });
    return r.success ? {} : r.error.flatten().fieldErrors;
  };
  test("end before start, unknown region, missing venue, bad capacity", () => {
    expect(errors({ endsAt: "2031-03-10T08:00" })).toEqual({ endsAt: ["ev.errors.endBeforeStart"] });
    expect(errors({ region: "XYZ" })).toEqual({ region: ["errors.invalidOption"] });
    expect(errors({ venueName: undefined })).toEqual({ venueName: ["ev.errors.venueRequired"] });
    expect(errors({ format: "online", venueName: undefined })).toEqual({ onlineUrl: ["ev.errors.onlineUrlRequired"] });
    expect(errors({ capacity: "-3" })).toEqual({ capacity: ["ev.errors.capacity"] });
    expect(errors({ startsAt: "2031-13-01T99:99" })).toMatchObject({ startsAt: ["ev.errors.dateTime"] });
  });
});

describe("forum editions", () => {
  test("the edition year is the year typed, even late on 31 December in Lima", () => {
    const created = createEvent(makePerson("coordinator").user.id, eventInput({ type: "forum", startsAt: "2030-12-31T20:00", endsAt: "2030-12-31T22:00" }));
    expect(db.select().from(schema.events).where(eq(schema.events.id, created.id)).get()?.forumYear).toBe(2030);
  });
});

describe("listing", () => {
  test("upcoming soonest first, past on its own tab, drafts never", () => {
    const tag = `Lista${Date.now()}`;
    publishedEvent({ title: `${tag} pronto`, startsAt: "2030-05-01T09:00", endsAt: "2030-05-01T10:00" });
    publishedEvent({ title: `${tag} luego`, startsAt: "2030-06-01T09:00", endsAt: "2030-06-01T10:00" });
    publishedEvent({ title: `${tag} antes`, startsAt: "2021-06-01T09:00", endsAt: "2021-06-01T10:00" });
    createEvent(makePerson("coordinator").user.id, eventInput({ title: `${tag} borrador` }));
    const titles = (query: string) =>
      eventsPage(parseEventFilters(new URLSearchParams(query))).rows.map((r) => r.title).filter((t) => t.startsWith(tag));
    expect(titles("")).toEqual([`${tag} pronto`, `${tag} luego`]);
    expect(titles("tab=past")).toEqual([`${tag} antes`]);
    expect(titles("month=2030-06")).toEqual([`${tag} luego`]);
  });
});

describe("the listing's cache (issue 9)", () => {
  test("follows every change at once, and the clock to the minute", () => {
    const tag = `Cache${Date.now()}`;
    const titles = (query: string, now: Date) =>
      eventsPage(parseEventFilters(new URLSearchParams(query)), now).rows.map((r) => r.title).filter((t) => t.startsWith(tag));
    const first = publishedEvent({ title: `${tag} uno`, startsAt: "2031-07-01T09:00", endsAt: "2031-07-01T10:00" });
    const before = new Date(first.endsAt.getTime() - 5 * 60_000);
    expect(titles("", before)).toEqual([`${tag} uno`]);
    // A new event shows on the next request, whatever was cached.
    publishedEvent({ title: `${tag} dos`, startsAt: "2031-07-02T09:00", endsAt: "2031-07-02T10:00" });
    expect(titles("", before)).toEqual([`${tag} uno`, `${tag} dos`]);
    // Once it has ended (a minute on), the first one is on the past tab.
    const after = new Date(first.endsAt.getTime() + 61_000);
    expect(titles("", after)).toEqual([`${tag} dos`]);
    expect(titles("tab=past", after)).toEqual([`${tag} uno`]);
  });

  test("the home page's upcoming events follow a new event at once", () => {
    const now = new Date("2040-01-01T12:00:00Z");
    const soonest = () => upcomingEvents(1, now)[0]?.title;
    publishedEvent({ title: `Lejano ${Date.now()}`, startsAt: "2041-01-10T09:00", endsAt: "2041-01-10T10:00" });
    const before = soonest();
    const title = `Próximo ${Date.now()}`;
    publishedEvent({ title, startsAt: "2040-01-02T09:00", endsAt: "2040-01-02T10:00" });
    expect(soonest()).toBe(title);
    expect(soonest()).not.toBe(before);
  });
});

describe("concurrency", () => {
  test("many simultaneous registrations from separate processes never exceed capacity and lose nobody", async () => {
    const capacity = 3;
    const event = publishedEvent({ capacity });
    const people = Array.from({ length: 12 }, () => makePerson());
    // Make sure other processes see everything written so far.
    sqlite.pragma("wal_checkpoint(PASSIVE)");
    const script = path.resolve("tests/integration/register-worker.ts");
    const tsx = path.resolve("node_modules/.bin/tsx");
    const outcomes = await Promise.all(
      [0, 1, 2, 3].map(
        (worker) =>
          new Promise<string>((resolve, reject) => {
            const ids = people.filter((_, i) => i % 4 === worker).map((p) => p.user.id);
            const child = spawn(tsx, [script, String(event.id), ids.join(",")], {
              env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
              stdio: ["ignore", "pipe", "inherit"],
            });
            let out = "";
            child.stdout.on("data", (chunk) => (out += chunk));
            child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`worker ${worker} exited ${code}`))));
          }),
      ),
    );
    const results = outcomes.flatMap((out) => out.trim().split("\n")).filter(Boolean);
    expect(results).toHaveLength(12);
    const rows = db.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.eventId, event.id)).all();
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(capacity);
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(12 - capacity);
  }, 60_000);
});
