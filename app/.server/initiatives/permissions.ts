import type { PlatformRole } from "#db/schema/auth.ts";
import type { InitiativeStatus } from "#app/features/initiatives/taxonomy.ts";
import type { MemberRole, OrganisationStatus } from "#app/features/organisations/taxonomy.ts";

export type InitiativeAction =
  | "view"
  | "edit"
  | "changeStatus"
  | "managePartners"
  | "requestToJoin"
  | "postUpdate"
  | "follow";

export type InitiativeViewer = {
  user: { id: number; role: PlatformRole } | null;
  /** The viewer's role in the lead organisation, if any. */
  leadRole: MemberRole | null;
  /** The viewer's best role in an organisation that is an active partner, if any. */
  partnerRole: MemberRole | null;
  /** Whether the viewer belongs to an approved organisation that is neither lead nor partner. */
  canActForAnotherOrganisation: boolean;
};

const LIVE: readonly InitiativeStatus[] = ["open", "in_progress"];

/** Who may do what with an initiative. Pure; routes reach it through `requireInitiative`. */
export function canOnInitiative(
  action: InitiativeAction,
  initiative: { status: InitiativeStatus; leadStatus: OrganisationStatus },
  viewer: InitiativeViewer,
): boolean {
  const leadActive = initiative.leadStatus === "approved";
  const leadMember = viewer.leadRole !== null;
  const leadManager = viewer.leadRole === "owner" || viewer.leadRole === "editor";
  const published = initiative.status !== "draft";
  switch (action) {
    case "view":
      // Drafts, and initiatives of organisations that are not (or no longer) approved, are seen
      // only by the lead organisation's team.
      return leadMember || (published && leadActive);
    case "edit":
      return leadActive && leadMember && initiative.status !== "cancelled" && initiative.status !== "completed";
    case "changeStatus":
    case "managePartners":
      return leadActive && leadManager;
    case "requestToJoin":
      return leadActive && LIVE.includes(initiative.status) && viewer.canActForAnotherOrganisation;
    case "postUpdate":
      return leadActive && published && initiative.status !== "cancelled" && (leadMember || viewer.partnerRole !== null);
    case "follow":
      return viewer.user !== null && published && leadActive;
  }
}
