import { eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { suspendPoster } from "#app/.server/discussions/index.ts";
import type { BuiltServer } from "../server.ts";
import { HttpClient } from "../client.ts";
import { makeSettledPerson } from "#tests/integration/discussion-world.ts";
import { addMember, makeOrganisation, type Person } from "#tests/integration/world.ts";
import type { Role } from "./types.ts";

/** The token part of a world person's cookie (`session=<token>`), for the production cookie name. */
export const sessionTokenOf = (person: Person) => person.cookie.slice(person.cookie.indexOf("=") + 1);

/**
 * One of everyone the matrix asks about, around one approved organisation (`organisation`, the
 * "own" resource of owner/editor/orgMember) and another approved one (`otherOrganisation`, owned by
 * otherOrgMember): their accounts are settled (older than a day, with handles, privacy notice
 * accepted, email confirmed) and each has a live session. `suspendedOrgOwner` owns a suspended
 * organisation (`suspendedOrganisation`); `suspendedUser` is suspended from posting in
 * discussions for a week. Built with the features' own functions in the test process, on the
 * database the server serves.
 */
export function makeRoleWorld() {
  const coordinator = makeSettledPerson("coordinator");
  const people: Record<Exclude<Role, "anonymous">, Person> = {
    owner: makeSettledPerson(),
    editor: makeSettledPerson(),
    orgMember: makeSettledPerson(),
    otherOrgMember: makeSettledPerson(),
    suspendedOrgOwner: makeSettledPerson(),
    suspendedUser: makeSettledPerson(),
    coordinator,
    admin: makeSettledPerson("admin"),
  };
  const organisation = makeOrganisation(people.owner, "approved");
  addMember(organisation.id, people.editor, "editor");
  addMember(organisation.id, people.orgMember, "member");
  const otherOrganisation = makeOrganisation(people.otherOrgMember, "approved");
  const suspendedOrganisation = makeOrganisation(people.suspendedOrgOwner, "suspended");
  const suspendedUser = db.select().from(schema.users).where(eq(schema.users.id, people.suspendedUser.user.id)).get()!;
  const suspension = suspendPoster(coordinator.user, suspendedUser.handle!, new Date(Date.now() + 7 * 24 * 60 * 60 * 1000), "Spam repetido");
  if (!suspension.ok) throw new Error(`could not suspend: ${suspension.reason}`);
  return { people, organisation, otherOrganisation, suspendedOrganisation };
}

export type RoleWorld = ReturnType<typeof makeRoleWorld>;

/** A client for `role` on `server`: signed in with that person's session, or anonymous. */
export function clientFor(server: Pick<BuiltServer, "origin">, world: RoleWorld, role: Role): HttpClient {
  if (role === "anonymous") return new HttpClient(server);
  return HttpClient.withSession(server, sessionTokenOf(world.people[role]));
}
