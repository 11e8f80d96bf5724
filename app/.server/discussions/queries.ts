import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { handleSuggestions, peopleByIds, usersByHandles, type SessionUser } from "#app/.server/auth/index.ts";
import { isStaff } from "#app/.server/auth/roles.ts";
import { db, schema } from "#app/.server/db.ts";
import { plainText } from "#app/.server/markdown.ts";
import { organisationsOfUser } from "#app/.server/organisations/index.ts";
import { oncePerRequest } from "#app/.server/request-scope.ts";
import { ftsMatch } from "#app/.server/text-search.ts";
import {
  DISCUSSABLE_TYPES,
  POSTS_PER_PAGE,
  REACTIONS,
  THREADS_PER_PAGE,
  type DiscussableType,
  type Reaction,
  type ThreadSort,
} from "#app/features/discussions/taxonomy.ts";
import type { MessageKey } from "#app/locales/es-keys.ts";
import type { DiscussionCategory, DiscussionPost, DiscussionThread } from "#db/schema/discussions.ts";
import { isPrivateParent, privateTypesSql, readableByParticipantSql } from "./private.ts";
import { closedNote, discussableOf } from "./registry.ts";
import { canOnCategory, canOnPost, canOnThread, isModerator, type DiscussionViewer, type PostFacts, type ThreadFacts } from "./permissions.ts";

const c = schema.discussionCategories;
const t = schema.discussionThreads;
const p = schema.discussionPosts;

/** Where threads live: a forum category, or a registered parent (an initiative, an event). */
export type Place = { kind: "category"; categoryId: number } | { kind: "parent"; type: DiscussableType; id: number };

/** A thread's place as a viewer sees it. */
export type ResolvedPlace =
  | { kind: "category"; category: DiscussionCategory }
  | { kind: "parent"; type: DiscussableType; id: number; title: string; link: string; closed: MessageKey | null };

export const MODERATION_PAGE_SIZE = 20;
export const MODERATION_LOG_PAGE_SIZE = 50;
export const SUSPENSIONS_PAGE_SIZE = 20;
/** How many people @mention autocomplete offers. */
export const MENTION_SUGGESTIONS = 8;

export function isDiscussableType(type: string | undefined): type is DiscussableType {
  return (DISCUSSABLE_TYPES as readonly string[]).includes(type ?? "");
}

/** A list's page count for `total` rows (at least 1), the asked page made sane (≥ 1) and its offset. */
function paging(total: number, size: number, asked: number) {
  const page = Math.max(1, Math.floor(asked) || 1);
  return { pages: Math.max(1, Math.ceil(total / size)), page, offset: (page - 1) * size };
}

/**
 * A page (1-based) of a list read with a window count (`total` on every row) by `read(offset)`:
 * its rows, the total and the page count (at least 1). Past the last page (the routes redirect
 * there) the first page is read again, one more statement, to learn the total.
 */
function windowedPage<Row extends { total: number }>(read: (offset: number) => Row[], size: number, asked: number) {
  const { page, offset } = paging(0, size, asked);
  let rows = read(offset);
  if (rows.length === 0 && page > 1) rows = read(0);
  const total = rows[0]?.total ?? 0;
  return { rows, total, pages: Math.max(1, Math.ceil(total / size)) };
}

// ---- The person looking -------------------------------------------------------------------------

/**
 * A person's active posting suspension (the one ending last), or null. One indexed read.
 * Shape: `{ until: Date, reason: string }`.
 */
export function activeSuspension(userId: number, now = new Date()): { until: Date; reason: string } | null {
  const s = schema.discussionSuspensions;
  return (
    db
      .select({ until: s.until, reason: s.reason })
      .from(s)
      .where(and(eq(s.userId, userId), gt(s.until, now), isNull(s.liftedAt)))
      .orderBy(desc(s.until))
      .limit(1)
      .get() ?? null
  );
}

/**
 * What the discussion rules need to know about a person: their account, an active suspension,
 * and whether an organisation of theirs is suspended (asked of organisations). Two queries for a
 * signed-in person, once per GET request; none for anonymous.
 */
export function discussionViewer(user: SessionUser | null): DiscussionViewer {
  if (!user) return { user: null, suspendedUntil: null, organisationSuspended: false };
  return oncePerRequest(`discussion-viewer:${user.id}`, () => ({
    user: { id: user.id, role: user.role, emailVerifiedAt: user.emailVerifiedAt },
    suspendedUntil: activeSuspension(user.id)?.until ?? null,
    organisationSuspended: organisationsOfUser(user.id).some((m) => m.status === "suspended"),
  }));
}

// ---- Categories --------------------------------------------------------------------------------

const categoryColumns = {
  id: c.id,
  slug: c.slug,
  kind: c.kind,
  nameEs: c.nameEs,
  nameEn: c.nameEn,
  descriptionEs: c.descriptionEs,
  descriptionEn: c.descriptionEn,
  position: c.position,
  coordinatorsOnly: c.coordinatorsOnly,
  archivedAt: c.archivedAt,
  threadCount: c.threadCount,
  lastActivityAt: c.lastActivityAt,
  lastThreadId: t.id,
  lastThreadTitle: t.title,
};

function readCategories(where: SQL | undefined) {
  return db
    .select(categoryColumns)
    .from(c)
    .leftJoin(t, and(eq(t.id, c.lastThreadId), isNull(t.hiddenAt)))
    .where(where)
    .orderBy(asc(c.position), asc(c.id))
    .all()
    .map(({ lastThreadId, lastThreadTitle, ...category }) => ({
      ...category,
      lastThread: lastThreadId !== null && lastThreadTitle !== null ? { id: lastThreadId, title: lastThreadTitle } : null,
    }));
}

/**
 * Every category not archived, in position order, with its thread count, latest activity and
 * latest thread (all kept up to date by the writes). One query.
 */
export function listCategories() {
  return readCategories(isNull(c.archivedAt));
}

/** Every category, archived ones too (`archivedAt` set), for coordinators. One query. */
export function listAllCategories() {
  return readCategories(undefined);
}

/**
 * SQL: the thread (discussion_threads.id) has every word of `q` in its title, through the FTS5
 * index, case and accents folded (ftsMatch; issue 11); false for text without a word.
 */
export function threadTitleFilter(q: string): SQL {
  const match = ftsMatch(q);
  return match ? sql`${t.id} IN (SELECT rowid FROM discussion_threads_fts WHERE discussion_threads_fts MATCH ${match})` : sql`0`;
}

export function findCategoryBySlug(slug: string) {
  return db.select().from(c).where(eq(c.slug, slug)).get();
}

export function findCategoryById(id: number) {
  return db.select().from(c).where(eq(c.id, id)).get();
}

// ---- Threads and their places ------------------------------------------------------------------

export function findThread(id: number) {
  return db.select().from(t).where(eq(t.id, id)).get();
}

/** A thread's place for a viewer, and whether the place lets them post; null when they may not see it. */
export function placeFor(
  thread: Pick<DiscussionThread, "categoryId" | "parentType" | "parentId">,
  user: SessionUser | null,
  viewer: DiscussionViewer,
): { place: ResolvedPlace; mayPost: boolean } | null {
  if (thread.categoryId !== null) {
    const category = findCategoryById(thread.categoryId);
    if (!category) return null;
    const facts = { archived: category.archivedAt !== null, coordinatorsOnly: category.coordinatorsOnly };
    if (!canOnCategory("view", facts, viewer)) return null;
    // Replying is open to members in every category (Announcements too); starting is not.
    return { place: { kind: "category", category }, mayPost: !facts.archived };
  }
  const type = thread.parentType as DiscussableType;
  const parent = discussableOf(type).load(thread.parentId!, user);
  if (!parent) return null;
  return { place: { kind: "parent", type, id: thread.parentId!, title: parent.title, link: parent.link, closed: closedNote(parent) }, mayPost: parent.mayPost };
}

/**
 * The thread on a parent that a new message there joins: the one with the latest activity (pinned
 * first), hidden ones left out, or null when the parent has none. One read of
 * discussion_threads_parent_activity_idx; inside a transaction it sees the transaction's rows.
 */
export function latestThreadOn(type: DiscussableType, id: number): number | null {
  return (
    db
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.parentType, type), eq(t.parentId, id), isNull(t.hiddenAt)))
      .orderBy(desc(t.pinned), desc(t.lastPostAt), desc(t.id))
      .limit(1)
      .get()?.id ?? null
  );
}

/** The facts the thread rules read. */
export function threadFacts(thread: DiscussionThread, mayPost: boolean): ThreadFacts {
  return { authorId: thread.authorId, locked: thread.lockedAt !== null, hidden: thread.hiddenAt !== null, mayPost };
}

/** The facts the post rules read. */
export function postFacts(post: Pick<DiscussionPost, "authorId" | "deletedAt" | "hiddenAt">): PostFacts {
  return { authorId: post.authorId, deleted: post.deletedAt !== null, hidden: post.hiddenAt !== null };
}

/** Threads seen through `requireThread`, with what was learnt on the way (so threadPage need not ask again). */
export const guarded = new WeakMap<DiscussionThread, { viewer: DiscussionViewer; facts: ThreadFacts; userId: number | null }>();

function accessOf(thread: DiscussionThread, user: SessionUser | null) {
  const known = guarded.get(thread);
  if (known && known.userId === (user?.id ?? null)) return known;
  const viewer = discussionViewer(user);
  const found = placeFor(thread, user, viewer);
  return { viewer, facts: threadFacts(thread, found?.mayPost ?? false), userId: user?.id ?? null };
}

/** An organisation shown beside an author, when it is public (approved): `{ slug, name }` or null. */
function namedOrganisation(slug: string | null, name: string | null, status: string | null) {
  return slug !== null && name !== null && status === "approved" ? { slug, name } : null;
}

function personOf(map: ReturnType<typeof peopleByIds>, id: number) {
  const found = map.get(id);
  return { id, name: found?.name ?? "", handle: found?.handle ?? null };
}

/**
 * One page (1-based) of the threads of a place: pinned first, then by latest activity
 * ("activity") or newest ("newest"); hidden threads only for moderators. Each row carries its
 * author and organisation and, for a signed-in viewer, what is unread (`{ firstUnreadNumber,
 * unreadCount }`, null when read to the end; a thread never opened is unread from post 1).
 * `q`: only threads whose title has these words (ftsMatch: the last a prefix; case and accents
 * folded; text without words matches nothing).
 * One query whatever the number of threads (two when the page asked for is past the last).
 * `pages` is at least 1.
 */
export function threadList(place: Place, options: { sort: ThreadSort; page: number; pageSize?: number; q?: string }, user: SessionUser | null) {
  // A preview (a parent's page shows the first few) reads only what it shows.
  const size = options.pageSize ?? THREADS_PER_PAGE;
  // Only the role matters here: no suspension or membership lookups for reading a list.
  const moderator = isStaff(user);
  const where = and(
    place.kind === "category" ? eq(t.categoryId, place.categoryId) : and(eq(t.parentType, place.type), eq(t.parentId, place.id)),
    moderator ? undefined : isNull(t.hiddenAt),
    options.q ? threadTitleFilter(options.q) : undefined,
  );
  const reads = schema.discussionReads;
  const u = schema.users;
  const o = schema.organisations;
  // One statement: the page of threads with the total, authors' and organisations' display names
  // joined as the other features' lists do, and the reader's marks. A category's visible threads
  // are counted in its row (kept by the writes), so its list reads one page of the index whatever
  // its size; a window count would read every thread of the category first. Moderators, who also
  // see hidden threads, parents (a few threads each) and text filters are counted.
  const totalColumn =
    place.kind === "category" && !moderator && !options.q
      ? sql<number>`(SELECT thread_count FROM discussion_categories WHERE id = ${place.categoryId})`
      : sql<number>`count(*) OVER ()`;
  const select = () =>
    db
      .select({
        total: totalColumn,
        id: t.id,
        title: t.title,
        pinned: t.pinned,
        lockedAt: t.lockedAt,
        hiddenAt: t.hiddenAt,
        replyCount: t.replyCount,
        lastPostAt: t.lastPostAt,
        lastPostNumber: t.lastPostNumber,
        createdAt: t.createdAt,
        authorId: t.authorId,
        authorName: u.name,
        authorHandle: u.handle,
        organisationSlug: o.slug,
        organisationName: o.name,
        organisationStatus: o.status,
        lastReadNumber: user ? reads.lastReadNumber : sql<number | null>`NULL`,
      })
      .from(t)
      .innerJoin(u, eq(u.id, t.authorId))
      .leftJoin(o, eq(o.id, t.organisationId));
  const page = (offset: number) =>
    (user ? select().leftJoin(reads, and(eq(reads.threadId, t.id), eq(reads.userId, user.id))) : select())
      .where(where)
      .orderBy(desc(t.pinned), desc(options.sort === "newest" ? t.createdAt : t.lastPostAt))
      .limit(size)
      .offset(offset)
      .all();
  const { rows, total, pages } = windowedPage(page, size, options.page);
  return {
    total,
    pages,
    rows: rows.map(({ total: _total, lockedAt, hiddenAt, authorId, authorName, authorHandle, organisationSlug, organisationName, organisationStatus, lastReadNumber, ...row }) => {
      const read = lastReadNumber ?? 0;
      return {
        ...row,
        locked: lockedAt !== null,
        hidden: hiddenAt !== null,
        author: { id: authorId, name: authorName, handle: authorHandle },
        organisation: namedOrganisation(organisationSlug, organisationName, organisationStatus),
        unread: user && row.lastPostNumber > read ? { firstUnreadNumber: read + 1, unreadCount: row.lastPostNumber - read } : null,
      };
    }),
  };
}

/**
 * The latest threads anywhere the viewer may look (categories not archived, parents they may
 * see), latest activity first: `{ id, title, lastPostAt, createdAt, author: { name },
 * categorySlug, placeTitle, placeLink }[]` (`placeLink`: the parent's page, null for a category, whose
 * address the routes make from `categorySlug`). A few queries: threads, people, and one per kind of parent.
 */
export function latestThreads(limit: number, user: SessionUser | null) {
  const rows = db
    .select({
      id: t.id,
      title: t.title,
      lastPostAt: t.lastPostAt,
      createdAt: t.createdAt,
      authorId: t.authorId,
      parentType: t.parentType,
      parentId: t.parentId,
      categorySlug: c.slug,
      categoryNameEs: c.nameEs,
      categoryNameEn: c.nameEn,
      categoryArchivedAt: c.archivedAt,
    })
    .from(t)
    .leftJoin(c, eq(c.id, t.categoryId))
    .where(isNull(t.hiddenAt))
    .orderBy(desc(t.lastPostAt))
    // Some may be on parents the viewer cannot see: read a few more than asked.
    .limit(limit * 3)
    .all();
  const parents = new Map<string, Map<number, { title: string; link: string }>>();
  for (const type of DISCUSSABLE_TYPES) {
    const ids = rows.filter((row) => row.parentType === type).map((row) => row.parentId!);
    if (ids.length > 0) parents.set(type, discussableOf(type).describe(ids, user));
  }
  type Visible = (typeof rows)[number] & { placeTitle: string; placeLink: string | null };
  const visible = rows
    .flatMap((row): Visible[] => {
      if (row.parentType === null) {
        if (row.categoryArchivedAt !== null || row.categorySlug === null) return [];
        const placeTitle = user?.locale === "en" ? row.categoryNameEn! : row.categoryNameEs!;
        return [{ ...row, placeTitle, placeLink: null }];
      }
      const parent = parents.get(row.parentType)?.get(row.parentId!);
      return parent ? [{ ...row, categorySlug: null, placeTitle: parent.title, placeLink: parent.link }] : [];
    })
    .slice(0, limit);
  const people = peopleByIds(visible.map((row) => row.authorId));
  return visible.map((row) => ({
    id: row.id,
    title: row.title,
    lastPostAt: row.lastPostAt,
    createdAt: row.createdAt,
    author: { name: people.get(row.authorId)?.name ?? "" },
    categorySlug: row.categorySlug,
    placeTitle: row.placeTitle,
    placeLink: row.placeLink,
  }));
}

/**
 * The newest visible threads of a category for its Atom feed, with their opening post's HTML
 * (empty when it was deleted or hidden): `{ id, title, createdAt, lastPostAt, author: { name },
 * bodyHtml }[]`. Two queries.
 */
export function categoryFeed(categoryId: number, limit: number) {
  const rows = db
    .select({
      id: t.id,
      title: t.title,
      createdAt: t.createdAt,
      lastPostAt: t.lastPostAt,
      authorId: t.authorId,
      // The outer column in full: Drizzle writes a one-table select's columns unqualified.
      bodyHtml: sql<string>`coalesce((SELECT body_html FROM discussion_posts WHERE thread_id = discussion_threads.id AND number = 1 AND deleted_at IS NULL AND hidden_at IS NULL), '')`,
    })
    .from(t)
    .where(and(eq(t.categoryId, categoryId), isNull(t.hiddenAt)))
    .orderBy(desc(t.createdAt))
    .limit(limit)
    .all();
  const people = peopleByIds(rows.map((row) => row.authorId));
  return rows.map(({ authorId, ...row }) => ({ ...row, author: { name: people.get(authorId)?.name ?? "" } }));
}

// ---- A thread's posts --------------------------------------------------------------------------

/** Page of a post in its thread (posts keep their number: no counting). */
export const pageOfNumber = (number: number) => Math.max(1, Math.ceil(number / POSTS_PER_PAGE));

/**
 * One page (1-based) of a thread: posts numbered (page−1)·20+1 … page·20 in order, each with its
 * author and organisation, reaction counts and the viewer's own reactions, whether the viewer
 * flagged it, the quoted post's number, and what the viewer may do with it (`can`). `bodyHtml` is
 * null for deleted posts and for hidden ones the viewer may not read; `body` (the markdown, for
 * the edit form) only for its author. Moderators also get open flag and revision counts.
 * `unread.firstUnreadNumber`: the first post after the viewer's read mark (null when read to the
 * end or anonymous). A fixed number of indexed queries whatever the thread's length: posts (one
 * range read, names joined), and the reader's mark and follow.
 * `thread` is the one `requireThread` returned (then nothing is asked twice).
 */
export function threadPage(thread: DiscussionThread, page: number, user: SessionUser | null) {
  const { viewer, facts } = accessOf(thread, user);
  const moderator = isModerator(viewer);
  const pages = pageOfNumber(thread.lastPostNumber);
  const current = Math.max(1, Math.floor(page) || 1);
  const first = (current - 1) * POSTS_PER_PAGE + 1;
  const me = user?.id ?? 0;
  const rows = db
    .select({
      id: p.id,
      number: p.number,
      authorId: p.authorId,
      organisationId: p.organisationId,
      body: p.body,
      bodyHtml: p.bodyHtml,
      quotedPostId: p.quotedPostId,
      createdAt: p.createdAt,
      editedAt: p.editedAt,
      deletedAt: p.deletedAt,
      hiddenAt: p.hiddenAt,
      hiddenReason: p.hiddenReason,
      openFlagCount: p.openFlagCount,
      // Subqueries name the outer columns in full (discussion_posts.id): Drizzle writes the columns
      // of a one-table select unqualified, and "id" would mean the inner table's.
      reactions: sql<string>`(SELECT json_group_object(reaction, n) FROM (SELECT reaction, count(*) AS n FROM discussion_reactions WHERE post_id = discussion_posts.id GROUP BY reaction))`,
      myReactions: sql<string>`(SELECT json_group_array(reaction) FROM discussion_reactions WHERE post_id = discussion_posts.id AND user_id = ${me})`,
      flaggedByMe: sql<number>`EXISTS (SELECT 1 FROM discussion_flags WHERE post_id = discussion_posts.id AND user_id = ${me})`,
      quotedNumber: sql<number | null>`(SELECT q.number FROM discussion_posts q WHERE q.id = discussion_posts.quoted_post_id)`,
      // Only moderators see edit histories; nobody else's page reads them (nor is cached with them).
      revisionCount: moderator ? sql<number>`(SELECT count(*) FROM discussion_post_revisions WHERE post_id = discussion_posts.id)` : sql<number>`0`,
      authorName: schema.users.name,
      authorHandle: schema.users.handle,
      organisationSlug: schema.organisations.slug,
      organisationName: schema.organisations.name,
      organisationStatus: schema.organisations.status,
    })
    .from(p)
    .innerJoin(schema.users, eq(schema.users.id, p.authorId))
    .leftJoin(schema.organisations, eq(schema.organisations.id, p.organisationId))
    .where(and(eq(p.threadId, thread.id), sql`${p.number} BETWEEN ${first} AND ${first + POSTS_PER_PAGE - 1}`))
    .orderBy(asc(p.number))
    .all();
  const mark = user
    ? db.get<{ lastRead: number | null; following: number }>(sql`
        SELECT (SELECT last_read_number FROM discussion_reads WHERE user_id = ${user.id} AND thread_id = ${thread.id}) AS lastRead,
          EXISTS (SELECT 1 FROM discussion_follows WHERE user_id = ${user.id} AND thread_id = ${thread.id}) AS following`)
    : undefined;
  const lastRead = mark?.lastRead ?? 0;
  const posts = rows.map((row) => {
    const post = postFacts(row);
    const can = (action: Parameters<typeof canOnPost>[0]) => canOnPost(action, post, facts, viewer);
    const counts = JSON.parse(row.reactions ?? "{}") as Partial<Record<Reaction, number>>;
    return {
      id: row.id,
      number: row.number,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
      deleted: post.deleted,
      hidden: post.hidden,
      hiddenReason: row.hiddenReason,
      bodyHtml: can("view") ? row.bodyHtml : null,
      body: user?.id === row.authorId && !post.deleted ? row.body : null,
      quotedNumber: row.quotedNumber,
      author: { id: row.authorId, name: row.authorName, handle: row.authorHandle },
      organisation: namedOrganisation(row.organisationSlug, row.organisationName, row.organisationStatus),
      reactions: Object.fromEntries(REACTIONS.map((r) => [r, counts[r] ?? 0])) as Record<Reaction, number>,
      myReactions: JSON.parse(row.myReactions) as Reaction[],
      flaggedByMe: Boolean(row.flaggedByMe),
      openFlagCount: moderator ? row.openFlagCount : 0,
      revisionCount: moderator ? row.revisionCount : 0,
      can: { edit: can("edit"), delete: can("delete"), flag: can("flag"), react: can("react"), quote: can("quote") },
    };
  });
  return {
    pages,
    page: current,
    posts,
    unread: user && thread.lastPostNumber > lastRead ? { firstUnreadNumber: lastRead + 1 } : null,
    following: Boolean(mark?.following),
  };
}

/** A post and its thread, by the post's id. One query. */
export function findPostWithThread(postId: number) {
  return db.select({ post: p, thread: t }).from(p).innerJoin(t, eq(t.id, p.threadId)).where(eq(p.id, postId)).get();
}

/**
 * Where a post is, for its permalink (/discussions/posts/:id → the thread's page, #post-N):
 * `{ threadId, number, page }`, or null when there is no such post or the viewer may not see it
 * (its thread or place hidden from them, or the post hidden and theirs to see not). A deleted
 * post is still found (its placeholder keeps the thread readable).
 */
export function postLocation(postId: number, user: SessionUser | null) {
  const found = findPostWithThread(postId);
  if (!found) return null;
  const { viewer, facts } = accessOf(found.thread, user);
  if (!canOnThread("view", facts, viewer) || !placeFor(found.thread, user, viewer)) return null;
  const post = postFacts(found.post);
  if (!post.deleted && !canOnPost("view", post, facts, viewer)) return null;
  return { threadId: found.thread.id, number: found.post.number, page: pageOfNumber(found.post.number) };
}

/**
 * Earlier versions of a post (its body before each edit or its deletion), newest first:
 * `{ body, replacedAt }[]`. Moderators only: null for anyone else. One query.
 */
export function postRevisions(postId: number, user: SessionUser | null) {
  if (!isModerator(discussionViewer(user))) return null;
  const r = schema.discussionPostRevisions;
  return db.select({ body: r.body, replacedAt: r.replacedAt }).from(r).where(eq(r.postId, postId)).orderBy(desc(r.replacedAt), desc(r.id)).all();
}

// ---- A person's posts (/discussions?author=handle, where @mentions link) ------------------------

/** Posts per page of a person's posts. */
export const AUTHOR_POSTS_PER_PAGE = 20;
/** Longest excerpt of a post in lists, in characters (an ellipsis marks a cut). */
export const POST_EXCERPT_MAX = 200;

/** Markdown as plain text of at most `max` characters, cut at a word with "…" when longer. */
export function excerptOf(markdown: string, max = POST_EXCERPT_MAX) {
  const text = plainText(markdown);
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * One page (1-based) of a person's posts (by handle, any case) that the viewer may see, newest
 * first: not deleted; hidden ones only for moderators and the author; only in threads the viewer
 * may see (not hidden, unless a moderator; in a category not archived, unless a moderator; or on
 * a parent the viewer may see, as its registration's `describe` says). Shape: `{ person: { id,
 * name, handle }, total, pages, rows: [{ id, createdAt: Date, hidden, excerpt (plain text, at most
 * POST_EXCERPT_MAX characters), thread: { id, title } }] }`; null when nobody has that handle.
 * `pages` is at least 1. A few indexed queries whatever the number of posts: the person, the
 * parents of their threads, one per kind of parent, the page (one more when past the last).
 */
export function authorPosts(handle: string, page: number, user: SessionUser | null) {
  const person = usersByHandles([handle]).entries().next().value;
  if (!person) return null;
  const [personHandle, { id: authorId, name }] = person;
  const moderator = isStaff(user);
  const readable = and(eq(p.authorId, authorId), isNull(p.deletedAt), moderator || user?.id === authorId ? undefined : isNull(p.hiddenAt));
  // Whether a parent may be seen is the parent's to say: asked for all the person's parents at once.
  const parentRows = db
    .selectDistinct({ type: t.parentType, id: t.parentId })
    .from(p)
    .innerJoin(t, eq(t.id, p.threadId))
    .where(and(readable, isNotNull(t.parentType)))
    .all();
  const onVisibleParents = DISCUSSABLE_TYPES.flatMap((type) => {
    const ids = parentRows.filter((row) => row.type === type).map((row) => row.id!);
    const visible = ids.length > 0 ? [...discussableOf(type).describe(ids, user).keys()] : [];
    return visible.length > 0 ? [sql`(${t.parentType} = ${type} AND ${t.parentId} IN (SELECT value FROM json_each(${JSON.stringify(visible)})))`] : [];
  });
  const inCategory = and(isNotNull(t.categoryId), moderator ? undefined : isNull(c.archivedAt));
  const where = and(readable, moderator ? undefined : isNull(t.hiddenAt), or(inCategory, ...onVisibleParents));
  const read = (offset: number) =>
    db
      .select({ total: sql<number>`count(*) OVER ()`, id: p.id, createdAt: p.createdAt, hiddenAt: p.hiddenAt, body: p.body, threadId: t.id, threadTitle: t.title })
      .from(p)
      .innerJoin(t, eq(t.id, p.threadId))
      .leftJoin(c, eq(c.id, t.categoryId))
      .where(where)
      .orderBy(desc(p.createdAt), desc(p.id))
      .limit(AUTHOR_POSTS_PER_PAGE)
      .offset(offset)
      .all();
  const { rows, total, pages } = windowedPage(read, AUTHOR_POSTS_PER_PAGE, page);
  return {
    person: { id: authorId, name, handle: personHandle },
    total,
    pages,
    rows: rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      hidden: row.hiddenAt !== null,
      excerpt: excerptOf(row.body),
      thread: { id: row.threadId, title: row.threadTitle },
    })),
  };
}

/** Up to eight people for @mention autocomplete, by handle or a word of their name: `{ handle, name }[]`. */
export function mentionSuggestions(prefix: string) {
  return handleSuggestions(prefix, MENTION_SUGGESTIONS);
}

/**
 * How many threads a person follows have posts they have not read (hidden threads left out).
 * One query over their follows.
 */
export function unreadThreadCount(userId: number): number {
  const row = db.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM discussion_follows f
    JOIN discussion_threads t ON t.id = f.thread_id
    LEFT JOIN discussion_reads r ON r.user_id = f.user_id AND r.thread_id = f.thread_id
    WHERE f.user_id = ${userId} AND t.hidden_at IS NULL AND t.last_post_number > coalesce(r.last_read_number, 0)
      AND ${readableByParticipantSql("t", userId)}`);
  return row?.n ?? 0;
}

/** Followers of a thread (user ids). One indexed read. */
export function threadFollowers(threadId: number): number[] {
  const f = schema.discussionFollows;
  return db.select({ userId: f.userId }).from(f).where(eq(f.threadId, threadId)).all().map((row) => row.userId);
}

// ---- Moderation --------------------------------------------------------------------------------

/**
 * The moderation queue's rule for the moderator `userId`, on discussion_posts: posts with open
 * flags (read through discussion_posts_review_idx), except those of private parents' threads
 * (PRIVATE_DISCUSSABLE_TYPES) the moderator does not take part in — an exchange conversation's
 * reports reach its invited facilitators only (readableByParticipantSql: the person's own
 * participation, read once from its indexes). Without a moderator (null): no private thread's
 * posts at all. Each post's thread is looked up by primary key.
 */
export function awaitingModerationSql(userId: number | null) {
  return and(
    gt(p.openFlagCount, 0),
    sql`NOT EXISTS (SELECT 1 FROM discussion_threads pt WHERE pt.id = ${p.threadId} AND pt.parent_type IN (${privateTypesSql()})${
      userId === null ? sql`` : sql` AND NOT ${readableByParticipantSql("pt", userId)}`
    })`,
  )!;
}

/**
 * Posts waiting for the moderator `userId` — with open flags, including those the flags hid, of
 * threads they may moderate (awaitingModerationSql; no private thread's without one) — oldest first, one page (1-based) at a time,
 * each with its thread, author and open flags (reason, note, who, when). Four queries: count,
 * posts, flags, people.
 */
export function moderationQueue(page: number, userId: number | null = null) {
  const waiting = awaitingModerationSql(userId);
  const total = db.select({ n: count() }).from(p).where(waiting).get()?.n ?? 0;
  const { pages, offset } = paging(total, MODERATION_PAGE_SIZE, page);
  const posts = db
    .select({
      id: p.id,
      number: p.number,
      authorId: p.authorId,
      body: p.body,
      bodyHtml: p.bodyHtml,
      createdAt: p.createdAt,
      deletedAt: p.deletedAt,
      hiddenAt: p.hiddenAt,
      hiddenReason: p.hiddenReason,
      openFlagCount: p.openFlagCount,
      threadId: t.id,
      threadTitle: t.title,
    })
    .from(p)
    .innerJoin(t, eq(t.id, p.threadId))
    .where(waiting)
    .orderBy(asc(p.createdAt), asc(p.id))
    .limit(MODERATION_PAGE_SIZE)
    .offset(offset)
    .all();
  const f = schema.discussionFlags;
  const flags =
    posts.length === 0
      ? []
      : db
          .select({ postId: f.postId, userId: f.userId, reason: f.reason, note: f.note, createdAt: f.createdAt })
          .from(f)
          .where(and(inArray(f.postId, posts.map((post) => post.id)), isNull(f.reviewedAt)))
          .orderBy(asc(f.createdAt), asc(f.id))
          .all();
  const people = peopleByIds([...posts.map((post) => post.authorId), ...flags.map((flag) => flag.userId)]);
  return {
    total,
    pages,
    rows: posts.map(({ threadId, threadTitle, authorId, deletedAt, hiddenAt, ...post }) => ({
      ...post,
      deleted: deletedAt !== null,
      hidden: hiddenAt !== null,
      author: personOf(people, authorId),
      thread: { id: threadId, title: threadTitle },
      flags: flags
        .filter((flag) => flag.postId === post.id)
        .map((flag) => ({ reason: flag.reason, note: flag.note, by: people.get(flag.userId)?.name ?? "", createdAt: flag.createdAt })),
    })),
  };
}

/**
 * The moderation audit log, newest first, one page (1-based): who did what, on which thread,
 * post, category or person, with the note and details — except for threads of private parents
 * (exchange conversations), whose rows say only who did what, to whom (`private: true`; no
 * thread, note or details), since every moderator reads the log. Three queries: count, rows, people.
 */
export function moderationLog(page: number) {
  const m = schema.moderationLog;
  const total = db.select({ n: count() }).from(m).get()?.n ?? 0;
  const { pages, offset } = paging(total, MODERATION_LOG_PAGE_SIZE, page);
  const rows = db
    .select({
      id: m.id,
      action: m.action,
      actorId: m.actorId,
      threadId: m.threadId,
      threadTitle: t.title,
      threadParentType: t.parentType,
      postId: m.postId,
      categoryId: m.categoryId,
      categoryNameEs: c.nameEs,
      categoryNameEn: c.nameEn,
      targetUserId: m.targetUserId,
      note: m.note,
      details: m.details,
      createdAt: m.createdAt,
    })
    .from(m)
    .leftJoin(t, eq(t.id, m.threadId))
    .leftJoin(c, eq(c.id, m.categoryId))
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(MODERATION_LOG_PAGE_SIZE)
    .offset(offset)
    .all();
  const people = peopleByIds(rows.flatMap((row) => [row.actorId, row.targetUserId].filter((id): id is number => id !== null)));
  return {
    total,
    pages,
    rows: rows.map((row) => {
      // Every moderator reads the log: a private conversation's thread and the note on it stay out.
      const hidden = isPrivateParent(row.threadParentType);
      return {
        id: row.id,
        action: row.action,
        actor: row.actorId === null ? null : (people.get(row.actorId)?.name ?? null),
        thread: !hidden && row.threadId !== null && row.threadTitle !== null ? { id: row.threadId, title: row.threadTitle } : null,
        postId: row.postId,
        category: row.categoryId !== null && row.categoryNameEs !== null ? { nameEs: row.categoryNameEs, nameEn: row.categoryNameEn! } : null,
        targetUser: row.targetUserId === null ? null : (people.get(row.targetUserId)?.name ?? null),
        note: hidden ? "" : row.note,
        details: hidden ? null : row.details,
        private: hidden,
        createdAt: row.createdAt,
      };
    }),
  };
}

/**
 * People barred from posting now (a suspension neither lifted nor over), one row per person —
 * their latest-ending suspension — ending soonest first, one page (1-based) at a time:
 * `{ total, pages, rows: [{ user: { id, name, handle }, until: Date, reason, createdAt: Date,
 * suspendedBy: name | null }] }` (`suspendedBy` null when that account is gone). Three queries:
 * count, page, people. The first two read the suspensions table whole: it holds few rows.
 */
export function activeSuspensions(page: number, now = new Date()) {
  const active = sql`lifted_at IS NULL AND until > ${now.getTime()}`;
  const total = db.get<{ n: number }>(sql`SELECT count(DISTINCT user_id) AS n FROM discussion_suspensions WHERE ${active}`)?.n ?? 0;
  const { pages, offset } = paging(total, SUSPENSIONS_PAGE_SIZE, page);
  // max(until) with bare columns: SQLite takes the reason, author and date from the row holding the max.
  const rows = db.all<{ userId: number; until: number; reason: string; createdAt: number; byId: number | null }>(sql`
    SELECT user_id AS userId, max(until) AS until, reason, created_at AS createdAt, created_by_id AS byId
    FROM discussion_suspensions WHERE ${active} GROUP BY user_id
    ORDER BY until ASC, user_id ASC
    LIMIT ${SUSPENSIONS_PAGE_SIZE} OFFSET ${offset}`);
  const people = peopleByIds(rows.flatMap((row) => (row.byId === null ? [row.userId] : [row.userId, row.byId])));
  return {
    total,
    pages,
    rows: rows.map((row) => ({
      user: personOf(people, row.userId),
      until: new Date(row.until),
      reason: row.reason,
      createdAt: new Date(row.createdAt),
      suspendedBy: row.byId === null ? null : (people.get(row.byId)?.name ?? null),
    })),
  };
}
