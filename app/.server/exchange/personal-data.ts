import { schema } from "#app/.server/db.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";

const x = schema;

/**
 * The resource exchange (issue 12–13): listings the person posted, conversations they started,
 * exchanges they recorded or answered, coordinators' audit entries of their acts — all the
 * organisations' records, kept without the person (ON DELETE SET NULL) — and the conversations
 * they facilitate (removed with the account). Their messages are the discussions' posts.
 */
export const exchangePersonalData: PersonalDataSource = {
  section: "exchange",
  references: [
    { table: x.exchangeListings, column: x.exchangeListings.createdBy, onClosure: "set-null" },
    { table: x.exchangeConversations, column: x.exchangeConversations.startedBy, onClosure: "set-null" },
    { table: x.exchangeConversationFacilitators, column: x.exchangeConversationFacilitators.userId, onClosure: "cascade" },
    {
      table: x.exchangeConversationFacilitators,
      column: x.exchangeConversationFacilitators.invitedBy,
      onClosure: "set-null",
      // Whom they invited is the coordinator's data: the act, without them.
      exportColumns: { conversationId: x.exchangeConversationFacilitators.conversationId, createdAt: x.exchangeConversationFacilitators.createdAt },
    },
    { table: x.exchanges, column: x.exchanges.recordedBy, onClosure: "set-null" },
    { table: x.exchanges, column: x.exchanges.respondedBy, onClosure: "set-null" },
    { table: x.exchangeAudit, column: x.exchangeAudit.actorId, onClosure: "set-null" },
  ],
};
