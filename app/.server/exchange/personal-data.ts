import { schema } from "#app/.server/db.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";

/**
 * The resource exchange (issue 12–13): listings the person posted, conversations they started,
 * exchanges they recorded or answered, coordinators' audit entries of their acts — all the
 * organisations' records, kept without the person (ON DELETE SET NULL) — and the conversations
 * they facilitate (removed with the account). Their messages are the discussions' posts.
 */
export const exchangePersonalData: PersonalDataSource = {
  section: "exchange",
  references: [
    { table: schema.exchangeListings, column: schema.exchangeListings.createdBy, onClosure: "set-null" },
    { table: schema.exchangeConversations, column: schema.exchangeConversations.startedBy, onClosure: "set-null" },
    { table: schema.exchangeConversationFacilitators, column: schema.exchangeConversationFacilitators.userId, onClosure: "cascade" },
    {
      table: schema.exchangeConversationFacilitators,
      column: schema.exchangeConversationFacilitators.invitedBy,
      onClosure: "set-null",
      // Whom they invited is the coordinator's data: the act, without them.
      exportColumns: { conversationId: schema.exchangeConversationFacilitators.conversationId, createdAt: schema.exchangeConversationFacilitators.createdAt },
    },
    { table: schema.exchanges, column: schema.exchanges.recordedBy, onClosure: "set-null" },
    { table: schema.exchanges, column: schema.exchanges.respondedBy, onClosure: "set-null" },
    { table: schema.exchangeAudit, column: schema.exchangeAudit.actorId, onClosure: "set-null" },
  ],
};
