// Recording and confirming exchanges (issue 12): one side records what moved on a listing, the
// other side confirms or declines; only confirmed exchanges count in the indicators (rollups.ts).
import { and, desc, eq, sql } from "drizzle-orm";
import type { SessionUser } from "#app/.server/auth/index.ts";
import { db, schema } from "#app/.server/db.ts";
import { writeNow, type WriteStep } from "#app/.server/form-token.ts";
import { notify } from "#app/.server/notifications/index.ts";
import {
  approvedOrganisationIds,
  approvedOrganisationNamed,
  approvedOrganisationSql,
  findOrganisationById,
  managerIds,
  organisationNameSql,
  organisationsOfUser,
} from "#app/.server/organisations/index.ts";
import type { ExchangeRecordInput, ExchangeResponse } from "#app/features/exchange/exchange-schemas.ts";
import { MAX_BASE_QUANTITY } from "#app/features/exchange/schemas.ts";
import { QUANTITY_UNITS, type QuantityUnit } from "#app/features/exchange/taxonomy.ts";
import type { MemberRole } from "#app/features/organisations/taxonomy.ts";
import { limaDay } from "#app/i18n.ts";
import { EXCHANGE_NOTICES } from "./notification-kinds.ts";
import { canOnListing, type ListingForPermission } from "./permissions.ts";

const l = schema.exchangeListings;
const x = schema.exchanges;

/** Why an exchange was not recorded; each has a message (xr.refusal.*). */
export type RecordRefusal =
  /** No such listing, or one the person may not see. */
  | "notFound"
  /** Not an owner/editor of the listing's organisation or of an approved counterpart; or the listing is a draft or hidden. */
  | "forbidden"
  /** The person manages several organisations that could act: say which. */
  | "chooseOrganisation"
  /** No approved organisation by that id or name. */
  | "counterpartUnknown"
  /** The counterpart exists but is not approved (pending, rejected, suspended). */
  | "counterpartNotApproved"
  /** Both sides would be the same organisation. */
  | "self"
  /** The unit measures something else than the listing's quantity (tonnes against m³…). */
  | "otherDimension"
  /** Zero, negative, or more than the maximum (1,000,000 t for mass). */
  | "badQuantity"
  /** Before 2015-01-01 or after today (Lima). */
  | "badDate";

/** `organisation`: the name of the organisation that recorded it (the one acted for). */
export type RecordResult = { ok: true; exchangeId: number; otherOrganisationId: number; organisation: string } | { ok: false; error: RecordRefusal };

/** What recordExchange takes: the record form's output, the organisation choices optional. */
export type RecordInput = Pick<ExchangeRecordInput, "occurredOn" | "unit" | "baseQuantity" | "valueCents"> &
  Partial<Pick<ExchangeRecordInput, "actingOrganisationId" | "counterpartOrganisationId" | "counterpartName">>;

/** Owners and editors manage; members only read. */
const manages = (role: MemberRole | null | undefined) => role === "owner" || role === "editor";

/**
 * The listing with what recording needs: its kind, category, unit and initiative, its life, and
 * whether its organisation is approved. One query; undefined if there is no such listing.
 */
function listingForRecord(listingId: number, reader: Pick<typeof db, "select"> = db) {
  return reader
    .select({
      id: l.id,
      title: l.title,
      kind: l.kind,
      category: l.category,
      unit: l.unit,
      status: l.status,
      hiddenAt: l.hiddenAt,
      initiativeId: l.initiativeId,
      organisationId: l.organisationId,
      approved: sql<number>`${approvedOrganisationSql(l.organisationId)}`,
    })
    .from(l)
    .where(eq(l.id, listingId))
    .get();
}

/**
 * The organisations a person may record an exchange on a listing for: the approved ones they own or
 * edit that `canOnListing("recordExchange")` admits for this listing (`target`: its status, hiding
 * and organisation's status), the listing's own among them (`listingSide`); none for a draft or a
 * hidden listing. `{ id, name, role, listingSide }[]`. One statement (the person's memberships,
 * once per request). The record form, recordExchange and the listing page all ask this.
 */
export function recordableOrganisations(user: Pick<SessionUser, "id" | "role">, listingOrganisationId: number, target: ListingForPermission) {
  const viewer = { id: user.id, role: user.role };
  return organisationsOfUser(user.id)
    .filter((m) => m.status === "approved" && manages(m.role))
    .map((m) => ({ id: m.id, name: m.name, role: m.role, listingSide: m.id === listingOrganisationId }))
    .filter((o) =>
      o.listingSide
        ? canOnListing("recordExchange", viewer, target, o.role)
        : canOnListing("recordExchange", viewer, target, null, { role: o.role, organisationStatus: "approved" }),
    );
}

/**
 * Records an exchange on a listing, pending the other side's confirmation (issue 12).
 *
 * The person acts for `input.actingOrganisationId` (needed only when they manage several
 * organisations): the listing's organisation, whose owners/editors then name the counterpart
 * (`counterpartOrganisationId`, e.g. one that opened a conversation on the listing, or
 * `counterpartName`, an approved organisation's name or acronym: approvedOrganisationNamed), or
 * an approved counterpart they own or edit, the listing's organisation then being the other side.
 * The supplier is the "have" side (the listing's organisation for a have, the counterpart for a
 * want), the receiver the other one. `input.baseQuantity` is in the smallest unit of the listing's
 * dimension (grams, litres, Wh, units; exchange-schemas.ts), `valueCents` céntimos or null,
 * `occurredOn` a Lima day from 2015-01-01 to today. Checks and the insert run in one immediate
 * transaction (nothing half-saved); the other side's owners and editors are told after it.
 * Refusals are typed (RecordRefusal); closed, matched and expired listings still take records.
 * `today` (Lima day) is for tests; `write` runs the database write (a one-time form token guard
 * passes its own; see form-token.ts).
 */
export function recordExchange(
  user: SessionUser,
  listingId: number,
  input: RecordInput,
  { today = limaDay(Date.now()), write = writeNow }: { today?: string; write?: WriteStep<RecordResult> } = {},
): RecordResult {
  const result = write(() =>
    db.transaction(
      (tx): RecordResult => {
        const listing = listingForRecord(listingId, tx);
        if (!listing) return { ok: false, error: "notFound" };
        const organisationStatus = listing.approved ? ("approved" as const) : ("suspended" as const);
        const forPermission = {
          status: listing.status,
          hiddenAt: listing.hiddenAt,
          organisationStatus,
        };
        const options = recordableOrganisations(user, listing.organisationId, forPermission);
        const ownRole = organisationsOfUser(user.id).find((m) => m.id === listing.organisationId)?.role ?? null;
        const viewer = { id: user.id, role: user.role };
        if (!canOnListing("view", viewer, forPermission, ownRole)) return { ok: false, error: "notFound" };
        let acting = input.actingOrganisationId !== undefined ? options.find((o) => o.id === input.actingOrganisationId) : undefined;
        if (input.actingOrganisationId !== undefined && !acting) return { ok: false, error: "forbidden" };
        if (!acting) {
          if (options.length > 1) return { ok: false, error: "chooseOrganisation" };
          acting = options[0];
        }
        if (!acting) return { ok: false, error: "forbidden" };

        // The other side: named by the listing's side; the listing's organisation otherwise.
        let counterpartId: number;
        if (acting.listingSide) {
          if (input.counterpartOrganisationId !== undefined) counterpartId = input.counterpartOrganisationId;
          else if (input.counterpartName) {
            const named = approvedOrganisationNamed(input.counterpartName);
            if (!named) return { ok: false, error: "counterpartUnknown" };
            counterpartId = named.id;
          } else return { ok: false, error: "counterpartUnknown" };
          if (counterpartId === acting.id) return { ok: false, error: "self" };
          if (approvedOrganisationIds([counterpartId], tx).length === 0) {
            return {
              ok: false,
              error: findOrganisationById(counterpartId) ? "counterpartNotApproved" : "counterpartUnknown",
            };
          }
        } else {
          // Acting for another organisation than the listing's: the listing's is the other side.
          counterpartId = listing.organisationId;
        }

        const unit = input.unit as QuantityUnit;
        const dimension = QUANTITY_UNITS[unit].dimension;
        if (dimension !== QUANTITY_UNITS[listing.unit as QuantityUnit].dimension) return { ok: false, error: "otherDimension" };
        if (!Number.isSafeInteger(input.baseQuantity) || input.baseQuantity < 1 || input.baseQuantity > MAX_BASE_QUANTITY[dimension]) {
          return { ok: false, error: "badQuantity" };
        }
        if (!/^\d{4}-\d{2}-\d{2}$/.test(input.occurredOn) || input.occurredOn < "2015-01-01" || input.occurredOn > today)
          return { ok: false, error: "badDate" };

        const [listingSideId, otherSideId] = acting.listingSide ? [acting.id, counterpartId] : [counterpartId, acting.id];
        const [supplier, receiver] = listing.kind === "have" ? [listingSideId, otherSideId] : [otherSideId, listingSideId];
        const row = tx
          .insert(x)
          .values({
            listingId: listing.id,
            supplierOrganisationId: supplier,
            receiverOrganisationId: receiver,
            recordedByOrganisationId: acting.id,
            category: listing.category,
            initiativeId: listing.initiativeId,
            occurredOn: input.occurredOn,
            quantity: input.baseQuantity,
            unit,
            valueCents: input.valueCents,
            recordedBy: user.id,
          })
          .returning({ id: x.id })
          .get();
        return {
          ok: true,
          exchangeId: row.id,
          otherOrganisationId: acting.id === supplier ? receiver : supplier,
          organisation: acting.name,
        };
      },
      { behavior: "immediate" },
    ),
  );
  if (result.ok) {
    notify({
      type: EXCHANGE_NOTICES.recorded,
      recipients: managerIds([result.otherOrganisationId]),
      actorId: user.id,
      subject: { type: "exchange_listing", id: listingId },
      data: { exchangeId: result.exchangeId, organisation: result.organisation },
    });
  }
  return result;
}

export type RespondRefusal = "notFound" | "forbidden" | "alreadyAnswered";

/**
 * The other side's answer to a recorded exchange: "confirm" (it then counts in the indicators) or
 * "decline" (kept as history). Only owners and editors of the side that did NOT record it may
 * answer, and never the person who recorded it (someone editing both organisations). Refusals:
 * "notFound" for anyone who is not a member of either side (staff included: the 404 for an
 * exchange you are not party to), "forbidden" for the recording side, the recording person, plain
 * members and exchanges on a hidden listing, "alreadyAnswered" (409) when it was confirmed or
 * declined already — the update only takes a pending row, so two simultaneous answers cannot both
 * win. The recording side's owners and editors are told.
 */
export function respondToExchange(
  user: SessionUser,
  exchangeId: number,
  decision: ExchangeResponse,
): { ok: true; listingId: number } | { ok: false; error: RespondRefusal } {
  const result = db.transaction(
    (tx): { ok: true; listingId: number; recorder: number; organisation: string } | { ok: false; error: RespondRefusal } => {
      const row = tx.select().from(x).where(eq(x.id, exchangeId)).get();
      if (!row) return { ok: false, error: "notFound" };
      const mine = organisationsOfUser(user.id);
      const sides = [row.supplierOrganisationId, row.receiverOrganisationId];
      if (!mine.some((m) => sides.includes(m.id))) return { ok: false, error: "notFound" };
      const answering = row.supplierOrganisationId === row.recordedByOrganisationId ? row.receiverOrganisationId : row.supplierOrganisationId;
      const answeringAs = mine.find((m) => m.id === answering);
      // A suspended organisation's team cannot act; nobody confirms what they recorded themselves
      // (someone who edits both sides); a hidden listing's exchanges wait for it to be shown again.
      if (!answeringAs || answeringAs.status !== "approved" || !manages(answeringAs.role)) return { ok: false, error: "forbidden" };
      if (row.recordedBy === user.id) return { ok: false, error: "forbidden" };
      const listing = tx.select({ hiddenAt: l.hiddenAt }).from(l).where(eq(l.id, row.listingId)).get();
      if (!listing || listing.hiddenAt !== null) return { ok: false, error: "forbidden" };
      if (row.status !== "pending") return { ok: false, error: "alreadyAnswered" };
      const changed = tx
        .update(x)
        .set({
          status: decision === "confirm" ? "confirmed" : "declined",
          respondedBy: user.id,
          respondedAt: new Date(),
        })
        .where(and(eq(x.id, exchangeId), eq(x.status, "pending")))
        .run().changes;
      if (changed === 0) return { ok: false, error: "alreadyAnswered" };
      return {
        ok: true,
        listingId: row.listingId,
        recorder: row.recordedByOrganisationId,
        organisation: answeringAs.name,
      };
    },
    { behavior: "immediate" },
  );
  if (!result.ok) return result;
  notify({
    type: decision === "confirm" ? EXCHANGE_NOTICES.confirmed : EXCHANGE_NOTICES.declined,
    recipients: managerIds([result.recorder]),
    actorId: user.id,
    subject: { type: "exchange_listing", id: result.listingId },
    data: { exchangeId, organisation: result.organisation },
  });
  return { ok: true, listingId: result.listingId };
}

/** How many exchanges a listing page shows at most (newest first). */
export const LISTING_EXCHANGES_SHOWN = 50;

/**
 * The exchanges recorded on a listing that a person in `viewerOrganisationIds` (their memberships,
 * any role; none for anonymous visitors) may see, newest first (at most LISTING_EXCHANGES_SHOWN),
 * with both organisations' names: the parties (members of the supplier or the receiver) see every
 * row with its money value; everyone else only confirmed ones, `valueCents` null. `{ id,
 * supplierId, supplier, receiverId, receiver, recordedById, recordedBy (user id), occurredOn,
 * quantity (base units), unit, valueCents, status, recordedAt }[]`. One query. Closed and expired
 * listings keep them; who may answer is decided per row by `mayAnswer`.
 */
export function exchangesOfListing(listingId: number, viewerOrganisationIds: readonly number[]) {
  const ids = viewerOrganisationIds.length ? sql.join(viewerOrganisationIds.map((id) => sql`${id}`), sql`, `) : sql`NULL`;
  const party = sql`(${x.supplierOrganisationId} IN (${ids}) OR ${x.receiverOrganisationId} IN (${ids}))`;
  return db
    .select({
      id: x.id,
      supplierId: x.supplierOrganisationId,
      supplier: organisationNameSql(x.supplierOrganisationId),
      receiverId: x.receiverOrganisationId,
      receiver: organisationNameSql(x.receiverOrganisationId),
      recordedById: x.recordedByOrganisationId,
      recordedBy: x.recordedBy,
      occurredOn: x.occurredOn,
      quantity: x.quantity,
      unit: x.unit,
      valueCents: sql<number | null>`CASE WHEN ${party} THEN ${x.valueCents} END`,
      status: x.status,
      recordedAt: x.recordedAt,
    })
    .from(x)
    .where(and(eq(x.listingId, listingId), sql`(${x.status} = 'confirmed' OR ${party})`))
    .orderBy(desc(x.recordedAt), desc(x.id))
    .limit(LISTING_EXCHANGES_SHOWN)
    .all();
}

/**
 * Whether a person (`userId`, their memberships, e.g. from organisationsUserActsFor) may confirm or
 * decline an exchange row: a pending one, as owner or editor of the side that did not record it,
 * and not recorded by this person (respondToExchange's rule).
 */
export function mayAnswer(
  row: {
    status: string;
    supplierId: number;
    receiverId: number;
    recordedById: number;
    recordedBy: number | null;
  },
  memberships: ReadonlyArray<{ id: number; role: MemberRole }>,
  userId: number,
) {
  if (row.status !== "pending" || row.recordedBy === userId) return false;
  const answering = row.supplierId === row.recordedById ? row.receiverId : row.supplierId;
  return memberships.some((m) => m.id === answering && manages(m.role));
}

/**
 * The organisations that opened a conversation on a listing and are approved, by name: the
 * counterparts its team is offered when recording. `{ id, name }[]`. One query.
 */
export function conversationCounterparts(listingId: number) {
  const c = schema.exchangeConversations;
  return db
    .select({ id: c.organisationId, name: organisationNameSql(c.organisationId) })
    .from(c)
    .where(and(eq(c.listingId, listingId), approvedOrganisationSql(c.organisationId)))
    .orderBy(organisationNameSql(c.organisationId))
    .all();
}

/**
 * The listing page's "exchanges" section for a viewer: the exchanges recorded on it that they may
 * see (exchangesOfListing: the parties everything, others confirmed rows without money) each with
 * `canAnswer` (never on a hidden listing), and `canRecord` (recordableOrganisations is not empty). Two statements (the rows;
 * the viewer's memberships, once per request). No user ids leave it.
 */
export function exchangesSection(
  listing: { id: number; organisationId: number; status: ListingForPermission["status"]; hiddenAt: Date | null },
  organisationStatus: ListingForPermission["organisationStatus"],
  user: SessionUser | null,
) {
  const memberships = organisationsOfUser(user?.id);
  const rows = exchangesOfListing(
    listing.id,
    memberships.map((m) => m.id),
  );
  const shown = (row: (typeof rows)[number], canAnswer: boolean) => {
    const { recordedBy: _recordedBy, ...rest } = row;
    return { ...rest, canAnswer };
  };
  if (!user) return { rows: rows.map((row) => shown(row, false)), canRecord: false };
  const acting = memberships.filter((m) => m.status === "approved");
  const target = { status: listing.status, hiddenAt: listing.hiddenAt, organisationStatus };
  const canRecord = recordableOrganisations(user, listing.organisationId, target).length > 0;
  // respondToExchange refuses while the listing is hidden: no buttons that would answer 403.
  const answerable = listing.hiddenAt === null;
  return { rows: rows.map((row) => shown(row, answerable && mayAnswer(row, acting, user.id))), canRecord };
}
