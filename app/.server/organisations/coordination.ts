import { notifyUsers } from "#app/.server/notifications/index.ts";
import { reviewApplication, setSuspension, type ReviewDecision } from "./mutations.ts";
import { findOrganisationById, hasActiveSignature, ownerIds } from "./queries.ts";

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
  const vars = { org: organisation.name };
  await notifyUsers(
    ownerIds(organisationId),
    decision.decision === "reject"
      ? {
          key: "org.notice.rejected",
          subjectKey: "org.notice.rejectedSubject",
          vars: { ...vars, reason: decision.reason },
          link: `/organisations/${organisation.slug}/edit`,
        }
      : {
          key: pactSigned ? "org.notice.approved" : "org.notice.approvedSignPact",
          subjectKey: "org.notice.approvedSubject",
          vars,
          link: pactSigned ? `/organisations/${organisation.slug}` : `/organisations/${organisation.slug}/pact`,
        },
  );
  return { ok: true, organisation } as const;
}

export async function suspendOrganisation(organisationId: number, coordinatorId: number, reason: string) {
  const result = setSuspension(organisationId, coordinatorId, true, reason);
  if (!result.ok) return result;
  const organisation = findOrganisationById(organisationId)!;
  await notifyUsers(ownerIds(organisationId), {
    key: "org.notice.suspended",
    subjectKey: "org.notice.suspendedSubject",
    vars: { org: organisation.name, reason },
    link: `/organisations/${organisation.slug}`,
  });
  return { ok: true, organisation } as const;
}

export function reinstateOrganisation(organisationId: number, coordinatorId: number) {
  const result = setSuspension(organisationId, coordinatorId, false);
  if (!result.ok) return result;
  return { ok: true, organisation: findOrganisationById(organisationId)! } as const;
}
