import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { isStaff, peopleByIds, userIdsWithRoles, type SessionUser } from "#app/.server/auth/index.ts";
import { db, schema } from "#app/.server/db.ts";
import { reply, startThread, threadList } from "#app/.server/discussions/index.ts";
import { notify } from "#app/.server/notifications/index.ts";
import { approvedOrganisationSql, memberIds, organisationNameSql, organisationsOfUser } from "#app/.server/organisations/index.ts";
import { POST_BODY_MAX, THREAD_TITLE_MAX } from "#app/features/discussions/taxonomy.ts";
import type { MatchableListing } from "#app/features/exchange/matching.ts";
import { translate } from "#app/i18n.ts";
import type { PlatformRole } from "#db/schema/auth.ts";
import { candidatesJsonSql, isMatchable, matchesFromJson } from "./matches.ts";
import { EXCHANGE_NOTICES } from "./notification-kinds.ts";
import { canOnListing } from "./permissions.ts";

// Private conversations about a listing (issue 12, ADR 0015): "I'm interested" opens one per
// (listing, interested organisation) — exchange_conversations_pair_idx — whose messages are a
// discussion thread on the parent ("exchange_conversation", id) (discussable.ts). Who takes part:
// the members of the two organisations, and the coordinators one side invited as facilitators.
// Nobody else, coordinators and admins included: the alliance's staff read a conversation only
// when a party asks them in.

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

const factsColumns = {
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

function toFacts(row: { listingHiddenAt: Date | null; partiesApproved: number } & Omit<ConversationFacts, "listingHidden" | "partiesApproved">): ConversationFacts {
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
function facilitatorsOf(ids: readonly number[]): Map<number, number[]> {
  const found = new Map<number, number[]>();
  if (ids.length === 0) return found;
  for (const row of db.select({ conversationId: fac.conversationId, userId: fac.userId }).from(fac).where(inArray(fac.conversationId, [...ids])).all()) {
    found.set(row.conversationId, [...(found.get(row.conversationId) ?? []), row.userId]);
  }
  return found;
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

// ---- "I'm interested" --------------------------------------------------------------------------

/** Why "I'm interested" was refused, with its HTTP status (see interestStatus). */
export type InterestRefusal =
  | { ok: false; reason: "login" } // 401: anonymous
  | { ok: false; reason: "not_found" } // 404: no such listing, or not visible to them
  | { ok: false; reason: "own" } // 403: their organisation's listing
  | { ok: false; reason: "no_organisation" } // 403: they act for no approved organisation (none, or suspended/pending)
  | { ok: false; reason: "organisation" } // 400: the organisation chosen is not one they may act for
  | { ok: false; reason: "closed" } // 409: listing not published (closed, matched, expired)
  | { ok: false; reason: "blocked" } // 403: the discussions feature refused (suspended poster…)
  | { ok: false; reason: "rate_limited" } // 429
  | { ok: false; reason: "invalid"; problem: "empty" | "too_long" }; // 400: the message

/** The HTTP status for a refusal of "I'm interested". */
export function interestStatus(refusal: InterestRefusal): 400 | 401 | 403 | 404 | 409 | 429 {
  switch (refusal.reason) {
    case "login":
      return 401;
    case "not_found":
      return 404;
    case "organisation":
    case "invalid":
      return 400;
    case "closed":
      return 409;
    case "rate_limited":
      return 429;
    default:
      return 403;
  }
}

/** The listing as "I'm interested" needs it, or undefined. */
function listingForContact(listingId: number) {
  return db
    .select({ id: l.id, title: l.title, status: l.status, hiddenAt: l.hiddenAt, hazardous: l.hazardous, organisationId: l.organisationId, approved: sql<number>`${approvedOrganisationSql(l.organisationId)}` })
    .from(l)
    .where(eq(l.id, listingId))
    .get();
}

/** The conversation of (listing, organisation), if one was opened. */
function existingConversation(listingId: number, organisationId: number) {
  return db.select({ id: conv.id }).from(conv).where(and(eq(conv.listingId, listingId), eq(conv.organisationId, organisationId))).get();
}

/** The first thread of a conversation, asked of the discussion component (as `user` sees it). */
function threadOfConversation(conversationId: number, user: SessionUser) {
  return threadList({ kind: "parent", type: "exchange_conversation", id: conversationId }, { sort: "activity", page: 1, pageSize: 1 }, user).rows[0]?.id ?? null;
}

/**
 * "I'm interested" (POST /exchange/:id/interest): `user`, acting for `organisationId` (an approved
 * organisation they belong to; when they act for only one it may be omitted), writes `message` to
 * the listing's organisation. Opens the one conversation of (listing, organisation) — or reuses it
 * — and posts the message: the first post of its discussion thread, or a reply in it when the
 * conversation exists. Listing must be published, not hidden, of an approved organisation that is
 * not theirs. Hazardous listings get the EO-RS notice and the writer's confirmation appended below the
 * message, in the writer's language (the route requires the confirmation box first).
 *
 * The conversation row is written in its own immediate transaction (INSERT OR IGNORE on
 * exchange_conversations_pair_idx), then the discussion feature's startThread writes the thread in
 * its own: startThread opens its own transaction and cannot join ours. Should startThread refuse
 * (suspended poster, rate limit), a conversation row just created is deleted again, so nothing is
 * half-saved. Returns `{ ok, conversationId, threadId, created }` or an InterestRefusal.
 */
export function expressInterest(
  user: SessionUser | null,
  listingId: number,
  input: { organisationId?: number | null; message: string },
  now = new Date(),
): { ok: true; conversationId: number; threadId: number; created: boolean } | InterestRefusal {
  if (!user) return { ok: false, reason: "login" };
  const listing = listingForContact(listingId);
  const memberships = organisationsOfUser(user.id);
  const membership = memberships.find((m) => m.id === listing?.organisationId)?.role ?? null;
  const permissionFacts = listing && { status: listing.status, hiddenAt: listing.hiddenAt, organisationStatus: listing.approved ? ("approved" as const) : ("suspended" as const) };
  if (!listing || !permissionFacts || !canOnListing("view", user, permissionFacts, membership)) return { ok: false, reason: "not_found" };
  if (membership !== null) return { ok: false, reason: "own" };
  const actsFor = memberships.filter((m) => m.status === "approved");
  if (actsFor.length === 0) return { ok: false, reason: "no_organisation" };
  const chosen = input.organisationId ? actsFor.find((m) => m.id === input.organisationId) : actsFor.length === 1 ? actsFor[0] : undefined;
  if (!chosen) return { ok: false, reason: "organisation" };
  if (!canOnListing("contact", user, permissionFacts, null, { role: chosen.role, organisationStatus: chosen.status })) {
    return { ok: false, reason: listing.approved && listing.hiddenAt === null ? "closed" : "not_found" };
  }
  const typed = input.message.trim();
  if (!typed) return { ok: false, reason: "invalid", problem: "empty" };
  // The EO-RS notice and the writer's confirmation (the form requires the box: HazardConfirm), in the message itself.
  const notice = listing.hazardous
    ? `\n\n> **${translate(user.locale, "exch.hazard.title")}.** ${translate(user.locale, "exch.hazard.notice")}\n>\n> ✓ ${translate(user.locale, "exch.hazard.confirm")}`
    : "";
  if (typed.length + notice.length > POST_BODY_MAX) return { ok: false, reason: "invalid", problem: "too_long" };
  const body = typed + notice;

  const found = existingConversation(listing.id, chosen.id);
  const opened =
    found ??
    db.transaction(
      (tx) => {
        tx.insert(conv).values({ listingId: listing.id, organisationId: chosen.id, startedBy: user.id, createdAt: now }).onConflictDoNothing().run();
        return tx.select({ id: conv.id }).from(conv).where(and(eq(conv.listingId, listing.id), eq(conv.organisationId, chosen.id))).get()!;
      },
      { behavior: "immediate" },
    );
  const threadId = found ? threadOfConversation(found.id, user) : null;
  const place = { kind: "parent", type: "exchange_conversation", id: opened.id } as const;
  const written =
    threadId !== null
      ? reply(user, threadId, { body }, now)
      : startThread(user, place, { title: conversationTitle({ organisationName: chosen.name, listingTitle: listing.title }).slice(0, THREAD_TITLE_MAX), body, organisationId: chosen.id }, now);
  if (!written.ok) {
    if (!found) db.delete(conv).where(eq(conv.id, opened.id)).run();
    if (written.reason === "rate_limited") return { ok: false, reason: "rate_limited" };
    if (written.reason === "invalid") return { ok: false, reason: "invalid", problem: "too_long" };
    return { ok: false, reason: "blocked" };
  }
  return { ok: true, conversationId: opened.id, threadId: "threadId" in written ? written.threadId : threadId!, created: !found };
}

/** A conversation of a listing as read by conversationsJsonSql. */
type ListingConversationJson = { id: number; organisationId: number; listingOrganisationId: number; organisationName: string; listingTitle: string; facilitating: boolean };

/**
 * SQL: the conversations of a listing as one JSON array (ListingConversationJson), each with
 * whether `viewerId` facilitates it — through exchange_conversations_pair_idx; for a caller that
 * folds it into a statement it runs anyway.
 */
function conversationsJsonSql(listingId: number, viewerId: number): SQL<string> {
  return sql<string>`(SELECT json_group_array(json_object('id', c.id, 'organisationId', c.organisation_id, 'listingOrganisationId', x.organisation_id,
      'organisationName', ${organisationNameSql(sql`c.organisation_id`)}, 'listingTitle', x.title,
      'facilitating', json(CASE WHEN EXISTS (SELECT 1 FROM exchange_conversation_facilitators f WHERE f.conversation_id = c.id AND f.user_id = ${viewerId}) THEN 'true' ELSE 'false' END)))
    FROM exchange_conversations c JOIN exchange_listings x ON x.id = c.listing_id WHERE c.listing_id = ${listingId})`;
}

/** Those of a listing's conversations (from conversationsJsonSql) that someone with these memberships takes part in, oldest first. */
function visibleConversations(json: string, mine: ReadonlySet<number>) {
  return (JSON.parse(json) as ListingConversationJson[])
    .filter((row) => mine.has(row.listingOrganisationId) || mine.has(row.organisationId) || row.facilitating)
    .sort((a, b) => a.id - b.id)
    .map((row) => ({ id: row.id, title: conversationTitle(row), organisationId: row.organisationId, organisationName: row.organisationName, href: conversationHref(row.id) }));
}

/**
 * The conversations of a listing that `viewer` takes part in (as a member of either organisation
 * or as facilitator), oldest first: `{ id, title, organisationId, organisationName, href }[]`. One
 * statement, plus the viewer's memberships (once per request); none for anonymous.
 */
export function listingConversations(listingId: number, viewer: { id: number; role: PlatformRole } | null) {
  if (!viewer) return [];
  const mine = new Set(organisationsOfUser(viewer.id).map((m) => m.id));
  return visibleConversations(db.get<{ json: string }>(sql`SELECT ${conversationsJsonSql(listingId, viewer.id)} AS json`)!.json, mine);
}

/**
 * What the listing's page shows of "I'm interested" to `viewer`: `state` "login" (anonymous),
 * "own" (a member of the listing's organisation), "closed" (the listing takes no interest: not
 * published, hidden), "none" (they act for no approved organisation) or "open"; `organisations`
 * they may write for (`{ id, name }`, approved, by name); `existing`: their organisations'
 * conversations about it (`{ organisationId, href }`). Reads only the viewer's memberships (once
 * per request) and the conversations passed in (listingConversations).
 */
export function interestPanel(
  listing: { organisationId: number; status: string; hiddenAt: Date | null },
  viewer: { id: number } | null,
  conversations: ReadonlyArray<{ organisationId: number; href: string }>,
) {
  const none = { organisations: [] as Array<{ id: number; name: string }>, existing: [] as Array<{ organisationId: number; href: string }> };
  if (!viewer) return { state: "login" as const, ...none };
  const memberships = organisationsOfUser(viewer.id);
  if (memberships.some((m) => m.id === listing.organisationId)) return { state: "own" as const, ...none };
  if (listing.status !== "published" || listing.hiddenAt !== null) return { state: "closed" as const, ...none };
  const organisations = memberships.filter((m) => m.status === "approved").map((m) => ({ id: m.id, name: m.name }));
  if (organisations.length === 0) return { state: "none" as const, ...none };
  const ids = new Set(organisations.map((o) => o.id));
  return { state: "open" as const, organisations, existing: conversations.filter((c) => ids.has(c.organisationId)).map((c) => ({ organisationId: c.organisationId, href: c.href })) };
}

/**
 * The listing page's sections of this part of the exchange, for `viewer`: `matches` (the listing's
 * best matches with their count, for its organisation's members only; null for anyone else),
 * `conversations` the viewer takes part in, and the `interest` form's state (interestPanel).
 * ONE statement at most (conversations and match candidates read together, uncached: both are
 * indexed and bounded), none for anonymous or for a person in no organisation who is not staff;
 * the viewer's memberships come from the request's own read (organisationsOfUser).
 */
export function listingSections(
  listing: MatchableListing & { status: string; hiddenAt: Date | null },
  organisationApproved: boolean,
  viewer: { id: number; role: PlatformRole } | null,
  isMember: boolean,
) {
  const memberships = viewer ? organisationsOfUser(viewer.id) : [];
  // Facilitators are coordinators, who need not belong to an organisation.
  const mayTakePart = viewer !== null && (memberships.length > 0 || isStaff(viewer));
  const wantMatches = isMember && isMatchable(listing, organisationApproved);
  const row =
    mayTakePart || wantMatches
      ? db.get<{ conversations: string; candidates: string | null }>(
          sql`SELECT ${mayTakePart ? conversationsJsonSql(listing.id, viewer!.id) : sql`'[]'`} AS conversations, ${wantMatches ? candidatesJsonSql(listing) : sql`NULL`} AS candidates`,
        )!
      : { conversations: "[]", candidates: null };
  const conversations = visibleConversations(row.conversations, new Set(memberships.map((m) => m.id)));
  return {
    matches: isMember ? matchesFromJson(listing, row.candidates) : null,
    conversations: conversations.map(({ id, title, href }) => ({ id, title, href })),
    interest: interestPanel(listing, viewer, conversations),
  };
}

/**
 * The party's view of a conversation for the facilitators page: `{ id, title, href, listingId,
 * facilitators (names), coordinators ({ id, name }[] not yet invited) }`, or null when `viewer` is
 * not a member of either organisation (facilitators and everyone else: the page is a 404).
 */
export function facilitatorsPage(conversationId: number, viewer: { id: number; role: PlatformRole } | null) {
  const taking = participationIn([conversationId], viewer).get(conversationId);
  if (!taking || taking.participation !== "party") return null;
  const invited = new Set(facilitatorsOf([conversationId]).get(conversationId) ?? []);
  const people = peopleByIds([...invited]);
  return {
    id: conversationId,
    title: conversationTitle(taking.facts),
    href: conversationHref(conversationId),
    listingId: taking.facts.listingId,
    facilitators: [...people.values()].map((p) => p.name).sort((a, b) => a.localeCompare(b, "es")),
    coordinators: invitableCoordinators().filter((c) => !invited.has(c.id)),
  };
}

/** How many conversations "My work" lists. */
export const MY_CONVERSATIONS_MAX = 50;

/**
 * The conversations of the person's organisations (either side) and those they facilitate, newest
 * first, at most MY_CONVERSATIONS_MAX: `{ id, title, listingId, listingTitle, href, facilitator }[]`.
 * Three statements (memberships once per request; conversations through the pair and org indexes).
 */
export function myConversations(userId: number) {
  const orgIds = organisationsOfUser(userId).map((m) => m.id);
  const inMine = orgIds.length > 0 ? sql`(${conv.organisationId} IN (SELECT value FROM json_each(${JSON.stringify(orgIds)})) OR ${l.organisationId} IN (SELECT value FROM json_each(${JSON.stringify(orgIds)})))` : sql`0`;
  const rows = db
    .select({ ...factsColumns, facilitator: sql<number>`${conv.id} IN (SELECT ${fac.conversationId} FROM ${fac} WHERE ${fac.userId} = ${userId})` })
    .from(conv)
    .innerJoin(l, eq(l.id, conv.listingId))
    .where(sql`(${inMine} OR ${conv.id} IN (SELECT ${fac.conversationId} FROM ${fac} WHERE ${fac.userId} = ${userId}))`)
    .orderBy(sql`${conv.createdAt} DESC`, sql`${conv.id} DESC`)
    .limit(MY_CONVERSATIONS_MAX)
    .all();
  return rows.map(({ facilitator, ...row }) => {
    const facts = toFacts(row);
    return { id: facts.id, title: conversationTitle(facts), listingId: facts.listingId, listingTitle: facts.listingTitle, href: conversationHref(facts.id), facilitator: Boolean(facilitator) };
  });
}

// ---- Facilitators ------------------------------------------------------------------------------

/** The coordinators a party may invite, by name: `{ id, name }[]`. Two statements. */
export function invitableCoordinators() {
  const people = peopleByIds(userIdsWithRoles(["coordinator"]));
  return [...people.values()].map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name, "es"));
}

/**
 * A party's member invites a coordinator into the conversation as facilitator: they see it and may
 * write in it from then on, and are told (exchange.facilitator_invited). Inviting someone already
 * in is accepted and changes nothing. Refusals: not_found (no such conversation, or `user` is not
 * a party's member — facilitators do not invite others), unknown (not a coordinator).
 */
export function inviteFacilitator(user: SessionUser | null, conversationId: number, coordinatorId: number): { ok: true; name: string } | { ok: false; reason: "not_found" | "unknown" } {
  const taking = participationIn([conversationId], user).get(conversationId);
  if (!user || taking?.participation !== "party") return { ok: false, reason: "not_found" };
  if (!userIdsWithRoles(["coordinator"]).includes(coordinatorId)) return { ok: false, reason: "unknown" };
  const added = db.insert(fac).values({ conversationId, userId: coordinatorId, invitedBy: user.id }).onConflictDoNothing().run().changes === 1;
  if (added) {
    notify({ type: EXCHANGE_NOTICES.facilitatorInvited, recipients: [coordinatorId], actorId: user.id, subject: { type: "exchange_conversation", id: conversationId } });
  }
  return { ok: true, name: peopleByIds([coordinatorId]).get(coordinatorId)?.name ?? "" };
}
