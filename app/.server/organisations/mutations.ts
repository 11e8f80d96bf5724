import { and, count, eq, inArray, isNull, or } from "drizzle-orm";
import { findUserByEmail } from "#app/.server/auth/account.ts";
import { newSplitToken, parseSplitToken, secretMatches } from "#app/.server/auth/crypto.ts";
import { db, isUniqueViolation, schema, type Tx } from "#app/.server/db.ts";
import { uniqueSlug } from "#app/.server/slugs.ts";
import type { OrganisationProfile } from "#app/features/organisations/schemas.ts";
import { hasCompanySize, type MemberRole } from "#app/features/organisations/taxonomy.ts";
import { nameKey } from "#app/.server/names.ts";

const o = schema.organisations;

export type ProfileConflict = { ok: false; error: "rucTaken" | "nameTaken" };


/** Which unique field of another organisation a profile collides with, if any. */
function conflictingRows(tx: Tx, profile: Pick<OrganisationProfile, "name" | "ruc">, exceptId?: number) {
  const key = nameKey(profile.name);
  return tx
    .select({ id: o.id, ruc: o.ruc, nameKey: o.nameKey })
    .from(o)
    .where(profile.ruc ? or(eq(o.nameKey, key), eq(o.ruc, profile.ruc)) : eq(o.nameKey, key))
    .all()
    .filter((row) => row.id !== exceptId);
}

/** Which registration an organisation's rows collide with: its RUC first, then its name. */
function conflictKind(rows: ReturnType<typeof conflictingRows>, profile: Pick<OrganisationProfile, "name" | "ruc">) {
  if (profile.ruc && rows.some((row) => row.ruc === profile.ruc)) return "rucTaken" as const;
  if (rows.some((row) => row.nameKey === nameKey(profile.name))) return "nameTaken" as const;
  return null;
}

function findConflict(tx: Tx, profile: Pick<OrganisationProfile, "name" | "ruc">, exceptId?: number) {
  return conflictKind(conflictingRows(tx, profile, exceptId), profile);
}

/**
 * Whether an organisation an application collides with is already the applicant's own (they
 * applied before, then pressed Back and sent the form again): then the answer says so instead of
 * telling them to ask "its owner" for an invitation.
 */
function conflictIsOwn(tx: Tx, userId: number, rows: ReturnType<typeof conflictingRows>) {
  if (rows.length === 0) return false;
  const membership = tx
    .select({ id: schema.organisationMembers.organisationId })
    .from(schema.organisationMembers)
    .where(
      and(
        eq(schema.organisationMembers.userId, userId),
        inArray(schema.organisationMembers.organisationId, rows.map((row) => row.id)),
      ),
    )
    .get();
  return membership !== undefined;
}

function profileColumns(profile: OrganisationProfile) {
  return {
    name: profile.name,
    nameKey: nameKey(profile.name),
    acronym: profile.acronym || null,
    ruc: profile.ruc || null,
    actorType: profile.actorType,
    companySize: hasCompanySize(profile.actorType) ? (profile.companySize ?? null) : null,
    hqRegion: profile.hqRegion,
    description: profile.description ?? "",
    website: profile.website || null,
    contactEmail: profile.contactEmail || null,
    foundedYear: profile.foundedYear ?? null,
  };
}

function replaceTags(tx: Tx, organisationId: number, profile: OrganisationProfile) {
  tx.delete(schema.organisationRegions).where(eq(schema.organisationRegions.organisationId, organisationId)).run();
  tx.delete(schema.organisationRoadmaps).where(eq(schema.organisationRoadmaps.organisationId, organisationId)).run();
  tx.delete(schema.organisationValueChains)
    .where(eq(schema.organisationValueChains.organisationId, organisationId))
    .run();
  const regions = profile.operatingRegions.filter((r) => r !== profile.hqRegion);
  if (regions.length)
    tx.insert(schema.organisationRegions).values(regions.map((region) => ({ organisationId, region }))).run();
  if (profile.roadmaps.length)
    tx.insert(schema.organisationRoadmaps).values(profile.roadmaps.map((roadmap) => ({ organisationId, roadmap }))).run();
  if (profile.valueChains.length)
    tx.insert(schema.organisationValueChains)
      .values(profile.valueChains.map((valueChain) => ({ organisationId, valueChain })))
      .run();
}

function audit(tx: Tx, organisationId: number, actorId: number | null, action: string, changes: Record<string, unknown>) {
  tx.insert(schema.organisationAudit).values({ organisationId, actorId, action, changes }).run();
}

/**
 * A signed-in person applies for membership on behalf of an organisation: the organisation is
 * created `pending` with them as its owner. All in one transaction.
 */
export function applyForMembership(userId: number, profile: OrganisationProfile) {
  try {
    return db.transaction(
      (tx) => {
        const rows = conflictingRows(tx, profile);
        const conflict = conflictKind(rows, profile);
        if (conflict) return { ok: false, error: conflictIsOwn(tx, userId, rows) ? ("alreadyYours" as const) : conflict } as const;
        const organisation = tx
          .insert(o)
          .values({ ...profileColumns(profile), slug: uniqueSlug(tx, o, profile.name), status: "pending" })
          .returning({ id: o.id, slug: o.slug })
          .get();
        replaceTags(tx, organisation.id, profile);
        tx.insert(schema.organisationMembers).values({ organisationId: organisation.id, userId, role: "owner" }).run();
        audit(tx, organisation.id, userId, "applied", { profile });
        return { ok: true, organisation } as const;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "nameTaken" } as const;
    throw error;
  }
}

type Snapshot = Record<string, unknown>;

function diff(before: Snapshot, after: Snapshot) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = [before[key], after[key]];
  }
  return changes;
}

function currentSnapshot(tx: Tx, organisationId: number): Snapshot | null {
  const row = tx.select().from(o).where(eq(o.id, organisationId)).get();
  if (!row) return null;
  const list = <T>(rows: T[]) => rows.sort();
  return {
    name: row.name,
    acronym: row.acronym,
    ruc: row.ruc,
    actorType: row.actorType,
    companySize: row.companySize,
    hqRegion: row.hqRegion,
    description: row.description,
    website: row.website,
    contactEmail: row.contactEmail,
    foundedYear: row.foundedYear,
    operatingRegions: list(
      tx.select().from(schema.organisationRegions).where(eq(schema.organisationRegions.organisationId, organisationId)).all().map((r) => r.region),
    ),
    roadmaps: list(
      tx.select().from(schema.organisationRoadmaps).where(eq(schema.organisationRoadmaps.organisationId, organisationId)).all().map((r) => r.roadmap),
    ),
    valueChains: list(
      tx
        .select()
        .from(schema.organisationValueChains)
        .where(eq(schema.organisationValueChains.organisationId, organisationId))
        .all()
        .map((r) => r.valueChain),
    ),
  };
}

/**
 * Saves a profile edit, recording who changed what. A rejected organisation that is edited goes
 * back to the review queue (re-application).
 */
export function updateOrganisationProfile(organisationId: number, actorId: number, profile: OrganisationProfile) {
  try {
    return db.transaction(
      (tx) => {
        const before = currentSnapshot(tx, organisationId);
        if (!before) return { ok: false, error: "notFound" } as const;
        const conflict = findConflict(tx, profile, organisationId);
        if (conflict) return { ok: false, error: conflict } as const;
        const current = tx.select({ status: o.status }).from(o).where(eq(o.id, organisationId)).get()!;
        const reapplying = current.status === "rejected";
        tx.update(o)
          .set({
            ...profileColumns(profile),
            updatedAt: new Date(),
            ...(reapplying ? { status: "pending" as const, submittedAt: new Date(), statusReason: null } : {}),
          })
          .where(eq(o.id, organisationId))
          .run();
        replaceTags(tx, organisationId, profile);
        const after = currentSnapshot(tx, organisationId)!;
        const changes = diff(before, after);
        if (Object.keys(changes).length) audit(tx, organisationId, actorId, "edited", changes);
        if (reapplying) audit(tx, organisationId, actorId, "reapplied", {});
        return { ok: true, reapplied: reapplying, changed: Object.keys(changes) } as const;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "nameTaken" } as const;
    throw error;
  }
}

export type ReviewDecision = { decision: "approve" } | { decision: "reject"; reason: string };

/** A coordinator decides on a pending application. Only pending applications can be decided. */
export function reviewApplication(organisationId: number, coordinatorId: number, decision: ReviewDecision) {
  return db.transaction(
    (tx) => {
      const row = tx.select({ status: o.status }).from(o).where(eq(o.id, organisationId)).get();
      if (!row) return { ok: false, error: "notFound" } as const;
      if (row.status !== "pending") return { ok: false, error: "notPending" } as const;
      if (decision.decision === "approve") {
        tx.update(o).set({ status: "approved", approvedAt: new Date(), statusReason: null }).where(eq(o.id, organisationId)).run();
        audit(tx, organisationId, coordinatorId, "approved", {});
      } else {
        tx.update(o).set({ status: "rejected", statusReason: decision.reason }).where(eq(o.id, organisationId)).run();
        audit(tx, organisationId, coordinatorId, "rejected", { reason: decision.reason });
      }
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

/** Suspends an approved organisation (hidden, its team cannot act) or lifts the suspension. */
export function setSuspension(organisationId: number, coordinatorId: number, suspend: boolean, reason?: string) {
  return db.transaction(
    (tx) => {
      const row = tx.select({ status: o.status }).from(o).where(eq(o.id, organisationId)).get();
      if (!row) return { ok: false, error: "notFound" } as const;
      if (suspend ? row.status !== "approved" : row.status !== "suspended") return { ok: false, error: "badState" } as const;
      tx.update(o)
        .set({ status: suspend ? "suspended" : "approved", statusReason: suspend ? (reason ?? null) : null })
        .where(eq(o.id, organisationId))
        .run();
      audit(tx, organisationId, coordinatorId, suspend ? "suspended" : "reinstated", reason ? { reason } : {});
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

// ---- Team ----------------------------------------------------------------------------------

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function createInvitation(
  organisationId: number,
  invitedBy: number,
  input: { email: string; role: MemberRole },
  now = Date.now(),
) {
  const email = input.email.trim().toLowerCase();
  // Whose address it is, if anyone's, is asked of auth (which owns accounts and their addresses).
  const invitee = findUserByEmail(email);
  const { id, token, secretHash } = newSplitToken();
  return db.transaction(
    (tx) => {
      const alreadyMember = invitee
        ? tx
            .select({ n: count() })
            .from(schema.organisationMembers)
            .where(and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.userId, invitee.id)))
            .get()
        : undefined;
      if ((alreadyMember?.n ?? 0) > 0) return { ok: false, error: "alreadyMember" } as const;
      // A new invitation to the same address replaces the earlier one.
      tx.delete(schema.organisationInvitations)
        .where(
          and(
            eq(schema.organisationInvitations.organisationId, organisationId),
            eq(schema.organisationInvitations.email, email),
            isNull(schema.organisationInvitations.acceptedAt),
          ),
        )
        .run();
      tx.insert(schema.organisationInvitations)
        .values({ id, secretHash, organisationId, email, role: input.role, invitedBy, expiresAt: new Date(now + INVITATION_TTL_MS), createdAt: new Date(now) })
        .run();
      audit(tx, organisationId, invitedBy, "invited", { email, role: input.role });
      return { ok: true, token, email } as const;
    },
    { behavior: "immediate" },
  );
}

function findInvitation(tx: Tx | typeof db, token: string | null | undefined, now: number) {
  const parsed = parseSplitToken(token);
  if (!parsed) return null;
  const row = tx.select().from(schema.organisationInvitations).where(eq(schema.organisationInvitations.id, parsed.id)).get();
  if (!row || row.acceptedAt || row.expiresAt.getTime() <= now) return null;
  if (!secretMatches(parsed.secret, row.secretHash)) return null;
  return row;
}

export function peekInvitation(token: string | null | undefined, now = Date.now()) {
  const row = findInvitation(db, token, now);
  if (!row) return null;
  const organisation = db.select({ name: o.name, slug: o.slug, status: o.status }).from(o).where(eq(o.id, row.organisationId)).get();
  return organisation ? { ...row, organisation } : null;
}

/**
 * The signed-in person takes up an invitation: single use, before it expires. Whoever opens the
 * link joins (the link went to the invited address; a person may use another login address).
 */
export function acceptInvitation(token: string | null | undefined, userId: number, now = Date.now()) {
  return db.transaction(
    (tx) => {
      const row = findInvitation(tx, token, now);
      if (!row) return { ok: false, error: "invalid" } as const;
      const status = tx.select({ status: o.status }).from(o).where(eq(o.id, row.organisationId)).get()?.status;
      if (status !== "approved" && status !== "pending") return { ok: false, error: "invalid" } as const;
      tx.update(schema.organisationInvitations)
        .set({ acceptedAt: new Date(now) })
        .where(eq(schema.organisationInvitations.id, row.id))
        .run();
      const existing = tx
        .select({ role: schema.organisationMembers.role })
        .from(schema.organisationMembers)
        .where(and(eq(schema.organisationMembers.organisationId, row.organisationId), eq(schema.organisationMembers.userId, userId)))
        .get();
      if (!existing) {
        tx.insert(schema.organisationMembers).values({ organisationId: row.organisationId, userId, role: row.role }).run();
        audit(tx, row.organisationId, userId, "joined", { role: row.role });
      }
      const organisation = tx.select({ slug: o.slug, name: o.name }).from(o).where(eq(o.id, row.organisationId)).get()!;
      return { ok: true, organisation } as const;
    },
    { behavior: "immediate" },
  );
}

function ownerCount(tx: Tx, organisationId: number) {
  return (
    tx
      .select({ n: count() })
      .from(schema.organisationMembers)
      .where(and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.role, "owner")))
      .get()?.n ?? 0
  );
}

/** Changes a member's role. An organisation always keeps at least one owner. */
export function changeMemberRole(organisationId: number, actorId: number, userId: number, role: MemberRole) {
  return db.transaction(
    (tx) => {
      const member = tx
        .select({ role: schema.organisationMembers.role })
        .from(schema.organisationMembers)
        .where(and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.userId, userId)))
        .get();
      if (!member) return { ok: false, error: "notMember" } as const;
      if (member.role === "owner" && role !== "owner" && ownerCount(tx, organisationId) <= 1) {
        return { ok: false, error: "lastOwner" } as const;
      }
      tx.update(schema.organisationMembers)
        .set({ role })
        .where(and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.userId, userId)))
        .run();
      audit(tx, organisationId, actorId, "roleChanged", { userId, from: member.role, to: role });
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

/** Removes a member (or lets a member leave). The last owner cannot go. */
export function removeMember(organisationId: number, actorId: number, userId: number) {
  return db.transaction(
    (tx) => {
      const member = tx
        .select({ role: schema.organisationMembers.role })
        .from(schema.organisationMembers)
        .where(and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.userId, userId)))
        .get();
      if (!member) return { ok: false, error: "notMember" } as const;
      if (member.role === "owner" && ownerCount(tx, organisationId) <= 1) return { ok: false, error: "lastOwner" } as const;
      tx.delete(schema.organisationMembers)
        .where(and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.userId, userId)))
        .run();
      audit(tx, organisationId, actorId, "memberRemoved", { userId, role: member.role });
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

// ---- Pact ----------------------------------------------------------------------------------

export function signPact(
  organisationId: number,
  userId: number,
  input: { signerName: string; signerPosition: string },
  now = new Date(),
) {
  try {
    return db.transaction(
      (tx) => {
        tx.insert(schema.pactSignatures)
          .values({ organisationId, signerName: input.signerName, signerPosition: input.signerPosition, signedAt: now, signedBy: userId })
          .run();
        audit(tx, organisationId, userId, "pactSigned", { ...input });
        return { ok: true } as const;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    // The partial unique index allows one signature in force per organisation.
    if (isUniqueViolation(error)) return { ok: false, error: "alreadySigned" } as const;
    throw error;
  }
}

export function withdrawPact(organisationId: number, userId: number, now = new Date()) {
  return db.transaction(
    (tx) => {
      const changed = tx
        .update(schema.pactSignatures)
        .set({ withdrawnAt: now, withdrawnBy: userId })
        .where(and(eq(schema.pactSignatures.organisationId, organisationId), isNull(schema.pactSignatures.withdrawnAt)))
        .run().changes;
      if (changed === 0) return { ok: false, error: "notSigned" } as const;
      audit(tx, organisationId, userId, "pactWithdrawn", {});
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

/** A coordinator records a signature made outside the platform, with its original date. */
export function recordHistoricalSignature(
  organisationId: number,
  coordinatorId: number,
  input: { signerName: string; signerPosition: string; signedAt: Date },
) {
  try {
    return db.transaction(
      (tx) => {
        tx.insert(schema.pactSignatures)
          .values({ organisationId, ...input, recordedBy: coordinatorId })
          .run();
        audit(tx, organisationId, coordinatorId, "pactRecorded", {
          signerName: input.signerName,
          signerPosition: input.signerPosition,
          signedAt: input.signedAt.toISOString(),
        });
        return { ok: true } as const;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "alreadySigned" } as const;
    throw error;
  }
}

export function saveLogo(organisationId: number, actorId: number, image: Buffer, contentType: string, hash: string) {
  db.transaction(
    (tx) => {
      tx.insert(schema.organisationLogos)
        .values({ organisationId, image, contentType, hash })
        .onConflictDoUpdate({ target: schema.organisationLogos.organisationId, set: { image, contentType, hash } })
        .run();
      tx.update(o).set({ logoHash: hash, updatedAt: new Date() }).where(eq(o.id, organisationId)).run();
      audit(tx, organisationId, actorId, "logoChanged", { hash });
    },
    { behavior: "immediate" },
  );
}

