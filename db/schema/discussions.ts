import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  CATEGORY_KINDS,
  DISCUSSABLE_TYPES,
  FLAG_REASONS,
  MODERATION_ACTIONS,
  REACTIONS,
} from "../../app/features/discussions/taxonomy.ts";
import { users } from "./auth.ts";
import { organisations } from "./organisations.ts";

const now = sql`(unixepoch('subsec') * 1000)`;
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

// Discussions (issue 10, ADR 0013). A thread belongs either to a forum category or to a
// discussable parent known only by (parent_type, parent_id): the discussion feature never reads
// the parent's tables, it asks the parent's registration (app/.server/discussions/discussables.ts).

export const discussionCategories = sqliteTable(
  "discussion_categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    kind: text("kind", { enum: CATEGORY_KINDS }).notNull(),
    nameEs: text("name_es").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionEs: text("description_es").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    position: integer("position").notNull().default(0),
    // Only coordinators (and admins) start threads here (Announcements).
    coordinatorsOnly: integer("coordinators_only", { mode: "boolean" }).notNull().default(false),
    archivedAt: timestamp("archived_at"),
    // Denormalised, kept by the mutations in the same transaction as the write, so the category
    // list is one query whatever the number of threads.
    threadCount: integer("thread_count").notNull().default(0),
    lastActivityAt: timestamp("last_activity_at"),
    lastThreadId: integer("last_thread_id"),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [index("discussion_categories_position_idx").on(t.archivedAt, t.position)],
);

export const discussionThreads = sqliteTable(
  "discussion_threads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    categoryId: integer("category_id").references(() => discussionCategories.id),
    parentType: text("parent_type", { enum: DISCUSSABLE_TYPES }),
    parentId: integer("parent_id"),
    title: text("title").notNull(),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    // The organisation the author wrote for, if any (shown beside the name).
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
    lockedAt: timestamp("locked_at"),
    hiddenAt: timestamp("hidden_at"),
    // Highest post number so far (posts are numbered 1, 2, … in the thread; deleted and hidden
    // ones keep their number). Unread = last_post_number > the reader's last read number.
    lastPostNumber: integer("last_post_number").notNull().default(0),
    // Visible replies (posts after the first that are neither deleted nor hidden).
    replyCount: integer("reply_count").notNull().default(0),
    lastPostAt: timestamp("last_post_at").notNull().default(now),
    lastPostAuthorId: integer("last_post_author_id").references(() => users.id),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [
    check("discussion_threads_place", sql`(${t.categoryId} IS NULL) <> (${t.parentType} IS NULL) AND (${t.parentType} IS NULL) = (${t.parentId} IS NULL)`),
    index("discussion_threads_category_activity_idx").on(t.categoryId, t.pinned, t.lastPostAt),
    index("discussion_threads_category_newest_idx").on(t.categoryId, t.pinned, t.createdAt),
    index("discussion_threads_parent_activity_idx").on(t.parentType, t.parentId, t.pinned, t.lastPostAt),
    index("discussion_threads_parent_newest_idx").on(t.parentType, t.parentId, t.pinned, t.createdAt),
    index("discussion_threads_activity_idx").on(t.lastPostAt),
    index("discussion_threads_author_idx").on(t.authorId),
  ],
);

export const discussionPosts = sqliteTable(
  "discussion_posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => discussionThreads.id, { onDelete: "cascade" }),
    // 1-based position in the thread: page = ceil(number / POSTS_PER_PAGE), so a page of a thread
    // is one range read on (thread_id, number) whatever the thread's length.
    number: integer("number").notNull(),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    // Markdown as typed, and its rendering (sanitised HTML, mentions and quote links resolved) made
    // once at write time.
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    quotedPostId: integer("quoted_post_id"),
    editedAt: timestamp("edited_at"),
    deletedAt: timestamp("deleted_at"),
    // Hidden by flags (FLAG_HIDE_THRESHOLD) or by a coordinator; seen only by coordinators and the author.
    hiddenAt: timestamp("hidden_at"),
    hiddenReason: text("hidden_reason", { enum: ["flags", "moderator"] }),
    // Open flags (not yet reviewed); > 0 puts the post in the moderation queue.
    openFlagCount: integer("open_flag_count").notNull().default(0),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("discussion_posts_thread_number_idx").on(t.threadId, t.number),
    index("discussion_posts_author_created_idx").on(t.authorId, t.createdAt),
    index("discussion_posts_review_idx").on(t.openFlagCount, t.hiddenAt),
  ],
);

/** Earlier versions of an edited post (its body before each edit), for coordinators. */
export const discussionPostRevisions = sqliteTable(
  "discussion_post_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => discussionPosts.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    // When this version was replaced.
    replacedAt: timestamp("replaced_at").notNull().default(now),
  },
  (t) => [index("discussion_post_revisions_post_idx").on(t.postId)],
);

export const discussionReactions = sqliteTable(
  "discussion_reactions",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => discussionPosts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reaction: text("reaction", { enum: REACTIONS }).notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId, t.reaction] }), index("discussion_reactions_user_idx").on(t.userId)],
);

export const discussionFlags = sqliteTable(
  "discussion_flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => discussionPosts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: FLAG_REASONS }).notNull(),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at").notNull().default(now),
    reviewedAt: timestamp("reviewed_at"),
  },
  // One flag per person per post: a second one is a 409 settled by this index.
  (t) => [uniqueIndex("discussion_flags_post_user_idx").on(t.postId, t.userId), index("discussion_flags_user_idx").on(t.userId)],
);

/** Where each reader got to in each thread: unread = thread.last_post_number > last_read_number. */
export const discussionReads = sqliteTable(
  "discussion_reads",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => discussionThreads.id, { onDelete: "cascade" }),
    lastReadNumber: integer("last_read_number").notNull(),
    updatedAt: timestamp("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] }), index("discussion_reads_thread_idx").on(t.threadId)],
);

/** Threads a person follows (told of every reply). Authors and repliers follow automatically. */
export const discussionFollows = sqliteTable(
  "discussion_follows",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => discussionThreads.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] }), index("discussion_follows_thread_idx").on(t.threadId)],
);

/** A person barred from posting until a date, by a coordinator. */
export const discussionSuspensions = sqliteTable(
  "discussion_suspensions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    until: timestamp("until").notNull(),
    reason: text("reason").notNull(),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    liftedAt: timestamp("lifted_at"),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [
    index("discussion_suspensions_user_idx").on(t.userId, t.until),
    // The moderation page lists the active ones, soonest ending first.
    index("discussion_suspensions_active_idx").on(t.until).where(sql`lifted_at IS NULL`),
  ],
);

/** Every moderation action, who did it, on what, and why. Never updated or deleted. */
export const moderationLog = sqliteTable(
  "moderation_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: MODERATION_ACTIONS }).notNull(),
    threadId: integer("thread_id"),
    postId: integer("post_id"),
    categoryId: integer("category_id"),
    targetUserId: integer("target_user_id"),
    // Free text given by the coordinator, plus small facts (e.g. {"from": 3, "to": 5} for a move).
    note: text("note").notNull().default(""),
    details: text("details", { mode: "json" }).$type<Record<string, string | number | null>>(),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [index("moderation_log_created_idx").on(t.createdAt)],
);

export type DiscussionCategory = typeof discussionCategories.$inferSelect;
export type DiscussionThread = typeof discussionThreads.$inferSelect;
export type DiscussionPost = typeof discussionPosts.$inferSelect;
