import { notify } from "#app/.server/notifications/index.ts";
import { reviewApplication, setSuspension, type ReviewDecision } from "./mutations.ts";
import { findOrganisationById, hasActiveSignature, ownerIds } from "./queries.ts";
import "./notification-kinds.ts";

/**
 * Approves or rejects an application, then tells the organisation's owners (app and email).
 * An approval points them to the next step, signing the Pact (only owners may sign), unless the
 * organisation already has a signature in force (one recorded from before the platform).
 */
export async function decideApplication(organisationId: number, coordinatorId: number, decision: ReviewDecision) {
  const result = reviewApplication(organisationId, coordinatorId, decision);
  if (!result.ok) return result;
  const organisation = findOrganisationById(organisationId)!;
  const pactSigned = decision.decision === "approve" && hasActiveSignature(organisationId);
  notify({
    type: decision.decision === "reject" ? "organisation.rejected" : pactSigned ? "organisation.approved" : "organisation.approved_sign_pact",
    recipients: ownerIds(organisationId),
    actorId: coordinatorId,
    subject: { type: "organisation", id: organisationId },
    data: decision.decision === "reject" ? { reason: decision.reason } : {},
  });
  return { ok: true, organisation } as const;
}

export async function suspendOrganisation(organisationId: number, coordinatorId: number, reason: string) {
  const result = setSuspension(organisationId, coordinatorId, true, reason);
  if (!result.ok) return result;
  const organisation = findOrganisationById(organisationId)!;
  notify({ type: "organisation.suspended", recipients: ownerIds(organisationId), actorId: coordinatorId, subject: { type: "organisation", id: organisationId }, data: { reason } });
  return { ok: true, organisation } as const;
}

export function reinstateOrganisation(organisationId: number, coordinatorId: number) {
  const result = setSuspension(organisationId, coordinatorId, false);
  if (!result.ok) return result;
  return { ok: true, organisation: findOrganisationById(organisationId)! } as const;
}
