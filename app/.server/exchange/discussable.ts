import { registerDiscussable } from "#app/.server/discussions/registry.ts";
import { registerNotificationSubject } from "#app/.server/notifications/registry.ts";
import { conversationAudience, conversationHref, conversationTitle, participatingConversationIdsSql, participationIn } from "./participation.ts";

// Private conversations of the resource exchange carry discussion threads (issue 12, ADR 0013):
// parent ("exchange_conversation", id). Decided: ONLY the members of the two organisations (any
// role, whatever their organisation's standing: a suspended side still reads its history) and the
// coordinators a party invited as facilitators see it. Other coordinators and admins do not — not
// even to moderate: a party who needs the alliance invites a coordinator, who then moderates there
// as in any thread. `describe` says the same to every list (latest threads, feeds, the API, the
// sitemap, people's posts, notifications), so the threads exist nowhere else; search gives the
// type no place at all (app/.server/search/index.ts).

/** Titles and links of conversations the viewer takes part in; nothing for anyone else. */
function describeConversations(ids: readonly number[], viewer: Parameters<typeof participationIn>[1]) {
  const described = new Map<number, { title: string; link: string }>();
  for (const [id, { facts }] of participationIn(ids, viewer)) described.set(id, { title: conversationTitle(facts), link: `/exchange/${facts.listingId}` });
  return described;
}

registerDiscussable({
  type: "exchange_conversation",
  load(id, viewer) {
    const found = participationIn([id], viewer).get(id);
    if (!found) return null;
    const { facts } = found;
    // Writing needs both organisations approved and the listing not hidden by the coordinators;
    // when it is not open, the thread's page says which of the two is why.
    const closed = facts.listingHidden
      ? ("disc.closed.exchange_conversation.listingHidden" as const)
      : !facts.partiesApproved
        ? ("disc.closed.exchange_conversation.partiesNotApproved" as const)
        : undefined;
    return { title: conversationTitle(facts), link: `/exchange/${facts.listingId}`, mayPost: closed === undefined, closed };
  },
  describe: describeConversations,
  audience: conversationAudience,
  // Lists filtered in SQL (unread followed threads): only conversations the person takes part in now.
  participatingIdsSql: participatingConversationIdsSql,
});

// A facilitator's invitation names the conversation: resolved for those who take part, linked to its threads.
registerNotificationSubject({
  type: "exchange_conversation",
  describe: (ids, reader) => new Map([...participationIn(ids, reader)].map(([id, { facts }]) => [id, { title: conversationTitle(facts), link: conversationHref(id) }])),
});
