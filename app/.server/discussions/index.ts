import type { SessionUser } from "#app/.server/auth/index.ts";
import { forbidden, notFound } from "#app/utils/http-errors.ts";
import { canOnCategory, canOnThread, type CategoryAction, type ThreadAction } from "./permissions.ts";
import { discussionViewer, findCategoryBySlug, findThread, guarded, isDiscussableType, placeFor, threadFacts } from "./queries.ts";
import { closedNote, discussableOf } from "./registry.ts";
import "./notification-subjects.ts";

// Discussions (issue 10, ADR 0013): the public API routes use. Routes that show threads on parents
// also import "#app/.server/discussion-parents.ts" once, so the parents are registered.

export {
  activeSuspension,
  activeSuspensions,
  AUTHOR_POSTS_PER_PAGE,
  authorPosts,
  categoryFeed,
  discussionViewer,
  findCategoryById,
  isDiscussableType,
  latestThreadOn,
  latestThreads,
  listAllCategories,
  listCategories,
  mentionSuggestions,
  moderationLog,
  moderationQueue,
  MODERATION_LOG_PAGE_SIZE,
  MODERATION_PAGE_SIZE,
  pageOfNumber,
  postLocation,
  postRevisions,
  SUSPENSIONS_PAGE_SIZE,
  threadList,
  threadPage,
  unreadThreadCount,
  type Place,
  type ResolvedPlace,
} from "./queries.ts";
export {
  archiveCategory,
  CATEGORY_DESCRIPTION_MAX,
  CATEGORY_NAME_MAX,
  createCategory,
  deletePost,
  editPost,
  ensureDefaultCategories,
  flagPost,
  liftSuspension,
  markRead,
  moderatePost,
  moderateThread,
  moveThread,
  refusalStatus,
  reply,
  setFollowingThread,
  startThread,
  startThreadIn,
  suspendPoster,
  toggleReaction,
  updateCategory,
  type CategoryInput,
  type Refusal,
} from "./mutations.ts";
export { parseMentions, renderPostMarkdown } from "./markdown.ts";
export { isPrivateParent } from "./private.ts";
export * from "./quotes.ts";
export type { CategoryAction, PostAction, ThreadAction } from "./permissions.ts";

/**
 * A forum category for a viewer: 404 (thrown) when there is no such slug, or it is archived and
 * the viewer is not a moderator. `can` answers the other actions ("startThread": members, and
 * only moderators in coordinators-only categories; "manage": moderators).
 */
export function requireCategory(slug: string | undefined, user: SessionUser | null) {
  const category = slug ? findCategoryBySlug(slug) : undefined;
  if (!category) throw notFound();
  const viewer = discussionViewer(user);
  const facts = { archived: category.archivedAt !== null, coordinatorsOnly: category.coordinatorsOnly };
  if (!canOnCategory("view", facts, viewer)) throw notFound();
  return { category, can: (action: CategoryAction) => canOnCategory(action, facts, viewer) };
}

/**
 * The parent (an initiative, an event) threads hang on, as the viewer sees it: `{ type, id, title,
 * link, mayPost }`. Throws 404 for an unknown type, a missing parent or one the viewer may not see.
 */
export function requireParent(type: string | undefined, id: number, user: SessionUser | null) {
  if (!isDiscussableType(type) || !Number.isInteger(id)) throw notFound();
  const parent = discussableOf(type).load(id, user);
  if (!parent) throw notFound();
  return { type, id, ...parent, closed: closedNote(parent) };
}

/**
 * A thread for a viewer and one action: 404 (thrown) when it does not exist or is not visible to
 * them (hidden thread for non-moderators, place they may not see); 403 when visible but the
 * action is not allowed. Returns the thread, its place (category row, or parent's title and
 * link) and `can` for other actions. Pass the returned `thread` to `threadPage`.
 */
export function requireThread(id: number, user: SessionUser | null, action: ThreadAction) {
  const thread = Number.isInteger(id) ? findThread(id) : undefined;
  if (!thread) throw notFound();
  const viewer = discussionViewer(user);
  const found = placeFor(thread, user, viewer);
  if (!found) throw notFound();
  const facts = threadFacts(thread, found.mayPost);
  if (!canOnThread("view", facts, viewer)) throw notFound();
  if (!canOnThread(action, facts, viewer)) throw forbidden();
  guarded.set(thread, { viewer, facts, userId: user?.id ?? null });
  return { thread, place: found.place, can: (other: ThreadAction) => canOnThread(other, facts, viewer) };
}
export * from "./api.ts";
export * from "./home.ts";
export { searchPosts, searchThreads, type DiscussionSearchScope, type ParentPlaceSql } from "./search.ts";
export * from "./sitemap.ts";
