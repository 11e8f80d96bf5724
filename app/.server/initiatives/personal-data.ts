import { schema } from "#app/.server/db.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";

const i = schema;

/**
 * Initiatives (issue 13): those the person created, status changes, partnership requests and
 * progress updates they wrote — all kept for the organisations without the person (ON DELETE SET
 * NULL) — and the initiatives they follow (removed with the account).
 */
export const initiativesPersonalData: PersonalDataSource = {
  section: "initiatives",
  references: [
    { table: i.initiatives, column: i.initiatives.createdBy, onClosure: "set-null" },
    { table: i.initiativeStatusChanges, column: i.initiativeStatusChanges.changedBy, onClosure: "set-null" },
    { table: i.initiativePartners, column: i.initiativePartners.requestedBy, onClosure: "set-null" },
    { table: i.initiativeUpdates, column: i.initiativeUpdates.authorId, onClosure: "set-null" },
    { table: i.initiativeFollows, column: i.initiativeFollows.userId, onClosure: "cascade" },
  ],
};
