import type { SessionUser } from "#app/.server/auth/index.ts";
import { canOnOrganisation, type OrganisationAction } from "./permissions.ts";
import { findOrganisationBySlug, membershipOf } from "./queries.ts";
import { forbidden, notFound } from "#app/utils/http-errors.ts";

export * from "./mutations.ts";
export * from "./queries.ts";
export { canOnOrganisation, type OrganisationAction } from "./permissions.ts";
export { processLogo, MAX_LOGO_BYTES } from "./logo.ts";
export { nameKey, slugify } from "#app/.server/names.ts";

/**
 * Loads an organisation for a viewer and checks one action. Someone who may not even see it gets
 * 404 (a pending, rejected or suspended organisation does not exist for the public); someone who
 * sees it but may not do the action gets 403.
 */
export function requireOrganisation(slug: string | undefined, viewer: SessionUser | null, action: OrganisationAction) {
  const organisation = slug ? findOrganisationBySlug(slug) : undefined;
  if (!organisation) throw notFound();
  const membership = membershipOf(organisation.id, viewer?.id);
  const who = viewer ? { id: viewer.id, role: viewer.role } : null;
  if (!canOnOrganisation("view", who, organisation, membership)) throw notFound();
  if (!canOnOrganisation(action, who, organisation, membership)) throw forbidden();
  const can = (other: OrganisationAction) => canOnOrganisation(other, who, organisation, membership);
  return { organisation, membership, can };
}
export { decideApplication, suspendOrganisation, reinstateOrganisation } from "./coordination.ts";
export { handleCoordinationForm } from "./coordination-action.ts";
export * from "./stats.ts";
export * from "./api.ts";
export * from "./home.ts";
export { organisationsOnlyOwnedBy } from "./personal-data.ts";
export { approvedOrganisationSql, memberOrganisationIdsSql, organisationNameSql, searchOrganisations } from "./search.ts";
export * from "./sitemap.ts";
