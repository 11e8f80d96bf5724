import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { approvedOrganisationSql, memberIds, memberOrganisationIdsSql, organisationNameSql, organisationsOfUser } from "#app/.server/organisations/index.ts";
import type { PlatformRole } from "#db/schema/auth.ts";

// Who takes part in a private exchange conversation, and what the discussion parent says about it
// (issue 12, ADR 0015): reads only, so the discussion parents' registry (discussable.ts), which
// the plain tsx dev server loads, never pulls in the discussions' writes and the auth index.

const conv = schema.exchangeConversations;
const fac = schema.exchangeConversationFacilitators;
const l = schema.exchangeListings;

/** A conversation with what its rules need: both organisations, the listing's title, status and hazard. */
export type ConversationFacts = {
  id: number;
  listingId: number;
  listingTitle: string;
  listingOrganisationId: number;
  listingOrganisationName: string;
  listingHidden: boolean;
  hazardous: boolean;
  organisationId: number;
  organisationName: string;
  /** Both organisations approved (not pending, rejected or suspended). */
  partiesApproved: boolean;
};

/** The columns a ConversationFacts is read from (the conversation joined to its listing), for selects here and in conversations.ts. */
export const factsColumns = {
  id: conv.id,
  listingId: conv.listingId,
  listingTitle: l.title,
  listingOrganisationId: l.organisationId,
  listingOrganisationName: organisationNameSql(l.organisationId),
  listingHiddenAt: l.hiddenAt,
  hazardous: l.hazardous,
  organisationId: conv.organisationId,
  organisationName: organisationNameSql(conv.organisationId),
  partiesApproved: sql<number>`(${approvedOrganisationSql(l.organisationId)} AND ${approvedOrganisationSql(conv.organisationId)})`,
};

/** A row read with factsColumns as ConversationFacts (SQLite's 0/1 and the hidden time as booleans). */
export function toFacts(row: { listingHiddenAt: Date | null; partiesApproved: number } & Omit<ConversationFacts, "listingHidden" | "partiesApproved">): ConversationFacts {
  const { listingHiddenAt, partiesApproved, ...rest } = row;
  return { ...rest, listingHidden: listingHiddenAt !== null, partiesApproved: Boolean(partiesApproved) };
}

/** Conversations by id with their facts (ConversationFacts), one statement; unknown ids left out. */
export function conversationsByIds(ids: readonly number[]): Map<number, ConversationFacts> {
  if (ids.length === 0) return new Map();
  const rows = db.select(factsColumns).from(conv).innerJoin(l, eq(l.id, conv.listingId)).where(inArray(conv.id, [...new Set(ids)])).all();
  return new Map(rows.map((row) => [row.id, toFacts(row)]));
}

/** The facilitators of the given conversations: `Map<conversationId, userId[]>`, one statement. */
export function facilitatorsOf(ids: readonly number[]): Map<number, number[]> {
  const found = new Map<number, number[]>();
  if (ids.length === 0) return found;
  for (const row of db.select({ conversationId: fac.conversationId, userId: fac.userId }).from(fac).where(inArray(fac.conversationId, [...ids])).all()) {
    found.set(row.conversationId, [...(found.get(row.conversationId) ?? []), row.userId]);
  }
  return found;
}

/**
 * SQL: the ids of the conversations `userId` takes part in now — those of an organisation they
 * belong to (either side, any status or role) and those they were invited to facilitate — as a
 * UNION ALL of three indexed selects over the person's organisations (the organisations feature's
 * memberOrganisationIdsSql): exchange_conversations_org_idx; exchange_listings_org_idx, then
 * exchange_conversations_pair_idx; exchange_conversation_facilitators_user_idx. An id may come twice (a facilitator who is also a
 * member); wrap it in IN (…) or DISTINCT.
 */
export function participatingConversationIdsSql(userId: number): SQL {
  const mine = memberOrganisationIdsSql(userId);
  return sql`SELECT c.id FROM exchange_conversations c WHERE c.organisation_id IN (${mine})
    UNION ALL SELECT c.id FROM exchange_listings x JOIN exchange_conversations c ON c.listing_id = x.id WHERE x.organisation_id IN (${mine})
    UNION ALL SELECT f.conversation_id FROM exchange_conversation_facilitators f WHERE f.user_id = ${userId}`;
}

/** How a person takes part in a conversation: a member of one of the two organisations, an invited facilitator, or not at all. */
export type Participation = "party" | "facilitator" | null;

/**
 * Which of the given conversations `viewer` takes part in, and how: `Map<id, { facts,
 * participation }>` for those they do (members of either organisation, whatever its status or
 * their role; facilitators invited to it); others left out. Anonymous: none. Three statements at
 * most (the conversations, the viewer's memberships once per request, facilitators).
 */
export function participationIn(ids: readonly number[], viewer: { id: number; role: PlatformRole } | null) {
  const result = new Map<number, { facts: ConversationFacts; participation: Exclude<Participation, null> }>();
  if (!viewer || ids.length === 0) return result;
  const facts = conversationsByIds(ids);
  const mine = new Set(organisationsOfUser(viewer.id).map((m) => m.id));
  const facilitators = facilitatorsOf([...facts.keys()]);
  for (const [id, conversation] of facts) {
    if (mine.has(conversation.listingOrganisationId) || mine.has(conversation.organisationId)) result.set(id, { facts: conversation, participation: "party" });
    else if (facilitators.get(id)?.includes(viewer.id)) result.set(id, { facts: conversation, participation: "facilitator" });
  }
  return result;
}

/** Everyone told about a conversation's new threads: both organisations' members and its facilitators. */
export function conversationAudience(conversationId: number): number[] {
  const conversation = conversationsByIds([conversationId]).get(conversationId);
  if (!conversation) return [];
  return [...new Set([...memberIds([conversation.listingOrganisationId, conversation.organisationId]), ...(facilitatorsOf([conversationId]).get(conversationId) ?? [])])];
}

/** The address of a conversation: its threads on the discussion component (only participants get past it). */
export const conversationHref = (conversationId: number) => `/discussions/on/exchange_conversation/${conversationId}`;

/** The title of a conversation, the same in every language: the interested organisation and the listing. */
export const conversationTitle = (facts: Pick<ConversationFacts, "organisationName" | "listingTitle">) => `${facts.organisationName} · ${facts.listingTitle}`;
