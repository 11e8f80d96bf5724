/**
 * Fixed vocabularies of discussions, shared by the database schema, the server and the browser.
 * A plain module (no database code).
 */

/** Where a thread lives: a forum category, or a registered discussable parent (see ADR 0013). */
export const DISCUSSABLE_TYPES = ["initiative", "event", "exchange_conversation"] as const;
export type DiscussableType = (typeof DISCUSSABLE_TYPES)[number];
/**
 * Parents whose threads are private to their participants (their registration's `load` says who,
 * e.g. the two organisations of an exchange conversation): their posts stay out of the forum-wide
 * moderation queue, whose moderators need not be among them. An invited coordinator moderates there.
 */
export const PRIVATE_DISCUSSABLE_TYPES: readonly DiscussableType[] = ["exchange_conversation"];

/** Kinds of forum category. "announcements": only coordinators start threads there. */
export const CATEGORY_KINDS = ["general", "roadmap", "value_chain", "announcements", "custom"] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

/** The fixed set of reactions, stored by name, shown as emoji. */
export const REACTIONS = ["thumbs_up", "heart", "bulb"] as const;
export type Reaction = (typeof REACTIONS)[number];
export const REACTION_EMOJI: Record<Reaction, string> = { thumbs_up: "👍", heart: "❤️", bulb: "💡" };

/** Reasons a member gives when flagging a post. */
export const FLAG_REASONS = ["spam", "offensive", "off_topic", "personal_data", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** Posts flagged by this many different people are hidden until a coordinator reviews them. */
export const FLAG_HIDE_THRESHOLD = 3;

/** Posts per page of a thread; a post's page is ceil(number / POSTS_PER_PAGE). */
export const POSTS_PER_PAGE = 20;
/** Threads per page of a category or parent. */
export const THREADS_PER_PAGE = 25;

/** Limits of what a member types (characters, after trimming). */
export const THREAD_TITLE_MAX = 160;
export const POST_BODY_MAX = 20_000;
export const FLAG_NOTE_MAX = 500;

/** New accounts (younger than NEW_ACCOUNT_MS) may post at most NEW_ACCOUNT_POSTS_PER_HOUR per hour. */
export const NEW_ACCOUNT_MS = 24 * 60 * 60 * 1000;
export const NEW_ACCOUNT_POSTS_PER_HOUR = 10;

/** What coordinators do, as written to the moderation audit log. */
export const MODERATION_ACTIONS = [
  "hide_post",
  "restore_post",
  "dismiss_flags",
  "lock_thread",
  "unlock_thread",
  "pin_thread",
  "unpin_thread",
  "hide_thread",
  "restore_thread",
  "move_thread",
  "suspend_user",
  "lift_suspension",
  "create_category",
  "update_category",
  "archive_category",
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Thread list orders: latest activity first (default) or newest thread first. */
export const THREAD_SORTS = ["activity", "newest"] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

/**
 * Whether a submission is a thread page's automatic "read" mark (posted by a fetcher when the page
 * is shown). It changes nothing any loader shows, so neither the thread nor the root reloads after
 * it — the root would consume a one-time flash meant for the reader's next action.
 */
export const isAutomaticReadMark = (formData: FormData | undefined) => formData?.get("intent") === "read";
