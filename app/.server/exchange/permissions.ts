import { isStaff } from "#app/.server/auth/roles.ts";
import type { ListingStatus } from "#app/features/exchange/taxonomy.ts";
import type { MemberRole, OrganisationStatus } from "#app/features/organisations/taxonomy.ts";
import type { PlatformRole } from "#db/schema/auth.ts";

export type ListingAction =
  /** See the listing's page. */
  | "view"
  /** Edit, publish, close, renew, add photos. */
  | "edit"
  /** Say "I'm interested": open a private conversation with the listing's organisation. */
  | "contact"
  /** Record an exchange on the listing, as its organisation or as the counterpart. */
  | "recordExchange"
  /** Hide or show again a listing that breaks the rules (audit logged). */
  | "hide";

export type Viewer = { id: number; role: PlatformRole } | null;

/** The listing as far as permissions care: its life and its organisation's standing. */
export type ListingForPermission = { status: ListingStatus; hiddenAt: Date | null; organisationStatus: OrganisationStatus };

/**
 * Who may do what with a resource-exchange listing (issue 12). Pure, so it is tested as a table.
 * `membership`: the viewer's role in the listing's organisation (null if none). `actingFor`: the
 * viewer's role in the organisation they act for on the other side (contact, record), or null.
 *
 * Rules: only approved, non-suspended organisations list or contact; only owners and editors edit
 * or record; drafts are seen by their organisation only; hidden listings by their organisation and
 * staff; closed, matched and expired ones stay readable by link (their exchanges are history).
 */
export function canOnListing(
  action: ListingAction,
  viewer: Viewer,
  listing: ListingForPermission,
  membership: MemberRole | null,
  actingFor: { role: MemberRole; organisationStatus: OrganisationStatus } | null = null,
): boolean {
  const staff = isStaff(viewer);
  const ownOrgActive = listing.organisationStatus === "approved";
  const manager = membership === "owner" || membership === "editor";
  switch (action) {
    case "view":
      if (membership !== null || staff) return true;
      return ownOrgActive && listing.status !== "draft" && listing.hiddenAt === null;
    case "edit":
      return ownOrgActive && manager;
    case "contact":
      return (
        viewer !== null &&
        ownOrgActive &&
        listing.status === "published" &&
        listing.hiddenAt === null &&
        membership === null &&
        actingFor !== null &&
        actingFor.organisationStatus === "approved"
      );
    case "recordExchange":
      if (!ownOrgActive || listing.status === "draft" || listing.hiddenAt !== null) return false;
      if (manager) return true;
      return actingFor !== null && actingFor.organisationStatus === "approved" && (actingFor.role === "owner" || actingFor.role === "editor");
    case "hide":
      return staff;
  }
}
