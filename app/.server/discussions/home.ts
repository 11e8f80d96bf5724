import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { readableByParticipantSql } from "./private.ts";
import { awaitingModerationSql } from "./queries.ts";

/** How many forum threads the home page lists, and at most how many unread followed threads. */
export const HOME_THREADS = 5;
export const HOME_UNREAD_THREADS = 5;

/** A forum thread on the home page; `lastPostAt` in UTC ms; the category's name in both languages. */
export type HomeThread = { id: number; title: string; lastPostAt: number; replyCount: number; categorySlug: string; categoryEs: string; categoryEn: string };
/** A followed thread with posts the viewer has not read: `firstUnread` is the number of the first of them, `unread` how many were written since. */
export type UnreadThread = { id: number; title: string; lastPostAt: number; firstUnread: number; unread: number };

/**
 * SQL: the threads `userId` follows with posts they have not read (not hidden), each numbered `n`
 * by latest activity, with the number of the first unread post and how many were written since.
 * Following outlives taking part: a private parent's threads (an exchange conversation) count only
 * while the person still takes part in it (readableByParticipantSql).
 */
function unreadFollowedRows(userId: number) {
  return sql`SELECT t.id, t.title, t.last_post_at, coalesce(r.last_read_number, 0) + 1 AS first_unread,
                t.last_post_number - coalesce(r.last_read_number, 0) AS unread, row_number() OVER (ORDER BY t.last_post_at DESC, t.id DESC) AS n
              FROM discussion_follows f JOIN discussion_threads t ON t.id = f.thread_id
                LEFT JOIN discussion_reads r ON r.user_id = f.user_id AND r.thread_id = f.thread_id
              WHERE f.user_id = ${userId} AND t.hidden_at IS NULL AND t.last_post_number > coalesce(r.last_read_number, 0)
                AND ${readableByParticipantSql("t", userId)}`;
}

/** How many followed threads with unread posts "My work" lists at most. */
export const MY_UNREAD_THREADS_MAX = 200;

/**
 * The threads a person follows with posts they have not read, latest activity first, at most
 * MY_UNREAD_THREADS_MAX (the dashboard's "and N more" leads here): one statement.
 */
export function unreadFollowedThreads(userId: number): UnreadThread[] {
  return db.all<UnreadThread>(sql`
    SELECT id, title, last_post_at AS lastPostAt, first_unread AS firstUnread, unread FROM (${unreadFollowedRows(userId)})
    ORDER BY n LIMIT ${MY_UNREAD_THREADS_MAX}`);
}

/**
 * The home page's share of the discussions feature, in ONE statement: the HOME_THREADS forum
 * threads with the latest activity that anyone may read (not hidden, in a category not archived),
 * read newest first from discussion_threads_activity_idx; for a signed-in viewer, the threads they
 * follow with posts they have not read (not hidden; the HOME_UNREAD_THREADS with the latest
 * activity, and `unreadCount`, how many there are in all); and for a moderator (coordinators and
 * admins) `moderationWaiting`, how many posts the moderation queue (/discussions/moderation) holds,
 * by the queue's own rule for them (awaitingModerationSql: open flags, those the flags hid included,
 * private conversations only for their invited facilitators), read from discussion_posts_review_idx. Without a viewer `unread` is empty and the counts 0; for
 * members `moderationWaiting` is 0. Threads on initiatives and events are left out of the public
 * list: whether their parent may be seen is the parent feature's to say, at the cost of more
 * statements. `overview: false` leaves out `latest` (empty), for a caller that has it cached.
 */
export function homeDiscussions(viewer: { userId: number; moderator: boolean } | null, { overview = true } = {}) {
  const row = db.get<{ latest: string; unread: string; moderationWaiting: number }>(sql`
    SELECT ${overview ? sql`
      (SELECT json_group_array(json_object('id', id, 'title', title, 'lastPostAt', last_post_at, 'replyCount', reply_count,
                                           'categorySlug', slug, 'categoryEs', name_es, 'categoryEn', name_en))
        FROM (SELECT t.id, t.title, t.last_post_at, t.reply_count, c.slug, c.name_es, c.name_en
              FROM discussion_threads t JOIN discussion_categories c ON c.id = t.category_id
              WHERE t.hidden_at IS NULL AND c.archived_at IS NULL
              ORDER BY t.last_post_at DESC LIMIT ${HOME_THREADS})) AS latest,` : sql`'[]' AS latest,`}
      ${viewer === null ? sql`'{"rows":[],"total":0}'` : sql`(SELECT json_object('total', count(*), 'rows', json_group_array(json_object('id', id, 'title', title,
            'lastPostAt', last_post_at, 'firstUnread', first_unread, 'unread', unread)) FILTER (WHERE n <= ${HOME_UNREAD_THREADS}))
        FROM (${unreadFollowedRows(viewer.userId)} ORDER BY n))`} AS unread,
      ${viewer?.moderator ? sql`(SELECT count(*) FROM discussion_posts WHERE ${awaitingModerationSql(viewer.userId)})` : sql`0`} AS moderationWaiting`)!;
  const unread = JSON.parse(row.unread) as { total: number; rows: UnreadThread[] };
  return { latest: JSON.parse(row.latest) as HomeThread[], unread: unread.rows, unreadCount: unread.total, moderationWaiting: row.moderationWaiting };
}
