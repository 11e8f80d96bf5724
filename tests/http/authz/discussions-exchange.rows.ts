import { asc, eq } from "drizzle-orm";
import sharp from "sharp";
import { db, schema } from "#app/.server/db.ts";
import "#app/.server/discussion-parents.ts";
import {
  archiveCategory,
  createCategory,
  flagPost,
  moderatePost,
  moderateThread,
  reply,
  setFollowingThread,
  startThread,
  suspendPoster,
} from "#app/.server/discussions/index.ts";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import {
  addListingPhoto,
  closeListing,
  createListing,
  expressInterest,
  inviteFacilitator,
  recordExchange,
  setListingHidden,
} from "#app/.server/exchange/index.ts";
import { issueFormToken } from "#app/.server/form-token.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { changeInitiativeStatus } from "#app/.server/initiatives/mutations.ts";
import { addDays, listingSchema } from "#app/features/exchange/schemas.ts";
import { limaDay } from "#app/i18n.ts";
import { eventInput } from "#tests/factories/events.ts";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { addPosts, makeCategory, makeSettledPerson } from "#tests/integration/discussion-world.ts";
import { makeInitiativeInput } from "#tests/integration/initiative-world.ts";
import type { Person } from "#tests/integration/world.ts";
import type { RoleWorld } from "./world.ts";
import { ROLES, type ActionKey, type Role } from "./types.ts";

// The authorisation matrix of the discussions and the resource exchange (issue 14): every action
// of app/routes/discussions.* and app/routes/exchange.* with every form `intent` it tells apart,
// tried by each of the nine roles on fresh rows — their own and someone else's thread or post, their
// organisation's listing and another's, a conversation they are party to and one they are not, a
// coordinators-only or archived category, moderation. Who may is derived from the rules
// (app/.server/discussions/permissions.ts, app/.server/exchange/permissions.ts and the mutations'
// checks), not from what the server answers. tests/http/authz-discussions-exchange.test.ts runs them
// against the built server and checks the database.

/** Everything a case sets up on: the file's role world and what it shares across cases. */
export type Fixtures = {
  world: RoleWorld;
  /** A settled person outside the nine roles: "someone else", who writes threads and posts. */
  author: Person;
  /** Another one, who flags posts so that a moderator has flags to dismiss. */
  flagger: Person;
  /** An open forum category, and a second one threads are moved to. */
  category: { id: number; slug: string };
  moveTarget: { id: number; slug: string };
  /** A forum category where only coordinators and admins start threads (as Announcements). */
  coordinatorsOnly: { id: number; slug: string };
};

/** One attempt's context: the fixtures, the role trying, the person behind it, a text unique to the case. */
export type Ctx = Fixtures & { role: Role; actor: Person | null; tag: string };

/** What one case sends, and how the database shows whether it took effect. */
export type Prepared = {
  path: string;
  form: Record<string, string> | FormData;
  /** Reads the rows the action would change (compared before and after: a refusal leaves them as they were). */
  probe: () => unknown;
  /** Whether the action's effect shows between the read before and the read after. */
  done: (before: unknown, after: unknown) => boolean;
};

export type Case = {
  /** The resource, in words ("someone else's post", "a conversation between the two organisations"). */
  variant: string;
  /** The roles this case applies to (default: all nine; "own" resources leave out anonymous). */
  roles?: readonly Role[];
  /** The roles the rules let do it; every other role must be refused. */
  allow: readonly Role[];
  prepare: (ctx: Ctx) => Prepared;
};

export type Row = { key: ActionKey; cases: Case[] };

/** A Prepared with its probe's type checked against `done`. */
function step<T>(prepared: { path: string; form: Record<string, string> | FormData; probe: () => T; done: (before: T, after: T) => boolean }): Prepared {
  return prepared as unknown as Prepared;
}

// ---- Who ---------------------------------------------------------------------------------------

const SIGNED_IN: readonly Role[] = ROLES.filter((role) => role !== "anonymous");
/** May post in discussions: signed in, confirmed, not suspended, no suspended organisation. */
const POSTERS: readonly Role[] = ["otherOrgMember", "orgMember", "editor", "owner", "coordinator", "admin"];
const MODERATORS: readonly Role[] = ["coordinator", "admin"];
/** The members of the two organisations of a conversation about `organisation`'s listing, opened by `otherOrganisation`. */
const PARTIES: readonly Role[] = ["otherOrgMember", "orgMember", "editor", "owner"];
/** Owners and editors of `organisation`. */
const MANAGERS: readonly Role[] = ["owner", "editor"];
const NOBODY: readonly Role[] = [];

// ---- Reads -------------------------------------------------------------------------------------

const t = schema.discussionThreads;
const p = schema.discussionPosts;
const l = schema.exchangeListings;

const threadRow = (id: number) => db.select().from(t).where(eq(t.id, id)).get()!;
const postRow = (id: number) => db.select().from(p).where(eq(p.id, id)).get()!;
const postsOf = (threadId: number) => db.select().from(p).where(eq(p.threadId, threadId)).orderBy(asc(p.number)).all();
const threadsTitled = (title: string) => db.select().from(t).where(eq(t.title, title)).all();
const reactionsOf = (postId: number) =>
  db.select().from(schema.discussionReactions).where(eq(schema.discussionReactions.postId, postId)).orderBy(asc(schema.discussionReactions.userId)).all();
const flagsOf = (postId: number) => db.select().from(schema.discussionFlags).where(eq(schema.discussionFlags.postId, postId)).orderBy(asc(schema.discussionFlags.id)).all();
const followsOf = (threadId: number) =>
  db.select().from(schema.discussionFollows).where(eq(schema.discussionFollows.threadId, threadId)).orderBy(asc(schema.discussionFollows.userId)).all();
const readsOf = (threadId: number) =>
  db.select().from(schema.discussionReads).where(eq(schema.discussionReads.threadId, threadId)).orderBy(asc(schema.discussionReads.userId)).all();
const suspensionsOf = (userId: number) =>
  db.select().from(schema.discussionSuspensions).where(eq(schema.discussionSuspensions.userId, userId)).orderBy(asc(schema.discussionSuspensions.id)).all();
const categoryRow = (id: number) => db.select().from(schema.discussionCategories).where(eq(schema.discussionCategories.id, id)).get()!;
const categoriesNamed = (name: string) => db.select().from(schema.discussionCategories).where(eq(schema.discussionCategories.nameEs, name)).all();
const listingRow = (id: number) => db.select().from(l).where(eq(l.id, id)).get()!;
const listingsTitled = (title: string) => db.select().from(l).where(eq(l.title, title)).all();
const photoIdsOf = (listingId: number) =>
  db.select({ id: schema.exchangeListingPhotos.id }).from(schema.exchangeListingPhotos).where(eq(schema.exchangeListingPhotos.listingId, listingId)).orderBy(asc(schema.exchangeListingPhotos.id)).all();
const exchangesOn = (listingId: number) => db.select().from(schema.exchanges).where(eq(schema.exchanges.listingId, listingId)).orderBy(asc(schema.exchanges.id)).all();
const exchangeRow = (id: number) => db.select().from(schema.exchanges).where(eq(schema.exchanges.id, id)).get()!;
const conversationsOn = (listingId: number) =>
  db.select().from(schema.exchangeConversations).where(eq(schema.exchangeConversations.listingId, listingId)).orderBy(asc(schema.exchangeConversations.id)).all();
const facilitatorsOf = (conversationId: number) =>
  db
    .select()
    .from(schema.exchangeConversationFacilitators)
    .where(eq(schema.exchangeConversationFacilitators.conversationId, conversationId))
    .orderBy(asc(schema.exchangeConversationFacilitators.userId))
    .all();
const auditOf = (listingId: number) => db.select().from(schema.exchangeAudit).where(eq(schema.exchangeAudit.listingId, listingId)).orderBy(asc(schema.exchangeAudit.id)).all();

const activeSuspension = (userId: number) => suspensionsOf(userId).some((s) => s.liftedAt === null && s.until.getTime() > Date.now());
const idOf = (actor: Person | null) => actor?.user.id ?? -1;

// ---- Discussions: fresh threads and posts --------------------------------------------------------

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`could not ${what}: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** A thread by someone else in the open category, with its first post and a reply by the author (two posts). */
function categoryThread(ctx: Ctx, categoryId = ctx.category.id) {
  const started = must(startThread(ctx.author.user, { kind: "category", categoryId }, { title: `Hilo ${ctx.tag}`, body: "¿Quién recicla PET en Lima?" }), "start a thread");
  const second = must(reply(ctx.author.user, started.threadId, { body: "Nosotros en Ate." }), "reply");
  return { threadId: started.threadId, firstPostId: started.postId, replyId: second.postId };
}

/**
 * A post by `person` in the thread: a reply as anyone writes it; for a person suspended from
 * posting, or a member of a suspended organisation, a post written before the suspension (inserted
 * as the thread's next post, as discussion-world's addPosts does).
 */
function postBy(person: Person, threadId: number): number {
  const written = reply(person.user, threadId, { body: "Mi aporte a la conversación." });
  if (written.ok) return written.postId;
  if (written.reason !== "suspended" && written.reason !== "organisation_suspended") throw new Error(`could not reply: ${written.reason}`);
  addPosts(threadId, person.user.id, 1);
  return postsOf(threadId).at(-1)!.id;
}

/**
 * What the cases share, made once per test file in the database the server serves: the two
 * helpers outside the roles, an open category, a second one to move threads to, and a
 * coordinators-only one.
 */
export function makeFixtures(world: RoleWorld): Fixtures {
  const coordinator = world.people.coordinator;
  const name = `Solo coordinación ${crypto.randomUUID().slice(0, 6)}`;
  const created = must(
    createCategory(coordinator.user, { nameEs: name, nameEn: name, descriptionEs: "", descriptionEn: "", coordinatorsOnly: true, position: 99 }),
    "create a category",
  );
  return {
    world,
    author: makeSettledPerson(),
    flagger: makeSettledPerson(),
    category: makeCategory(coordinator),
    moveTarget: makeCategory(coordinator),
    coordinatorsOnly: categoryRow(created.id),
  };
}

/**
 * A thread `person` started in the open category: through startThread as anyone starts one; for a
 * person suspended from posting, or a member of a suspended organisation, one they started before
 * the suspension (its thread and first post inserted as startThread writes them).
 */
function threadBy(ctx: Ctx, person: Person): number {
  const started = startThread(person.user, { kind: "category", categoryId: ctx.category.id }, { title: `Mi hilo ${ctx.tag}`, body: "Abro el tema." });
  if (started.ok) return started.threadId;
  if (started.reason !== "suspended" && started.reason !== "organisation_suspended") throw new Error(`could not start a thread: ${started.reason}`);
  const now = new Date();
  const thread = db
    .insert(t)
    .values({ categoryId: ctx.category.id, title: `Mi hilo ${ctx.tag}`, authorId: person.user.id, lastPostNumber: 1, lastPostAt: now, lastPostAuthorId: person.user.id, createdAt: now })
    .returning()
    .get();
  db.insert(p).values({ threadId: thread.id, number: 1, authorId: person.user.id, body: "Abro el tema.", bodyHtml: "<p>Abro el tema.</p>\n", createdAt: now }).run();
  return thread.id;
}

/** A fresh forum category made by the coordinator. */
const freshCategory = (ctx: Ctx) => makeCategory(ctx.world.people.coordinator);

// ---- Exchange: fresh listings and conversations ---------------------------------------------------

const today = () => limaDay(Date.now());

/** The listing form's fields, as the new-listing and edit pages post them. */
function listingFields(title: string, intent: "draft" | "publish" | "save") {
  return {
    intent,
    kind: "have",
    title,
    category: "agro_residues",
    description: "Cascarilla seca de molino, en sacos.",
    quantity: "3",
    unit: "t",
    frequency: "monthly",
    region: "LAM",
    availableFrom: today(),
    availableUntil: addDays(today(), 60),
    priceMode: "free",
  };
}

type Side = "organisation" | "otherOrganisation" | "suspendedOrganisation";

/**
 * A fresh listing of one of the world's organisations, published or a draft: through createListing
 * by its owner for the approved ones; for the suspended organisation, a listing it posted before
 * it was suspended (createListing refuses it now: makeListingRow, as the in-process matrix does).
 */
function listingOf(ctx: Ctx, side: Side, status: "published" | "draft" = "published") {
  const { world } = ctx;
  const title = `Cascarilla ${ctx.tag}`;
  if (side === "suspendedOrganisation") {
    return makeListingRow(world.suspendedOrganisation.id, {
      title,
      availableFrom: today(),
      availableUntil: addDays(today(), 60),
      status,
      publishedAt: status === "published" ? new Date() : null,
    });
  }
  const owner = side === "organisation" ? world.people.owner : world.people.otherOrgMember;
  const input = listingSchema().parse(listingFields(title, status === "published" ? "publish" : "draft"));
  const created = must(createListing(owner.user.id, world[side].id, input), "create a listing");
  return listingRow(created.id);
}

/** Roles that manage a side's listings (owners and editors of an approved organisation). */
const managersOf = (side: Side): readonly Role[] => (side === "organisation" ? MANAGERS : side === "otherOrganisation" ? ["otherOrgMember"] : NOBODY);

const SIDES: Array<{ side: Side; words: string }> = [
  { side: "organisation", words: "a listing of the organisation (owner's, editor's, member's)" },
  { side: "otherOrganisation", words: "a listing of the other organisation (otherOrgMember's)" },
  { side: "suspendedOrganisation", words: "a listing of the suspended organisation (suspendedOrgOwner's)" },
];

/**
 * A conversation about a published listing of `organisation`, opened by otherOrgMember for the
 * other organisation with "I'm interested": its thread has the first post by otherOrgMember.
 * `hidden`: the coordinators hid the listing afterwards. `facilitated`: the owner invited the
 * coordinator in.
 */
function conversation(ctx: Ctx, options: { hidden?: boolean; facilitated?: boolean } = {}) {
  const { people } = ctx.world;
  const listing = listingOf(ctx, "organisation");
  const opened = must(expressInterest(people.otherOrgMember.user, listing.id, { message: `Nos interesa ${ctx.tag}` }), "express interest");
  if (options.facilitated) must(inviteFacilitator(people.owner.user, opened.conversationId, people.coordinator.user.id), "invite a facilitator");
  if (options.hidden) must(setListingHidden(people.coordinator.user, listing.id, "hide", "Incumple las reglas"), "hide the listing");
  const firstPostId = postsOf(opened.threadId)[0]!.id;
  return { listing, conversationId: opened.conversationId, threadId: opened.threadId, firstPostId };
}

let png: Buffer | undefined;
/** A small real PNG (the server re-encodes uploads with sharp). */
async function pngBytes() {
  png ??= await sharp({ create: { width: 40, height: 30, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();
  return png;
}
/** Made once before the cases run (prepare is synchronous). */
export async function warmUp() {
  await pngBytes();
}

// ---- Discussions: the rows -----------------------------------------------------------------------

const threadPath = (threadId: number) => `/discussions/threads/${threadId}`;

/** The "start a thread" form on a category page (`intent` sent as the page's form does, or left out). */
function startInCategory(
  intent: "thread" | null,
  variant: string,
  allow: readonly Role[],
  category: (ctx: Ctx) => { id: number; slug: string },
  writingFor?: (ctx: Ctx) => number,
): Case {
  return {
    variant,
    allow,
    prepare: (ctx) => {
      const place = category(ctx);
      const title = `Tema ${ctx.tag}`;
      const organisationId = writingFor?.(ctx) ?? null;
      return step({
        path: `/discussions/c/${place.slug}`,
        form: {
          ...(intent ? { intent } : {}),
          formToken: issueFormToken(),
          title,
          body: "Propongo reunirnos el jueves.",
          ...(organisationId ? { organisationId: String(organisationId) } : {}),
        },
        probe: () => threadsTitled(title),
        done: (before, after) =>
          before.length === 0 && after.length === 1 && after[0]!.categoryId === place.id && after[0]!.authorId === idOf(ctx.actor) && after[0]!.organisationId === organisationId,
      });
    },
  };
}

function archivedCategory(ctx: Ctx) {
  const category = freshCategory(ctx);
  must(archiveCategory(ctx.world.people.coordinator.user, category.id, true), "archive a category");
  return category;
}

/** The "start a thread" form on a parent's threads page. */
function startOnParent(intent: "thread" | null, variant: string, allow: readonly Role[], parent: (ctx: Ctx) => { type: string; id: number }): Case {
  return {
    variant,
    allow,
    prepare: (ctx) => {
      const place = parent(ctx);
      const title = `Tema ${ctx.tag}`;
      return step({
        path: `/discussions/on/${place.type}/${place.id}`,
        form: { ...(intent ? { intent } : {}), formToken: issueFormToken(), title, body: "¿Cómo participamos?" },
        probe: () => threadsTitled(title),
        done: (before, after) =>
          before.length === 0 && after.length === 1 && after[0]!.parentType === place.type && after[0]!.parentId === place.id && after[0]!.authorId === idOf(ctx.actor),
      });
    },
  };
}

/** An open initiative led by the other organisation. */
function openInitiative(ctx: Ctx) {
  const lead = ctx.world.people.otherOrgMember;
  const proposed = must(proposeInitiative(lead.user.id, makeInitiativeInput(ctx.world.otherOrganisation.id)), "propose an initiative");
  must(changeInitiativeStatus(proposed.initiative.id, lead.user.id, "open"), "open the initiative");
  return { type: "initiative", id: proposed.initiative.id };
}

/** A draft initiative of the organisation (its team sees it; nobody discusses drafts). */
function draftInitiative(ctx: Ctx) {
  const proposed = must(proposeInitiative(ctx.world.people.owner.user.id, makeInitiativeInput(ctx.world.organisation.id)), "propose an initiative");
  return { type: "initiative", id: proposed.initiative.id };
}

function publishedEvent(ctx: Ctx) {
  const event = createEvent(ctx.world.people.coordinator.user.id, eventInput());
  must(publishEvent(event.id), "publish an event");
  return { type: "event", id: event.id };
}

/** A post-level form on the thread page about one post, with the probe of that post's rows. */
function onPost<T>(
  intent: string,
  variant: string,
  options: { roles?: readonly Role[]; allow: readonly Role[] },
  setup: (ctx: Ctx) => { threadId: number; postId: number },
  extra: (ctx: Ctx, postId: number) => Record<string, string>,
  probe: (postId: number) => T,
  done: (before: T, after: T, ctx: Ctx) => boolean,
): Case {
  return {
    variant,
    ...options,
    prepare: (ctx) => {
      const { threadId, postId } = setup(ctx);
      return step({
        path: threadPath(threadId),
        form: { intent, postId: String(postId), ...extra(ctx, postId) },
        probe: () => probe(postId),
        done: (before, after) => done(before, after, ctx),
      });
    },
  };
}

/** Someone else's post (the author's reply) in a fresh category thread. */
const othersPost = (ctx: Ctx) => {
  const thread = categoryThread(ctx);
  return { threadId: thread.threadId, postId: thread.replyId };
};
/** The acting person's own post in someone else's fresh thread. */
const ownPost = (ctx: Ctx) => {
  const thread = categoryThread(ctx);
  return { threadId: thread.threadId, postId: postBy(ctx.actor!, thread.threadId) };
};
/** Someone else's post in a conversation between the two organisations (the opener's first post). */
const conversationPost = (ctx: Ctx) => {
  const found = conversation(ctx);
  return { threadId: found.threadId, postId: found.firstPostId };
};

/** A conversation's post, sent through the address of an unrelated forum thread (the post's own thread decides). */
const conversationPostViaForum = (ctx: Ctx) => ({ threadId: forumThread(ctx), postId: conversationPost(ctx).postId });

const hidePostCases = (intent: "hide-post"): Case[] => [
  onPost(intent, "someone else's post in a forum thread", { allow: MODERATORS }, othersPost, () => ({ note: "" }), postRow, (b, a) => b.hiddenAt === null && a.hiddenAt !== null),
  onPost(
    intent,
    "a post in a private conversation no coordinator was invited to",
    { allow: NOBODY },
    conversationPost,
    () => ({ note: "" }),
    postRow,
    (b, a) => b.hiddenAt === null && a.hiddenAt !== null,
  ),
  onPost(
    intent,
    "a post in a conversation the coordinator was invited to facilitate",
    { allow: ["coordinator"] },
    (ctx) => {
      const found = conversation(ctx, { facilitated: true });
      return { threadId: found.threadId, postId: found.firstPostId };
    },
    () => ({ note: "" }),
    postRow,
    (b, a) => b.hiddenAt === null && a.hiddenAt !== null,
  ),
  onPost(
    intent,
    "a post of a conversation no coordinator was invited to, sent through a forum thread's address",
    { allow: NOBODY },
    conversationPostViaForum,
    () => ({ note: "" }),
    postRow,
    (b, a) => b.hiddenAt === null && a.hiddenAt !== null,
  ),
];

const restorePostCase = (intent: "restore-post"): Case =>
  onPost(
    intent,
    "a post a coordinator hid",
    { allow: MODERATORS },
    (ctx) => {
      const post = othersPost(ctx);
      must(moderatePost(ctx.world.people.coordinator.user, post.postId, "hide", ""), "hide a post");
      return post;
    },
    () => ({ note: "" }),
    postRow,
    (b, a) => b.hiddenAt !== null && a.hiddenAt === null,
  );

const dismissFlagsCase = (intent: "dismiss-flags"): Case =>
  onPost(
    intent,
    "a flagged post",
    { allow: MODERATORS },
    (ctx) => {
      const post = othersPost(ctx);
      must(flagPost(ctx.flagger.user, post.postId, "spam", "Publicidad"), "flag a post");
      return post;
    },
    () => ({ note: "" }),
    (postId) => ({ post: postRow(postId), flags: flagsOf(postId) }),
    (b, a) => b.post.openFlagCount > 0 && a.post.openFlagCount === 0 && a.flags.every((f) => f.reviewedAt !== null),
  );

/** A thread-wide coordinator form (lock, pin, hide…) on a thread set up by `setup`. */
function onThread(
  intent: string,
  variant: string,
  allow: readonly Role[],
  setup: (ctx: Ctx) => number,
  done: (before: ReturnType<typeof threadRow>, after: ReturnType<typeof threadRow>) => boolean,
  extra: (ctx: Ctx) => Record<string, string> = () => ({ note: "" }),
): Case {
  return {
    variant,
    allow,
    prepare: (ctx) => {
      const threadId = setup(ctx);
      return step({ path: threadPath(threadId), form: { intent, ...extra(ctx) }, probe: () => threadRow(threadId), done });
    },
  };
}

const forumThread = (ctx: Ctx) => categoryThread(ctx).threadId;
const moderated = (action: "lock" | "pin" | "hide") => (ctx: Ctx) => {
  const threadId = forumThread(ctx);
  must(moderateThread(ctx.world.people.coordinator.user, threadId, action, ""), `${action} a thread`);
  return threadId;
};

/** A fresh settled member with a handle, to be suspended. */
const target = () => makeSettledPerson();

const suspendDone = (userId: () => number) => (before: ReturnType<typeof suspensionsOf>, after: ReturnType<typeof suspensionsOf>) =>
  after.length === before.length + 1 && activeSuspension(userId());

/** The moderation page's and the thread page's suspension form, on a fresh person (`who`). */
function suspendCase(variant: string, allow: readonly Role[], path: (ctx: Ctx) => string, who: (ctx: Ctx) => Person): Case {
  return {
    variant,
    allow,
    prepare: (ctx) => {
      const person = who(ctx);
      return step({
        path: path(ctx),
        form: { intent: "suspend", handle: `@${person.user.handle}`, days: "3", reason: "Spam repetido" },
        probe: () => suspensionsOf(person.user.id),
        done: suspendDone(() => person.user.id),
      });
    },
  };
}

const discussionRows: Row[] = [
  {
    // The "start a thread" actions read no intent (the page's form sends intent=thread, which they
    // ignore): one key each, with and without the field.
    key: { route: "discussions.c.$slug", intent: null },
    cases: [
      startInCategory("thread", "an open forum category", POSTERS, (ctx) => ctx.category),
      startInCategory(null, "an open forum category, no intent field", POSTERS, (ctx) => ctx.category),
      startInCategory("thread", "a coordinators-only category", MODERATORS, (ctx) => ctx.coordinatorsOnly),
      startInCategory("thread", "an archived category", NOBODY, archivedCategory),
      // Writing "for" an organisation (shown beside the name) is for those who act for it, any role.
      startInCategory("thread", "an open category, writing for the organisation", ["orgMember", "editor", "owner"], (ctx) => ctx.category, (ctx) => ctx.world.organisation.id),
    ],
  },
  {
    key: { route: "discussions.on.$type.$id", intent: null },
    cases: [
      startOnParent("thread", "an open initiative of the other organisation", POSTERS, openInitiative),
      startOnParent(null, "a published event, no intent field", POSTERS, publishedEvent),
      startOnParent("thread", "a draft initiative of the organisation", NOBODY, draftInitiative),
      startOnParent("thread", "a conversation between the two organisations", PARTIES, (ctx) => ({ type: "exchange_conversation", id: conversation(ctx).conversationId })),
      startOnParent("thread", "a conversation the coordinator was invited to facilitate", [...PARTIES, "coordinator"], (ctx) => ({
        type: "exchange_conversation",
        id: conversation(ctx, { facilitated: true }).conversationId,
      })),
      startOnParent("thread", "a conversation about a listing the coordinators hid", NOBODY, (ctx) => ({
        type: "exchange_conversation",
        id: conversation(ctx, { hidden: true }).conversationId,
      })),
    ],
  },
  {
    key: { route: "discussions.categories", intent: "create" },
    cases: [
      {
        variant: "a new category",
        allow: MODERATORS,
        prepare: (ctx) => {
          const name = `Categoría ${ctx.tag}`;
          return step({
            path: "/discussions/categories",
            form: { intent: "create", formToken: issueFormToken(), nameEs: name, nameEn: name, descriptionEs: "", descriptionEn: "", position: "50" },
            probe: () => categoriesNamed(name),
            done: (before, after) => before.length === 0 && after.length === 1,
          });
        },
      },
    ],
  },
  {
    key: { route: "discussions.categories", intent: "update" },
    cases: [
      {
        variant: "an existing category",
        allow: MODERATORS,
        prepare: (ctx) => {
          const category = freshCategory(ctx);
          const name = `Renombrada ${ctx.tag}`;
          return step({
            path: "/discussions/categories",
            form: { intent: "update", id: String(category.id), nameEs: name, nameEn: name, descriptionEs: "", descriptionEn: "", position: "60" },
            probe: () => categoryRow(category.id),
            done: (_, after) => after.nameEs === name,
          });
        },
      },
    ],
  },
  ...(["archive", "unarchive"] as const).map(
    (intent): Row => ({
      key: { route: "discussions.categories", intent },
      cases: [
        {
          variant: intent === "archive" ? "an open category" : "an archived category",
          allow: MODERATORS,
          prepare: (ctx) => {
            const category = intent === "archive" ? freshCategory(ctx) : archivedCategory(ctx);
            return step({
              path: "/discussions/categories",
              form: { intent, id: String(category.id) },
              probe: () => categoryRow(category.id),
              done: (before, after) => (intent === "archive" ? before.archivedAt === null && after.archivedAt !== null : before.archivedAt !== null && after.archivedAt === null),
            });
          },
        },
      ],
    }),
  ),
  {
    key: { route: "discussions.moderation", intent: "suspend" },
    cases: [
      suspendCase("a member, by handle", MODERATORS, () => "/discussions/moderation", target),
      // Coordinators and admins cannot be suspended, by anyone.
      suspendCase("a coordinator, by handle", NOBODY, () => "/discussions/moderation", () => makeSettledPerson("coordinator")),
    ],
  },
  {
    key: { route: "discussions.moderation", intent: "lift-suspension" },
    cases: [
      {
        variant: "a suspended member",
        allow: MODERATORS,
        prepare: (ctx) => {
          const person = target();
          must(suspendPoster(ctx.world.people.coordinator.user, person.user.handle!, new Date(Date.now() + 7 * 86_400_000), "Spam"), "suspend");
          return step({
            path: "/discussions/moderation",
            form: { intent: "lift-suspension", userId: String(person.user.id) },
            probe: () => suspensionsOf(person.user.id),
            done: (before, after) => before.some((s) => s.liftedAt === null) && after.every((s) => s.liftedAt !== null),
          });
        },
      },
      {
        variant: "their own suspension",
        roles: ["suspendedUser"],
        allow: NOBODY,
        prepare: (ctx) =>
          step({
            path: "/discussions/moderation",
            form: { intent: "lift-suspension", userId: String(ctx.actor!.user.id) },
            probe: () => suspensionsOf(ctx.actor!.user.id),
            done: (before, after) => before.some((s) => s.liftedAt === null) && after.every((s) => s.liftedAt !== null),
          }),
      },
    ],
  },
  ...(["hide-post", "restore-post", "dismiss-flags"] as const).map(
    (intent): Row => ({
      key: { route: "discussions.moderation", intent },
      cases: (intent === "hide-post" ? hidePostCases(intent) : intent === "restore-post" ? [restorePostCase(intent)] : [dismissFlagsCase(intent)]).map((c) => ({
        ...c,
        // The moderation queue posts to its own page.
        prepare: (ctx: Ctx) => ({ ...c.prepare(ctx), path: "/discussions/moderation" }),
      })),
    }),
  ),
  {
    key: { route: "discussions.threads.$id", intent: "reply" },
    cases: (
      [
        ["someone else's forum thread", POSTERS, forumThread],
        ["a locked thread", NOBODY, moderated("lock")],
        ["a thread the coordinators hid", MODERATORS, moderated("hide")],
        ["a thread in a category archived since", NOBODY, threadInArchivedCategory],
        ["a conversation between the two organisations", PARTIES, (ctx: Ctx) => conversation(ctx).threadId],
        // An invited facilitator takes part: they read and write there (the admin, not invited, does not).
        ["a conversation the coordinator was invited to facilitate", [...PARTIES, "coordinator"], (ctx: Ctx) => conversation(ctx, { facilitated: true }).threadId],
        ["a conversation about a listing the coordinators hid", NOBODY, (ctx: Ctx) => conversation(ctx, { hidden: true }).threadId],
      ] as const
    ).map(
      ([variant, allow, setup]): Case => ({
        variant,
        allow,
        prepare: (ctx) => {
          const threadId = setup(ctx);
          const body = `Respuesta ${ctx.tag}`;
          return step({
            path: threadPath(threadId),
            form: { intent: "reply", formToken: issueFormToken(), body },
            probe: () => postsOf(threadId),
            done: (before, after) => after.length === before.length + 1 && after.at(-1)!.authorId === idOf(ctx.actor) && after.at(-1)!.body === body,
          });
        },
      }),
    ),
  },
  {
    key: { route: "discussions.threads.$id", intent: "edit" },
    cases: (
      [
        ["their own post", SIGNED_IN, POSTERS, ownPost],
        ["someone else's post", ROLES, NOBODY, othersPost],
        [
          "their own post in a locked thread",
          SIGNED_IN,
          NOBODY,
          (ctx: Ctx) => {
            const post = ownPost(ctx);
            must(moderateThread(ctx.world.people.coordinator.user, post.threadId, "lock", ""), "lock");
            return post;
          },
        ],
        // A place that takes no more posts takes no edits either (editing is writing, and an edit
        // can mention people): a conversation closed because the coordinators hid its listing, a
        // category archived since.
        [
          "their own post in a conversation whose listing the coordinators hid since",
          PARTIES,
          NOBODY,
          (ctx: Ctx) => {
            const found = conversation(ctx);
            const postId = postBy(ctx.actor!, found.threadId);
            must(setListingHidden(ctx.world.people.coordinator.user, found.listing.id, "hide", "Incumple las reglas"), "hide the listing");
            return { threadId: found.threadId, postId };
          },
        ],
        [
          "their own post in a thread of a category archived since",
          SIGNED_IN,
          NOBODY,
          (ctx: Ctx) => {
            const category = freshCategory(ctx);
            const { threadId } = categoryThread(ctx, category.id);
            const postId = postBy(ctx.actor!, threadId);
            must(archiveCategory(ctx.world.people.coordinator.user, category.id, true), "archive a category");
            return { threadId, postId };
          },
        ],
      ] as const
    ).map(([variant, roles, allow, setup]) =>
      onPost(
        "edit",
        variant,
        { roles, allow },
        setup,
        (ctx) => ({ body: `Texto corregido ${ctx.tag}` }),
        postRow,
        (before, after, ctx) => before.body !== after.body && after.body === `Texto corregido ${ctx.tag}`,
      ),
    ),
  },
  {
    key: { route: "discussions.threads.$id", intent: "delete" },
    cases: [
      // Deleting is not posting: a suspended person may still take their own words back.
      onPost("delete", "their own post", { roles: SIGNED_IN, allow: SIGNED_IN }, ownPost, () => ({}), postRow, (b, a) => b.deletedAt === null && a.deletedAt !== null),
      onPost("delete", "someone else's post", { allow: NOBODY }, othersPost, () => ({}), postRow, (b, a) => b.deletedAt === null && a.deletedAt !== null),
    ],
  },
  {
    key: { route: "discussions.threads.$id", intent: "react" },
    cases: (
      [
        ["someone else's post", ROLES, POSTERS, othersPost],
        ["their own post", SIGNED_IN, POSTERS, ownPost],
        [
          "a post a coordinator hid",
          ROLES,
          NOBODY,
          (ctx: Ctx) => {
            const post = othersPost(ctx);
            must(moderatePost(ctx.world.people.coordinator.user, post.postId, "hide", ""), "hide a post");
            return post;
          },
        ],
        ["a post in a conversation between the two organisations", ROLES, PARTIES, conversationPost],
        ["a conversation's post, sent through a forum thread's address", ROLES, PARTIES, conversationPostViaForum],
      ] as const
    ).map(([variant, roles, allow, setup]) =>
      onPost(
        "react",
        variant,
        { roles, allow },
        setup,
        () => ({ reaction: "thumbs_up" }),
        reactionsOf,
        (before, after, ctx) => after.length === before.length + 1 && after.some((r) => r.userId === idOf(ctx.actor) && r.reaction === "thumbs_up"),
      ),
    ),
  },
  {
    key: { route: "discussions.threads.$id", intent: "flag" },
    cases: (
      [
        // Flagging is not posting: suspended people may still report; nobody flags their own post.
        ["someone else's post", ROLES, SIGNED_IN, othersPost],
        ["their own post", SIGNED_IN, NOBODY, ownPost],
        ["a post in a conversation between the two organisations, not their own", ROLES, ["orgMember", "editor", "owner"], conversationPost],
        ["a conversation's post, sent through a forum thread's address", ROLES, ["orgMember", "editor", "owner"], conversationPostViaForum],
      ] as const
    ).map(([variant, roles, allow, setup]) =>
      onPost(
        "flag",
        variant,
        { roles, allow },
        setup,
        () => ({ reason: "spam", note: "" }),
        flagsOf,
        (before, after, ctx) => after.length === before.length + 1 && after.at(-1)!.userId === idOf(ctx.actor),
      ),
    ),
  },
  {
    key: { route: "discussions.threads.$id", intent: "follow" },
    cases: (
      [
        ["a forum thread", SIGNED_IN, forumThread],
        ["a thread the coordinators hid", MODERATORS, moderated("hide")],
        ["a conversation between the two organisations", PARTIES, (ctx: Ctx) => conversation(ctx).threadId],
        ["a conversation the coordinator was invited to facilitate", [...PARTIES, "coordinator"], (ctx: Ctx) => conversation(ctx, { facilitated: true }).threadId],
      ] as const
    ).map(
      ([variant, allow, setup]): Case => ({
        variant,
        allow,
        prepare: (ctx) => {
          const threadId = setup(ctx);
          // Whoever started it follows it already: start from not following.
          if (ctx.actor) setFollowingThread(ctx.actor.user.id, threadId, false);
          return step({
            path: threadPath(threadId),
            form: { intent: "follow" },
            probe: () => followsOf(threadId),
            done: (before, after) => !before.some((f) => f.userId === idOf(ctx.actor)) && after.some((f) => f.userId === idOf(ctx.actor)),
          });
        },
      }),
    ),
  },
  {
    key: { route: "discussions.threads.$id", intent: "unfollow" },
    cases: (
      [
        ["a forum thread they follow", SIGNED_IN, forumThread],
        ["a conversation between the two organisations they follow", PARTIES, (ctx: Ctx) => conversation(ctx).threadId],
      ] as const
    ).map(
      ([variant, allow, setup]): Case => ({
        variant,
        allow,
        prepare: (ctx) => {
          const threadId = setup(ctx);
          if (ctx.actor) setFollowingThread(ctx.actor.user.id, threadId, true);
          return step({
            path: threadPath(threadId),
            form: { intent: "unfollow" },
            probe: () => followsOf(threadId),
            done: (before, after) => before.some((f) => f.userId === idOf(ctx.actor)) && !after.some((f) => f.userId === idOf(ctx.actor)),
          });
        },
      }),
    ),
  },
  ...(["read", "mark-read"] as const).map(
    (intent): Row => ({
      key: { route: "discussions.threads.$id", intent },
      cases: (
        [
          ["a forum thread of two posts they have not read", SIGNED_IN, forumThread],
          [
            "a conversation between the two organisations, two posts",
            PARTIES,
            (ctx: Ctx) => {
              const found = conversation(ctx);
              // A second post nobody has read yet (its author's own mark would already be there).
              addPosts(found.threadId, ctx.world.people.owner.user.id, 1);
              return found.threadId;
            },
          ],
        ] as const
      ).map(
        ([variant, allow, setup]): Case => ({
          variant,
          allow,
          prepare: (ctx) => {
            const threadId = setup(ctx);
            const mark = (rows: ReturnType<typeof readsOf>) => rows.find((r) => r.userId === idOf(ctx.actor))?.lastReadNumber ?? 0;
            return step({
              path: threadPath(threadId),
              form: { intent, upTo: "2" },
              probe: () => readsOf(threadId),
              done: (before, after) => mark(before) < 2 && mark(after) === 2,
            });
          },
        }),
      ),
    }),
  ),
  {
    key: { route: "discussions.threads.$id", intent: "lock" },
    cases: [
      onThread("lock", "a forum thread", MODERATORS, forumThread, (b, a) => b.lockedAt === null && a.lockedAt !== null),
      // Starting a thread gives no say over it: only coordinators and admins moderate.
      { ...onThread("lock", "their own forum thread", MODERATORS, (ctx) => threadBy(ctx, ctx.actor!), (b, a) => b.lockedAt === null && a.lockedAt !== null), roles: SIGNED_IN },
      onThread("lock", "a conversation no coordinator was invited to", NOBODY, (ctx) => conversation(ctx).threadId, (b, a) => b.lockedAt === null && a.lockedAt !== null),
      // A party invited the coordinator (not the admin): they moderate there as anywhere.
      onThread(
        "lock",
        "a conversation the coordinator was invited to facilitate",
        ["coordinator"],
        (ctx) => conversation(ctx, { facilitated: true }).threadId,
        (b, a) => b.lockedAt === null && a.lockedAt !== null,
      ),
    ],
  },
  {
    key: { route: "discussions.threads.$id", intent: "unlock" },
    cases: [onThread("unlock", "a locked forum thread", MODERATORS, moderated("lock"), (b, a) => b.lockedAt !== null && a.lockedAt === null)],
  },
  {
    key: { route: "discussions.threads.$id", intent: "pin" },
    cases: [
      onThread("pin", "a forum thread", MODERATORS, forumThread, (b, a) => !b.pinned && a.pinned),
      { ...onThread("pin", "their own forum thread", MODERATORS, (ctx) => threadBy(ctx, ctx.actor!), (b, a) => !b.pinned && a.pinned), roles: SIGNED_IN },
    ],
  },
  {
    key: { route: "discussions.threads.$id", intent: "unpin" },
    cases: [onThread("unpin", "a pinned forum thread", MODERATORS, moderated("pin"), (b, a) => b.pinned && !a.pinned)],
  },
  {
    key: { route: "discussions.threads.$id", intent: "hide-thread" },
    cases: [
      onThread("hide-thread", "a forum thread", MODERATORS, forumThread, (b, a) => b.hiddenAt === null && a.hiddenAt !== null),
      { ...onThread("hide-thread", "their own forum thread", MODERATORS, (ctx) => threadBy(ctx, ctx.actor!), (b, a) => b.hiddenAt === null && a.hiddenAt !== null), roles: SIGNED_IN },
      onThread("hide-thread", "a conversation no coordinator was invited to", NOBODY, (ctx) => conversation(ctx).threadId, (b, a) => b.hiddenAt === null && a.hiddenAt !== null),
    ],
  },
  {
    key: { route: "discussions.threads.$id", intent: "restore-thread" },
    cases: [onThread("restore-thread", "a hidden forum thread", MODERATORS, moderated("hide"), (b, a) => b.hiddenAt !== null && a.hiddenAt === null)],
  },
  { key: { route: "discussions.threads.$id", intent: "hide-post" }, cases: hidePostCases("hide-post") },
  { key: { route: "discussions.threads.$id", intent: "restore-post" }, cases: [restorePostCase("restore-post")] },
  { key: { route: "discussions.threads.$id", intent: "dismiss-flags" }, cases: [dismissFlagsCase("dismiss-flags")] },
  {
    key: { route: "discussions.threads.$id", intent: "move" },
    cases: [
      onThread("move", "a forum thread, to another category", MODERATORS, forumThread, (b, a) => b.categoryId !== a.categoryId && a.categoryId !== null, (ctx) => ({
        categoryId: String(ctx.moveTarget.id),
        note: "",
      })),
      // Private conversations never become public threads, whoever asks.
      onThread(
        "move",
        "a conversation the coordinator facilitates, to a category",
        NOBODY,
        (ctx) => conversation(ctx, { facilitated: true }).threadId,
        (b, a) => b.categoryId !== a.categoryId,
        (ctx) => ({ categoryId: String(ctx.moveTarget.id), note: "" }),
      ),
    ],
  },
  {
    key: { route: "discussions.threads.$id", intent: "suspend" },
    cases: [suspendCase("a member, from a forum thread", MODERATORS, (ctx) => threadPath(forumThread(ctx)), target)],
  },
];

/** A thread started in a fresh category that was archived afterwards (archived with its threads in it). */
function threadInArchivedCategory(ctx: Ctx) {
  const category = freshCategory(ctx);
  const { threadId } = categoryThread(ctx, category.id);
  must(archiveCategory(ctx.world.people.coordinator.user, category.id, true), "archive a category");
  return threadId;
}

// ---- Exchange: the rows ----------------------------------------------------------------------------

const listingPath = (id: number) => `/exchange/${id}`;

/** The listing page's manage buttons (publish, close, matched, renew) on each side's listing. */
function manageRow(intent: "publish" | "close" | "matched" | "renew"): Row {
  return {
    key: { route: "exchange.$id._index", intent },
    cases: SIDES.map(
      ({ side, words }): Case => ({
        variant: `${intent === "publish" ? "a draft: " : "published: "}${words}`,
        allow: managersOf(side),
        prepare: (ctx) => {
          const listing = listingOf(ctx, side, intent === "publish" ? "draft" : "published");
          const until = addDays(today(), 90);
          return step({
            path: listingPath(listing.id),
            form: intent === "renew" ? { intent, availableUntil: until } : { intent },
            probe: () => listingRow(listing.id),
            done: (before, after) =>
              intent === "publish"
                ? before.status === "draft" && after.status === "published"
                : intent === "close"
                  ? after.status === "closed"
                  : intent === "matched"
                    ? after.status === "matched"
                    : before.availableUntil !== until && after.availableUntil === until,
          });
        },
      }),
    ),
  };
}

/** The edit page's listing form with one of its intents, on each side's listing. */
function editRow(intent: "draft" | "publish" | "save"): Row {
  return {
    key: { route: "exchange.$id.edit", intent },
    cases: SIDES.map(
      ({ side, words }): Case => ({
        variant: `${intent === "publish" ? "a draft: " : "published: "}${words}`,
        allow: managersOf(side),
        prepare: (ctx) => {
          const listing = listingOf(ctx, side, intent === "publish" ? "draft" : "published");
          const title = `Corregido ${ctx.tag}`;
          return step({
            path: `${listingPath(listing.id)}/edit`,
            form: listingFields(title, intent),
            probe: () => listingRow(listing.id),
            done: (before, after) => before.title !== title && after.title === title && (intent !== "publish" || after.status === "published"),
          });
        },
      }),
    ),
  };
}

/**
 * The new-listing form with one of its intents, for each side. A form without an intent is a draft
 * (the schema's default): tried under "draft".
 */
function newRow(intent: "draft" | "publish" | "save"): Row {
  const sends: Array<"draft" | "publish" | "save" | null> = intent === "draft" ? ["draft", null] : [intent];
  return {
    key: { route: "exchange.new", intent },
    cases: sends.flatMap((sent) =>
      SIDES.map(
        ({ side, words }): Case => ({
          variant: `for ${words.replace(/^a listing of /, "").replace(/ \(.*\)$/, "")}${sent === null ? ", no intent field" : ""}`,
          allow: managersOf(side),
          prepare: (ctx) => {
            const title = `Nueva ${ctx.tag}`;
            const organisationId = ctx.world[side].id;
            const { intent: _default, ...fields } = listingFields(title, sent ?? "draft");
            return step({
              path: "/exchange/new",
              form: { ...fields, ...(sent ? { intent: sent } : {}), organisationId: String(organisationId), formToken: issueFormToken() },
              probe: () => listingsTitled(title),
              done: (before, after) =>
                before.length === 0 && after.length === 1 && after[0]!.organisationId === organisationId && after[0]!.status === (sent === "publish" ? "published" : "draft"),
            });
          },
        }),
      ),
    ),
  };
}

/** A photo on a listing: through addListingPhoto by its owner; for the suspended organisation's, one added before it was suspended. */
function photoOn(ctx: Ctx, side: Side, listingId: number): number {
  const image = png!;
  if (side === "suspendedOrganisation") {
    return db.insert(schema.exchangeListingPhotos).values({ listingId, image, contentType: "image/png", hash: `h-${ctx.tag}` }).returning().get().id;
  }
  const owner = side === "organisation" ? ctx.world.people.owner : ctx.world.people.otherOrgMember;
  return must(addListingPhoto(listingId, owner.user.id, { image, contentType: "image/png", hash: `h-${ctx.tag}` }), "add a photo").id;
}

/** Record-exchange form fields: today, 2 t, naming `counterpart` (used when acting for the listing's side). */
const recordFields = (counterpartId: number) => ({ formToken: issueFormToken(), occurredOn: today(), quantity: "2", unit: "t", counterpartOrganisationId: String(counterpartId) });

/** A recorded exchange on a fresh listing of the organisation, pending, recorded by `recorder` (owner: listing side; otherOrgMember: counterpart). */
function recorded(ctx: Ctx, recorder: "owner" | "otherOrgMember", hidden = false) {
  const { people, otherOrganisation } = ctx.world;
  const listing = listingOf(ctx, "organisation");
  const result = recordExchange(people[recorder].user, listing.id, {
    occurredOn: today(),
    unit: "t",
    baseQuantity: 2_000_000,
    valueCents: null,
    ...(recorder === "owner" ? { counterpartOrganisationId: otherOrganisation.id } : {}),
  });
  if (!result.ok) throw new Error(`could not record: ${result.error}`);
  if (hidden) must(setListingHidden(people.coordinator.user, listing.id, "hide", "Incumple las reglas"), "hide the listing");
  return result.exchangeId;
}

const exchangeRows: Row[] = [
  manageRow("publish"),
  manageRow("close"),
  manageRow("matched"),
  manageRow("renew"),
  editRow("draft"),
  editRow("publish"),
  editRow("save"),
  {
    // The edit page's photo upload: a multipart form without an intent, handled before the form is
    // read for one (the enumeration of intents cannot see this branch: it is listed here by hand).
    key: { route: "exchange.$id.edit", intent: null },
    cases: SIDES.map(
      ({ side, words }): Case => ({
        variant: `a photo upload: ${words}`,
        allow: managersOf(side),
        prepare: (ctx) => {
          const listing = listingOf(ctx, side);
          const form = new FormData();
          form.append("photo", new Blob([new Uint8Array(png!)], { type: "image/png" }), "foto.png");
          return step({ path: `${listingPath(listing.id)}/edit`, form, probe: () => photoIdsOf(listing.id), done: (before, after) => after.length === before.length + 1 });
        },
      }),
    ),
  },
  {
    key: { route: "exchange.$id.edit", intent: "remove-photo" },
    cases: [
      ...SIDES.map(
        ({ side, words }): Case => ({
          variant: `a photo of ${words.replace(/^a /, "the ")}`,
          allow: managersOf(side),
          prepare: (ctx) => {
            const listing = listingOf(ctx, side);
            const photoId = photoOn(ctx, side, listing.id);
            return step({
              path: `${listingPath(listing.id)}/edit`,
              form: { intent: "remove-photo", photoId: String(photoId) },
              probe: () => photoIdsOf(listing.id),
              done: (before, after) => before.some((ph) => ph.id === photoId) && !after.some((ph) => ph.id === photoId),
            });
          },
        }),
      ),
      {
        // The photo id of another organisation's listing, sent through the edit page of the organisation's own.
        variant: "a photo of the other organisation's listing, sent through the organisation's listing's edit page",
        allow: NOBODY,
        prepare: (ctx) => {
          const own = listingOf(ctx, "organisation");
          const theirs = listingOf(ctx, "otherOrganisation");
          const photoId = photoOn(ctx, "otherOrganisation", theirs.id);
          return step({
            path: `${listingPath(own.id)}/edit`,
            form: { intent: "remove-photo", photoId: String(photoId) },
            probe: () => photoIdsOf(theirs.id),
            done: (before, after) => before.some((ph) => ph.id === photoId) && !after.some((ph) => ph.id === photoId),
          });
        },
      },
    ],
  },
  {
    key: { route: "exchange.$id.exchanges", intent: null },
    cases: (
      [
        // The listing's owners and editors name the counterpart; the counterpart's owner records from their side.
        ["a published listing of the organisation", ["owner", "editor", "otherOrgMember"], (ctx: Ctx) => ({ listing: listingOf(ctx, "organisation"), counterpart: ctx.world.otherOrganisation.id })],
        [
          "a published listing of the other organisation",
          ["owner", "editor", "otherOrgMember"],
          (ctx: Ctx) => ({ listing: listingOf(ctx, "otherOrganisation"), counterpart: ctx.world.organisation.id }),
        ],
        ["a draft of the organisation", NOBODY, (ctx: Ctx) => ({ listing: listingOf(ctx, "organisation", "draft"), counterpart: ctx.world.otherOrganisation.id })],
        [
          "a listing of the organisation the coordinators hid",
          NOBODY,
          (ctx: Ctx) => {
            const listing = listingOf(ctx, "organisation");
            must(setListingHidden(ctx.world.people.coordinator.user, listing.id, "hide", "Incumple las reglas"), "hide the listing");
            return { listing, counterpart: ctx.world.otherOrganisation.id };
          },
        ],
        ["a listing of the suspended organisation", NOBODY, (ctx: Ctx) => ({ listing: listingOf(ctx, "suspendedOrganisation"), counterpart: ctx.world.otherOrganisation.id })],
      ] as const
    ).map(
      ([variant, allow, setup]): Case => ({
        variant,
        allow,
        prepare: (ctx) => {
          const { listing, counterpart } = setup(ctx);
          return step({
            path: `${listingPath(listing.id)}/exchanges`,
            form: recordFields(counterpart),
            probe: () => exchangesOn(listing.id),
            done: (before, after) => after.length === before.length + 1 && after.at(-1)!.recordedBy === idOf(ctx.actor),
          });
        },
      }),
    ),
  },
  ...(["hide", "show"] as const).map(
    (intent): Row => ({
      key: { route: "exchange.$id.hide", intent },
      cases: [
        {
          variant: intent === "hide" ? "a published listing of the organisation" : "a listing of the organisation the coordinators hid",
          allow: MODERATORS,
          prepare: (ctx) => {
            const listing = listingOf(ctx, "organisation");
            if (intent === "show") must(setListingHidden(ctx.world.people.coordinator.user, listing.id, "hide", "Incumple las reglas"), "hide the listing");
            return step({
              path: `${listingPath(listing.id)}/hide`,
              form: { intent, reason: "Revisión de la coordinación" },
              probe: () => ({ listing: listingRow(listing.id), audit: auditOf(listing.id) }),
              done: (before, after) =>
                after.audit.length === before.audit.length + 1 && (intent === "hide" ? after.listing.hiddenAt !== null : after.listing.hiddenAt === null),
            });
          },
        },
      ],
    }),
  ),
  {
    key: { route: "exchange.$id.interest", intent: null },
    cases: (
      [
        // Any member of an approved organisation that is not the listing's may write (any role).
        ["a published listing of the organisation", ["otherOrgMember"], (ctx: Ctx) => listingOf(ctx, "organisation")],
        ["a published listing of the other organisation", ["orgMember", "editor", "owner"], (ctx: Ctx) => listingOf(ctx, "otherOrganisation")],
        [
          "a closed listing of the organisation",
          NOBODY,
          (ctx: Ctx) => {
            const listing = listingOf(ctx, "organisation");
            must(closeListing(listing.id, ctx.world.people.owner.user.id), "close the listing");
            return listing;
          },
        ],
        [
          "a listing of the other organisation the coordinators hid",
          NOBODY,
          (ctx: Ctx) => {
            const listing = listingOf(ctx, "otherOrganisation");
            must(setListingHidden(ctx.world.people.coordinator.user, listing.id, "hide", "Incumple las reglas"), "hide the listing");
            return listing;
          },
        ],
        ["a listing of the suspended organisation", NOBODY, (ctx: Ctx) => listingOf(ctx, "suspendedOrganisation")],
      ] as const
    ).map(
      ([variant, allow, setup]): Case => ({
        variant,
        allow,
        prepare: (ctx) => {
          const listing = setup(ctx);
          return step({
            path: `${listingPath(listing.id)}/interest`,
            form: { message: `Nos interesa, ${ctx.tag}` },
            probe: () => conversationsOn(listing.id),
            done: (before, after) => after.length === before.length + 1 && after.at(-1)!.startedBy === idOf(ctx.actor),
          });
        },
      }),
    ),
  },
  {
    key: { route: "exchange.conversations.$id.facilitators", intent: null },
    cases: [
      {
        // Any member of either organisation (any role) invites; nobody else sees the conversation.
        variant: "a conversation between the two organisations",
        allow: PARTIES,
        prepare: (ctx) => {
          const { conversationId } = conversation(ctx);
          const coordinatorId = ctx.world.people.coordinator.user.id;
          return step({
            path: `/exchange/conversations/${conversationId}/facilitators`,
            form: { coordinatorId: String(coordinatorId) },
            probe: () => facilitatorsOf(conversationId),
            done: (before, after) => before.length === 0 && after.some((f) => f.userId === coordinatorId && f.invitedBy === idOf(ctx.actor)),
          });
        },
      },
      {
        // Opened before the listing's organisation was suspended: its side may no longer invite, the other may.
        variant: "a conversation about a listing of the suspended organisation",
        allow: ["otherOrgMember"],
        prepare: (ctx) => {
          const listing = listingOf(ctx, "suspendedOrganisation");
          const conversationId = db
            .insert(schema.exchangeConversations)
            .values({ listingId: listing.id, organisationId: ctx.world.otherOrganisation.id, startedBy: ctx.world.people.otherOrgMember.user.id })
            .returning()
            .get().id;
          const coordinatorId = ctx.world.people.coordinator.user.id;
          return step({
            path: `/exchange/conversations/${conversationId}/facilitators`,
            form: { coordinatorId: String(coordinatorId) },
            probe: () => facilitatorsOf(conversationId),
            done: (before, after) => before.length === 0 && after.some((f) => f.userId === coordinatorId && f.invitedBy === idOf(ctx.actor)),
          });
        },
      },
    ],
  },
  {
    key: { route: "exchange.exchanges.$exchangeId", intent: null },
    cases: (
      [
        // Only owners and editors of the side that did not record it answer.
        ["confirm: recorded by the organisation's owner", "confirm", ["otherOrgMember"], (ctx: Ctx) => recorded(ctx, "owner")],
        ["decline: recorded by the other organisation's owner", "decline", MANAGERS, (ctx: Ctx) => recorded(ctx, "otherOrgMember")],
        ["confirm: on a listing the coordinators hid", "confirm", NOBODY, (ctx: Ctx) => recorded(ctx, "owner", true)],
      ] as const
    ).map(
      ([variant, decision, allow, setup]): Case => ({
        variant,
        allow,
        prepare: (ctx) => {
          const exchangeId = setup(ctx);
          return step({
            path: `/exchange/exchanges/${exchangeId}`,
            form: { decision },
            probe: () => exchangeRow(exchangeId),
            done: (before, after) => before.status === "pending" && after.status === (decision === "confirm" ? "confirmed" : "declined") && after.respondedBy === idOf(ctx.actor),
          });
        },
      }),
    ),
  },
  newRow("draft"),
  newRow("publish"),
  newRow("save"),
];

/** The rows, by area. */
export const rowsByArea = { discussions: discussionRows, exchange: exchangeRows } as const;

/** Every action of app/routes/discussions.* and app/routes/exchange.* this file covers, with its intents. */
export const covered: ActionKey[] = [...discussionRows, ...exchangeRows].map((row) => row.key);
