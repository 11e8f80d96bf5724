import { and, eq, inArray } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { registerDiscussable } from "#app/.server/discussions/registry.ts";
import { managerIds } from "#app/.server/organisations/index.ts";
import { eventFollowers } from "./follows.ts";
import { canOnEvent } from "./index.ts";
import { describeEvents } from "./notification-kinds.ts";
import { findEventById } from "./queries.ts";

// Events carry discussion threads (issue 10, ADR 0013). The discussion feature asks these
// questions and never reads events' tables itself.

registerDiscussable({
  type: "event",
  load(id, viewer) {
    const event = findEventById(id);
    if (!event || !canOnEvent("view", event, viewer)) return null;
    // Drafts are seen by coordinators only, and nobody discusses them yet.
    return { title: event.title, link: `/events/${event.slug}`, mayPost: event.status !== "draft" };
  },
  // The same visibility as the event's notifications.
  describe: describeEvents,
  audience(id) {
    // Registrants with a seat or on the waitlist, followers, and the organisers' managers.
    const registrants = db
      .select({ userId: schema.eventRegistrations.userId })
      .from(schema.eventRegistrations)
      .where(and(eq(schema.eventRegistrations.eventId, id), inArray(schema.eventRegistrations.status, ["confirmed", "waitlisted"])))
      .all()
      .map((row) => row.userId);
    const organisers = db
      .select({ organisationId: schema.eventOrganisers.organisationId })
      .from(schema.eventOrganisers)
      .where(eq(schema.eventOrganisers.eventId, id))
      .all()
      .map((row) => row.organisationId);
    return [...new Set([...registrants, ...eventFollowers(id), ...managerIds(organisers)])];
  },
});
