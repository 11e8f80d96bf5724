// Shared by discussions.test.ts, discussion-permissions.test.ts and discussion-queries.test.ts:
// the people around a discussion (issue 10) and the places threads hang on.
import { eq, sql } from "drizzle-orm";
import { assignMissingHandles } from "#app/.server/auth/index.ts";
import { db, schema } from "#app/.server/db.ts";
import "#app/.server/discussion-parents.ts";
import { createCategory, ensureDefaultCategories, startThread, suspendPoster } from "#app/.server/discussions/index.ts";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { changeInitiativeStatus } from "#app/.server/initiatives/mutations.ts";
import { eventInput } from "#tests/factories/events.ts";
import { makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson, type Person } from "./world.ts";

/** Re-reads a person's row (their handle is assigned after they are created). */
export function refresh(person: Person): Person {
  return { ...person, user: db.select().from(schema.users).where(eq(schema.users.id, person.user.id)).get()! };
}

/** A person whose account is older than a day (not under the new-account posting limit). */
export function makeSettledPerson(role: "member" | "coordinator" | "admin" = "member", verified = true) {
  const person = makePerson(role, verified);
  db.update(schema.users).set({ createdAt: new Date(Date.now() - 3 * 24 * 60 * 60 * 1000) }).where(eq(schema.users.id, person.user.id)).run();
  assignMissingHandles();
  return refresh(person);
}

export function categoryBySlug(slug: string) {
  return db.select().from(schema.discussionCategories).where(eq(schema.discussionCategories.slug, slug)).get()!;
}

export type DiscussionRole = "anonymous" | "unverified" | "member" | "author" | "suspended" | "orgSuspended" | "coordinator" | "admin";
export const DISCUSSION_ROLES: DiscussionRole[] = ["anonymous", "unverified", "member", "author", "suspended", "orgSuspended", "coordinator", "admin"];

let categories = 0;

/** A fresh forum category of its own (tests in one file share a database). */
export function makeCategory(coordinator: Person) {
  categories += 1;
  const name = `Tema de prueba ${categories} ${crypto.randomUUID().slice(0, 6)}`;
  const created = createCategory(coordinator.user, { nameEs: name, nameEn: name, descriptionEs: "", descriptionEn: "", coordinatorsOnly: false, position: 100 + categories });
  if (!created.ok) throw new Error(`could not create a category: ${created.reason}`);
  return db.select().from(schema.discussionCategories).where(eq(schema.discussionCategories.id, created.id)).get()!;
}

/**
 * The default categories; a category of its own (`general`) with a thread by `author` and its first post; and one of each
 * kind of person: an unconfirmed account, another member, someone suspended from posting, the
 * owner of a suspended organisation, a coordinator and an admin. Accounts are settled (older than
 * a day) so the new-account limit does not get in the way.
 */
export function makeDiscussionWorld() {
  ensureDefaultCategories();
  const announcements = categoryBySlug("anuncios");
  const coordinator = makeSettledPerson("coordinator");
  const general = makeCategory(coordinator);
  const people = {
    unverified: makeSettledPerson("member", false),
    member: makeSettledPerson(),
    author: makeSettledPerson(),
    suspended: makeSettledPerson(),
    orgSuspended: makeSettledPerson(),
    coordinator,
    admin: makeSettledPerson("admin"),
  };
  makeOrganisation(people.orgSuspended, "suspended");
  const suspension = suspendPoster(coordinator.user, people.suspended.user.handle!, new Date(Date.now() + 7 * 24 * 60 * 60 * 1000), "Spam repetido");
  if (!suspension.ok) throw new Error(`could not suspend: ${suspension.reason}`);
  const started = startThread(people.author.user, { kind: "category", categoryId: general.id }, { title: "Reciclaje de PET en Lima", body: "¿Quién recicla PET en Lima?" });
  if (!started.ok) throw new Error(`could not start a thread: ${started.reason}`);
  const userOf = (role: DiscussionRole) => (role === "anonymous" ? null : people[role].user);
  return { general, announcements, people, thread: started, userOf };
}

/** An open initiative (with its lead owner) and a published event (by a coordinator). */
export function makeParents() {
  const leadOwner = makeSettledPerson();
  const lead = makeOrganisation(leadOwner, "approved");
  const proposed = proposeInitiative(leadOwner.user.id, makeInitiativeInput(lead.id));
  if (!proposed.ok) throw new Error("could not propose");
  changeInitiativeStatus(proposed.initiative.id, leadOwner.user.id, "open");
  const draft = proposeInitiative(leadOwner.user.id, makeInitiativeInput(lead.id));
  if (!draft.ok) throw new Error("could not propose");
  const organiser = makeSettledPerson("coordinator");
  const event = createEvent(organiser.user.id, eventInput());
  publishEvent(event.id);
  const draftEvent = createEvent(organiser.user.id, eventInput());
  return { leadOwner, lead, initiative: proposed.initiative, draftInitiative: draft.initiative, event, draftEvent };
}

/**
 * Adds `count` posts after the last of a thread by direct insert (for size tests: the app's own
 * reply() would apply the posting limits), keeping the thread's counters as reply() does.
 */
export function addPosts(threadId: number, authorId: number, count: number) {
  db.transaction((tx) => {
    const thread = tx.select().from(schema.discussionThreads).where(eq(schema.discussionThreads.id, threadId)).get()!;
    const rows = Array.from({ length: count }, (_, i) => ({
      threadId,
      number: thread.lastPostNumber + i + 1,
      authorId,
      body: `Respuesta ${thread.lastPostNumber + i + 1}`,
      bodyHtml: `<p>Respuesta ${thread.lastPostNumber + i + 1}</p>\n`,
    }));
    for (let i = 0; i < rows.length; i += 500) tx.insert(schema.discussionPosts).values(rows.slice(i, i + 500)).run();
    tx.update(schema.discussionThreads)
      .set({ lastPostNumber: thread.lastPostNumber + count, replyCount: sql`${schema.discussionThreads.replyCount} + ${count}`, lastPostAt: new Date() })
      .where(eq(schema.discussionThreads.id, threadId))
      .run();
  });
}

/** The notifications of a kind a person received. */
export function notificationsOf(userId: number, type: string) {
  return db
    .select()
    .from(schema.notifications)
    .where(sql`${schema.notifications.userId} = ${userId} AND ${schema.notifications.type} = ${type}`)
    .all();
}
