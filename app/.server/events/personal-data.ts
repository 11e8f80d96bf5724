import { schema } from "#app/.server/db.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";
import { cancelRegistrationIn, upcomingRegistrationsOf } from "./mutations.ts";
import { tellPromoted } from "./index.ts";
import { findEventById } from "./queries.ts";

/**
 * Events (issue 13): registrations with the answers to the registration questions, events
 * followed (both removed with the account), events the person created (kept, without them).
 * Closing the account first cancels the person's registrations for upcoming events, each as the
 * person would (`cancelRegistrationIn`), so people waiting take the freed seats and are told.
 */
export const eventsPersonalData: PersonalDataSource = {
  section: "events",
  references: [
    { table: schema.eventRegistrations, column: schema.eventRegistrations.userId, onClosure: "cascade" },
    { table: schema.eventFollows, column: schema.eventFollows.userId, onClosure: "cascade" },
    { table: schema.events, column: schema.events.createdBy, onClosure: "set-null" },
  ],
  erase(tx, person, context) {
    for (const eventId of upcomingRegistrationsOf(tx, person.id)) {
      const result = cancelRegistrationIn(tx, eventId, person.id);
      if (result.ok && result.promoted.length > 0) {
        const promoted = result.promoted;
        context.afterCommit(() => {
          const event = findEventById(eventId);
          if (event) tellPromoted(promoted, event);
        });
      }
    }
  },
};
