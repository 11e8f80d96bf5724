import { eq } from "drizzle-orm";
import { hashPassword } from "#app/.server/auth/password.ts";
import { db, schema } from "#app/.server/db.ts";
import { suspendPoster } from "#app/.server/discussions/index.ts";
import { makeSettledPerson } from "#tests/integration/discussion-world.ts";
import { addMember, makeOrganisation, type Person } from "#tests/integration/world.ts";
import type { BuiltServer } from "../server.ts";
import { HttpClient } from "../client.ts";
import type { Role } from "./types.ts";
import { sessionTokenOf } from "./world.ts";

type Organisation = ReturnType<typeof makeOrganisation>;

/**
 * One person of a role, made fresh for one matrix case, with what the role means around them:
 * `home` is the organisation that makes them who they are — the one they own (owner,
 * otherOrgMember), edit (editor) or belong to (orgMember), or own while it is suspended
 * (suspendedOrgOwner); null for anonymous, coordinator, admin and suspendedUser (suspended from
 * posting in discussions for a week, in no organisation). A case's "own" resource belongs to
 * `home`; its "other" resource to a stranger. Fresh people mean an allowed write in one case
 * (closing the account, signing the Pact) cannot get in the way of the next.
 */
export type Actor = { role: Role; person: Person | null; home: Organisation | null };

/** The password every matrix person can be given (`withPassword`), for forms that ask for it again. */
export const ACTOR_PASSWORD = "Clave-de-prueba-2026";
let passwordHash: Promise<string> | undefined;

/** Gives the person a real password (ACTOR_PASSWORD); its hash is computed once per file. */
export async function withPassword(person: Person) {
  passwordHash ??= hashPassword(ACTOR_PASSWORD);
  db.update(schema.users).set({ passwordHash: await passwordHash }).where(eq(schema.users.id, person.user.id)).run();
}

let coordinatorForSuspensions: Person | undefined;

/** A fresh settled person (account older than a day, handle, privacy notice accepted, email confirmed). */
export const makeStranger = () => makeSettledPerson();

/** A fresh approved organisation of a stranger (the "other" resource of organisation-scoped cases). */
export const strangerOrganisation = (status: Parameters<typeof makeOrganisation>[1] = "approved") => makeOrganisation(makeStranger(), status);

/** A fresh actor of `role` (see Actor). */
export function makeActor(role: Role): Actor {
  switch (role) {
    case "anonymous":
      return { role, person: null, home: null };
    case "owner":
    case "otherOrgMember": {
      const person = makeSettledPerson();
      return { role, person, home: makeOrganisation(person, "approved") };
    }
    case "editor":
    case "orgMember": {
      const person = makeSettledPerson();
      const home = makeOrganisation(makeStranger(), "approved");
      addMember(home.id, person, role === "editor" ? "editor" : "member");
      return { role, person, home };
    }
    case "suspendedOrgOwner": {
      const person = makeSettledPerson();
      return { role, person, home: makeOrganisation(person, "suspended") };
    }
    case "suspendedUser": {
      const person = makeSettledPerson();
      coordinatorForSuspensions ??= makeSettledPerson("coordinator");
      const suspension = suspendPoster(coordinatorForSuspensions.user, person.user.handle!, new Date(Date.now() + 7 * 24 * 60 * 60 * 1000), "Spam repetido");
      if (!suspension.ok) throw new Error(`could not suspend: ${suspension.reason}`);
      return { role, person, home: null };
    }
    case "coordinator":
    case "admin":
      return { role, person: makeSettledPerson(role), home: null };
  }
}

/** The actor's browser on `server`: signed in with their session, or anonymous. */
export function clientOf(server: Pick<BuiltServer, "origin">, actor: Actor): HttpClient {
  return actor.person ? HttpClient.withSession(server, sessionTokenOf(actor.person)) : new HttpClient(server);
}

/** The actor's person, for cases that only apply to signed-in roles. */
export function personOf(actor: Actor): Person {
  if (!actor.person) throw new Error(`${actor.role} has no account`);
  return actor.person;
}

/** The actor's home organisation, for "own" cases. */
export function homeOf(actor: Actor): Organisation {
  if (!actor.home) throw new Error(`${actor.role} has no organisation of their own`);
  return actor.home;
}
