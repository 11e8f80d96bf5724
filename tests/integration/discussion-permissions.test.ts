import { describe, expect, test } from "vitest";
import type { SessionUser } from "#app/.server/auth/index.ts";
import {
  archiveCategory,
  createCategory,
  deletePost,
  editPost,
  flagPost,
  moderatePost,
  moderateThread,
  moveThread,
  postRevisions,
  reply,
  requireParent,
  requireThread,
  startThread,
  suspendPoster,
  threadPage,
  toggleReaction,
  type Refusal,
} from "#app/.server/discussions/index.ts";
import { DISCUSSION_ROLES, makeCategory, makeDiscussionWorld, makeParents, makeSettledPerson, type DiscussionRole } from "./discussion-world.ts";

// Every discussion action × every kind of person (issue 10 "Rules"), at the feature's API — the
// guard every route calls and the mutations' typed refusals (routes turn them into statuses with
// refusalStatus: not_member → log in / 403, forbidden/suspended → 403, locked and
// already_flagged → 409, rate_limited → 429, not_found → 404). A fresh world for each case.

type World = ReturnType<typeof makeDiscussionWorld>;
/** "ok", a refusal's reason, a status thrown by a guard, or "hidden" (the post's text withheld). */
type Outcome = "ok" | Refusal["reason"] | 403 | 404 | "hidden";

type Row = {
  action: string;
  /** Prepares the world before the person acts (as a coordinator would); what it returns goes to `act`. */
  setup?: (world: World) => unknown;
  act: (world: World, user: SessionUser | null, prepared: unknown) => Outcome | { ok: boolean };
  expect: Record<DiscussionRole, Outcome>;
};

function expectFor(rest: Outcome, overrides: Partial<Record<DiscussionRole, Outcome>>) {
  return Object.fromEntries(DISCUSSION_ROLES.map((role) => [role, overrides[role] ?? rest])) as Record<DiscussionRole, Outcome>;
}

/** What posting-like actions answer: members and moderators may; the rest say why not. */
const posting = (rest: Outcome = "ok", overrides: Partial<Record<DiscussionRole, Outcome>> = {}) =>
  expectFor(rest, { anonymous: "not_member", unverified: "not_member", suspended: "suspended", orgSuspended: "organisation_suspended", ...overrides });
/** Moderation: coordinators and admins only. */
const moderation = expectFor("forbidden", { anonymous: "not_member", coordinator: "ok", admin: "ok" });

function thrown(run: () => unknown): Outcome {
  try {
    run();
    return "ok";
  } catch (error) {
    if (error instanceof Response && (error.status === 403 || error.status === 404)) return error.status;
    throw error;
  }
}

const outcomeOf = (result: Outcome | { ok: boolean }): Outcome =>
  typeof result === "object" ? (result.ok ? "ok" : (result as Refusal).reason) : result;

const later = () => new Date(Date.now() + 24 * 60 * 60 * 1000);

const rows: Row[] = [
  { action: "view a thread", act: (w, u) => thrown(() => requireThread(w.thread.threadId, u, "view")), expect: expectFor("ok", {}) },
  {
    action: "view a hidden thread",
    setup: (w) => moderateThread(w.people.coordinator.user, w.thread.threadId, "hide", ""),
    act: (w, u) => thrown(() => requireThread(w.thread.threadId, u, "view")),
    expect: expectFor(404, { coordinator: "ok", admin: "ok" }),
  },
  {
    action: "follow a thread",
    act: (w, u) => thrown(() => requireThread(w.thread.threadId, u, "follow")),
    expect: expectFor("ok", { anonymous: 403 }),
  },
  {
    action: "start a thread in a category",
    act: (w, u) => startThread(u, { kind: "category", categoryId: w.general.id }, { title: "Nuevo", body: "Hola" }),
    expect: posting(),
  },
  {
    action: "start a thread in Announcements",
    act: (w, u) => startThread(u, { kind: "category", categoryId: w.announcements.id }, { title: "Aviso", body: "Hola" }),
    expect: posting("forbidden", { coordinator: "ok", admin: "ok" }),
  },
  {
    action: "start a thread in an archived category",
    setup: (w) => {
      const category = makeCategory(w.people.coordinator);
      archiveCategory(w.people.coordinator.user, category.id, true);
      return category.id;
    },
    act: (_, u, categoryId) => startThread(u, { kind: "category", categoryId: categoryId as number }, { title: "Nuevo", body: "Hola" }),
    expect: posting("not_found", { coordinator: "forbidden", admin: "forbidden" }),
  },
  { action: "reply", act: (w, u) => reply(u, w.thread.threadId, { body: "Respuesta" }), expect: posting() },
  {
    action: "reply to a locked thread",
    setup: (w) => moderateThread(w.people.coordinator.user, w.thread.threadId, "lock", ""),
    act: (w, u) => reply(u, w.thread.threadId, { body: "Respuesta" }),
    expect: posting("locked"),
  },
  {
    action: "reply quoting a post",
    act: (w, u) => reply(u, w.thread.threadId, { body: "> ¿Quién?\n\nYo", quotedPostId: w.thread.postId }),
    expect: posting(),
  },
  {
    action: "edit the first post",
    act: (w, u) => editPost(u, w.thread.postId, "Texto nuevo"),
    expect: expectFor("forbidden", { anonymous: "not_member", author: "ok" }),
  },
  {
    action: "delete the first post",
    act: (w, u) => deletePost(u, w.thread.postId),
    expect: expectFor("forbidden", { anonymous: "not_member", author: "ok" }),
  },
  { action: "react to a post", act: (w, u) => toggleReaction(u, w.thread.postId, "thumbs_up"), expect: posting() },
  {
    action: "flag a post",
    act: (w, u) => flagPost(u, w.thread.postId, "spam", ""),
    // Flagging is not posting: suspended people may still report; nobody flags their own post.
    expect: expectFor("ok", { anonymous: "not_member", unverified: "not_member", author: "forbidden" }),
  },
  {
    action: "read a hidden post",
    setup: (w) => moderatePost(w.people.coordinator.user, w.thread.postId, "hide", ""),
    act: (w, u) => (threadPage(requireThread(w.thread.threadId, u, "view").thread, 1, u).posts[0]!.bodyHtml === null ? "hidden" : "ok"),
    expect: expectFor("hidden", { author: "ok", coordinator: "ok", admin: "ok" }),
  },
  {
    action: "read a post's history",
    act: (w, u) => (postRevisions(w.thread.postId, u) === null ? 403 : "ok"),
    expect: expectFor(403, { coordinator: "ok", admin: "ok" }),
  },
  { action: "hide a post", act: (w, u) => moderatePost(u, w.thread.postId, "hide", ""), expect: moderation },
  { action: "lock a thread", act: (w, u) => moderateThread(u, w.thread.threadId, "lock", ""), expect: moderation },
  { action: "pin a thread", act: (w, u) => moderateThread(u, w.thread.threadId, "pin", ""), expect: moderation },
  { action: "move a thread", act: (w, u) => moveThread(u, w.thread.threadId, w.announcements.id, ""), expect: moderation },
  {
    action: "suspend a member",
    act: (w, u) => suspendPoster(u, w.people.member.user.handle!, later(), "Spam"),
    expect: moderation,
  },
  {
    action: "create a category",
    act: (w, u) => createCategory(u, { nameEs: "Nueva", nameEn: "New", descriptionEs: "", descriptionEn: "", coordinatorsOnly: false, position: 1 }),
    expect: moderation,
  },
];

describe("discussion permissions: every action × every role", () => {
  for (const row of rows) {
    for (const role of DISCUSSION_ROLES) {
      const expected = row.expect[role];
      test(`${row.action} × ${role} → ${expected}`, () => {
        const world = makeDiscussionWorld();
        const prepared = row.setup?.(world);
        expect(outcomeOf(row.act(world, world.userOf(role), prepared))).toBe(expected);
      });
    }
  }
});

describe("threads on parents follow the parent's visibility", () => {
  const parentRoles = ["anonymous", "member", "coordinator", "admin"] as const;
  const expected = { anonymous: 404, member: 404, coordinator: "ok", admin: "ok" } as const;
  for (const role of parentRoles) {
    test(`a draft event's discussion × ${role} → ${expected[role]}`, () => {
      const parents = makeParents();
      const user = role === "anonymous" ? null : makeSettledPerson(role).user;
      expect(thrown(() => requireParent("event", parents.draftEvent.id, user))).toBe(expected[role]);
      expect(thrown(() => requireParent("event", parents.event.id, user))).toBe("ok");
      expect(thrown(() => requireParent("organisation", parents.event.id, user))).toBe(404);
    });
  }

  test("a draft initiative's discussion is the lead team's only, and nobody posts there", () => {
    const parents = makeParents();
    expect(thrown(() => requireParent("initiative", parents.draftInitiative.id, makeSettledPerson().user))).toBe(404);
    expect(requireParent("initiative", parents.draftInitiative.id, parents.leadOwner.user)).toMatchObject({ mayPost: false });
    expect(requireParent("initiative", parents.initiative.id, null)).toMatchObject({ mayPost: true, link: `/initiatives/${parents.initiative.slug}` });
  });
});
