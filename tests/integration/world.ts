import { PRIVACY_NOTICE_VERSION } from "#app/features/privacy/version.ts";
import { eq } from "drizzle-orm";
import { createSession } from "#app/.server/auth/session.ts";
import { db, schema } from "#app/.server/db.ts";
import { applyForMembership, reviewApplication, setSuspension } from "#app/.server/organisations/index.ts";
import type { PlatformRole } from "#db/schema/auth.ts";
import type { MemberRole, OrganisationStatus } from "#app/features/organisations/taxonomy.ts";
import { makeOrganisationProfile } from "#tests/factories/organisations.ts";
import type { OrganisationProfile } from "#app/features/organisations/schemas.ts";

let seq = 0;

/** A person with a live session; `cookie` is what their browser would send. */
export function makePerson(role: PlatformRole = "member", verified = true) {
  seq += 1;
  const user = db
    .insert(schema.users)
    .values({
      email: `w${seq}-${crypto.randomUUID().slice(0, 6)}@prueba.pe`,
      name: `Persona ${seq}`,
      passwordHash: "not-used",
      role,
      emailVerifiedAt: verified ? new Date() : null,
      // As after sign-up: the privacy notice in force accepted (issue 13).
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    })
    .returning()
    .get();
  const { token } = createSession(user.id);
  return { user, cookie: `session=${token}` };
}

export type Person = ReturnType<typeof makePerson>;

/** An organisation in a given state, owned by `owner`, through the same mutations the app uses. */
export function makeOrganisation(owner: Person, status: OrganisationStatus = "approved", profile: Partial<OrganisationProfile> = {}) {
  const coordinator = makePerson("coordinator");
  const applied = applyForMembership(owner.user.id, makeOrganisationProfile(profile));
  if (!applied.ok) throw new Error(`could not create organisation: ${applied.error}`);
  const id = applied.organisation.id;
  if (status === "approved" || status === "suspended") reviewApplication(id, coordinator.user.id, { decision: "approve" });
  if (status === "rejected") reviewApplication(id, coordinator.user.id, { decision: "reject", reason: "Datos incompletos" });
  if (status === "suspended") setSuspension(id, coordinator.user.id, true, "Prueba");
  return db.select().from(schema.organisations).where(eq(schema.organisations.id, id)).get()!;
}

export function addMember(organisationId: number, person: Person, role: MemberRole) {
  db.insert(schema.organisationMembers).values({ organisationId, userId: person.user.id, role }).run();
}

export type Role = "anonymous" | "otherOrgMember" | "orgMember" | "editor" | "owner" | "coordinator" | "admin";
export const ROLES: Role[] = ["anonymous", "otherOrgMember", "orgMember", "editor", "owner", "coordinator", "admin"];

/**
 * One of everyone around an organisation in the given state: its owner, editor and member, a
 * member of another (approved) organisation, a coordinator, an admin, and nobody (anonymous).
 */
export function makeWorld(status: OrganisationStatus = "approved") {
  const owner = makePerson();
  const organisation = makeOrganisation(owner, status);
  const editor = makePerson();
  const orgMember = makePerson();
  addMember(organisation.id, editor, "editor");
  addMember(organisation.id, orgMember, "member");
  const otherOrgMember = makePerson();
  makeOrganisation(otherOrgMember, "approved");
  const people: Record<Exclude<Role, "anonymous">, Person> = {
    owner,
    editor,
    orgMember,
    otherOrgMember,
    coordinator: makePerson("coordinator"),
    admin: makePerson("admin"),
  };
  const cookieOf = (role: Role) => (role === "anonymous" ? undefined : people[role].cookie);
  return { organisation, people, cookieOf };
}
