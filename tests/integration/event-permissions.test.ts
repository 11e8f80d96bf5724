import { describe, expect, test } from "vitest";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { register as registerDirect } from "#app/.server/events/mutations.ts";
import { loader as pageLoader, action as pageAction } from "#app/routes/events.$slug._index.tsx";
import { loader as editLoader } from "#app/routes/events.$slug.edit.tsx";
import { loader as attendeesLoader, action as attendeesAction } from "#app/routes/events.$slug.attendees.tsx";
import { loader as csvLoader } from "#app/routes/events.$slug.attendees[.]csv.ts";
import { loader as icsLoader } from "#app/routes/events.$slug.calendar[.]ics.ts";
import { loader as newLoader } from "#app/routes/events.new.tsx";
import { eventInput } from "#tests/factories/events.ts";
import { callRoute } from "./call-route.ts";
import { expectFor as expectForRoles, runPermissionMatrix, type MatrixRow, type Outcome } from "./permission-matrix.ts";
import { makeOrganisation, makePerson } from "./world.ts";

type EventRole = "anonymous" | "member" | "orgMember" | "registrant" | "coordinator" | "admin";
const ROLES: EventRole[] = ["anonymous", "member", "orgMember", "registrant", "coordinator", "admin"];
type State = "draft" | "published";

function makeEventWorld(state: State | undefined) {
  const coordinator = makePerson("coordinator");
  const event = createEvent(
    coordinator.user.id,
    eventInput({
      title: `Rueda de negocios ${crypto.randomUUID().slice(0, 6)}`,
      type: "pairing",
      format: "hybrid",
      onlineUrl: "https://reunion.example.org/rueda",
      capacity: 50,
    }),
  );
  if (state !== "draft") publishEvent(event.id);
  const registrant = makePerson();
  const orgOwner = makePerson();
  makeOrganisation(orgOwner, "approved");
  const registration = state !== "draft" ? registerDirect(event.id, registrant.user.id, { answers: [] }) : null;
  const people = { member: makePerson(), orgMember: orgOwner, registrant, coordinator, admin: makePerson("admin") };
  return {
    event,
    registrationId: registration && registration.ok ? registration.registrationId : 0,
    cookieOf: (role: EventRole) => (role === "anonymous" ? undefined : people[role].cookie),
  };
}

type World = ReturnType<typeof makeEventWorld>;
const expectFor = (rest: Outcome, overrides: Partial<Record<EventRole, Outcome>>) => expectForRoles(ROLES, rest, overrides);
const BASE = "http://localhost:3000";
const get = (handler: Parameters<typeof callRoute>[0], suffix = "") => (w: World, cookie: string | undefined) =>
  callRoute((args) => handler({ ...args, params: { slug: w.event.slug } }), { url: `${BASE}/events/${w.event.slug}${suffix}`, cookie });
const post = (handler: Parameters<typeof callRoute>[0], suffix: string, form: (w: World) => Record<string, string>) =>
  (w: World, cookie: string | undefined) =>
    callRoute((args) => handler({ ...args, params: { slug: w.event.slug } }), { url: `${BASE}/events/${w.event.slug}${suffix}`, method: "POST", cookie, form: form(w) });

const rows: Array<MatrixRow<EventRole, World, State>> = [
  { action: "view", state: "published", call: get(pageLoader), expect: expectFor("ok", {}) },
  { action: "view a draft", state: "draft", call: get(pageLoader), expect: expectFor(404, { coordinator: "ok", admin: "ok" }) },
  { action: "download the .ics of a draft", state: "draft", call: get(icsLoader, ".ics"), expect: expectFor(404, { coordinator: "ok", admin: "ok" }) },
  { action: "open the create page", call: (w, cookie) => callRoute(newLoader, { url: `${BASE}/events/new`, cookie }), expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }) },
  { action: "open the edit page", state: "published", call: get(editLoader, "/edit"), expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }) },
  { action: "see the attendee list", state: "published", call: get(attendeesLoader, "/attendees"), expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }) },
  { action: "export attendees as CSV", state: "published", call: get(csvLoader, "/attendees.csv"), expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }) },
  {
    action: "check someone in",
    state: "published",
    call: post(attendeesAction, "/attendees", (w) => ({ intent: "check-in", registrationId: String(w.registrationId) })),
    expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }),
  },
  { action: "publish", state: "draft", call: post(pageAction, "", () => ({ intent: "publish" })), expect: expectFor(404, { anonymous: "login", coordinator: "ok", admin: "ok" }) },
  {
    action: "cancel the event",
    state: "published",
    call: post(pageAction, "", () => ({ intent: "cancel-event", reason: "Huelga de transportes" })),
    expect: expectFor(403, { anonymous: "login", coordinator: "ok", admin: "ok" }),
  },
  {
    action: "register",
    state: "published",
    call: post(pageAction, "", () => ({ intent: "register" })),
    // The registrant already has a seat: a second registration is a conflict.
    expect: expectFor("ok", { anonymous: "login", registrant: 409 }),
  },
  { action: "register for a draft", state: "draft", call: post(pageAction, "", () => ({ intent: "register" })), expect: expectFor(404, { anonymous: "login", coordinator: 400, admin: 400 }) },
];

describe("events: who may do what", () => {
  runPermissionMatrix(ROLES, makeEventWorld, rows);
});


describe("the online link", () => {
  test("is shown only to people with a confirmed seat and to coordinators", async () => {
    const world = makeEventWorld("published");
    const onlineUrlFor = async (role: EventRole) => {
      const result = await get(pageLoader)(world, world.cookieOf(role));
      return (result.data as { event: { onlineUrl: string | null } }).event.onlineUrl;
    };
    expect(await onlineUrlFor("registrant")).toBe("https://reunion.example.org/rueda");
    expect(await onlineUrlFor("coordinator")).toBe("https://reunion.example.org/rueda");
    expect(await onlineUrlFor("member")).toBeNull();
    expect(await onlineUrlFor("anonymous")).toBeNull();
  });
});
