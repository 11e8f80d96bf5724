import { and, eq, sql, type SQL } from "drizzle-orm";
// Not the auth index: this module is loaded by the plain tsx dev server through the discussion
// parents, and the index pulls in a text file only Vite can import.
import { userIdsWithRoles } from "#app/.server/auth/account.ts";
import { peopleByIds } from "#app/.server/auth/handles.ts";
import { isStaff } from "#app/.server/auth/roles.ts";
import type { SessionUser } from "#app/.server/auth/index.ts";
import { db, schema } from "#app/.server/db.ts";
import { latestThreadOn, reply, startThreadIn, type Refusal } from "#app/.server/discussions/index.ts";
import { notify } from "#app/.server/notifications/index.ts";
import { approvedOrganisationSql, organisationNameSql, organisationsOfUser, organisationsUserActsFor } from "#app/.server/organisations/index.ts";
import { POST_BODY_MAX, THREAD_TITLE_MAX } from "#app/features/discussions/taxonomy.ts";
import type { MatchableListing } from "#app/features/exchange/matching.ts";
import { translate } from "#app/i18n.ts";
import type { PlatformRole } from "#db/schema/auth.ts";
import { candidatesJsonSql, isMatchable, matchesFromJson } from "./matches.ts";
import { EXCHANGE_NOTICES } from "./notification-kinds.ts";
import { canOnListing } from "./permissions.ts";
import {
  conversationAudience,
  conversationHref,
  conversationTitle,
  conversationsByIds,
  facilitatorsOf,
  factsColumns,
  participatingConversationIdsSql,
  participationIn,
  toFacts,
  type ConversationFacts,
  type Participation,
} from "./participation.ts";

export {
  conversationAudience,
  conversationHref,
  conversationTitle,
  conversationsByIds,
  participatingConversationIdsSql,
  participationIn,
  type ConversationFacts,
  type Participation,
};

const conv = schema.exchangeConversations;
const fac = schema.exchangeConversationFacilitators;
const l = schema.exchangeListings;

// Private conversations about a listing (issue 12, ADR 0015): "I'm interested" opens one per
// (listing, interested organisation) — exchange_conversations_pair_idx — whose messages are a
// discussion thread on the parent ("exchange_conversation", id) (discussable.ts). Who takes part:
// the members of the two organisations, and the coordinators one side invited as facilitators.
// Nobody else, coordinators and admins included: the alliance's staff read a conversation only
// when a party asks them in.


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

/** A refusal of the discussion component inside "I'm interested"'s transaction: thrown to roll the conversation row back. */
class RefusedInside extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

/** "I'm interested"'s refusal for one of the discussion component's. */
function fromDiscussion(refusal: Refusal): InterestRefusal {
  if (refusal.reason === "rate_limited") return { ok: false, reason: "rate_limited" };
  if (refusal.reason === "invalid") return { ok: false, reason: "invalid", problem: "too_long" };
  return { ok: false, reason: "blocked" };
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
 * One immediate transaction writes the conversation row (INSERT OR IGNORE on
 * exchange_conversations_pair_idx) and, when the conversation has no thread yet, its thread
 * (the discussion feature's startThreadIn, inside our transaction): both or neither, so two people
 * at once get one conversation with one thread, and a refusal (suspended poster, rate limit) or a
 * failure rolls the row back without touching anyone else's. When the conversation already has a
 * thread the message is a reply in it, after the commit. Notices go out after the commit.
 * `created`: this call inserted the conversation row. Returns `{ ok, conversationId, threadId,
 * created }` or an InterestRefusal.
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

  const title = conversationTitle({ organisationName: chosen.name, listingTitle: listing.title }).slice(0, THREAD_TITLE_MAX);
  let outcome: { conversationId: number; created: boolean; threadId: number | null; publish: (() => void) | null };
  try {
    outcome = db.transaction(
      (tx) => {
        const created = tx.insert(conv).values({ listingId: listing.id, organisationId: chosen.id, startedBy: user.id, createdAt: now }).onConflictDoNothing().run().changes === 1;
        const conversationId = tx.select({ id: conv.id }).from(conv).where(and(eq(conv.listingId, listing.id), eq(conv.organisationId, chosen.id))).get()!.id;
        const threadId = created ? null : latestThreadOn("exchange_conversation", conversationId);
        if (threadId !== null) return { conversationId, created, threadId, publish: null };
        const place = { kind: "parent", type: "exchange_conversation", id: conversationId } as const;
        const started = startThreadIn(tx, user, place, { title, body, organisationId: chosen.id }, now);
        if (!started.ok) throw new RefusedInside(started);
        return { conversationId, created, threadId: started.threadId, publish: started.publish };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof RefusedInside) return fromDiscussion(error.refusal);
    throw error;
  }
  if (outcome.publish) {
    outcome.publish();
    return { ok: true, conversationId: outcome.conversationId, threadId: outcome.threadId!, created: outcome.created };
  }
  // The conversation has its thread: the message is a reply there.
  const replied = reply(user, outcome.threadId!, { body }, now);
  if (!replied.ok) return fromDiscussion(replied);
  return { ok: true, conversationId: outcome.conversationId, threadId: outcome.threadId!, created: false };
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
 * facilitators (names), mayInvite, coordinators ({ id, name }[] not yet invited; none when they may
 * not invite) }`, or null when `viewer` is not a member of either organisation (facilitators and
 * everyone else: the page is a 404). `mayInvite`: their side's organisation is approved.
 */
export function facilitatorsPage(conversationId: number, viewer: { id: number; role: PlatformRole } | null) {
  const taking = participationIn([conversationId], viewer).get(conversationId);
  if (!viewer || !taking || taking.participation !== "party") return null;
  const invited = new Set(facilitatorsOf([conversationId]).get(conversationId) ?? []);
  const people = peopleByIds([...invited]);
  const mayInvite = mayInviteFor(viewer.id, taking.facts);
  return {
    id: conversationId,
    title: conversationTitle(taking.facts),
    href: conversationHref(conversationId),
    listingId: taking.facts.listingId,
    facilitators: [...people.values()].map((p) => p.name).sort((a, b) => a.localeCompare(b, "es")),
    mayInvite,
    coordinators: mayInvite ? invitableCoordinators().filter((c) => !invited.has(c.id)) : [],
  };
}

/**
 * Whether a party's member may invite facilitators: they act for their side's organisation
 * (approved — not pending, rejected or suspended; any role), as for writing in the conversation.
 */
function mayInviteFor(userId: number, facts: Pick<ConversationFacts, "listingOrganisationId" | "organisationId">) {
  return organisationsUserActsFor(userId).some((m) => m.id === facts.listingOrganisationId || m.id === facts.organisationId);
}

/** How many conversations "My work" lists. */
export const MY_CONVERSATIONS_MAX = 50;

/**
 * The conversations of the person's organisations (either side) and those they facilitate, newest
 * first, at most MY_CONVERSATIONS_MAX: `{ id, title, listingId, listingTitle, href, facilitator }[]`.
 * One statement: the ids from participatingConversationIdsSql (three indexed selects, no scan of
 * the conversations), then those conversations by primary key, sorted and cut.
 */
export function myConversations(userId: number) {
  const rows = db
    .select({ ...factsColumns, facilitator: sql<number>`EXISTS (SELECT 1 FROM ${fac} WHERE ${fac.conversationId} = ${conv.id} AND ${fac.userId} = ${userId})` })
    .from(conv)
    .innerJoin(l, eq(l.id, conv.listingId))
    .where(sql`${conv.id} IN (${participatingConversationIdsSql(userId)})`)
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
 * a party's member — facilitators do not invite others), forbidden (their side's organisation is
 * not approved: pending, rejected or suspended), unknown (not a coordinator).
 */
export function inviteFacilitator(user: SessionUser | null, conversationId: number, coordinatorId: number): { ok: true; name: string } | { ok: false; reason: "not_found" | "forbidden" | "unknown" } {
  const taking = participationIn([conversationId], user).get(conversationId);
  if (!user || taking?.participation !== "party") return { ok: false, reason: "not_found" };
  if (!mayInviteFor(user.id, taking.facts)) return { ok: false, reason: "forbidden" };
  if (!userIdsWithRoles(["coordinator"]).includes(coordinatorId)) return { ok: false, reason: "unknown" };
  const added = db.insert(fac).values({ conversationId, userId: coordinatorId, invitedBy: user.id }).onConflictDoNothing().run().changes === 1;
  if (added) {
    notify({ type: EXCHANGE_NOTICES.facilitatorInvited, recipients: [coordinatorId], actorId: user.id, subject: { type: "exchange_conversation", id: conversationId } });
  }
  return { ok: true, name: peopleByIds([coordinatorId]).get(coordinatorId)?.name ?? "" };
}
