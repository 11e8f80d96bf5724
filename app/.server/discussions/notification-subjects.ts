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

const isModerator = (reader: Reader) => reader.role === "coordinator" || reader.role === "admin";

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

registerNotificationSubject({
  type: "thread",
  describe(ids, reader) {
    if (ids.length === 0) return new Map();
    const rows = db.select(threadColumns).from(t).leftJoin(c, eq(c.id, t.categoryId)).where(inArray(t.id, [...ids])).all();
    const visible = visibleThreads(rows, reader);
    return new Map(rows.filter((row) => visible.has(row.id)).map((row) => [row.id, { title: row.title, link: `/discussions/threads/${row.id}` }]));
  },
});

registerNotificationSubject({
  type: "post",
  describe(ids, reader) {
    if (ids.length === 0) return new Map();
    const rows = db
      .select({ postId: p.id, authorId: p.authorId, postHiddenAt: p.hiddenAt, ...threadColumns })
      .from(p)
      .innerJoin(t, eq(t.id, p.threadId))
      .leftJoin(c, eq(c.id, t.categoryId))
      .where(inArray(p.id, [...ids]))
      .all();
    const visible = visibleThreads(rows, reader);
    const described = new Map<number, { title: string; link: string }>();
    for (const row of rows) {
      const postVisible = row.postHiddenAt === null || row.authorId === reader.id || isModerator(reader);
      if (visible.has(row.id) && postVisible) described.set(row.postId, { title: row.title, link: `/discussions/posts/${row.postId}` });
    }
    return described;
  },
});
