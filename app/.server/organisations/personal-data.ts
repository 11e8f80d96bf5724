import { and, eq, or, sql } from "drizzle-orm";
import { db, schema, type Tx } from "#app/.server/db.ts";
import type { DataSubject, PersonalDataSource } from "#app/.server/personal-data.ts";

const m = schema.organisationMembers;
const o = schema.organisations;

/**
 * The organisations of which the person is the only owner, whatever their status: `{ slug, name
 * }[]` by name. Closing the account is refused while any is left (the team page hands ownership
 * over). One query over the person's memberships.
 */
export function organisationsOnlyOwnedBy(userId: number, reader: Pick<Tx, "select"> = db): Array<{ slug: string; name: string; suspended: boolean }> {
  return reader
    .select({ slug: o.slug, name: o.name, suspended: sql<boolean>`${o.status} = 'suspended'`.mapWith(Boolean) })
    .from(m)
    .innerJoin(o, eq(o.id, m.organisationId))
    .where(
      and(
        eq(m.userId, userId),
        eq(m.role, "owner"),
        sql`NOT EXISTS (SELECT 1 FROM ${m} other WHERE other.organisation_id = ${m.organisationId} AND other.role = 'owner' AND other.user_id <> ${userId})`,
      ),
    )
    .orderBy(o.nameKey)
    .all();
}

/**
 * `value` (an audit entry's changes) without the person (pure): strings holding their address
 * become "", a string that is their name (any case) becomes "", and a `userId` equal to theirs
 * becomes null.
 */
export function withoutPerson<T>(value: T, person: Pick<DataSubject, "id" | "email" | "name">): T {
  if (typeof value === "string") {
    // An address is specific enough to find inside text; a name only counts as a whole value
    // (a two-letter name must not cut "Lima" out of another organisation's description).
    if (value.toLowerCase().includes(person.email.toLowerCase())) return "" as T;
    return (person.name.trim() && value.trim().toLowerCase() === person.name.trim().toLowerCase() ? "" : value) as T;
  }
  if (Array.isArray(value)) return value.map((item) => withoutPerson(item, person)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, key === "userId" && item === person.id ? null : withoutPerson(item, person)]),
    ) as T;
  }
  return value;
}

/** Thrown inside the closure's transaction when the person is still an organisation's only owner. */
export class LastOwnerOfOrganisations extends Error {
  constructor(readonly organisations: Array<{ slug: string; name: string; suspended: boolean }>) {
    super("The person is the only owner of an organisation");
  }
}

/**
 * Organisations (issue 13): memberships (removed with the account), invitations the person sent
 * (kept for the organisation, without them) and those sent to their address (erased), Pact
 * signatures they signed, recorded or withdrew (kept: the organisation's public commitment; the
 * signer's name is blanked when it is the person's own), the organisations' audit entries of
 * their acts (kept without them).
 */
export const organisationsPersonalData: PersonalDataSource = {
  section: "organisations",
  references: [
    { table: m, column: m.userId, onClosure: "cascade" },
    {
      table: schema.organisationInvitations,
      column: schema.organisationInvitations.invitedBy,
      onClosure: "set-null",
      // Whom they invited is the invitee's data: the act, without the address.
      exportColumns: { organisationId: schema.organisationInvitations.organisationId, role: schema.organisationInvitations.role, createdAt: schema.organisationInvitations.createdAt, acceptedAt: schema.organisationInvitations.acceptedAt },
    },
    { table: schema.pactSignatures, column: schema.pactSignatures.signedBy, onClosure: "set-null" },
    {
      table: schema.pactSignatures,
      column: schema.pactSignatures.recordedBy,
      onClosure: "set-null",
      // A signature recorded for someone else's signing: the act, without the signer.
      exportColumns: { organisationId: schema.pactSignatures.organisationId, signedAt: schema.pactSignatures.signedAt },
    },
    {
      table: schema.pactSignatures,
      column: schema.pactSignatures.withdrawnBy,
      onClosure: "set-null",
      // A signature they withdrew may be someone else's: the act, without the signer.
      exportColumns: { organisationId: schema.pactSignatures.organisationId, withdrawnAt: schema.pactSignatures.withdrawnAt },
    },
    {
      table: schema.organisationAudit,
      column: schema.organisationAudit.actorId,
      onClosure: "set-null",
      // What they did, not the details (which may name the people they invited or moved).
      exportColumns: { organisationId: schema.organisationAudit.organisationId, action: schema.organisationAudit.action, createdAt: schema.organisationAudit.createdAt },
    },
  ],
  more: (reader, person) => ({
    organisations_with_your_address: reader
      .select({ slug: o.slug, name: o.name, contactEmail: o.contactEmail })
      .from(o)
      .where(eq(o.contactEmail, person.email))
      .all(),
    organisation_invitations_received: reader
      .select({
        organisationId: schema.organisationInvitations.organisationId,
        email: schema.organisationInvitations.email,
        role: schema.organisationInvitations.role,
        createdAt: schema.organisationInvitations.createdAt,
        expiresAt: schema.organisationInvitations.expiresAt,
      })
      .from(schema.organisationInvitations)
      .where(eq(schema.organisationInvitations.email, person.email))
      .all(),
  }),
  erase(tx, person) {
    const soleOwner = organisationsOnlyOwnedBy(person.id, tx);
    if (soleOwner.length > 0) throw new LastOwnerOfOrganisations(soleOwner);
    tx.delete(schema.organisationInvitations).where(eq(schema.organisationInvitations.email, person.email)).run();
    // Their address given as an organisation's contact is theirs: the organisation keeps none.
    tx.update(o).set({ contactEmail: null }).where(eq(o.contactEmail, person.email)).run();
    // The organisations' histories keep what happened, not who: the person's address (an
    // invitation), name (a Pact signed in their name) and id (a role changed) leave the entries.
    const a = schema.organisationAudit;
    const mentioning = tx
      .select({ id: a.id, changes: a.changes })
      .from(a)
      .where(
        or(
          sql`instr(${a.changes}, ${person.email}) > 0`,
          person.name.trim() ? sql`instr(${a.changes}, ${person.name}) > 0` : undefined,
          sql`instr(${a.changes}, ${`"userId":${person.id}`}) > 0`,
        ),
      )
      .all();
    for (const entry of mentioning) {
      const redacted = withoutPerson(entry.changes, person);
      if (JSON.stringify(redacted) !== JSON.stringify(entry.changes)) tx.update(a).set({ changes: redacted }).where(eq(a.id, entry.id)).run();
    }
    tx.update(schema.pactSignatures)
      .set({ signerName: "" })
      .where(
        and(
          eq(schema.pactSignatures.signedBy, person.id),
          sql`lower(trim(${schema.pactSignatures.signerName})) = lower(trim(${person.name}))`,
        ),
      )
      .run();
  },
};
