// An event's programme stays within the event: a session outside its times is refused, and when
// the event is moved, the sessions left on the old dates are pointed out on the edit page.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { addSession, createEvent, publishEvent, updateEventAndNotify } from "#app/.server/events/index.ts";
import { action as editAction, loader as editLoader } from "#app/routes/events.$slug.edit.tsx";
import { eventInput } from "#tests/factories/events.ts";
import { callRoute } from "./call-route.ts";
import { makePerson } from "./world.ts";

const BASE = "http://localhost:3000";

function workshop() {
  const coordinator = makePerson("coordinator");
  const created = createEvent(coordinator.user.id, eventInput()); // 10 March 2031, 09:00–13:00 Lima
  publishEvent(created.id);
  const event = db.select().from(schema.events).where(eq(schema.events.id, created.id)).get()!;
  return { coordinator, event };
}

describe("sessions within their event", () => {
  test("adding a session outside the event's times is a 400 next to the start field; inside it is added", async () => {
    const { coordinator, event } = workshop();
    const post = (startsAt: string, endsAt: string) =>
      callRoute((args) => editAction({ ...args, params: { slug: event.slug } }), {
        url: `${BASE}/events/${event.slug}/edit`,
        method: "POST",
        cookie: coordinator.cookie,
        form: { intent: "add-session", startsAt, endsAt, title: "Apertura" },
      });
    const before = await post("2031-03-09T09:00", "2031-03-09T10:00");
    expect(before.status).toBe(400);
    expect(JSON.stringify(before.data)).toContain("ev.errors.sessionOutside");
    expect((await post("2031-03-10T12:30", "2031-03-10T13:30")).status).toBe(400);
    expect((await post("2031-03-10T09:00", "2031-03-10T10:00")).status).toBe(302);
    expect(db.select().from(schema.eventSessions).where(eq(schema.eventSessions.eventId, event.id)).all()).toHaveLength(1);
  });

  test("after the event moves, the edit page marks the sessions left on the old day", async () => {
    const { coordinator, event } = workshop();
    addSession(event.id, { startsAt: "2031-03-10T09:00", endsAt: "2031-03-10T10:00", title: "Apertura", description: "" });
    const sessions = async () =>
      ((await callRoute((args) => editLoader({ ...args, params: { slug: event.slug } }), { url: `${BASE}/events/${event.slug}/edit`, cookie: coordinator.cookie }))
        .data as { sessions: Array<{ title: string; outside: boolean }> }).sessions;
    expect(await sessions()).toEqual([expect.objectContaining({ title: "Apertura", outside: false })]);
    const moved = await updateEventAndNotify(event, eventInput({ title: event.title, startsAt: "2031-03-21T09:00", endsAt: "2031-03-21T13:00" }));
    expect(moved.ok).toBe(true);
    expect(await sessions()).toEqual([expect.objectContaining({ title: "Apertura", outside: true })]);
  });
});
