import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { changeInitiativeStatus, requestToJoin, respondToPartnership } from "#app/.server/initiatives/mutations.ts";
import type { InitiativeInput } from "#app/features/initiatives/schemas.ts";
import type { InitiativeStatus } from "#app/features/initiatives/taxonomy.ts";
import { addMember, makeOrganisation, makePerson } from "./world.ts";

export type InitiativeRole =
  | "anonymous"
  | "otherOrgMember"
  | "leadMember"
  | "leadEditor"
  | "leadOwner"
  | "partner"
  | "coordinator"
  | "admin";
export const INITIATIVE_ROLES: InitiativeRole[] = [
  "anonymous",
  "otherOrgMember",
  "leadMember",
  "leadEditor",
  "leadOwner",
  "partner",
  "coordinator",
  "admin",
];

export function makeInitiativeInput(leadOrganisationId: number, overrides: Partial<InitiativeInput> = {}): InitiativeInput {
  return {
    leadOrganisationId,
    title: `Compost de pulpa de café ${crypto.randomUUID().slice(0, 6)}`,
    summary: "Convertir la pulpa de café en abono para pequeños productores.",
    description: "",
    roadmap: "agriculture",
    approach: undefined,
    valueChains: ["agricultural"],
    regions: ["SAM"],
    startOn: "2026-01-01",
    endOn: "2026-12-31",
    needs: ["partners", "financing"],
    partnersNote: "Buscamos un CITE",
    partnerActorTypes: ["service_provider"],
    financingNote: "Para la planta",
    financingAmount: "250000",
    financingKind: "grant",
    technologyNote: undefined,
    trainingNote: undefined,
    infrastructureNote: undefined,
    otherNote: undefined,
    genderPerspective: undefined,
    genderNote: undefined,
    ...overrides,
  };
}

/** Moves a fresh draft along legal steps to the wanted status. */
export function advanceTo(initiativeId: number, userId: number, status: InitiativeStatus) {
  const path: Record<InitiativeStatus, InitiativeStatus[]> = {
    draft: [],
    open: ["open"],
    in_progress: ["open", "in_progress"],
    completed: ["open", "in_progress", "completed"],
    cancelled: ["open", "cancelled"],
  };
  for (const step of path[status]) {
    const result = changeInitiativeStatus(initiativeId, userId, step);
    if (!result.ok) throw new Error(`cannot move to ${step}`);
  }
}

/**
 * Everyone around an initiative in a given status: the lead organisation's owner, editor and
 * member; a member of an active partner organisation; a member of an unrelated approved
 * organisation; a coordinator; an admin; and an anonymous visitor.
 */
export function makeInitiativeWorld(status: InitiativeStatus = "open") {
  const leadOwner = makePerson();
  const lead = makeOrganisation(leadOwner, "approved");
  const leadEditor = makePerson();
  const leadMember = makePerson();
  addMember(lead.id, leadEditor, "editor");
  addMember(lead.id, leadMember, "member");
  const partner = makePerson();
  const partnerOrg = makeOrganisation(partner, "approved");
  const otherOrgMember = makePerson();
  const otherOrg = makeOrganisation(otherOrgMember, "approved");
  const proposed = proposeInitiative(leadOwner.user.id, makeInitiativeInput(lead.id));
  if (!proposed.ok) throw new Error("could not propose");
  const initiative = proposed.initiative;
  // The partner joins while the initiative is open; then it moves on to the wanted status.
  changeInitiativeStatus(initiative.id, leadOwner.user.id, "open");
  const request = requestToJoin(initiative.id, partner.user.id, { organisationId: partnerOrg.id, role: "technical", message: "" });
  if (!request.ok) throw new Error("could not request");
  respondToPartnership(request.partnerId, leadOwner.user.id, "accept");
  const rest: Record<InitiativeStatus, InitiativeStatus[]> = {
    draft: [],
    open: [],
    in_progress: ["in_progress"],
    completed: ["in_progress", "completed"],
    cancelled: ["cancelled"],
  };
  if (status === "draft") {
    // A draft cannot have partners; make a separate draft with the same lead.
    const draft = proposeInitiative(leadOwner.user.id, makeInitiativeInput(lead.id));
    if (!draft.ok) throw new Error("could not propose");
    return build(draft.initiative);
  }
  for (const step of rest[status]) changeInitiativeStatus(initiative.id, leadOwner.user.id, step);
  return build(initiative);

  function build(target: { id: number; slug: string }) {
    const people = {
      leadOwner,
      leadEditor,
      leadMember,
      partner,
      otherOrgMember,
      coordinator: makePerson("coordinator"),
      admin: makePerson("admin"),
    };
    return {
      initiative: target,
      lead,
      partnerOrg,
      otherOrg,
      people,
      cookieOf: (role: InitiativeRole) => (role === "anonymous" ? undefined : people[role].cookie),
    };
  }
}
