import { CATEGORY_DESCRIPTION_MAX, CATEGORY_NAME_MAX } from "#app/features/discussions/schemas.ts";
import { and, count, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { peopleByIds, userIdsWithRoles, usersByHandles, type SessionUser } from "#app/.server/auth/index.ts";
import { db, isForeignKeyViolation, isUniqueViolation, schema, type Tx } from "#app/.server/db.ts";
import { writeNow, type WriteStep } from "#app/.server/form-token.ts";
import { slugify } from "#app/.server/names.ts";
import { notify } from "#app/.server/notifications/index.ts";
import { actingRole } from "#app/.server/organisations/index.ts";
import {
  FLAG_HIDE_THRESHOLD,
  FLAG_NOTE_MAX,
  FLAG_REASONS,
  NEW_ACCOUNT_MS,
  NEW_ACCOUNT_POSTS_PER_HOUR,
  POST_BODY_MAX,
  REACTIONS,
  THREAD_TITLE_MAX,
  type FlagReason,
  type ModerationAction,
  type Reaction,
} from "#app/features/discussions/taxonomy.ts";
import { isPrivateParent } from "./private.ts";
import { ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import { translate } from "#app/i18n.ts";
import type { DiscussionPost, DiscussionThread } from "#db/schema/discussions.ts";
import { parseMentions, renderPostMarkdown } from "./markdown.ts";
import { canOnCategory, canOnPost, isModerator, postingBlock, type DiscussionViewer, type PostingBlock } from "./permissions.ts";
import {
  discussionViewer,
  findCategoryById,
  findPostWithThread,
  findThread,
  isDiscussableType,
  pageOfNumber,
  placeFor,
  postFacts,
  threadFacts,
  threadFollowers,
  type Place,
} from "./queries.ts";
import { discussableOf } from "./registry.ts";
// The kinds these writes publish (discussion.reply, .mention, .quote, .new_thread, .post_hidden,
// .post_restored, .post_flagged_hidden).
import "./notification-kinds.ts";

// Writes of discussions (issue 10, ADR 0013). Each one checks the rules, writes in one immediate
// transaction (counters on categories and threads kept in the same one), and publishes its
// notifications after the commit. People's mistakes and refusals come back as typed answers,
// never as exceptions.


/** Why a write was refused, and the HTTP status the route answers with. */
export type Refusal =
  | { ok: false; reason: "not_member" } // 403 (anonymous: log in)
  | { ok: false; reason: "suspended"; until: Date } // 403
  | { ok: false; reason: "organisation_suspended" } // 403
  | { ok: false; reason: "rate_limited"; retryAt: Date } // 429
  | { ok: false; reason: "locked" } // 409
  | { ok: false; reason: "forbidden" } // 403
  | { ok: false; reason: "not_found" } // 404
  | { ok: false; reason: "already_flagged" } // 409
  | { ok: false; reason: "invalid"; field: string; problem: "empty" | "too_long" | "unknown" | "past" }; // 400

/** The HTTP status for a refusal. */
export function refusalStatus(refusal: Refusal): 400 | 403 | 404 | 409 | 429 {
  switch (refusal.reason) {
    case "invalid":
      return 400;
    case "not_found":
      return 404;
    case "locked":
    case "already_flagged":
      return 409;
    case "rate_limited":
      return 429;
    default:
      return 403;
  }
}

const refuse = <R extends Refusal["reason"]>(reason: R) => ({ ok: false, reason }) as Extract<Refusal, { reason: R }>;
const invalid = (field: string, problem: "empty" | "too_long" | "unknown" | "past") =>
  ({ ok: false, reason: "invalid", field, problem }) as const satisfies Refusal;
const fromBlock = (block: PostingBlock): Refusal => ({ ok: false, ...block });

const c = schema.discussionCategories;
const t = schema.discussionThreads;
const p = schema.discussionPosts;

/** Checks a text field: trimmed, not empty, at most `max` characters. */
function checkText(value: string, field: string, max: number): Refusal | null {
  const trimmed = value.trim();
  if (!trimmed) return invalid(field, "empty");
  if (trimmed.length > max) return invalid(field, "too_long");
  return null;
}

/**
 * New accounts (younger than a day) may post NEW_ACCOUNT_POSTS_PER_HOUR times per hour: the
 * refusal, with when the next post will be accepted, or null. Counts from the posts' own
 * (author, created_at) index.
 */
function rateLimit(userId: number, now: Date): Refusal | null {
  const account = peopleByIds([userId]).get(userId);
  if (!account || now.getTime() - account.createdAt.getTime() >= NEW_ACCOUNT_MS) return null;
  const since = new Date(now.getTime() - 60 * 60 * 1000);
  const recent = db
    .select({ n: count(), oldest: sql<number>`min(${p.createdAt})` })
    .from(p)
    .where(and(eq(p.authorId, userId), gte(p.createdAt, since)))
    .get();
  if (!recent || recent.n < NEW_ACCOUNT_POSTS_PER_HOUR) return null;
  return { ok: false, reason: "rate_limited", retryAt: new Date(recent.oldest + 60 * 60 * 1000) };
}

/** Whether a post counts as a reply in its thread's reply count. */
const countsAsReply = (post: Pick<DiscussionPost, "number" | "deletedAt" | "hiddenAt">) =>
  post.number > 1 && post.deletedAt === null && post.hiddenAt === null;

function follow(writer: Pick<typeof db, "insert">, userId: number, threadId: number) {
  writer.insert(schema.discussionFollows).values({ userId, threadId }).onConflictDoNothing().run();
}

/** Raises a reader's mark in a thread to `upTo` (never lowers it; never past the last post). */
function raiseReadMark(writer: Pick<Tx, "run">, userId: number, threadId: number, upTo: number) {
  writer.run(sql`
    INSERT INTO discussion_reads (user_id, thread_id, last_read_number, updated_at)
    SELECT ${userId}, id, min(${upTo}, last_post_number), ${Date.now()} FROM discussion_threads WHERE id = ${threadId}
    ON CONFLICT (user_id, thread_id) DO UPDATE SET
      last_read_number = max(last_read_number, excluded.last_read_number), updated_at = excluded.updated_at`);
}

/** Recounts a category's visible threads and its latest activity (after a move, hide or restore). */
function refreshCategory(tx: Tx, categoryId: number) {
  tx.run(sql`
    UPDATE discussion_categories SET
      thread_count = (SELECT count(*) FROM discussion_threads WHERE category_id = ${categoryId} AND hidden_at IS NULL),
      last_activity_at = (SELECT max(last_post_at) FROM discussion_threads WHERE category_id = ${categoryId} AND hidden_at IS NULL),
      last_thread_id = (SELECT id FROM discussion_threads WHERE category_id = ${categoryId} AND hidden_at IS NULL ORDER BY last_post_at DESC, id DESC LIMIT 1)
    WHERE id = ${categoryId}`);
}

function log(
  tx: Tx,
  actorId: number,
  action: ModerationAction,
  target: { threadId?: number; postId?: number; categoryId?: number; targetUserId?: number; note?: string; details?: Record<string, string | number | null> },
) {
  tx.insert(schema.moderationLog)
    .values({ actorId, action, note: target.note?.trim().slice(0, 1000) ?? "", ...target })
    .run();
}

/** A post's markdown rendered with its mentions resolved (and the quoted post linked). */
function render(body: string, quote: { postId: number; number: number; authorName: string } | null) {
  const mentioned = usersByHandles(parseMentions(body));
  return { html: renderPostMarkdown(body, { mentions: mentioned, quote }), mentioned };
}

/**
 * Those of `ids` who may read a thread now: everyone for a forum category's thread (its rules
 * are the category's, unchanged); for a parent's thread, those the parent shows itself to (its
 * `describe`, asked as each person with their platform role). One read of the people's roles,
 * then the parent's own reads per person (a post mentions at most MENTIONS_MAX).
 */
function readersAmong(thread: Pick<DiscussionThread, "parentType" | "parentId">, ids: readonly number[]): number[] {
  if (thread.parentType === null || thread.parentId === null || ids.length === 0) return [...ids];
  if (!isDiscussableType(thread.parentType)) return [];
  const parent = discussableOf(thread.parentType);
  const u = schema.users;
  const people = db.select({ id: u.id, role: u.role }).from(u).where(inArray(u.id, [...new Set(ids)])).all();
  const readers = new Set(people.filter((person) => parent.describe([thread.parentId!], person).has(thread.parentId!)).map((person) => person.id));
  return ids.filter((id) => readers.has(id));
}

/**
 * Tells people of a new post, after the commit: mention > quote > reply, each person once, never
 * the writer, and only people who may read the thread (readersAmong: nothing is stored for a
 * person mentioned in a parent's thread they cannot see, such as an outsider named in a private
 * exchange conversation; a private parent's followers who no longer take part are left out too).
 */
function publishPost(
  actorId: number,
  thread: Pick<DiscussionThread, "id" | "parentType" | "parentId">,
  post: { id: number; number: number },
  who: { mentioned: number[]; quotedAuthor: number | null; followers: number[] },
) {
  const told = new Set<number>([actorId]);
  const pick = (ids: readonly number[]) => {
    const fresh = [...new Set(ids)].filter((id) => !told.has(id));
    for (const id of fresh) told.add(id);
    return fresh;
  };
  const subject = { type: "post", id: post.id };
  const data = { threadId: thread.id, number: post.number };
  const groupKey = `thread:${thread.id}`;
  const mentioned = pick(readersAmong(thread, who.mentioned));
  if (mentioned.length) notify({ type: "discussion.mention", recipients: mentioned, actorId, subject, data, groupKey });
  const quoted = pick(who.quotedAuthor === null ? [] : readersAmong(thread, [who.quotedAuthor]));
  if (quoted.length) notify({ type: "discussion.quote", recipients: quoted, actorId, subject, data, groupKey });
  const followers = pick(isPrivateParent(thread.parentType) ? readersAmong(thread, who.followers) : who.followers);
  if (followers.length) notify({ type: "discussion.reply", recipients: followers, actorId, subject, data, groupKey });
  return told;
}

/**
 * Tells people, after the commit, that a post was hidden or restored: its author (unless the
 * actor; nothing for a deleted post) and, when flags hid it, the coordinators and admins.
 */
function publishModeration(
  post: Pick<DiscussionPost, "id" | "threadId" | "number" | "authorId" | "deletedAt">,
  change: { hidden: "flags" | "moderator"; flags?: number } | { restored: true },
  actorId: number | null,
) {
  if (post.deletedAt !== null) return;
  const subject = { type: "post", id: post.id };
  const base = { threadId: post.threadId, number: post.number };
  const groupKey = `thread:${post.threadId}`;
  if ("restored" in change) {
    notify({ type: "discussion.post_restored", recipients: [post.authorId], actorId, subject, data: base, groupKey });
    return;
  }
  notify({ type: "discussion.post_hidden", recipients: [post.authorId], actorId, subject, data: { ...base, reason: change.hidden }, groupKey });
  if (change.hidden !== "flags") return;
  // The author heard of it already; a coordinator's own post is not theirs to review. In a
  // private parent's thread, only the moderators who take part (invited facilitators) hear of it.
  const thread = db.select({ parentType: t.parentType, parentId: t.parentId }).from(t).where(eq(t.id, post.threadId)).get();
  const takesPart = (id: number) =>
    !thread || !isPrivateParent(thread.parentType) || discussableOf(thread.parentType!).describe([thread.parentId!], { id, role: "coordinator" }).has(thread.parentId!);
  const moderators = userIdsWithRoles(["coordinator", "admin"]).filter((id) => id !== post.authorId && takesPart(id));
  if (moderators.length) {
    notify({ type: "discussion.post_flagged_hidden", recipients: moderators, actorId, subject, data: { ...base, flags: change.flags ?? FLAG_HIDE_THRESHOLD }, groupKey });
  }
}

/** The handles mentioned in any earlier version of a post (its revisions, before each edit). One indexed read. */
function mentionedBefore(postId: number): Set<string> {
  const r = schema.discussionPostRevisions;
  const bodies = db.select({ body: r.body }).from(r).where(eq(r.postId, postId)).all();
  return new Set(bodies.flatMap((row) => parseMentions(row.body)));
}

/** Common checks for writing: member, not suspended, organisation not suspended. */
function writer(user: SessionUser | null): { viewer: DiscussionViewer; user: SessionUser } | Refusal {
  const viewer = discussionViewer(user);
  const block = postingBlock(viewer);
  if (block) return fromBlock(block);
  return { viewer, user: user! };
}

// ---- Threads and posts -------------------------------------------------------------------------

/** What startThread checked and prepared before writing: the writer, the body and its rendering. */
type PreparedThread = { userId: number; organisationId: number | null; title: string; body: string; html: string; mentioned: number[] };

/** startThread's checks, in order; the refusal, or what the write needs. Reads only. */
function prepareThread(user: SessionUser | null, place: Place, input: { title: string; body: string; organisationId?: number | null }, now: Date): PreparedThread | Refusal {
  const who = writer(user);
  if ("ok" in who) return who;
  if (place.kind === "category") {
    const category = findCategoryById(place.categoryId);
    const facts = category && { archived: category.archivedAt !== null, coordinatorsOnly: category.coordinatorsOnly };
    if (!facts || !canOnCategory("view", facts, who.viewer)) return refuse("not_found");
    if (!canOnCategory("startThread", facts, who.viewer)) return refuse("forbidden");
  } else {
    if (!isDiscussableType(place.type)) return refuse("not_found");
    const parent = discussableOf(place.type).load(place.id, user);
    if (!parent) return refuse("not_found");
    if (!parent.mayPost) return refuse("forbidden");
  }
  const problem = checkText(input.title, "title", THREAD_TITLE_MAX) ?? checkText(input.body, "body", POST_BODY_MAX);
  if (problem) return problem;
  const organisationId = input.organisationId ?? null;
  if (organisationId !== null && !actingRole(who.user.id, organisationId)) return invalid("organisationId", "unknown");
  const limited = rateLimit(who.user.id, now);
  if (limited) return limited;
  const body = input.body.trim();
  const { html, mentioned } = render(body, null);
  return { userId: who.user.id, organisationId, title: input.title.trim(), body, html, mentioned: [...mentioned.values()].map((m) => m.id) };
}

/** startThread's writes, in the transaction given: the thread, its first post, the category's counters, the author following and having read it. */
/** What startThread's write returns: the new thread's and first post's ids. */
export type ThreadWritten = { threadId: number; postId: number };

function writeThread(tx: Tx, place: Place, prepared: PreparedThread, now: Date): ThreadWritten {
  const thread = tx
    .insert(t)
    .values({
      categoryId: place.kind === "category" ? place.categoryId : null,
      parentType: place.kind === "parent" ? place.type : null,
      parentId: place.kind === "parent" ? place.id : null,
      title: prepared.title,
      authorId: prepared.userId,
      organisationId: prepared.organisationId,
      lastPostNumber: 1,
      lastPostAt: now,
      lastPostAuthorId: prepared.userId,
      createdAt: now,
    })
    .returning({ id: t.id })
    .get();
  const post = tx
    .insert(p)
    .values({ threadId: thread.id, number: 1, authorId: prepared.userId, organisationId: prepared.organisationId, body: prepared.body, bodyHtml: prepared.html, createdAt: now })
    .returning({ id: p.id })
    .get();
  if (place.kind === "category") {
    tx.update(c)
      .set({ threadCount: sql`${c.threadCount} + 1`, lastActivityAt: now, lastThreadId: thread.id })
      .where(eq(c.id, place.categoryId))
      .run();
  }
  follow(tx, prepared.userId, thread.id);
  raiseReadMark(tx, prepared.userId, thread.id, 1);
  return { threadId: thread.id, postId: post.id };
}

/** startThread's notices, after the commit: mentioned people, then the parent's audience (discussion.new_thread). */
function publishThread(place: Place, prepared: PreparedThread, created: { threadId: number; postId: number }) {
  const thread = { id: created.threadId, parentType: place.kind === "parent" ? place.type : null, parentId: place.kind === "parent" ? place.id : null };
  const told = publishPost(prepared.userId, thread, { id: created.postId, number: 1 }, { mentioned: prepared.mentioned, quotedAuthor: null, followers: [] });
  if (place.kind !== "parent") return;
  const recipients = discussableOf(place.type).audience(place.id).filter((id) => !told.has(id));
  if (recipients.length) {
    notify({
      type: "discussion.new_thread",
      recipients,
      actorId: prepared.userId,
      subject: { type: "thread", id: created.threadId },
      data: { parentType: place.type, parentId: place.id },
      groupKey: `${place.type}:${place.id}`,
    });
  }
}

/**
 * Starts a thread in a category or on a parent: the thread and its first post, the category's
 * counters, the author following it and having read it, in one immediate transaction; then the
 * parent's audience is told (discussion.new_thread) and mentioned people (discussion.mention).
 * `organisationId`: an organisation the author acts for (shown beside their name), or none.
 * Refusals: not_member, suspended, organisation_suspended, not_found (place), forbidden
 * (Announcements for non-coordinators; a parent not open to posting), invalid (title, body,
 * organisationId), rate_limited. A caller that writes its own rows with the thread uses
 * startThreadIn. `write` runs the database write (a one-time form token guard passes its own; see
 * form-token.ts), so the notices go out after the commit, never under the write lock.
 */
export function startThread(
  user: SessionUser | null,
  place: Place,
  input: { title: string; body: string; organisationId?: number | null },
  now = new Date(),
  write: WriteStep<ThreadWritten> = writeNow,
): { ok: true; threadId: number; postId: number } | Refusal {
  const prepared = prepareThread(user, place, input, now);
  if ("ok" in prepared) return prepared;
  let created: ThreadWritten;
  try {
    created = write(() => db.transaction((tx) => writeThread(tx, place, prepared, now), { behavior: "immediate" }));
  } catch (error) {
    // The account was closed between the checks and the write (issue 13): nothing was written.
    if (isForeignKeyViolation(error)) return refuse("not_member");
    throw error;
  }
  publishThread(place, prepared, created);
  return { ok: true, ...created };
}

/**
 * startThread inside the caller's transaction `tx` (opened `immediate`), for a parent whose own
 * row is written with its thread (an exchange conversation: the row and its thread commit
 * together or not at all). The same checks, read on the transaction's connection so they see the
 * caller's uncommitted rows, and the same writes; on a refusal nothing is written (the caller
 * decides whether to roll back its own). Notices are NOT sent: call `publish()` after the commit.
 */
export function startThreadIn(
  tx: Tx,
  user: SessionUser | null,
  place: Place,
  input: { title: string; body: string; organisationId?: number | null },
  now = new Date(),
): { ok: true; threadId: number; postId: number; publish: () => void } | Refusal {
  const prepared = prepareThread(user, place, input, now);
  if ("ok" in prepared) return prepared;
  const created = writeThread(tx, place, prepared, now);
  return { ok: true, ...created, publish: () => publishThread(place, prepared, created) };
}

/** The quoted post as the quote's link shows it, or null when it may not be quoted here. */
function quotable(postId: number, threadId: number, user: SessionUser | null, viewer: DiscussionViewer) {
  const found = findPostWithThread(postId);
  if (!found || found.thread.id !== threadId) return null;
  const post = postFacts(found.post);
  // Visible to the writer, neither deleted nor hidden (the thread was checked by the caller).
  if (post.deleted || post.hidden || !canOnPost("view", post, threadFacts(found.thread, true), viewer) || !user) return null;
  const authorName = peopleByIds([found.post.authorId]).get(found.post.authorId)?.name ?? "";
  return { postId, number: found.post.number, authorName, authorId: found.post.authorId };
}

/**
 * Replies in a thread, optionally quoting a post of the same thread (`quotedPostId`; the quoted
 * text comes inside `body` as a blockquote). Writes the post (numbered after the last), the
 * thread's and category's counters, the writer's follow and read mark in one immediate
 * transaction; then tells mentioned people, the quoted post's author and the thread's followers,
 * each once. Returns the post's number and page. Refusals: not_member, suspended,
 * organisation_suspended, not_found, locked, forbidden, invalid (body, quotedPostId), rate_limited.
 * `write` runs the database write (a one-time form token guard passes its own; see form-token.ts),
 * so the notices go out after the commit, never under the write lock.
 */
export function reply(
  user: SessionUser | null,
  threadId: number,
  input: { body: string; quotedPostId?: number | null },
  now = new Date(),
  step: WriteStep<ReplyWritten> = writeNow,
): { ok: true; postId: number; number: number; page: number } | Refusal {
  const who = writer(user);
  if ("ok" in who) return who;
  const thread = findThread(threadId);
  const place = thread ? placeFor(thread, user, who.viewer) : null;
  if (!thread || !place || (thread.hiddenAt !== null && !isModerator(who.viewer))) return refuse("not_found");
  if (thread.lockedAt !== null) return refuse("locked");
  if (!place.mayPost) return refuse("forbidden");
  const problem = checkText(input.body, "body", POST_BODY_MAX);
  if (problem) return problem;
  const quote = input.quotedPostId ? quotable(input.quotedPostId, thread.id, user, who.viewer) : null;
  if (input.quotedPostId && !quote) return invalid("quotedPostId", "unknown");
  const limited = rateLimit(who.user.id, now);
  if (limited) return limited;
  const body = input.body.trim();
  const { html, mentioned } = render(body, quote);
  const write = (): ReplyWritten => db.transaction(
    (tx) => {
      // Read again under the write lock: the number and the lock are what they are now.
      const current = tx.select({ lastPostNumber: t.lastPostNumber, lockedAt: t.lockedAt }).from(t).where(eq(t.id, thread.id)).get();
      if (!current) return refuse("not_found");
      if (current.lockedAt !== null) return refuse("locked");
      const number = current.lastPostNumber + 1;
      const post = tx
        .insert(p)
        .values({ threadId: thread.id, number, authorId: who.user.id, body, bodyHtml: html, quotedPostId: quote?.postId ?? null, createdAt: now })
        .returning({ id: p.id })
        .get();
      tx.update(t)
        .set({ lastPostNumber: number, replyCount: sql`${t.replyCount} + 1`, lastPostAt: now, lastPostAuthorId: who.user.id })
        .where(eq(t.id, thread.id))
        .run();
      if (thread.categoryId !== null && thread.hiddenAt === null) {
        tx.update(c).set({ lastActivityAt: now, lastThreadId: thread.id }).where(eq(c.id, thread.categoryId)).run();
      }
      follow(tx, who.user.id, thread.id);
      raiseReadMark(tx, who.user.id, thread.id, number);
      return { ok: true, postId: post.id, number } as const;
    },
    { behavior: "immediate" },
  );
  let written: ReplyWritten;
  try {
    written = step(write);
  } catch (error) {
    // The account was closed between the checks and the write (issue 13): nothing was written.
    if (isForeignKeyViolation(error)) return refuse("not_member");
    throw error;
  }
  if (!written.ok) return written;
  publishPost(who.user.id, thread, { id: written.postId, number: written.number }, {
    mentioned: [...mentioned.values()].map((m) => m.id),
    quotedAuthor: quote?.authorId ?? null,
    followers: threadFollowers(thread.id),
  });
  return { ...written, page: pageOfNumber(written.number) };
}

/** What reply's write returns: the new post's id and number, or why it was not written. */
export type ReplyWritten = { ok: true; postId: number; number: number } | Refusal;

/** A post, its thread and what this person may do with it; a refusal when they may not see it. */
function postFor(user: SessionUser | null, postId: number) {
  const found = findPostWithThread(postId);
  if (!found) return refuse("not_found");
  const viewer = discussionViewer(user);
  const place = placeFor(found.thread, user, viewer);
  if (!place) return refuse("not_found");
  const facts = threadFacts(found.thread, place.mayPost);
  const post = postFacts(found.post);
  const can = (action: Parameters<typeof canOnPost>[0]) => canOnPost(action, post, facts, viewer);
  // Hidden threads, and hidden posts of others, do not exist for those who may not see them.
  if (!can("moderate") && (facts.hidden || (post.hidden && !can("view") && !post.deleted))) return refuse("not_found");
  return { ...found, viewer, facts, can };
}

/**
 * The author edits their post: the previous body is kept as a revision (for moderators), the new
 * one rendered, the post marked edited. After the commit, people the edit mentions who were
 * mentioned in no earlier version are told (discussion.mention, once per person and post; unknown
 * handles stay text; nobody while the post is hidden). Refusals: not_member, not_found, forbidden (not the
 * author, deleted post, a place that takes no posts: an archived category, a closed conversation),
 * suspended, organisation_suspended, locked, invalid (body).
 */
export function editPost(user: SessionUser | null, postId: number, body: string, now = new Date()): { ok: true } | Refusal {
  if (!user) return refuse("not_member");
  const found = postFor(user, postId);
  if ("ok" in found) return found;
  const { post } = found;
  if (post.authorId !== user.id || post.deletedAt !== null) return refuse("forbidden");
  const block = postingBlock(found.viewer);
  if (block) return fromBlock(block);
  if (found.facts.locked) return refuse("locked");
  // Where nobody may reply (an archived category, a conversation closed by a hidden listing or a
  // suspended party), nobody rewrites either.
  if (!found.facts.mayPost) return refuse("forbidden");
  const problem = checkText(body, "body", POST_BODY_MAX);
  if (problem) return problem;
  const text = body.trim();
  if (text === post.body) return { ok: true };
  const quoted = post.quotedPostId ? findPostWithThread(post.quotedPostId) : undefined;
  const quote = quoted
    ? { postId: quoted.post.id, number: quoted.post.number, authorName: peopleByIds([quoted.post.authorId]).get(quoted.post.authorId)?.name ?? "" }
    : null;
  const { html, mentioned } = render(text, quote);
  db.transaction(
    (tx) => {
      tx.insert(schema.discussionPostRevisions).values({ postId, body: post.body, replacedAt: now }).run();
      tx.update(p).set({ body: text, bodyHtml: html, editedAt: now }).where(eq(p.id, postId)).run();
    },
    { behavior: "immediate" },
  );
  if (mentioned.size > 0 && post.hiddenAt === null) {
    // Every earlier version is a revision now (the one just replaced too).
    const before = mentionedBefore(postId);
    const fresh = [...mentioned].filter(([handle]) => !before.has(handle)).map(([, person]) => person.id);
    if (fresh.length) publishPost(user.id, found.thread, post, { mentioned: fresh, quotedAuthor: null, followers: [] });
  }
  return { ok: true };
}

/**
 * The author deletes their post: its body is kept as a revision (moderators can read it in the
 * history), the post emptied and marked deleted — a placeholder keeps its place and number — and
 * the thread's reply count lowered if it counted. Refusals: not_member, not_found, forbidden.
 */
export function deletePost(user: SessionUser | null, postId: number, now = new Date()): { ok: true } | Refusal {
  if (!user) return refuse("not_member");
  const found = postFor(user, postId);
  if ("ok" in found) return found;
  const { post } = found;
  if (!found.can("delete")) return refuse("forbidden");
  db.transaction(
    (tx) => {
      tx.insert(schema.discussionPostRevisions).values({ postId, body: post.body, replacedAt: now }).run();
      tx.update(p).set({ body: "", bodyHtml: "", deletedAt: now }).where(eq(p.id, postId)).run();
      if (countsAsReply(post)) tx.update(t).set({ replyCount: sql`${t.replyCount} - 1` }).where(eq(t.id, post.threadId)).run();
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/**
 * Adds the person's reaction to a post, or takes it back when already there: `{ ok, on }`.
 * Refusals: not_member, suspended, organisation_suspended, not_found, forbidden (deleted or
 * hidden post), invalid (reaction).
 */
export function toggleReaction(user: SessionUser | null, postId: number, reaction: Reaction): { ok: true; on: boolean } | Refusal {
  if (!(REACTIONS as readonly string[]).includes(reaction)) return invalid("reaction", "unknown");
  const who = writer(user);
  if ("ok" in who) return who;
  const found = postFor(user, postId);
  if ("ok" in found) return found;
  if (!found.can("react")) return refuse("forbidden");
  const r = schema.discussionReactions;
  const on = db.transaction(
    (tx) => {
      const removed = tx.delete(r).where(and(eq(r.postId, postId), eq(r.userId, who.user.id), eq(r.reaction, reaction))).run().changes;
      if (removed > 0) return false;
      tx.insert(r).values({ postId, userId: who.user.id, reaction }).run();
      return true;
    },
    { behavior: "immediate" },
  );
  return { ok: true, on };
}

/**
 * How many of a post's open flags count toward hiding it: none when its author is a coordinator
 * or an admin (their posts go to the moderation queue only); otherwise those of accounts at least
 * NEW_ACCOUNT_MS old when they flagged (a few fresh accounts cannot hide anyone's post). One statement.
 */
function countedFlags(tx: Tx, postId: number, authorId: number): number {
  const f = schema.discussionFlags;
  const u = schema.users;
  const row = tx
    .select({ authorRole: sql<string | null>`(SELECT role FROM users WHERE id = ${authorId})`, n: count() })
    .from(f)
    .innerJoin(u, eq(u.id, f.userId))
    // The account's age when it flagged: created at least NEW_ACCOUNT_MS before its flag.
    .where(and(eq(f.postId, postId), isNull(f.reviewedAt), sql`${u.createdAt} <= ${f.createdAt} - ${NEW_ACCOUNT_MS}`))
    .get();
  if (!row || row.authorRole === "coordinator" || row.authorRole === "admin") return 0;
  return row.n;
}

/**
 * A member flags someone else's post with a reason (and a note up to FLAG_NOTE_MAX). Every flag
 * is recorded and puts the post in the moderation queue (its open flag count). At
 * FLAG_HIDE_THRESHOLD open flags from different accounts older than NEW_ACCOUNT_MS (when they
 * flagged) the post is hidden (`hidden_reason = 'flags'`) until a moderator reviews it — never a
 * coordinator's or an admin's post: `{ ok, hidden }` says whether it is hidden now. When
 * this flag hides it, its author (discussion.post_hidden) and the coordinators and admins
 * (discussion.post_flagged_hidden) are told after the commit.
 * Refusals: not_member, not_found, forbidden (own or deleted post), already_flagged (one flag
 * per person per post, settled by a unique index), invalid (reason, note).
 */
export function flagPost(user: SessionUser | null, postId: number, reason: FlagReason, note: string, now = new Date()): { ok: true; hidden: boolean } | Refusal {
  if (!(FLAG_REASONS as readonly string[]).includes(reason)) return invalid("reason", "unknown");
  if (note.trim().length > FLAG_NOTE_MAX) return invalid("note", "too_long");
  const viewer = discussionViewer(user);
  if (!user || postingBlock(viewer)?.reason === "not_member") return refuse("not_member");
  const found = postFor(user, postId);
  if ("ok" in found) return found;
  if (!found.can("flag")) return refuse("forbidden");
  let result: { hidden: boolean; justHidden: boolean; flags: number };
  try {
    result = db.transaction(
      (tx) => {
        tx.insert(schema.discussionFlags).values({ postId, userId: user.id, reason, note: note.trim(), createdAt: now }).run();
        const post = tx
          .update(p)
          .set({ openFlagCount: sql`${p.openFlagCount} + 1` })
          .where(eq(p.id, postId))
          .returning({ openFlagCount: p.openFlagCount, hiddenAt: p.hiddenAt, number: p.number, deletedAt: p.deletedAt })
          .get()!;
        const flags = post.openFlagCount;
        if (post.hiddenAt !== null) return { hidden: true, justHidden: false, flags };
        if (flags < FLAG_HIDE_THRESHOLD || countedFlags(tx, postId, found.post.authorId) < FLAG_HIDE_THRESHOLD) {
          return { hidden: false, justHidden: false, flags };
        }
        tx.update(p).set({ hiddenAt: now, hiddenReason: "flags" }).where(eq(p.id, postId)).run();
        if (countsAsReply(post)) tx.update(t).set({ replyCount: sql`${t.replyCount} - 1` }).where(eq(t.id, found.thread.id)).run();
        return { hidden: true, justHidden: true, flags };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return refuse("already_flagged");
    throw error;
  }
  // Nobody in particular hid it: the flaggers stay unnamed.
  if (result.justHidden) publishModeration(found.post, { hidden: "flags", flags: result.flags }, null);
  return { ok: true, hidden: result.hidden };
}

/** Raises a person's read mark in a thread to post `upToNumber` (never lowers it). One statement. */
export function markRead(userId: number, threadId: number, upToNumber: number) {
  if (!Number.isInteger(upToNumber) || upToNumber < 1) return;
  raiseReadMark(db, userId, threadId, upToNumber);
}

/** Follows or unfollows a thread (told of every reply). Repeating either is harmless. */
export function setFollowingThread(userId: number, threadId: number, following: boolean) {
  const f = schema.discussionFollows;
  if (following) follow(db, userId, threadId);
  else db.delete(f).where(and(eq(f.userId, userId), eq(f.threadId, threadId))).run();
}

// ---- Moderation (coordinators and admins; every action written to moderation_log) -------------

/** The moderator acting, or the refusal for anyone else. */
function moderator(user: SessionUser | null): SessionUser | Refusal {
  if (!user) return refuse("not_member");
  return isModerator(discussionViewer(user)) ? user : refuse("forbidden");
}

const isRefusal = (value: unknown): value is Refusal => typeof value === "object" && value !== null && "ok" in value && value.ok === false;

/**
 * A moderator hides a post, restores it, or dismisses its flags (the post stays as it is). Each
 * marks the open flags reviewed, keeps the reply count right and writes the log. When the post
 * was visible and is hidden, or hidden and is restored, its author is told after the commit
 * (discussion.post_hidden, discussion.post_restored). Refusals: not_member, forbidden, not_found
 * (also a post whose thread the moderator may not see: a private conversation they were not invited to).
 */
export function moderatePost(user: SessionUser | null, postId: number, action: "hide" | "restore" | "dismiss_flags", note: string, now = new Date()): { ok: true } | Refusal {
  const actor = moderator(user);
  if (isRefusal(actor)) return actor;
  const found = findPostWithThread(postId);
  // A private parent's posts exist only for those taking part (its invited facilitators moderate there).
  if (!found || !placeFor(found.thread, actor, discussionViewer(actor))) return refuse("not_found");
  const { post } = found;
  db.transaction(
    (tx) => {
      const before = countsAsReply(post);
      const change =
        action === "hide"
          ? { hiddenAt: post.hiddenAt ?? now, hiddenReason: "moderator" as const, openFlagCount: 0 }
          : action === "restore"
            ? { hiddenAt: null, hiddenReason: null, openFlagCount: 0 }
            : { openFlagCount: 0 };
      tx.update(p).set(change).where(eq(p.id, postId)).run();
      const after = countsAsReply({ ...post, hiddenAt: "hiddenAt" in change ? (change.hiddenAt ?? null) : post.hiddenAt });
      if (before !== after) tx.update(t).set({ replyCount: sql`${t.replyCount} + ${after ? 1 : -1}` }).where(eq(t.id, post.threadId)).run();
      tx.update(schema.discussionFlags)
        .set({ reviewedAt: now })
        .where(and(eq(schema.discussionFlags.postId, postId), isNull(schema.discussionFlags.reviewedAt)))
        .run();
      const logged = { hide: "hide_post", restore: "restore_post", dismiss_flags: "dismiss_flags" } as const;
      log(tx, actor.id, logged[action], { threadId: post.threadId, postId, targetUserId: post.authorId, note });
    },
    { behavior: "immediate" },
  );
  if (action === "hide" && post.hiddenAt === null) publishModeration(post, { hidden: "moderator" }, actor.id);
  if (action === "restore" && post.hiddenAt !== null) publishModeration(post, { restored: true }, actor.id);
  return { ok: true };
}

/**
 * A moderator locks or unlocks a thread (no replies while locked), pins or unpins it (first in
 * its list), hides or restores it (hidden threads exist for moderators only; the category's
 * counts follow). Refusals: not_member, forbidden, not_found (also a thread the moderator may not
 * see: a private conversation they were not invited to).
 */
export function moderateThread(
  user: SessionUser | null,
  threadId: number,
  action: "lock" | "unlock" | "pin" | "unpin" | "hide" | "restore",
  note: string,
  now = new Date(),
): { ok: true } | Refusal {
  const actor = moderator(user);
  if (isRefusal(actor)) return actor;
  const thread = findThread(threadId);
  if (!thread || !placeFor(thread, actor, discussionViewer(actor))) return refuse("not_found");
  const changes = {
    lock: { lockedAt: thread.lockedAt ?? now },
    unlock: { lockedAt: null },
    pin: { pinned: true },
    unpin: { pinned: false },
    hide: { hiddenAt: thread.hiddenAt ?? now },
    restore: { hiddenAt: null },
  } as const;
  db.transaction(
    (tx) => {
      tx.update(t).set(changes[action]).where(eq(t.id, threadId)).run();
      if ((action === "hide" || action === "restore") && thread.categoryId !== null) refreshCategory(tx, thread.categoryId);
      log(tx, actor.id, `${action}_thread`, { threadId, categoryId: thread.categoryId ?? undefined, targetUserId: thread.authorId, note });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/**
 * A moderator moves a thread to another category (from a category or from a parent); both
 * categories' counts and latest activity are recounted. Threads of private parents
 * (PRIVATE_DISCUSSABLE_TYPES: exchange conversations) are never moved: that would publish them.
 * Refusals: not_member, forbidden (also: a private parent's thread), not_found (thread, or one the
 * moderator may not see), invalid (categoryId: unknown or archived category, or the same one).
 */
export function moveThread(user: SessionUser | null, threadId: number, categoryId: number, note: string): { ok: true } | Refusal {
  const actor = moderator(user);
  if (isRefusal(actor)) return actor;
  const thread = findThread(threadId);
  if (!thread || !placeFor(thread, actor, discussionViewer(actor))) return refuse("not_found");
  // A private parent's thread (an exchange conversation) never becomes a public category's.
  if (isPrivateParent(thread.parentType)) return refuse("forbidden");
  const target = findCategoryById(categoryId);
  if (!target || target.archivedAt !== null || thread.categoryId === categoryId) return invalid("categoryId", "unknown");
  db.transaction(
    (tx) => {
      tx.update(t).set({ categoryId, parentType: null, parentId: null }).where(eq(t.id, threadId)).run();
      if (thread.categoryId !== null) refreshCategory(tx, thread.categoryId);
      refreshCategory(tx, categoryId);
      const from = thread.categoryId !== null ? thread.categoryId : `${thread.parentType}:${thread.parentId}`;
      log(tx, actor.id, "move_thread", { threadId, categoryId, targetUserId: thread.authorId, note, details: { from, to: categoryId } });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/**
 * A moderator bars a person (by handle) from posting until a date, with a reason. Moderators
 * cannot be suspended. Refusals: not_member, forbidden, not_found (handle), invalid (until in the
 * past, reason empty or too long).
 */
export function suspendPoster(user: SessionUser | null, userHandle: string, until: Date, reason: string, now = new Date()): { ok: true; userId: number } | Refusal {
  const actor = moderator(user);
  if (isRefusal(actor)) return actor;
  const target = usersByHandles([userHandle.replace(/^@/, "")]).values().next().value;
  if (!target) return refuse("not_found");
  if (Number.isNaN(until.getTime()) || until <= now) return invalid("until", "past");
  const problem = checkText(reason, "reason", 500);
  if (problem) return problem;
  const role = db.select({ role: schema.users.role }).from(schema.users).where(eq(schema.users.id, target.id)).get()?.role;
  if (role === "coordinator" || role === "admin") return refuse("forbidden");
  db.transaction(
    (tx) => {
      tx.insert(schema.discussionSuspensions).values({ userId: target.id, until, reason: reason.trim(), createdById: actor.id, createdAt: now }).run();
      log(tx, actor.id, "suspend_user", { targetUserId: target.id, note: reason, details: { until: until.getTime() } });
    },
    { behavior: "immediate" },
  );
  return { ok: true, userId: target.id };
}

/** A moderator ends a person's active suspensions. Refusals: not_member, forbidden, not_found (none active). */
export function liftSuspension(user: SessionUser | null, userId: number, now = new Date()): { ok: true } | Refusal {
  const actor = moderator(user);
  if (isRefusal(actor)) return actor;
  const s = schema.discussionSuspensions;
  return db.transaction(
    (tx) => {
      const lifted = tx
        .update(s)
        .set({ liftedAt: now })
        .where(and(eq(s.userId, userId), isNull(s.liftedAt), sql`${s.until} > ${now.getTime()}`))
        .run().changes;
      if (lifted === 0) return refuse("not_found");
      log(tx, actor.id, "lift_suspension", { targetUserId: userId });
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

// ---- Categories --------------------------------------------------------------------------------

export type CategoryInput = { nameEs: string; nameEn: string; descriptionEs: string; descriptionEn: string; coordinatorsOnly: boolean; position: number };
export { CATEGORY_DESCRIPTION_MAX, CATEGORY_NAME_MAX } from "#app/features/discussions/schemas.ts";

function checkCategory(input: CategoryInput): Refusal | null {
  return (
    checkText(input.nameEs, "nameEs", CATEGORY_NAME_MAX) ??
    checkText(input.nameEn, "nameEn", CATEGORY_NAME_MAX) ??
    (input.descriptionEs.trim().length > CATEGORY_DESCRIPTION_MAX ? invalid("descriptionEs", "too_long") : null) ??
    (input.descriptionEn.trim().length > CATEGORY_DESCRIPTION_MAX ? invalid("descriptionEn", "too_long") : null)
  );
}

const categoryValues = (input: CategoryInput) => ({
  nameEs: input.nameEs.trim(),
  nameEn: input.nameEn.trim(),
  descriptionEs: input.descriptionEs.trim(),
  descriptionEn: input.descriptionEn.trim(),
  coordinatorsOnly: input.coordinatorsOnly,
  position: Number.isFinite(input.position) ? Math.trunc(input.position) : 0,
});

/** A free slug for a category from its Spanish name: "reciclaje", "reciclaje-2"… */
function categorySlug(tx: Tx, name: string) {
  const base = slugify(name, "categoria");
  const taken = new Set(
    tx
      .select({ slug: c.slug })
      .from(c)
      .where(sql`${c.slug} = ${base} OR ${c.slug} LIKE ${`${base}-%`}`)
      .all()
      .map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A moderator creates a forum category (kind "custom"). Refusals: not_member, forbidden, invalid. */
export function createCategory(user: SessionUser | null, input: CategoryInput): { ok: true; id: number; slug: string } | Refusal {
  const actor = moderator(user);
  if (isRefusal(actor)) return actor;
  const problem = checkCategory(input);
  if (problem) return problem;
  return db.transaction(
    (tx) => {
      const slug = categorySlug(tx, input.nameEs);
      const row = tx.insert(c).values({ ...categoryValues(input), slug, kind: "custom" }).returning({ id: c.id }).get();
      log(tx, actor.id, "create_category", { categoryId: row.id, details: { slug } });
      return { ok: true, id: row.id, slug } as const;
    },
    { behavior: "immediate" },
  );
}

/** A moderator renames or redescribes a category (its slug stays). Refusals: not_member, forbidden, not_found, invalid. */
export function updateCategory(user: SessionUser | null, id: number, input: CategoryInput): { ok: true } | Refusal {
  const actor = moderator(user);
  if (isRefusal(actor)) return actor;
  if (!findCategoryById(id)) return refuse("not_found");
  const problem = checkCategory(input);
  if (problem) return problem;
  db.transaction(
    (tx) => {
      tx.update(c).set(categoryValues(input)).where(eq(c.id, id)).run();
      log(tx, actor.id, "update_category", { categoryId: id });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/** A moderator archives a category (hidden from everyone else, no new threads) or brings it back. */
export function archiveCategory(user: SessionUser | null, id: number, archived: boolean, now = new Date()): { ok: true } | Refusal {
  const actor = moderator(user);
  if (isRefusal(actor)) return actor;
  const category = findCategoryById(id);
  if (!category) return refuse("not_found");
  db.transaction(
    (tx) => {
      tx.update(c).set({ archivedAt: archived ? (category.archivedAt ?? now) : null }).where(eq(c.id, id)).run();
      log(tx, actor.id, "archive_category", { categoryId: id, details: { archived: archived ? 1 : 0 } });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/**
 * The forum's standing categories, created when missing (by slug; existing ones are left as
 * they are): Announcements (coordinators only), General, one per sector roadmap, one per priority
 * value chain, named in Spanish and English from the dictionaries. Returns how many were created.
 */
export function ensureDefaultCategories(): number {
  const named = (key: Parameters<typeof translate>[1]) => ({ es: translate("es", key), en: translate("en", key) });
  const defaults = [
    {
      slug: "anuncios",
      kind: "announcements" as const,
      nameEs: "Anuncios",
      nameEn: "Announcements",
      descriptionEs: "Noticias de la coordinación de Perú País Circular.",
      descriptionEn: "News from the Perú País Circular coordination team.",
      coordinatorsOnly: true,
    },
    {
      slug: "general",
      kind: "general" as const,
      nameEs: "General",
      nameEn: "General",
      descriptionEs: "Conversaciones sobre economía circular en el Perú.",
      descriptionEn: "Conversations about the circular economy in Peru.",
      coordinatorsOnly: false,
    },
    ...ROADMAPS.map((roadmap) => {
      const name = named(`org.roadmap.${roadmap}`);
      return {
        slug: `hoja-de-ruta-${slugify(name.es, roadmap)}`,
        kind: "roadmap" as const,
        nameEs: `Hoja de ruta: ${name.es}`,
        nameEn: `Roadmap: ${name.en}`,
        descriptionEs: `Hoja de ruta de economía circular del sector ${name.es.toLowerCase()}.`,
        descriptionEn: `The ${name.en.toLowerCase()} sector's circular economy roadmap.`,
        coordinatorsOnly: false,
      };
    }),
    ...VALUE_CHAINS.map((chain) => {
      const name = named(`org.chain.${chain}`);
      return {
        slug: `cadena-${slugify(name.es, chain)}`,
        kind: "value_chain" as const,
        nameEs: `Cadena de valor: ${name.es}`,
        nameEn: `Value chain: ${name.en}`,
        descriptionEs: `Cadena de valor prioritaria: ${name.es.toLowerCase()}.`,
        descriptionEn: `Priority value chain: ${name.en.toLowerCase()}.`,
        coordinatorsOnly: false,
      };
    }),
  ];
  return db.transaction(
    (tx) => {
      let created = 0;
      defaults.forEach((category, position) => {
        created += tx.insert(c).values({ ...category, position }).onConflictDoNothing({ target: c.slug }).run().changes;
      });
      return created;
    },
    { behavior: "immediate" },
  );
}
