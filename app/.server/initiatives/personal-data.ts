import { schema } from "#app/.server/db.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";

/**
 * Initiatives (issue 13): those the person created, status changes, partnership requests and
 * progress updates they wrote — all kept for the organisations without the person (ON DELETE SET
 * NULL) — and the initiatives they follow (removed with the account).
 */
export const initiativesPersonalData: PersonalDataSource = {
  section: "initiatives",
  references: [
    { table: schema.initiatives, column: schema.initiatives.createdBy, onClosure: "set-null" },
    { table: schema.initiativeStatusChanges, column: schema.initiativeStatusChanges.changedBy, onClosure: "set-null" },
    { table: schema.initiativePartners, column: schema.initiativePartners.requestedBy, onClosure: "set-null" },
    { table: schema.initiativeUpdates, column: schema.initiativeUpdates.authorId, onClosure: "set-null" },
    { table: schema.initiativeFollows, column: schema.initiativeFollows.userId, onClosure: "cascade" },
  ],
};
