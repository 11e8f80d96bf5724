// The matrix rows of events: creating and editing (with cover and agenda), publishing, cancelling,
// registering and following, and checking people in. Events are the alliance's: coordinators and
// admins manage them all, so "own/other" applies only where a row names a person's registration or
// an organisation registered for.
import { eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { addSession, setAttended } from "#app/.server/events/index.ts";
import { setFollowingEvent } from "#app/.server/events/follows.ts";
import { register } from "#app/.server/events/mutations.ts";
import { homeOf, makeStranger, strangerOrganisation, type Actor } from "../actors.ts";
import { all, attempt, home, type Row } from "../matrix.ts";
import { eventForm, makeEvent, pngFile, unique } from "./state.ts";

type Event = ReturnType<typeof makeEvent>;
const staffOnly = all("deny", { coordinator: "allow", admin: "allow" });
const signedIn = all("allow", { anonymous: "deny" });

const eventRow = (id: number) => db.select().from(schema.events).where(eq(schema.events.id, id)).get()!;
const sessionsOf = (eventId: number) => db.select({ id: schema.eventSessions.id, title: schema.eventSessions.title }).from(schema.eventSessions).where(eq(schema.eventSessions.eventId, eventId)).all();
const registrationsOf = (eventId: number) =>
  db
    .select({ userId: schema.eventRegistrations.userId, status: schema.eventRegistrations.status, organisationId: schema.eventRegistrations.organisationId })
    .from(schema.eventRegistrations)
    .where(eq(schema.eventRegistrations.eventId, eventId))
    .all();
const followersOf = (eventId: number) => db.select({ userId: schema.eventFollows.userId }).from(schema.eventFollows).where(eq(schema.eventFollows.eventId, eventId)).all();
const registrationStatus = (id: number) => db.select({ status: schema.eventRegistrations.status }).from(schema.eventRegistrations).where(eq(schema.eventRegistrations.id, id)).get()!.status;

/** A stranger's confirmed registration for the event. */
function strangersRegistration(event: Event) {
  const registered = register(event.id, makeStranger().user.id, { answers: [] });
  if (!registered.ok) throw new Error(`could not register: ${registered.error}`);
  return registered.registrationId;
}

/** An agenda session of the event. */
function sessionOf(event: Event) {
  addSession(event.id, { startsAt: "2031-03-10T10:00", endsAt: "2031-03-10T11:00", title: unique("Sesión"), description: "" });
  return sessionsOf(event.id).at(-1)!.id;
}

const page = (event: Event) => `/events/${event.slug}?index`;
const mine = (actor: Actor) => (rows: ReturnType<typeof registrationsOf>) => rows.filter((r) => r.userId === actor.person?.user.id);

export const eventRows: Row[] = [
  {
    key: { route: "events.new", intent: null },
    resource: "none",
    what: "create an event",
    expect: staffOnly,
    prepare: () => {
      const form = eventForm();
      return attempt({
        path: "/events/new",
        form,
        observe: () => db.select({ id: schema.events.id }).from(schema.events).where(eq(schema.events.title, form.title)).all().length,
        done: (_b, after) => after === 1,
      });
    },
  },
  {
    key: { route: "events.$slug.edit", intent: null },
    resource: "none",
    what: "save an event's details",
    expect: staffOnly,
    prepare: () => {
      const event = makeEvent();
      const form = eventForm();
      return attempt({ path: `/events/${event.slug}/edit`, form, observe: () => eventRow(event.id).title, done: (_b, now) => now === form.title });
    },
  },
  {
    key: { route: "events.$slug.edit", intent: null },
    resource: "none",
    what: "upload an event's cover",
    expect: staffOnly,
    prepare: async () => {
      const event = makeEvent();
      const form = new FormData();
      form.set("cover", await pngFile());
      return attempt({
        path: `/events/${event.slug}/edit`,
        form,
        observe: () => db.select({ hash: schema.eventCovers.hash }).from(schema.eventCovers).where(eq(schema.eventCovers.eventId, event.id)).get() ?? null,
        done: (_b, now) => now !== null,
      });
    },
  },
  {
    key: { route: "events.$slug.edit", intent: "add-session" },
    resource: "none",
    what: "add a session to the agenda",
    expect: staffOnly,
    prepare: () => {
      const event = makeEvent();
      const title = unique("Mesa redonda");
      return attempt({
        path: `/events/${event.slug}/edit`,
        form: { intent: "add-session", startsAt: "2031-03-10T10:00", endsAt: "2031-03-10T11:00", title },
        observe: () => sessionsOf(event.id).map((s) => s.title),
        done: (_b, now) => now.includes(title),
      });
    },
  },
  {
    key: { route: "events.$slug.edit", intent: "delete-session" },
    resource: "none",
    what: "delete a session of the agenda",
    expect: staffOnly,
    prepare: () => {
      const event = makeEvent();
      const sessionId = sessionOf(event);
      return attempt({ path: `/events/${event.slug}/edit`, form: { intent: "delete-session", sessionId: String(sessionId) }, observe: () => sessionsOf(event.id).length, done: (b, a) => a === b - 1 });
    },
  },
  {
    key: { route: "events.$slug.edit", intent: "delete-session" },
    resource: "other",
    what: "delete another event's session through this event's page",
    expect: all("deny"),
    prepare: () => {
      const event = makeEvent();
      const elsewhere = makeEvent();
      const sessionId = sessionOf(elsewhere);
      return attempt({ path: `/events/${event.slug}/edit`, form: { intent: "delete-session", sessionId: String(sessionId) }, observe: () => sessionsOf(elsewhere.id) });
    },
  },
  {
    key: { route: "events.$slug._index", intent: "register" },
    resource: "none",
    what: "register for an event",
    expect: signedIn,
    prepare: (actor) => {
      const event = makeEvent();
      return attempt({
        path: page(event),
        form: { intent: "register" },
        observe: () => registrationsOf(event.id),
        done: (_b, now) => mine(actor)(now).length === 1 && mine(actor)(now)[0]!.status === "confirmed",
      });
    },
  },
  {
    key: { route: "events.$slug._index", intent: "register" },
    resource: "own",
    what: "register on behalf of one's organisation",
    // A suspended organisation's team cannot act for it.
    expect: home({ orgMember: "allow", editor: "allow", owner: "allow" }),
    prepare: (actor) => {
      const event = makeEvent();
      const organisation = homeOf(actor);
      return attempt({
        path: page(event),
        form: { intent: "register", organisationId: String(organisation.id) },
        observe: () => registrationsOf(event.id),
        done: (_b, now) => mine(actor)(now).length === 1 && mine(actor)(now)[0]!.organisationId === organisation.id,
      });
    },
  },
  {
    key: { route: "events.$slug._index", intent: "register" },
    resource: "other",
    what: "register on behalf of someone else's organisation",
    expect: all("deny"),
    prepare: () => {
      const event = makeEvent();
      const elsewhere = strangerOrganisation();
      return attempt({ path: page(event), form: { intent: "register", organisationId: String(elsewhere.id) }, observe: () => registrationsOf(event.id) });
    },
  },
  {
    key: { route: "events.$slug._index", intent: "unregister" },
    resource: "own",
    what: "cancel one's registration (and nobody else's)",
    expect: signedIn,
    prepare: (actor) => {
      const event = makeEvent();
      if (actor.person) register(event.id, actor.person.user.id, { answers: [] });
      strangersRegistration(event);
      return attempt({
        path: page(event),
        form: { intent: "unregister" },
        observe: () => registrationsOf(event.id),
        done: (_b, now) => mine(actor)(now)[0]?.status === "cancelled" && now.filter((r: { status: string }) => r.status === "confirmed").length === 1,
      });
    },
  },
  ...(["follow", "unfollow"] as const).map(
    (intent): Row => ({
      key: { route: "events.$slug._index", intent },
      resource: "own",
      what: `${intent} an event`,
      expect: signedIn,
      prepare: (actor) => {
        const event = makeEvent();
        if (intent === "unfollow" && actor.person) setFollowingEvent(event.id, actor.person.user.id, true);
        const stranger = makeStranger();
        setFollowingEvent(event.id, stranger.user.id, true);
        return attempt({
          path: page(event),
          form: { intent },
          observe: () => followersOf(event.id).map((f) => f.userId).sort(),
          done: (_b, now) =>
            now.includes(stranger.user.id) && (intent === "follow" ? now.includes(actor.person?.user.id ?? -1) : !now.includes(actor.person?.user.id ?? -1)),
        });
      },
    }),
  ),
  {
    key: { route: "events.$slug._index", intent: "publish" },
    resource: "none",
    what: "publish a draft event",
    // A draft does not exist for anyone but coordinators and admins (404).
    expect: staffOnly,
    prepare: () => {
      const event = makeEvent("draft");
      return attempt({ path: page(event), form: { intent: "publish" }, observe: () => eventRow(event.id).status, done: (_b, now) => now === "published" });
    },
  },
  {
    key: { route: "events.$slug._index", intent: "cancel-event" },
    resource: "none",
    what: "cancel an event",
    expect: staffOnly,
    prepare: () => {
      const event = makeEvent();
      return attempt({
        path: page(event),
        form: { intent: "cancel-event", reason: "Huelga de transportes" },
        observe: () => eventRow(event.id).status,
        done: (_b, now) => now === "cancelled",
      });
    },
  },
  ...(["check-in", "undo"] as const).flatMap((intent): Row[] => [
    {
      key: { route: "events.$slug.attendees", intent },
      resource: "none",
      what: intent === "check-in" ? "check someone in at the door" : "undo a check-in",
      expect: staffOnly,
      prepare: () => {
        const event = makeEvent();
        const registrationId = strangersRegistration(event);
        if (intent === "undo") setAttended(event.id, registrationId, true);
        return attempt({
          path: `/events/${event.slug}/attendees`,
          form: { intent, registrationId: String(registrationId) },
          observe: () => registrationStatus(registrationId),
          done: (_b, now) => now === (intent === "check-in" ? "attended" : "confirmed"),
        });
      },
    },
    {
      key: { route: "events.$slug.attendees", intent },
      resource: "other",
      what: `${intent === "check-in" ? "check in" : "undo the check-in of"} someone registered for another event, through this event's list`,
      expect: all("deny"),
      prepare: () => {
        const event = makeEvent();
        const elsewhere = makeEvent();
        const registrationId = strangersRegistration(elsewhere);
        if (intent === "undo") setAttended(elsewhere.id, registrationId, true);
        return attempt({ path: `/events/${event.slug}/attendees`, form: { intent, registrationId: String(registrationId) }, observe: () => registrationStatus(registrationId) });
      },
    },
  ]),
];

