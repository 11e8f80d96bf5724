import { isStaff } from "#app/.server/auth/roles.ts";
import type { PlatformRole } from "#db/schema/auth.ts";

// Who may do what in discussions (issue 10 "Rules", ADR 0013). Pure functions over facts gathered
// by the guards (index.ts) and the mutations, so the same rule answers the page's buttons and the
// write.

/** Everything the rules need to know about the person acting. */
export type DiscussionViewer = {
  user: { id: number; role: PlatformRole; emailVerifiedAt: Date | null } | null;
  /** End of an active posting suspension, if any. */
  suspendedUntil: Date | null;
  /** Whether the person belongs to an organisation that is suspended. */
  organisationSuspended: boolean;
};

/** Why someone may not write (the reasons mutations answer with). */
export type PostingBlock =
  | { reason: "not_member" }
  | { reason: "suspended"; until: Date }
  | { reason: "organisation_suspended" };

export type ThreadAction = "view" | "reply" | "moderate" | "follow";
export type PostAction = "view" | "edit" | "delete" | "flag" | "react" | "quote" | "moderate";
export type CategoryAction = "view" | "startThread" | "manage";

/** Coordinators and admins moderate. */
export function isModerator(viewer: DiscussionViewer): boolean {
  return isStaff(viewer.user);
}

/** Members: signed in with a confirmed e-mail address. */
export function isMember(viewer: DiscussionViewer): boolean {
  return viewer.user !== null && viewer.user.emailVerifiedAt !== null;
}

/**
 * Why this person may not post anywhere, or null when they may: not a member; suspended from
 * posting; belonging to a suspended organisation. (The new-account hourly limit needs a count and
 * is checked by the mutations.)
 */
export function postingBlock(viewer: DiscussionViewer): PostingBlock | null {
  if (!isMember(viewer)) return { reason: "not_member" };
  if (viewer.suspendedUntil) return { reason: "suspended", until: viewer.suspendedUntil };
  if (viewer.organisationSuspended) return { reason: "organisation_suspended" };
  return null;
}

/** What the thread rules look at. `mayPost`: the place (category or parent) lets this viewer post. */
export type ThreadFacts = { authorId: number; locked: boolean; hidden: boolean; mayPost: boolean };

/** Who may do what with a thread. Hidden threads exist for moderators only. */
export function canOnThread(action: ThreadAction, thread: ThreadFacts, viewer: DiscussionViewer): boolean {
  const moderator = isModerator(viewer);
  if (thread.hidden && !moderator) return false;
  switch (action) {
    case "view":
      return true;
    case "reply":
      return thread.mayPost && !thread.locked && postingBlock(viewer) === null;
    case "moderate":
      return moderator;
    case "follow":
      return viewer.user !== null;
  }
}

/** What the post rules look at. */
export type PostFacts = { authorId: number; deleted: boolean; hidden: boolean };

/**
 * Who may do what with a post, the thread being visible. "view" is seeing its text: hidden posts
 * are seen by their author and moderators only (deleted ones by nobody; a placeholder shows).
 * Only the author edits or deletes; editing is writing, so it needs what replying needs of the
 * place (a thread not locked, a place that takes posts: not an archived category, not a
 * conversation closed because its listing was hidden or a party suspended); deleting does not.
 * Nobody flags their own post; quoting needs the right to reply.
 */
export function canOnPost(action: PostAction, post: PostFacts, thread: ThreadFacts, viewer: DiscussionViewer): boolean {
  if (!canOnThread("view", thread, viewer)) return false;
  const author = viewer.user !== null && viewer.user.id === post.authorId;
  const moderator = isModerator(viewer);
  const readable = !post.deleted && (!post.hidden || author || moderator);
  switch (action) {
    case "view":
      return readable;
    case "edit":
      return author && !post.deleted && !thread.locked && thread.mayPost && postingBlock(viewer) === null;
    case "delete":
      return author && !post.deleted;
    case "flag":
      return isMember(viewer) && !author && !post.deleted;
    case "react":
      return readable && !post.hidden && postingBlock(viewer) === null;
    case "quote":
      return readable && !post.hidden && canOnThread("reply", thread, viewer);
    case "moderate":
      return moderator;
  }
}

/** Who may do what with a forum category. Archived categories exist for moderators only. */
export function canOnCategory(
  action: CategoryAction,
  category: { archived: boolean; coordinatorsOnly: boolean },
  viewer: DiscussionViewer,
): boolean {
  const moderator = isModerator(viewer);
  if (category.archived && !moderator) return false;
  switch (action) {
    case "view":
      return true;
    case "startThread":
      return !category.archived && postingBlock(viewer) === null && (!category.coordinatorsOnly || moderator);
    case "manage":
      return moderator;
  }
}
