import { isStaff } from "#app/.server/auth/roles.ts";
import { inArray, eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { registerNotificationSubject } from "#app/.server/notifications/registry.ts";
import { oncePerRequest } from "#app/.server/request-scope.ts";
import { DISCUSSABLE_TYPES, type DiscussableType } from "#app/features/discussions/taxonomy.ts";
import type { PlatformRole } from "#db/schema/auth.ts";
import { discussableOf } from "./registry.ts";
// Resolving a thread asks its parent: whoever renders notifications gets the parents registered.
import "#app/.server/discussion-parents.ts";

// Notifications about threads and posts (ADR 0013) store only ("thread", id) or ("post", id); these
// resolvers give their current title and link, as the reader may see them, when shown or mailed.

const t = schema.discussionThreads;
const p = schema.discussionPosts;
const c = schema.discussionCategories;

type Reader = { id: number; role: PlatformRole };
type ThreadRow = { id: number; title: string; hiddenAt: Date | null; parentType: string | null; parentId: number | null; categoryArchivedAt: Date | null };

const isModerator = (reader: Reader) => isStaff(reader);

/**
 * Which of these parents the reader may see, asked of the parent's registration. Within one GET
 * (request-scope.ts) answers are remembered per parent, so the "thread" and "post" resolvers of one
 * notifications page do not ask twice about the same initiative or event.
 */
function visibleParents(type: DiscussableType, ids: number[], reader: Reader): Map<number, boolean> {
  const known = oncePerRequest(`discussion-parent-visibility:${reader.id}:${type}`, () => new Map<number, boolean>());
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length > 0) {
    const described = discussableOf(type).describe(missing, reader);
    for (const id of missing) known.set(id, described.has(id));
  }
  return known;
}

/** The threads among `rows` the reader may see: not hidden (unless moderator), place visible. */
function visibleThreads(rows: ThreadRow[], reader: Reader): Set<number> {
  const parents = new Map<string, Map<number, boolean>>();
  for (const type of DISCUSSABLE_TYPES) {
    const ids = rows.filter((row) => row.parentType === type).map((row) => row.parentId!);
    if (ids.length > 0) parents.set(type, visibleParents(type, ids, reader));
  }
  const moderator = isModerator(reader);
  return new Set(
    rows
      .filter((row) => moderator || row.hiddenAt === null)
      .filter((row) => (row.parentType === null ? moderator || row.categoryArchivedAt === null : parents.get(row.parentType)?.get(row.parentId!) === true))
      .map((row) => row.id),
  );
}

const threadColumns = { id: t.id, title: t.title, hiddenAt: t.hiddenAt, parentType: t.parentType, parentId: t.parentId, categoryArchivedAt: c.archivedAt };

type Described = Map<number, { title: string; link: string }>;
type Resolved = { threads: Described; posts: Described };

// One resolution per batch of subjects (the notifications page asks for threads and posts
// separately, with the same batch): the second resolver reuses the first one's answer.
const resolvedBatches = new WeakMap<object, { readerId: number; resolved: Resolved }>();

/**
 * Titles and links of the threads and posts among `batch` as `reader` may see them: two queries
 * (threads, posts with their threads) and one visibility question per kind of parent for all of
 * them together, whatever the number of subjects.
 */
function resolveDiscussionSubjects(batch: ReadonlyArray<{ type: string; id: number }>, reader: Reader): Resolved {
  const threadIds = [...new Set(batch.filter((s) => s.type === "thread").map((s) => s.id))];
  const postIds = [...new Set(batch.filter((s) => s.type === "post").map((s) => s.id))];
  const threadRows = threadIds.length === 0 ? [] : db.select(threadColumns).from(t).leftJoin(c, eq(c.id, t.categoryId)).where(inArray(t.id, threadIds)).all();
  const postRows =
    postIds.length === 0
      ? []
      : db
          .select({ postId: p.id, authorId: p.authorId, postHiddenAt: p.hiddenAt, ...threadColumns })
          .from(p)
          .innerJoin(t, eq(t.id, p.threadId))
          .leftJoin(c, eq(c.id, t.categoryId))
          .where(inArray(p.id, postIds))
          .all();
  const visible = visibleThreads([...threadRows, ...postRows], reader);
  const threads: Described = new Map(threadRows.filter((row) => visible.has(row.id)).map((row) => [row.id, { title: row.title, link: `/discussions/threads/${row.id}` }]));
  const posts: Described = new Map();
  for (const row of postRows) {
    const postVisible = row.postHiddenAt === null || row.authorId === reader.id || isModerator(reader);
    if (visible.has(row.id) && postVisible) posts.set(row.postId, { title: row.title, link: `/discussions/posts/${row.postId}` });
  }
  return { threads, posts };
}

/** The batch's resolution, computed once per batch and reader. */
function resolvedFor(type: "thread" | "post", ids: readonly number[], reader: Reader, batch?: ReadonlyArray<{ type: string; id: number }>): Described {
  if (ids.length === 0) return new Map();
  const subjects = batch ?? ids.map((id) => ({ type, id }));
  const known = batch ? resolvedBatches.get(batch) : undefined;
  const resolved = known && known.readerId === reader.id ? known.resolved : resolveDiscussionSubjects(subjects, reader);
  if (batch) resolvedBatches.set(batch, { readerId: reader.id, resolved });
  const all = type === "thread" ? resolved.threads : resolved.posts;
  return new Map(ids.flatMap((id) => (all.has(id) ? [[id, all.get(id)!] as const] : [])));
}

registerNotificationSubject({ type: "thread", describe: (ids, reader, batch) => resolvedFor("thread", ids, reader, batch) });
registerNotificationSubject({ type: "post", describe: (ids, reader, batch) => resolvedFor("post", ids, reader, batch) });
