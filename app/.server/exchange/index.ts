import type { SessionUser } from "#app/.server/auth/index.ts";
import { findOrganisationById, organisationsOfUser } from "#app/.server/organisations/index.ts";
import type { QuantityUnit } from "#app/features/exchange/taxonomy.ts";
import { forbidden, notFound } from "#app/utils/http-errors.ts";
import { canOnListing, type ListingAction } from "./permissions.ts";
import { linkableInitiatives } from "./listings.ts";
import { findListingWithPhotos } from "./queries.ts";
import { idParam } from "#app/utils/id-param.ts";

// The resource exchange (issue 12, ADR 0015). Each helper adds its own export lines below.

export { canOnListing, type ListingAction } from "./permissions.ts";
export * from "./listings.ts";
export * from "./queries.ts";
export { expireListings, remindExpiringListings } from "./expiry.ts";
export { searchListings } from "./search.ts";
export * from "./exchanges.ts";
export * from "./rollups.ts";
export { summariseCo2e, type Co2eLine, type Co2eSummary } from "./co2e.ts";
export * from "./coordination.ts";
export { matchesForListing, myListingsWithMatches, noticeNewMatches, MATCHES_SHOWN, type ListingMatch, type ListingMatches } from "./matches.ts";
export {
  conversationHref,
  expressInterest,
  facilitatorsPage,
  interestPanel,
  interestStatus,
  invitableCoordinators,
  inviteFacilitator,
  listingConversations,
  listingSections,
  myConversations,
  participationIn,
  type InterestRefusal,
} from "./conversations.ts";
export { EXCHANGE_NOTICES } from "./notification-kinds.ts";


/**
 * Loads a listing for a viewer and checks one action (canOnListing): 404 for an unknown id or a
 * listing the viewer may not see (drafts of other organisations, hidden ones, those of
 * organisations that are not approved), 403 for a visible listing the viewer may not act on
 * (including the team of a suspended organisation). `actingFor` is the viewer's role in the
 * organisation they act for on the other side (contact, recordExchange).
 * Returns `{ listing, photos ({ id, hash, alt }[]), organisation, membership, can(action) }`.
 * Two indexed queries, plus the viewer's memberships once per request.
 */
export function requireListing(
  id: string | number | undefined,
  viewer: SessionUser | null,
  action: ListingAction,
  actingFor: Parameters<typeof canOnListing>[4] = null,
) {
  const listingId = typeof id === "number" ? id : idParam(id);
  const found = listingId ? findListingWithPhotos(listingId) : undefined;
  if (!found) throw notFound();
  const { photos, ...listing } = found;
  const organisation = findOrganisationById(listing.organisationId);
  if (!organisation) throw notFound();
  // The viewer's memberships are read once per request and shared with the page's other sections.
  const membership = organisationsOfUser(viewer?.id).find((m) => m.id === organisation.id)?.role ?? null;
  const who = viewer ? { id: viewer.id, role: viewer.role } : null;
  const target = { status: listing.status, hiddenAt: listing.hiddenAt, organisationStatus: organisation.status };
  if (!canOnListing("view", who, target, membership)) throw notFound();
  if (!canOnListing(action, who, target, membership, actingFor)) throw forbidden();
  const can = (other: ListingAction) => canOnListing(other, who, target, membership, actingFor);
  return { listing, photos, organisation, membership, can };
}

/**
 * What the listing's page shows, from requireListing's answer: the listing's public fields (never
 * contact details: contact goes through a conversation), its organisation's name and link, its
 * photos (without bytes), the linked initiative if public, and what the viewer may do. One
 * query when an initiative is linked, else none. Other sections (matches, conversations, exchanges) are loaded beside it by the route.
 */
export function listingPageData(found: ReturnType<typeof requireListing>) {
  const { listing, photos, organisation, membership, can } = found;
  const initiative = listing.initiativeId === null ? undefined : linkableInitiatives(organisation.id).find((i) => i.id === listing.initiativeId);
  return {
    listing: {
      id: listing.id,
      kind: listing.kind,
      title: listing.title,
      category: listing.category,
      description: listing.description,
      specification: listing.specification,
      quantity: listing.quantity,
      unit: listing.unit as QuantityUnit,
      frequency: listing.frequency,
      region: listing.region,
      province: listing.province,
      availableFrom: listing.availableFrom,
      availableUntil: listing.availableUntil,
      priceMode: listing.priceMode,
      priceCents: listing.priceCents,
      hazardous: listing.hazardous,
      status: listing.status,
      hidden: listing.hiddenAt !== null,
    },
    organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
    photos,
    initiative: initiative ? { slug: initiative.slug, title: initiative.title } : null,
    isMember: membership !== null,
    canEdit: can("edit"),
  };
}
