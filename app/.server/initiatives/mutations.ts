import { and, eq } from "drizzle-orm";
import { db, isUniqueViolation, schema, type Tx } from "#app/.server/db.ts";
import { uniqueSlug } from "#app/.server/slugs.ts";
import { actingRole, approvedOrganisationIds, managerIds } from "#app/.server/organisations/index.ts";
import { solesToCents, type InitiativeInput } from "#app/features/initiatives/schemas.ts";
import {
  canTransition,
  toStoredIndicator,
  type IndicatorCode,
  type InitiativeStatus,
  type NeedKind,
  type PartnerRole,
} from "#app/features/initiatives/taxonomy.ts";

const i = schema.initiatives;
const p = schema.initiativePartners;




function writeDetails(tx: Tx, initiativeId: number, input: InitiativeInput) {
  tx.delete(schema.initiativeValueChains).where(eq(schema.initiativeValueChains.initiativeId, initiativeId)).run();
  tx.delete(schema.initiativeRegions).where(eq(schema.initiativeRegions.initiativeId, initiativeId)).run();
  tx.delete(schema.initiativeNeeds).where(eq(schema.initiativeNeeds.initiativeId, initiativeId)).run();
  for (const valueChain of input.valueChains) tx.insert(schema.initiativeValueChains).values({ initiativeId, valueChain }).run();
  for (const region of input.regions) tx.insert(schema.initiativeRegions).values({ initiativeId, region }).run();
  const notes: Record<NeedKind, string | undefined> = {
    partners: input.partnersNote,
    financing: input.financingNote,
    technology: input.technologyNote,
    training: input.trainingNote,
    infrastructure: input.infrastructureNote,
    other: input.otherNote,
  };
  for (const kind of input.needs) {
    tx.insert(schema.initiativeNeeds)
      .values({
        initiativeId,
        kind,
        note: notes[kind] ?? "",
        partnerActorTypes: kind === "partners" ? input.partnerActorTypes : null,
        amountCents: kind === "financing" && input.financingAmount ? solesToCents(input.financingAmount) : null,
        financingKind: kind === "financing" ? (input.financingKind ?? null) : null,
      })
      .run();
  }
}

function columns(input: InitiativeInput) {
  return {
    title: input.title,
    summary: input.summary,
    description: input.description ?? "",
    roadmap: input.roadmap,
    approach: input.roadmap === "industry" ? (input.approach ?? null) : null,
    startOn: input.startOn ?? null,
    endOn: input.endOn ?? null,
    genderPerspective: input.genderPerspective === "on",
    genderNote: input.genderPerspective === "on" ? (input.genderNote ?? null) : null,
  };
}

/** A member of an approved organisation proposes an initiative as that organisation: a draft. */
export function proposeInitiative(userId: number, input: InitiativeInput) {
  return db.transaction(
    (tx) => {
      if (!actingRole(userId, input.leadOrganisationId, tx)) return { ok: false, error: "cannotActFor" } as const;
      const row = tx
        .insert(i)
        .values({ ...columns(input), slug: uniqueSlug(tx, i, input.title), leadOrganisationId: input.leadOrganisationId, status: "draft", createdBy: userId })
        .returning({ id: i.id, slug: i.slug })
        .get();
      writeDetails(tx, row.id, input);
      tx.insert(schema.initiativeStatusChanges).values({ initiativeId: row.id, fromStatus: null, toStatus: "draft", changedBy: userId }).run();
      return { ok: true, initiative: row } as const;
    },
    { behavior: "immediate" },
  );
}

export function updateInitiative(initiativeId: number, userId: number, input: InitiativeInput) {
  return db.transaction(
    (tx) => {
      const current = tx.select({ lead: i.leadOrganisationId }).from(i).where(eq(i.id, initiativeId)).get();
      if (!current) return { ok: false, error: "notFound" } as const;
      // The lead organisation does not change by editing.
      if (!actingRole(userId, current.lead, tx)) return { ok: false, error: "cannotActFor" } as const;
      tx.update(i).set({ ...columns(input), updatedAt: new Date() }).where(eq(i.id, initiativeId)).run();
      writeDetails(tx, initiativeId, { ...input, leadOrganisationId: current.lead });
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

/** Moves an initiative along its lifecycle. Illegal moves are refused; every move is dated. */
export function changeInitiativeStatus(initiativeId: number, userId: number, to: InitiativeStatus) {
  return db.transaction(
    (tx) => {
      const current = tx.select({ status: i.status, lead: i.leadOrganisationId }).from(i).where(eq(i.id, initiativeId)).get();
      if (!current) return { ok: false, error: "notFound" } as const;
      const role = actingRole(userId, current.lead, tx);
      if (role !== "owner" && role !== "editor") return { ok: false, error: "cannotActFor" } as const;
      if (!canTransition(current.status, to)) return { ok: false, error: "illegalTransition", from: current.status } as const;
      tx.update(i)
        .set({ status: to, updatedAt: new Date(), ...(current.status === "draft" && to === "open" ? { publishedAt: new Date() } : {}) })
        .where(eq(i.id, initiativeId))
        .run();
      tx.insert(schema.initiativeStatusChanges).values({ initiativeId, fromStatus: current.status, toStatus: to, changedBy: userId }).run();
      return { ok: true, from: current.status } as const;
    },
    { behavior: "immediate" },
  );
}

// ---- Partners ------------------------------------------------------------------------------

/** Another approved organisation asks to join (state `requested`). One live relationship at a time. */
export function requestToJoin(
  initiativeId: number,
  userId: number,
  input: { organisationId: number; role: PartnerRole; message: string },
) {
  try {
    return db.transaction(
      (tx) => {
        const initiative = tx.select({ status: i.status, lead: i.leadOrganisationId }).from(i).where(eq(i.id, initiativeId)).get();
        if (!initiative) return { ok: false, error: "notFound" } as const;
        if (initiative.status !== "open" && initiative.status !== "in_progress") return { ok: false, error: "notOpen" } as const;
        if (input.organisationId === initiative.lead) return { ok: false, error: "isLead" } as const;
        if (!actingRole(userId, input.organisationId, tx)) return { ok: false, error: "cannotActFor" } as const;
        const row = tx
          .insert(p)
          .values({ initiativeId, organisationId: input.organisationId, role: input.role, state: "requested", message: input.message, requestedBy: userId })
          .returning({ id: p.id })
          .get();
        return { ok: true, partnerId: row.id } as const;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "alreadyInvolved" } as const;
    throw error;
  }
}

/** The lead invites an organisation (state `invited`). */
export function invitePartner(
  initiativeId: number,
  userId: number,
  input: { organisationId: number; role: PartnerRole; message: string },
) {
  try {
    return db.transaction(
      (tx) => {
        const initiative = tx.select({ status: i.status, lead: i.leadOrganisationId }).from(i).where(eq(i.id, initiativeId)).get();
        if (!initiative) return { ok: false, error: "notFound" } as const;
        const role = actingRole(userId, initiative.lead, tx);
        if (role !== "owner" && role !== "editor") return { ok: false, error: "cannotActFor" } as const;
        // A draft is private to the lead: nobody is invited before it is published.
        if (initiative.status !== "open" && initiative.status !== "in_progress") return { ok: false, error: "notOpen" } as const;
        if (input.organisationId === initiative.lead) return { ok: false, error: "isLead" } as const;
        if (approvedOrganisationIds([input.organisationId], tx).length === 0) return { ok: false, error: "notOpen" } as const;
        const row = tx
          .insert(p)
          .values({ initiativeId, organisationId: input.organisationId, role: input.role, state: "invited", message: input.message, requestedBy: userId })
          .returning({ id: p.id })
          .get();
        return { ok: true, partnerId: row.id } as const;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "alreadyInvolved" } as const;
    throw error;
  }
}

/**
 * Answers a request or an invitation. A request is answered by the lead's owners/editors; an
 * invitation by the invited organisation's owners/editors.
 */
export function respondToPartnership(
  partnerId: number,
  userId: number,
  decision: "accept" | "decline",
  note?: string,
  initiativeId?: number,
) {
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ state: p.state, organisationId: p.organisationId, initiativeId: p.initiativeId, lead: i.leadOrganisationId })
        .from(p)
        .innerJoin(i, eq(i.id, p.initiativeId))
        .where(eq(p.id, partnerId))
        .get();
      if (!row || (initiativeId !== undefined && row.initiativeId !== initiativeId)) return { ok: false, error: "notPending" } as const;
      if (row.state !== "requested" && row.state !== "invited") return { ok: false, error: "notPending" } as const;
      const answeringOrg = row.state === "requested" ? row.lead : row.organisationId;
      const role = actingRole(userId, answeringOrg, tx);
      if (role !== "owner" && role !== "editor") return { ok: false, error: "cannotActFor" } as const;
      const now = new Date();
      tx.update(p)
        .set({
          state: decision === "accept" ? "active" : "declined",
          responseNote: note ?? null,
          respondedAt: now,
          joinedAt: decision === "accept" ? now : null,
        })
        .where(eq(p.id, partnerId))
        .run();
      return { ok: true, ...row } as const;
    },
    { behavior: "immediate" },
  );
}

/** A partner organisation leaves (its owners/editors decide). It may ask to join again later. */
export function leavePartnership(partnerId: number, userId: number, initiativeId?: number) {
  return db.transaction(
    (tx) => {
      const row = tx.select({ state: p.state, organisationId: p.organisationId, initiativeId: p.initiativeId }).from(p).where(eq(p.id, partnerId)).get();
      if (!row || row.state !== "active" || (initiativeId !== undefined && row.initiativeId !== initiativeId)) {
        return { ok: false, error: "notActive" } as const;
      }
      const role = actingRole(userId, row.organisationId, tx);
      if (role !== "owner" && role !== "editor") return { ok: false, error: "cannotActFor" } as const;
      tx.update(p).set({ state: "left", leftAt: new Date() }).where(eq(p.id, partnerId)).run();
      return { ok: true, ...row } as const;
    },
    { behavior: "immediate" },
  );
}

// ---- Progress ------------------------------------------------------------------------------

/** The lead or an active partner reports progress, with optional indicator values. */
export function postProgressUpdate(
  initiativeId: number,
  userId: number,
  input: { organisationId: number; reportedOn: string; body: string; indicators: Partial<Record<IndicatorCode, string>> },
) {
  return db.transaction(
    (tx) => {
      const initiative = tx.select({ status: i.status, lead: i.leadOrganisationId }).from(i).where(eq(i.id, initiativeId)).get();
      if (!initiative) return { ok: false, error: "notFound" } as const;
      if (initiative.status === "draft" || initiative.status === "cancelled") return { ok: false, error: "notOpen" } as const;
      if (!actingRole(userId, input.organisationId, tx)) return { ok: false, error: "cannotActFor" } as const;
      const isPartner =
        input.organisationId === initiative.lead ||
        Boolean(
          tx
            .select({ id: p.id })
            .from(p)
            .where(and(eq(p.initiativeId, initiativeId), eq(p.organisationId, input.organisationId), eq(p.state, "active")))
            .get(),
        );
      if (!isPartner) return { ok: false, error: "cannotActFor" } as const;
      const update = tx
        .insert(schema.initiativeUpdates)
        .values({ initiativeId, organisationId: input.organisationId, authorId: userId, reportedOn: input.reportedOn, body: input.body })
        .returning({ id: schema.initiativeUpdates.id })
        .get();
      for (const [code, text] of Object.entries(input.indicators) as Array<[IndicatorCode, string | undefined]>) {
        if (!text) continue;
        const value = toStoredIndicator(code, text);
        if (value === null) throw new Error(`unvalidated indicator ${code}`);
        tx.insert(schema.initiativeIndicatorValues).values({ updateId: update.id, initiativeId, indicator: code, value }).run();
      }
      return { ok: true, updateId: update.id } as const;
    },
    { behavior: "immediate" },
  );
}

export function setFollowing(initiativeId: number, userId: number, follow: boolean) {
  if (follow) {
    db.insert(schema.initiativeFollows).values({ initiativeId, userId }).onConflictDoNothing().run();
  } else {
    db.delete(schema.initiativeFollows)
      .where(and(eq(schema.initiativeFollows.initiativeId, initiativeId), eq(schema.initiativeFollows.userId, userId)))
      .run();
  }
}

/** People to tell about an initiative: its followers, and the owners/editors of the given organisations. */
export function audienceOf(initiativeId: number, organisationIds: number[]) {
  const followers = db
    .select({ userId: schema.initiativeFollows.userId })
    .from(schema.initiativeFollows)
    .where(eq(schema.initiativeFollows.initiativeId, initiativeId))
    .all()
    .map((r) => r.userId);
  return [...new Set([...followers, ...managerIds(organisationIds)])];
}
