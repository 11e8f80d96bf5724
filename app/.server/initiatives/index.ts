import type { SessionUser } from "#app/.server/auth/index.ts";
import { writeNow, type WriteStep } from "#app/.server/form-token.ts";
import { notify } from "#app/.server/notifications/index.ts";
import { managerIds } from "#app/.server/organisations/index.ts";
import type { InitiativeStatus, PartnerRole } from "#app/features/initiatives/taxonomy.ts";
import {
  audienceOf,
  changeInitiativeStatus,
  invitePartner,
  leavePartnership,
  postProgressUpdate,
  requestToJoin,
  respondToPartnership,
} from "./mutations.ts";
import { canOnInitiative, type InitiativeAction } from "./permissions.ts";
import { findInitiativeBySlug, viewerContext } from "./queries.ts";
import { forbidden, notFound } from "#app/utils/http-errors.ts";
import "./notification-kinds.ts";

export * from "./queries.ts";
export { proposeInitiative, updateInitiative, setFollowing } from "./mutations.ts";
export { canOnInitiative, type InitiativeAction } from "./permissions.ts";

/**
 * Loads an initiative for a viewer and checks one action: 404 for those who may not see it
 * (drafts, hidden lead organisations), 403 for those who see it but may not act.
 */
export function requireInitiative(slug: string | undefined, user: SessionUser | null, action: InitiativeAction) {
  const found = slug ? findInitiativeBySlug(slug) : undefined;
  if (!found) throw notFound();
  const context = viewerContext(found.initiative, user);
  const viewer = {
    user: user ? { id: user.id, role: user.role } : null,
    leadRole: context.leadRole,
    partnerRole: context.partnerRole,
    canActForAnotherOrganisation: context.candidates.length > 0,
  };
  const target = { status: found.initiative.status, leadStatus: found.lead.status };
  if (!canOnInitiative("view", target, viewer)) throw notFound();
  if (!canOnInitiative(action, target, viewer)) throw forbidden();
  const can = (other: InitiativeAction) => canOnInitiative(other, target, viewer);
  return { ...found, context, can };
}

type Found = ReturnType<typeof requireInitiative>;

/**
 * Tells the initiative's audience (its followers and the managers of `organisationIds`) of a kind
 * of news (see notification-kinds.ts), the actor left out.
 */
function tell(found: Found, actorId: number, organisationIds: number[], type: string, data: Record<string, string> = {}) {
  notify({ type, recipients: audienceOf(found.initiative.id, organisationIds), actorId, subject: { type: "initiative", id: found.initiative.id }, data });
}

export async function changeStatusAndNotify(found: Found, userId: number, to: InitiativeStatus) {
  const result = changeInitiativeStatus(found.initiative.id, userId, to);
  if (result.ok) tell(found, userId, [], `initiative.status.${to}`);
  return result;
}

/** `write` runs the database write (a one-time form token guard passes its own; see form-token.ts). */
export async function requestToJoinAndNotify(
  found: Found,
  userId: number,
  input: { organisationId: number; role: PartnerRole; message: string },
  write: WriteStep<ReturnType<typeof requestToJoin>> = writeNow,
) {
  const result = write(() => requestToJoin(found.initiative.id, userId, input));
  if (result.ok) {
    const org = found.context.memberships.find((m) => m.id === input.organisationId)?.name ?? "";
    tell(found, userId, [found.lead.id], "initiative.requested", { org });
  }
  return result;
}

/** `write` runs the database write (a one-time form token guard passes its own; see form-token.ts). */
export async function invitePartnerAndNotify(
  found: Found,
  userId: number,
  input: { organisationId: number; role: PartnerRole; message: string },
  orgName: string,
  write: WriteStep<ReturnType<typeof invitePartner>> = writeNow,
) {
  const result = write(() => invitePartner(found.initiative.id, userId, input));
  if (result.ok) notifyManagers(found, userId, [input.organisationId], "initiative.invited", { org: orgName });
  return result;
}

function notifyManagers(found: Found, actorId: number, organisationIds: number[], type: string, data: Record<string, string>) {
  // Only the organisations' owners/editors, not every follower.
  notify({ type, recipients: managerIds(organisationIds), actorId, subject: { type: "initiative", id: found.initiative.id }, data });
}

export async function respondAndNotify(found: Found, userId: number, partnerId: number, decision: "accept" | "decline", note?: string) {
  const result = respondToPartnership(partnerId, userId, decision, note, found.initiative.id);
  if (result.ok) {
    // Tell the other side: the requesting organisation, or the lead that invited.
    const other = result.state === "requested" ? result.organisationId : result.lead;
    notifyManagers(found, userId, [other], decision === "accept" ? "initiative.accepted" : "initiative.declined", {});
  }
  return result;
}

export async function leaveAndNotify(found: Found, userId: number, partnerId: number) {
  const result = leavePartnership(partnerId, userId, found.initiative.id);
  if (result.ok) notifyManagers(found, userId, [found.lead.id], "initiative.left", {});
  return result;
}

/** `write` runs the database write (a one-time form token guard passes its own; see form-token.ts). */
export async function postUpdateAndNotify(
  found: Found,
  userId: number,
  input: Parameters<typeof postProgressUpdate>[2],
  write: WriteStep<ReturnType<typeof postProgressUpdate>> = writeNow,
) {
  const result = write(() => postProgressUpdate(found.initiative.id, userId, input));
  if (result.ok) tell(found, userId, [], "initiative.update");
  return result;
}
export * from "./stats.ts";
export * from "./api.ts";
export * from "./home.ts";
export { initiativePlaceSql, searchInitiatives } from "./search.ts";
export * from "./sitemap.ts";
