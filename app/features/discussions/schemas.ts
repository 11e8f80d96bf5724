import { z } from "zod";
import { option, requiredOption } from "#app/utils/zod-options.ts";
import { FLAG_NOTE_MAX, FLAG_REASONS, POST_BODY_MAX, REACTIONS, THREAD_TITLE_MAX } from "./taxonomy.ts";

/** Longest note a coordinator writes on a moderation action or a suspension (characters). */
export const MODERATION_NOTE_MAX = 500;
/** Longest posting suspension (days). */
export const SUSPENSION_DAYS_MAX = 3650;
/** Longest @handle the suspension form takes (characters, without the "@"). */
export const SUSPEND_HANDLE_MAX = 60;

// One zod schema per discussion form, checked in the browser (Conform) and again on the server.
// Messages are dictionary keys (app/locales/*/discussions.ts).

/** A post's markdown: required, at most POST_BODY_MAX characters after trimming. */
const postBody = z
  .string({ required_error: "disc.errors.bodyRequired" })
  .trim()
  .min(1, "disc.errors.bodyRequired")
  .max(POST_BODY_MAX, "disc.errors.bodyTooLong");

/** An optional record id (a select or hidden field): empty → undefined, junk → "invalid". */
const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional());

/** Starting a thread: title, first post, and the organisation written for (when the author has several). */
export const ThreadSchema = z.object({
  title: z
    .string({ required_error: "disc.errors.titleRequired" })
    .trim()
    .min(1, "disc.errors.titleRequired")
    .max(THREAD_TITLE_MAX, "disc.errors.titleTooLong"),
  body: postBody,
  organisationId: optionalId,
});

/** Replying: the body and, when quoting, the quoted post. */
export const ReplySchema = z.object({
  body: postBody,
  quotedPostId: optionalId,
});

/** Editing one's own post. */
export const EditPostSchema = z.object({
  postId: z.coerce.number().int().positive(),
  body: postBody,
});

/** Flagging a post: a reason from the list and an optional note. */
export const FlagSchema = z.object({
  postId: z.coerce.number().int().positive(),
  reason: z.enum(FLAG_REASONS, requiredOption),
  note: z.string().trim().max(FLAG_NOTE_MAX, "errors.tooLong").default(""),
});

/** A reaction toggled on a post. */
export const ReactionSchema = z.object({
  postId: z.coerce.number().int().positive(),
  reaction: z.enum(REACTIONS, option),
});

/** A coordinator's note on a moderation action (optional). */
export const moderationNote = z.string().trim().max(MODERATION_NOTE_MAX, "errors.tooLong").default("");

/** Suspending someone from posting: their @handle, how many days, and why. */
export const SuspendSchema = z.object({
  handle: z
    .string({ required_error: "errors.required" })
    .trim()
    .transform((h) => h.replace(/^@/, ""))
    .pipe(z.string().min(1, "errors.required").max(SUSPEND_HANDLE_MAX, "errors.tooLong")),
  days: z.coerce.number({ invalid_type_error: "disc.errors.days" }).int("disc.errors.days").min(1, "disc.errors.days").max(SUSPENSION_DAYS_MAX, "disc.errors.days"),
  reason: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(MODERATION_NOTE_MAX, "errors.tooLong"),
});

/** When a suspension of `days` days that starts at `now` (ms) ends. */
export function suspensionEnd(days: number, now = Date.now()) {
  return new Date(now + days * 24 * 60 * 60 * 1000);
}

/** A coordinator's buttons on a post (thread page and moderation queue) → moderatePost's action. */
export const POST_MODERATION_ACTIONS = { "hide-post": "hide", "restore-post": "restore", "dismiss-flags": "dismiss_flags" } as const;

/** Lifting a person's posting suspension (the moderation page's button). */
export const LiftSuspensionSchema = z.object({ userId: z.coerce.number().int().positive() });

/** Longest category name and description (characters), as the server checks them too. */
export const CATEGORY_NAME_MAX = 80;
export const CATEGORY_DESCRIPTION_MAX = 500;

/** A forum category as coordinators edit it. */
export const CategorySchema = z.object({
  nameEs: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(CATEGORY_NAME_MAX, "errors.tooLong"),
  nameEn: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(CATEGORY_NAME_MAX, "errors.tooLong"),
  descriptionEs: z.string().trim().max(CATEGORY_DESCRIPTION_MAX, "errors.tooLong").default(""),
  descriptionEn: z.string().trim().max(CATEGORY_DESCRIPTION_MAX, "errors.tooLong").default(""),
  position: z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").min(0, "errors.invalid").max(1000, "errors.invalid").default(0),
  coordinatorsOnly: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});

/** `?page=` of a paginated list: junk reads as page 1 (redirectPastLastPage handles pages past the end). */
export const PageParam = z.coerce.number().int().min(1).max(1_000_000).catch(1);

// One id parser for every route (app/utils/id-param.ts).
export { idParam } from "#app/utils/id-param.ts";
