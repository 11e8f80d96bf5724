import type { Submission } from "@conform-to/react";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { db, schema, type Tx } from "#app/.server/db.ts";
import { writeNow, type WriteStep } from "#app/.server/form-token.ts";
import { replyWithErrors } from "#app/.server/forms.ts";
import { initiativesOfOrganisation } from "#app/.server/initiatives/index.ts";
import { actingRole, organisationsUserActsFor } from "#app/.server/organisations/index.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { MAX_LISTING_PHOTOS, type ListingInput } from "#app/features/exchange/schemas.ts";
import type { ListingStatus } from "#app/features/exchange/taxonomy.ts";
import { limaDay } from "#app/i18n.ts";
import { noticeNewMatches } from "./matches.ts";

// Writing listings (issue 12): each change is one immediate transaction that re-checks, under the
// write lock, who acts and what state the listing is in, and answers a typed refusal instead of
// throwing, so nothing is ever half-saved.

const l = schema.exchangeListings;
const photos = schema.exchangeListingPhotos;

export { MAX_LISTING_PHOTOS } from "#app/features/exchange/schemas.ts";

export type ListingRefusal =
  /** No such listing. */
  | "notFound"
  /** The person is not an owner or editor of an approved organisation here. */
  | "cannotActFor"
  /** The initiative is not one the organisation leads or partners in. */
  | "badInitiative"
  /** The listing's state does not allow the change (e.g. publishing a closed listing). */
  | "badState"
  /** Publishing or renewing with an availability that already ended. */
  | "untilPast"
  | "tooManyPhotos";

type Refused = { ok: false; error: ListingRefusal };
const refuse = (error: ListingRefusal): Refused => ({ ok: false, error });

/** Whether `userId` may write listings for `organisationId` (owner or editor of an approved organisation). */
function mayManage(tx: Tx, userId: number, organisationId: number) {
  const role = actingRole(userId, organisationId, tx);
  return role === "owner" || role === "editor";
}

/**
 * The organisations a person may post listings for: approved ones where they are owner or editor
 * (`{ id, name }[]`, by name). One query (shared with the rest of the request).
 */
export function organisationsUserListsFor(userId: number) {
  return organisationsUserActsFor(userId)
    .filter((m) => m.role === "owner" || m.role === "editor")
    .map((m) => ({ id: m.id, name: m.name }));
}

/**
 * A form's answer to a refusal, its message next to the field concerned: 403 cannotActFor, 400
 * badInitiative / untilPast / tooManyPhotos, 409 badState; notFound throws a 404.
 */
export function listingRefusalReply(submission: Submission<unknown>, error: ListingRefusal) {
  switch (error) {
    case "notFound":
      throw notFound();
    case "cannotActFor":
      return replyWithErrors(submission, 403, { formErrors: ["exch.errors.cannotActFor"] });
    case "badInitiative":
      return replyWithErrors(submission, 400, { fieldErrors: { initiativeId: ["exch.errors.badInitiative"] } });
    case "untilPast":
      return replyWithErrors(submission, 400, { fieldErrors: { availableUntil: ["exch.errors.untilPast"] } });
    case "tooManyPhotos":
      return replyWithErrors(submission, 400, { formErrors: ["exch.errors.tooManyPhotos"] });
    case "badState":
      return replyWithErrors(submission, 409, { formErrors: ["exch.errors.badState"] });
  }
}

/** The listing's columns a form sets, from validated input. */
function columns(input: ListingInput) {
  return {
    kind: input.kind,
    title: input.title,
    category: input.category,
    description: input.description,
    specification: input.specification,
    quantity: input.baseQuantity,
    unit: input.unit,
    frequency: input.frequency,
    region: input.region,
    province: input.province,
    availableFrom: input.availableFrom,
    availableUntil: input.availableUntil,
    priceMode: input.priceMode,
    priceCents: input.priceCents,
    hazardous: input.hazardous,
    initiativeId: input.initiativeId ?? null,
  };
}

function initiativeAllowed(organisationId: number, initiativeId: number | undefined) {
  return initiativeId === undefined || initiativesOfOrganisation(organisationId).some((i) => i.id === initiativeId);
}

/**
 * The initiatives a listing of `organisationId` may be linked to: the public ones it leads or
 * partners in (`{ id, slug, title }[]`, by title). One query.
 */
export function linkableInitiatives(organisationId: number) {
  const seen = new Set<number>();
  return initiativesOfOrganisation(organisationId)
    .filter((i) => !seen.has(i.id) && seen.add(i.id))
    .map((i) => ({ id: i.id, slug: i.slug, title: i.title }));
}

/**
 * Creates a listing for `organisationId`, as a draft or published at once (`input.intent`). The
 * person must be an owner or editor of the organisation, which must be approved (so never for a
 * suspended one). Quantities are already in base units (grams, litres, Wh, units).
 * `{ ok: true, id }` or a refusal: cannotActFor, badInitiative, untilPast. `write` runs the
 * database write (a one-time form token guard passes its own; see form-token.ts), so the match
 * notices go out after the commit, never under the write lock.
 */
export function createListing(
  userId: number,
  organisationId: number,
  input: ListingInput,
  now = new Date(),
  write: WriteStep<{ ok: true; id: number } | Refused> = writeNow,
): { ok: true; id: number } | Refused {
  return afterWrite(write(() => db.transaction(
    (tx) => {
      if (!mayManage(tx, userId, organisationId)) return refuse("cannotActFor");
      if (!initiativeAllowed(organisationId, input.initiativeId)) return refuse("badInitiative");
      const publish = input.intent === "publish";
      if (publish && input.availableUntil < limaDay(now)) return refuse("untilPast");
      const row = tx
        .insert(l)
        .values({
          organisationId,
          ...columns(input),
          status: publish ? "published" : "draft",
          publishedAt: publish ? now : null,
          createdBy: userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: l.id })
        .get();
      return { ok: true, id: row.id } as const;
    },
    { behavior: "immediate" },
  )), (created) => created.id, userId);
}

/** Runs `change` on the listing under the write lock once the person is known to manage it. */
function withListing<T>(listingId: number, userId: number, change: (tx: Tx, listing: typeof l.$inferSelect) => T | Refused): T | Refused {
  return db.transaction(
    (tx) => {
      const listing = tx.select().from(l).where(eq(l.id, listingId)).get();
      if (!listing) return refuse("notFound");
      if (!mayManage(tx, userId, listing.organisationId)) return refuse("cannotActFor");
      return change(tx, listing);
    },
    { behavior: "immediate" },
  );
}

const ok = { ok: true } as const;

/**
 * After a write that may have published a listing (create, save, publish, renew) has committed:
 * tells both sides of its new matches, once per pair (matches.ts noticeNewMatches; nothing for a
 * listing that is not published). Returns the write's answer unchanged.
 */
function afterWrite<R extends { ok: boolean }>(result: R, listingOf: (done: Extract<R, { ok: true }>) => number, userId: number): R {
  if (result.ok) noticeNewMatches(listingOf(result as Extract<R, { ok: true }>), userId);
  return result;
}

/**
 * Saves the form's fields. `intent` "publish" also publishes a draft (a published listing stays
 * published); "draft" keeps a draft a draft; "save" leaves the status as it is. Refusals:
 * notFound, cannotActFor, badInitiative, untilPast (publishing with a past until day).
 */
export function updateListing(listingId: number, userId: number, input: ListingInput, now = new Date()) {
  return afterWrite(withListing(listingId, userId, (tx, listing) => {
    if (!initiativeAllowed(listing.organisationId, input.initiativeId)) return refuse("badInitiative");
    let status: ListingStatus = listing.status;
    if (input.intent === "publish") {
      if (listing.status !== "draft" && listing.status !== "published") return refuse("badState");
      if (input.availableUntil < limaDay(now)) return refuse("untilPast");
      status = "published";
    }
    // A new until day is a new chance to be reminded.
    const reminderReset = input.availableUntil !== listing.availableUntil ? { expiryReminderSentAt: null } : {};
    tx.update(l)
      .set({ ...columns(input), status, publishedAt: status === "published" ? (listing.publishedAt ?? now) : listing.publishedAt, updatedAt: now, ...reminderReset })
      .where(eq(l.id, listingId))
      .run();
    return ok;
  }), () => listingId, userId);
}

/** Publishes a draft whose availability has not ended. Refusals: notFound, cannotActFor, badState, untilPast. */
export function publishListing(listingId: number, userId: number, now = new Date()) {
  return afterWrite(withListing(listingId, userId, (tx, listing) => {
    if (listing.status !== "draft") return refuse("badState");
    if (listing.availableUntil < limaDay(now)) return refuse("untilPast");
    tx.update(l).set({ status: "published", publishedAt: now, updatedAt: now }).where(eq(l.id, listingId)).run();
    return ok;
  }), () => listingId, userId);
}

/** Withdraws a listing (out of the list and search; its recorded exchanges stay). Refusals: notFound, cannotActFor, badState (already closed). */
export function closeListing(listingId: number, userId: number, now = new Date()) {
  return withListing(listingId, userId, (tx, listing) => {
    if (listing.status === "closed") return refuse("badState");
    tx.update(l).set({ status: "closed", updatedAt: now }).where(eq(l.id, listingId)).run();
    return ok;
  });
}

/** The owner says a counterpart was found: published → matched. Refusals: notFound, cannotActFor, badState. */
export function markListingMatched(listingId: number, userId: number, now = new Date()) {
  return withListing(listingId, userId, (tx, listing) => {
    if (listing.status !== "published") return refuse("badState");
    tx.update(l).set({ status: "matched", updatedAt: now }).where(eq(l.id, listingId)).run();
    return ok;
  });
}

/**
 * Renews a listing until a new day ("YYYY-MM-DD", today or later in Lima): a published, matched
 * or expired listing becomes published again and may be reminded again before the new day.
 * Refusals: notFound, cannotActFor, badState (draft or closed), untilPast.
 */
export function renewListing(listingId: number, userId: number, availableUntil: string, now = new Date()) {
  return afterWrite(withListing(listingId, userId, (tx, listing) => {
    if (listing.status === "draft" || listing.status === "closed") return refuse("badState");
    if (availableUntil < limaDay(now)) return refuse("untilPast");
    tx.update(l)
      .set({
        status: "published",
        availableUntil,
        // A renewal from before the listing's start keeps from ≤ until (the table's check).
        availableFrom: listing.availableFrom > availableUntil ? availableUntil : listing.availableFrom,
        expiryReminderSentAt: null,
        updatedAt: now,
      })
      .where(eq(l.id, listingId))
      .run();
    return ok;
  }), () => listingId, userId);
}

/**
 * Adds a photo (already checked and re-encoded by readImageUpload: WebP bytes, content type, hash)
 * at the end of the listing's photos. Refusals: notFound, cannotActFor, tooManyPhotos (4 already).
 */
export function addListingPhoto(listingId: number, userId: number, photo: { image: Buffer; contentType: string; hash: string }, alt = "") {
  return withListing(listingId, userId, (tx) => {
    const existing = tx
      .select({ n: count(), last: sql<number | null>`max(${photos.position})` })
      .from(photos)
      .where(eq(photos.listingId, listingId))
      .get();
    if ((existing?.n ?? 0) >= MAX_LISTING_PHOTOS) return refuse("tooManyPhotos");
    // After the last one: a count would repeat a position once an earlier photo was removed.
    const position = (existing?.last ?? -1) + 1;
    const row = tx
      .insert(photos)
      .values({ listingId, position, image: photo.image, contentType: photo.contentType, hash: photo.hash, alt: alt.slice(0, 200) })
      .returning({ id: photos.id })
      .get();
    tx.update(l).set({ updatedAt: new Date() }).where(eq(l.id, listingId)).run();
    return { ok: true, id: row.id } as const;
  });
}

/** Removes one of the listing's photos. Refusals: notFound (listing or photo), cannotActFor. */
export function removeListingPhoto(listingId: number, userId: number, photoId: number) {
  return withListing(listingId, userId, (tx) => {
    const removed = tx.delete(photos).where(and(eq(photos.id, photoId), eq(photos.listingId, listingId))).run().changes;
    return removed ? ok : refuse("notFound");
  });
}

/** The listing's photos without their bytes (`{ id, hash, alt }[]`, in order). One query. */
export function photosOf(listingId: number) {
  return db
    .select({ id: photos.id, hash: photos.hash, alt: photos.alt })
    .from(photos)
    .where(eq(photos.listingId, listingId))
    .orderBy(asc(photos.position), asc(photos.id))
    .all();
}

/** One photo of a listing with its bytes, or undefined. One query. */
export function photoOf(listingId: number, photoId: number) {
  return db
    .select()
    .from(photos)
    .where(and(eq(photos.id, photoId), eq(photos.listingId, listingId)))
    .get();
}
