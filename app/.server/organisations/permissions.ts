import { isStaff } from "#app/.server/auth/roles.ts";
import type { PlatformRole } from "#db/schema/auth.ts";
import type { MemberRole, OrganisationStatus } from "#app/features/organisations/taxonomy.ts";

export type OrganisationAction =
  | "view"
  | "edit"
  | "manageTeam"
  | "signPact"
  | "actFor"
  | "review"
  | "suspend"
  | "recordSignature"
  | "readAudit";

export type Viewer = { id: number; role: PlatformRole } | null;

/**
 * Who may do what with an organisation. Pure, so it is tested as a table; loaders and actions
 * call it through `requireOrganisationPermission`.
 */
export function canOnOrganisation(
  action: OrganisationAction,
  viewer: Viewer,
  organisation: { status: OrganisationStatus },
  membership: MemberRole | null,
): boolean {
  const staff = isStaff(viewer);
  const approved = organisation.status === "approved";
  switch (action) {
    case "view":
      // Only approved organisations are public; the team and staff also see the others.
      return approved || membership !== null || staff;
    case "edit":
      // A suspended organisation's team cannot act; a rejected one may correct and re-apply.
      return organisation.status !== "suspended" && (membership === "owner" || membership === "editor");
    case "manageTeam":
      return organisation.status !== "suspended" && membership === "owner";
    case "signPact":
      return approved && membership === "owner";
    case "actFor":
      return approved && membership !== null;
    case "review":
    case "suspend":
    case "recordSignature":
    case "readAudit":
      return staff;
  }
}
