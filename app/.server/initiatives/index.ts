import type { SessionUser } from "#app/.server/auth/index.ts";
import { writeNow, type WriteStep } from "#app/.server/form-token.ts";
import { notifyUsers } from "#app/.server/notifications/index.ts";
import { managerIds } from "#app/.server/organisations/index.ts";
import type { InitiativeStatus, PartnerRole } from "#app/features/initiatives/taxonomy.ts";
import type { MessageKey } from "#app/i18n.ts";
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

async function tell(found: Found, organisationIds: number[], key: MessageKey, vars: Record<string, string> = {}) {
  const audience = audienceOf(found.initiative.id, organisationIds);
  await notifyUsers(audience, {
    key,
    subjectKey: "ini.notice.subject",
    vars: { title: found.initiative.title, ...vars },
    link: `/initiatives/${found.initiative.slug}`,
  });
}

export async function changeStatusAndNotify(found: Found, userId: number, to: InitiativeStatus) {
  const result = changeInitiativeStatus(found.initiative.id, userId, to);
  if (result.ok) await tell(found, [], `ini.notice.status.${to}`);
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
    await tell(found, [found.lead.id], "ini.notice.requested", { org });
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
  if (result.ok) await notifyManagers(found, [input.organisationId], "ini.notice.invited", { org: orgName });
  return result;
}

async function notifyManagers(found: Found, organisationIds: number[], key: MessageKey, vars: Record<string, string>) {
  // Only the organisations' owners/editors, not every follower.
  const userIds = managerIds(organisationIds);
  await notifyUsers(userIds, { key, subjectKey: "ini.notice.subject", vars: { title: found.initiative.title, ...vars }, link: `/initiatives/${found.initiative.slug}` });
}

export async function respondAndNotify(found: Found, userId: number, partnerId: number, decision: "accept" | "decline", note?: string) {
  const result = respondToPartnership(partnerId, userId, decision, note, found.initiative.id);
  if (result.ok) {
    // Tell the other side: the requesting organisation, or the lead that invited.
    const other = result.state === "requested" ? result.organisationId : result.lead;
    await notifyManagers(found, [other], decision === "accept" ? "ini.notice.accepted" : "ini.notice.declined", {});
  }
  return result;
}

export async function leaveAndNotify(found: Found, userId: number, partnerId: number) {
  const result = leavePartnership(partnerId, userId, found.initiative.id);
  if (result.ok) await notifyManagers(found, [found.lead.id], "ini.notice.left", {});
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
  if (result.ok) await tell(found, [], "ini.notice.update");
  return result;
}
