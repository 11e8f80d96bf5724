import { inArray, sql } from "drizzle-orm";
import { isStaff } from "#app/.server/auth/roles.ts";
import { db, schema } from "#app/.server/db.ts";
import { registerNotificationKind, registerNotificationSubject, type Reader } from "#app/.server/notifications/index.ts";
import { approvedOrganisationSql, organisationsOfUser } from "#app/.server/organisations/index.ts";
import { formatDay, type MessageKey } from "#app/i18n.ts";
import { canOnListing } from "./permissions.ts";

// What the resource exchange tells people (issue 12, ADR 0013): its owners and editors about their
// organisation's listings. All in the "organisations" preference group ("your organisations":
// what happens to the organisations you manage), mailed at once by default. The subject is the
// listing ("exchange_listing", id), worded with its current title as {title}.
// Messages in a conversation are discussion posts: the discussions feature tells the
// conversation's audience (exchange/discussable.ts) with its own kinds.

const l = schema.exchangeListings;

/**
 * Titles and links of listings as `reader` may see them (canOnListing "view": published, closed,
 * matched or expired listings of approved organisations, not hidden, for everyone; drafts and
 * hidden ones for their organisation's members and staff). `Map<id, { title, link }>`. One query
 * (plus the reader's memberships, once per request) whatever the number of ids.
 */
export function describeListings(ids: readonly number[], reader: Reader | null) {
  const described = new Map<number, { title: string; link: string }>();
  if (ids.length === 0) return described;
  const rows = db
    .select({
      id: l.id,
      title: l.title,
      status: l.status,
      hiddenAt: l.hiddenAt,
      organisationId: l.organisationId,
      approved: sql<number>`${approvedOrganisationSql(l.organisationId)}`,
    })
    .from(l)
    .where(inArray(l.id, [...new Set(ids)]))
    .all();
  const roles = new Map(isStaff(reader) ? [] : organisationsOfUser(reader?.id).map((m) => [m.id, m.role] as const));
  for (const row of rows) {
    // Staff see every listing; a member's own organisation counts as membership whatever its status.
    const listing = { status: row.status, hiddenAt: row.hiddenAt, organisationStatus: row.approved ? ("approved" as const) : ("suspended" as const) };
    if (canOnListing("view", reader, listing, roles.get(row.organisationId) ?? null)) described.set(row.id, { title: row.title, link: `/exchange/${row.id}` });
  }
  return described;
}

registerNotificationSubject({ type: "exchange_listing", describe: describeListings });

/** The exchange's notification kinds, named for the features that publish them. */
export const EXCHANGE_NOTICES = {
  /** A listing of your organisation has a new counterpart. data: { matchId, matchTitle, matchOrganisation }. Published by matches.ts. */
  newMatch: "exchange.new_match",
  /** Your listing's availability ends in a week; renew it or it expires. data: { until } (YYYY-MM-DD). Published by expiry.ts. */
  expiring: "exchange.listing_expiring",
  /** The counterpart recorded an exchange on the listing; confirm or decline it. data: { exchangeId, organisation }. */
  recorded: "exchange.recorded",
  /** The other side confirmed the exchange you recorded. data: { exchangeId, organisation }. */
  confirmed: "exchange.confirmed",
  /** The other side declined the exchange you recorded. data: { exchangeId, organisation }. */
  declined: "exchange.declined",
  /** A party invited you, a coordinator, into a private conversation as facilitator. Subject ("exchange_conversation", id). Published by conversations.ts. */
  facilitatorInvited: "exchange.facilitator_invited",
  /** A coordinator hid your listing. data: { reason }. Published by coordination.ts. */
  hidden: "exchange.listing_hidden",
  /** A coordinator showed your listing again. data: { reason }. Published by coordination.ts. */
  shown: "exchange.listing_shown",
} as const;

const KINDS: Array<{ type: string; messageKey: MessageKey; subjectKey: MessageKey; anchor: string }> = [
  { type: EXCHANGE_NOTICES.newMatch, messageKey: "xm.notice.newMatch", subjectKey: "xm.notice.newMatchSubject", anchor: "#matches" },
  { type: EXCHANGE_NOTICES.expiring, messageKey: "xm.notice.expiring", subjectKey: "xm.notice.expiringSubject", anchor: "" },
  { type: EXCHANGE_NOTICES.recorded, messageKey: "xm.notice.recorded", subjectKey: "xm.notice.recordedSubject", anchor: "#exchanges" },
  { type: EXCHANGE_NOTICES.confirmed, messageKey: "xm.notice.confirmed", subjectKey: "xm.notice.confirmedSubject", anchor: "#exchanges" },
  { type: EXCHANGE_NOTICES.declined, messageKey: "xm.notice.declined", subjectKey: "xm.notice.declinedSubject", anchor: "#exchanges" },
  { type: EXCHANGE_NOTICES.hidden, messageKey: "xr.notice.hidden", subjectKey: "xr.notice.hiddenSubject", anchor: "" },
  { type: EXCHANGE_NOTICES.shown, messageKey: "xr.notice.shown", subjectKey: "xr.notice.shownSubject", anchor: "" },
];

// Addressed to the one coordinator invited, about a conversation they now see: like a mention.
registerNotificationKind({
  type: EXCHANGE_NOTICES.facilitatorInvited,
  preference: "mentions",
  defaultChannel: "email",
  messageKey: "xm.notice.facilitatorInvited",
  subjectKey: "xm.notice.facilitatorInvitedSubject",
});

for (const kind of KINDS) {
  registerNotificationKind({
    type: kind.type,
    preference: "organisations",
    defaultChannel: "email",
    messageKey: kind.messageKey,
    subjectKey: kind.subjectKey,
    link: kind.anchor ? (subjectLink) => `${subjectLink}${kind.anchor}` : undefined,
    // The expiry day in the reader's words ("8 de junio de 2026"), not as stored.
    vars: kind.type === EXCHANGE_NOTICES.expiring ? ({ data, locale }) => ({ until: typeof data.until === "string" ? formatDay(locale, data.until) : "" }) : undefined,
  });
}
