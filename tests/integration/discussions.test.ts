import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { assignMissingHandles, findUserByEmail, handleFor, handleSuggestions, signUp, usersByHandles } from "#app/.server/auth/index.ts";
import { db, schema } from "#app/.server/db.ts";
import {
  createCategory,
  deletePost,
  editPost,
  ensureDefaultCategories,
  flagPost,
  liftSuspension,
  listCategories,
  markRead,
  moderatePost,
  moderateThread,
  moderationLog,
  moderationQueue,
  moveThread,
  postLocation,
  postRevisions,
  refusalStatus,
  reply,
  requireThread,
  setFollowingThread,
  startThread,
  suspendPoster,
  threadList,
  threadPage,
  toggleReaction,
  unreadThreadCount,
  updateCategory,
  archiveCategory,
  latestThreads,
} from "#app/.server/discussions/index.ts";
import { eventFollowers, isFollowingEvent, setFollowingEvent } from "#app/.server/events/index.ts";
import { register } from "#app/.server/events/mutations.ts";
import { subjectResolver } from "#app/.server/notifications/registry.ts";
import { setFollowing } from "#app/.server/initiatives/index.ts";
import { MODERATION_ACTIONS, NEW_ACCOUNT_POSTS_PER_HOUR, POST_BODY_MAX } from "#app/features/discussions/taxonomy.ts";
import { addPosts, categoryBySlug, makeCategory, makeDiscussionWorld, makeParents, makeSettledPerson, notificationsOf, refresh } from "./discussion-world.ts";
import { makePerson } from "./world.ts";

const postOf = (id: number) => db.select().from(schema.discussionPosts).where(eq(schema.discussionPosts.id, id)).get()!;
const threadOf = (id: number) => db.select().from(schema.discussionThreads).where(eq(schema.discussionThreads.id, id)).get()!;
const logActions = () => db.select({ action: schema.moderationLog.action }).from(schema.moderationLog).all().map((r) => r.action);

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

describe("handles", () => {
  test("are derived from names, transliterated, unique with -2, -3…", () => {
    expect(handleFor("Lucía Huamán")).toBe("lucia-huaman");
    expect(handleFor("Москва")).toBe("moskva");
    expect(handleFor("!!!")).toBe("persona");
    expect(handleFor("María Fernanda de los Ángeles Quispe Mamani").length).toBeLessThanOrEqual(30);
    const people = [makePerson(), makePerson(), makePerson()];
    for (const person of people) db.update(schema.users).set({ name: "Ana Torres" }).where(eq(schema.users.id, person.user.id)).run();
    assignMissingHandles();
    const handles = people.map((person) => refresh(person).user.handle);
    expect(handles).toEqual(["ana-torres", "ana-torres-2", "ana-torres-3"]);
    expect(usersByHandles(["ANA-TORRES", "nadie"]).get("ana-torres")?.id).toBe(people[0]!.user.id);
    expect(usersByHandles(["nadie"]).size).toBe(0);
    expect(handleSuggestions("ana-to", 8).map((s) => s.handle)).toEqual(["ana-torres", "ana-torres-2", "ana-torres-3"]);
    expect(handleSuggestions("Torr", 8).map((s) => s.handle)).toContain("ana-torres");
  });
});

test("signing up gives the new account a free handle in the same transaction", async () => {
  const taken = makePerson();
  db.update(schema.users).set({ name: "Rocío Ñahui", handle: "rocio-nahui" }).where(eq(schema.users.id, taken.user.id)).run();
  await signUp({ email: "rocio@ejemplo.pe", name: "Rocío Ñahui", password: "una-clave-larga-segura-2026", locale: "es" });
  expect(findUserByEmail("rocio@ejemplo.pe")?.handle).toBe("rocio-nahui-2");
});

describe("categories", () => {
  test("the defaults are created once: Announcements, General, each roadmap and each value chain, in both languages", () => {
    const first = ensureDefaultCategories();
    expect(ensureDefaultCategories()).toBe(0);
    const categories = listCategories();
    expect(first).toBeGreaterThanOrEqual(categories.length - 1);
    expect(categories.map((c) => c.kind)).toEqual(["announcements", "general", "roadmap", "roadmap", "roadmap", "roadmap", "value_chain", "value_chain", "value_chain", "value_chain", "value_chain"]);
    const industry = categories.find((c) => c.slug === "hoja-de-ruta-industria")!;
    expect(industry.nameEs).toBe("Hoja de ruta: Industria");
    expect(industry.nameEn).toBe("Roadmap: Industry");
    expect(categories.find((c) => c.kind === "announcements")!.coordinatorsOnly).toBe(true);
  });
});

describe("threads and posts", () => {
  test("starting a thread in a category writes the thread, post #1, the category's counters, the author's follow and read mark", () => {
    const world = makeDiscussionWorld();
    const thread = threadOf(world.thread.threadId);
    expect(thread).toMatchObject({ categoryId: world.general.id, lastPostNumber: 1, replyCount: 0, authorId: world.people.author.user.id });
    expect(postOf(world.thread.postId)).toMatchObject({ number: 1, body: "¿Quién recicla PET en Lima?", bodyHtml: "<p>¿Quién recicla PET en Lima?</p>\n" });
    const general = listCategories().find((c) => c.id === world.general.id)!;
    expect(general).toMatchObject({ threadCount: 1, lastThread: { id: thread.id, title: "Reciclaje de PET en Lima" } });
    expect(general.lastActivityAt).toBeInstanceOf(Date);
    const page = threadPage(thread, 1, world.people.author.user);
    expect(page.following).toBe(true);
    expect(page.unread).toBeNull();
  });

  test("bad input is refused with the field: empty, oversized, unknown place", () => {
    const world = makeDiscussionWorld();
    const place = { kind: "category", categoryId: world.general.id } as const;
    const user = world.people.member.user;
    expect(startThread(user, place, { title: " ", body: "x" })).toEqual({ ok: false, reason: "invalid", field: "title", problem: "empty" });
    expect(startThread(user, place, { title: "t", body: "x".repeat(POST_BODY_MAX + 1) })).toEqual({ ok: false, reason: "invalid", field: "body", problem: "too_long" });
    expect(startThread(user, { kind: "category", categoryId: 99999 }, { title: "t", body: "b" })).toEqual({ ok: false, reason: "not_found" });
    expect(reply(user, world.thread.threadId, { body: "" })).toMatchObject({ reason: "invalid", field: "body" });
    expect(reply(user, 99999, { body: "hola" })).toEqual({ ok: false, reason: "not_found" });
    const refused = reply(user, world.thread.threadId, { body: "" });
    expect(!refused.ok && refusalStatus(refused)).toBe(400);
  });

  test("a thread on an initiative and on an event tells the parent's audience", () => {
    const world = makeDiscussionWorld();
    const parents = makeParents();
    const follower = makeSettledPerson();
    setFollowing(parents.initiative.id, follower.user.id, true);
    const started = ok(startThread(world.people.member.user, { kind: "parent", type: "initiative", id: parents.initiative.id }, { title: "¿Cómo sumarse?", body: "Hola" }));
    expect(notificationsOf(follower.user.id, "discussion.new_thread")).toMatchObject([{ subjectType: "thread", subjectId: started.threadId, groupKey: `initiative:${parents.initiative.id}` }]);
    // The lead's managers are the initiative's audience too.
    expect(notificationsOf(parents.leadOwner.user.id, "discussion.new_thread")).toHaveLength(1);
    expect(notificationsOf(world.people.member.user.id, "discussion.new_thread")).toHaveLength(0);
    expect(threadList({ kind: "parent", type: "initiative", id: parents.initiative.id }, { sort: "activity", page: 1 }, null).rows.map((r) => r.title)).toEqual(["¿Cómo sumarse?"]);

    const registrant = makeSettledPerson();
    expect(register(parents.event.id, registrant.user.id, { answers: [] }).ok).toBe(true);
    const eventFollower = makeSettledPerson();
    const leaver = makeSettledPerson();
    setFollowingEvent(parents.event.id, eventFollower.user.id, true);
    setFollowingEvent(parents.event.id, eventFollower.user.id, true);
    setFollowingEvent(parents.event.id, leaver.user.id, true);
    setFollowingEvent(parents.event.id, leaver.user.id, false);
    expect(isFollowingEvent(parents.event.id, eventFollower.user.id)).toBe(true);
    expect(isFollowingEvent(parents.event.id, leaver.user.id)).toBe(false);
    expect(eventFollowers(parents.event.id)).toEqual([eventFollower.user.id]);
    const onEvent = ok(startThread(world.people.member.user, { kind: "parent", type: "event", id: parents.event.id }, { title: "¿Hay estacionamiento?", body: "Pregunta" }));
    expect(notificationsOf(registrant.user.id, "discussion.new_thread")).toMatchObject([{ subjectId: onEvent.threadId, groupKey: `event:${parents.event.id}` }]);
    expect(notificationsOf(eventFollower.user.id, "discussion.new_thread")).toHaveLength(1);
    expect(notificationsOf(leaver.user.id, "discussion.new_thread")).toHaveLength(0);

    // Drafts are not discussed; unknown parents do not exist.
    expect(startThread(world.people.member.user, { kind: "parent", type: "event", id: parents.draftEvent.id }, { title: "x", body: "y" })).toEqual({ ok: false, reason: "not_found" });
    expect(startThread(parents.leadOwner.user, { kind: "parent", type: "initiative", id: parents.draftInitiative.id }, { title: "x", body: "y" })).toEqual({ ok: false, reason: "forbidden" });
    expect(startThread(world.people.member.user, { kind: "parent", type: "initiative", id: 99999 }, { title: "x", body: "y" })).toEqual({ ok: false, reason: "not_found" });
  });

  test("reply, quote and mention: numbered posts, counters, one notification per person (mention > quote > reply)", () => {
    const world = makeDiscussionWorld();
    const { author, member, coordinator } = world.people;
    const follower = makeSettledPerson();
    setFollowingThread(follower.user.id, world.thread.threadId, true);
    const first = ok(reply(member.user, world.thread.threadId, { body: "Nosotros, en Ate." }));
    expect(first).toMatchObject({ number: 2, page: 1 });
    expect(threadOf(world.thread.threadId)).toMatchObject({ lastPostNumber: 2, replyCount: 1, lastPostAuthorId: member.user.id });
    expect(notificationsOf(author.user.id, "discussion.reply")).toMatchObject([{ subjectType: "post", subjectId: first.postId, groupKey: `thread:${world.thread.threadId}` }]);
    expect(notificationsOf(follower.user.id, "discussion.reply")).toHaveLength(1);
    expect(notificationsOf(member.user.id, "discussion.reply")).toHaveLength(0);

    // The coordinator quotes the member and mentions the author and someone unknown.
    const quoted = ok(
      reply(coordinator.user, world.thread.threadId, {
        body: `> Nosotros, en Ate.\n\n¿Cuántas toneladas? @${author.user.handle} @${member.user.handle} @nadie-conocido`,
        quotedPostId: first.postId,
      }),
    );
    const post = postOf(quoted.postId);
    expect(post.quotedPostId).toBe(first.postId);
    expect(post.bodyHtml).toContain(`<a href="/discussions/posts/${first.postId}" rel="nofollow ugc noopener">↩ ${member.user.name} #2</a>`);
    expect(post.bodyHtml).toContain(`class="mention"`);
    expect(post.bodyHtml).toContain("@nadie-conocido");
    expect(post.bodyHtml).not.toContain("author=nadie-conocido");
    // Mentioned (and quoted) member: one mention; the author: one mention, no reply; the follower: a reply.
    expect(notificationsOf(member.user.id, "discussion.mention")).toHaveLength(1);
    expect(notificationsOf(member.user.id, "discussion.quote")).toHaveLength(0);
    expect(notificationsOf(member.user.id, "discussion.reply")).toHaveLength(0);
    expect(notificationsOf(author.user.id, "discussion.mention")).toHaveLength(1);
    expect(notificationsOf(author.user.id, "discussion.reply")).toHaveLength(1);
    expect(notificationsOf(follower.user.id, "discussion.reply")).toHaveLength(2);

    const page = threadPage(threadOf(world.thread.threadId), 1, member.user);
    expect(page.posts.map((p) => p.quotedNumber)).toEqual([null, null, 2]);

    // A plain quote tells the quoted author.
    ok(reply(author.user, world.thread.threadId, { body: "> ¿Cuántas toneladas?\n\nDoce.", quotedPostId: quoted.postId }));
    expect(notificationsOf(coordinator.user.id, "discussion.quote")).toHaveLength(1);

    // Quotes only of visible posts of the same thread.
    const other = ok(startThread(member.user, { kind: "category", categoryId: world.general.id }, { title: "Otro", body: "Otro hilo" }));
    expect(reply(author.user, world.thread.threadId, { body: "x", quotedPostId: other.postId })).toEqual({ ok: false, reason: "invalid", field: "quotedPostId", problem: "unknown" });
  });

  test("edit keeps a revision for coordinators; only the author edits", () => {
    const world = makeDiscussionWorld();
    const { author, member, coordinator } = world.people;
    expect(editPost(member.user, world.thread.postId, "cambiado")).toEqual({ ok: false, reason: "forbidden" });
    ok(editPost(author.user, world.thread.postId, "¿Quién recicla **PET** en Lima y Callao?"));
    const post = postOf(world.thread.postId);
    expect(post.editedAt).toBeInstanceOf(Date);
    expect(post.bodyHtml).toContain("<strong>PET</strong>");
    expect(postRevisions(post.id, coordinator.user)).toMatchObject([{ body: "¿Quién recicla PET en Lima?" }]);
    expect(postRevisions(post.id, member.user)).toBeNull();
    const page = threadPage(threadOf(world.thread.threadId), 1, coordinator.user);
    expect(page.posts[0]).toMatchObject({ revisionCount: 1, body: null });
    expect(threadPage(threadOf(world.thread.threadId), 1, author.user).posts[0]!.body).toBe("¿Quién recicla **PET** en Lima y Callao?");
  });

  test("delete leaves a placeholder, keeps the body in the history and lowers the reply count", () => {
    const world = makeDiscussionWorld();
    const { member, coordinator, author } = world.people;
    const answer = ok(reply(member.user, world.thread.threadId, { body: "Me equivoqué" }));
    ok(reply(author.user, world.thread.threadId, { body: "Gracias" }));
    expect(deletePost(author.user, answer.postId)).toEqual({ ok: false, reason: "forbidden" });
    ok(deletePost(member.user, answer.postId));
    expect(postOf(answer.postId)).toMatchObject({ body: "", bodyHtml: "" });
    expect(threadOf(world.thread.threadId)).toMatchObject({ replyCount: 1, lastPostNumber: 3 });
    const page = threadPage(threadOf(world.thread.threadId), 1, coordinator.user);
    expect(page.posts.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(page.posts[1]).toMatchObject({ deleted: true, bodyHtml: null });
    expect(postRevisions(answer.postId, coordinator.user)).toMatchObject([{ body: "Me equivoqué" }]);
    expect(deletePost(member.user, answer.postId)).toEqual({ ok: false, reason: "forbidden" });
    // The permalink of a deleted post still finds its place.
    expect(postLocation(answer.postId, null)).toEqual({ threadId: world.thread.threadId, number: 2, page: 1 });
  });

  test("reactions toggle and are counted, with the viewer's own", () => {
    const world = makeDiscussionWorld();
    const { member, coordinator } = world.people;
    expect(toggleReaction(member.user, world.thread.postId, "heart")).toEqual({ ok: true, on: true });
    expect(toggleReaction(coordinator.user, world.thread.postId, "heart")).toEqual({ ok: true, on: true });
    expect(toggleReaction(member.user, world.thread.postId, "bulb")).toEqual({ ok: true, on: true });
    let post = threadPage(threadOf(world.thread.threadId), 1, member.user).posts[0]!;
    expect(post.reactions).toEqual({ thumbs_up: 0, heart: 2, bulb: 1 });
    expect(post.myReactions.sort()).toEqual(["bulb", "heart"]);
    expect(toggleReaction(member.user, world.thread.postId, "heart")).toEqual({ ok: true, on: false });
    post = threadPage(threadOf(world.thread.threadId), 1, member.user).posts[0]!;
    expect(post.reactions.heart).toBe(1);
    expect(post.myReactions).toEqual(["bulb"]);
    expect(toggleReaction(member.user, world.thread.postId, "poop" as never)).toMatchObject({ reason: "invalid", field: "reaction" });
  });

  test("permalinks: a post's page is ceil(number / 20)", () => {
    const world = makeDiscussionWorld();
    addPosts(world.thread.threadId, world.people.member.user.id, 44);
    const post45 = db
      .select()
      .from(schema.discussionPosts)
      .where(and(eq(schema.discussionPosts.threadId, world.thread.threadId), eq(schema.discussionPosts.number, 45)))
      .get()!;
    expect(postLocation(post45.id, null)).toEqual({ threadId: world.thread.threadId, number: 45, page: 3 });
    const page = threadPage(threadOf(world.thread.threadId), 3, null);
    expect(page).toMatchObject({ pages: 3, page: 3 });
    expect(page.posts.map((p) => p.number)).toEqual([41, 42, 43, 44, 45]);
    expect(postLocation(999999, null)).toBeNull();
  });
});

describe("flags and moderation", () => {
  test("flagging twice is refused (409); three people's flags hide the post; a coordinator restores it", () => {
    const world = makeDiscussionWorld();
    const { author, member, coordinator, admin } = world.people;
    const answer = ok(reply(author.user, world.thread.threadId, { body: "Compren mi producto milagroso" }));
    expect(flagPost(author.user, answer.postId, "spam", "")).toEqual({ ok: false, reason: "forbidden" });
    expect(flagPost(member.user, answer.postId, "spam", "Publicidad")).toEqual({ ok: true, hidden: false });
    const twice = flagPost(member.user, answer.postId, "offensive", "");
    expect(twice).toEqual({ ok: false, reason: "already_flagged" });
    expect(!twice.ok && refusalStatus(twice)).toBe(409);
    expect(flagPost(null, answer.postId, "spam", "")).toEqual({ ok: false, reason: "not_member" });
    expect(flagPost(makeSettledPerson().user, answer.postId, "spam", "")).toEqual({ ok: true, hidden: false });
    expect(threadOf(world.thread.threadId).replyCount).toBe(1);
    expect(flagPost(makeSettledPerson().user, answer.postId, "off_topic", "")).toEqual({ ok: true, hidden: true });
    expect(postOf(answer.postId)).toMatchObject({ hiddenReason: "flags", openFlagCount: 3 });
    expect(threadOf(world.thread.threadId).replyCount).toBe(0);

    // Hidden: a placeholder for others, the text for its author and moderators.
    const thread = threadOf(world.thread.threadId);
    expect(threadPage(thread, 1, member.user).posts[1]).toMatchObject({ hidden: true, bodyHtml: null });
    expect(threadPage(thread, 1, null).posts[1]!.bodyHtml).toBeNull();
    expect(threadPage(thread, 1, author.user).posts[1]!.bodyHtml).toContain("milagroso");
    expect(threadPage(thread, 1, admin.user).posts[1]).toMatchObject({ openFlagCount: 3 });
    expect(postLocation(answer.postId, member.user)).toBeNull();
    expect(threadPage(thread, 1, member.user).posts.map((p) => p.flaggedByMe)).toEqual([false, true]);
    expect(threadPage(thread, 1, author.user).posts.map((p) => p.flaggedByMe)).toEqual([false, false]);
    // Notifications about the post: its title for those who may read it, nothing for others.
    const posts = subjectResolver("post")!;
    expect(posts.describe([answer.postId], { id: member.user.id, role: "member" }).size).toBe(0);
    expect(posts.describe([answer.postId], { id: author.user.id, role: "member" }).get(answer.postId)).toEqual({ title: "Reciclaje de PET en Lima", link: `/discussions/posts/${answer.postId}` });
    expect(subjectResolver("thread")!.describe([world.thread.threadId], { id: member.user.id, role: "member" }).get(world.thread.threadId)).toEqual({ title: "Reciclaje de PET en Lima", link: `/discussions/threads/${world.thread.threadId}` });

    const queue = moderationQueue(1);
    expect(queue.rows).toHaveLength(1);
    expect(queue.rows[0]).toMatchObject({ id: answer.postId, hidden: true, thread: { id: world.thread.threadId } });
    expect(queue.rows[0]!.flags.map((f) => f.reason)).toEqual(["spam", "spam", "off_topic"]);
    expect(queue.rows[0]!.flags[0]).toMatchObject({ note: "Publicidad", by: member.user.name });

    expect(moderatePost(member.user, answer.postId, "restore", "")).toEqual({ ok: false, reason: "forbidden" });
    ok(moderatePost(coordinator.user, answer.postId, "restore", "No es spam"));
    expect(postOf(answer.postId)).toMatchObject({ hiddenAt: null, hiddenReason: null, openFlagCount: 0 });
    expect(threadOf(world.thread.threadId).replyCount).toBe(1);
    expect(moderationQueue(1).rows).toHaveLength(0);
    expect(threadPage(thread, 1, member.user).posts[1]!.bodyHtml).toContain("milagroso");
    expect(moderationLog(1).rows[0]).toMatchObject({ action: "restore_post", actor: coordinator.user.name, postId: answer.postId, note: "No es spam" });
  });

  test("locked threads take no replies (409) until unlocked; hidden threads exist for moderators only", () => {
    const world = makeDiscussionWorld();
    const { member, coordinator } = world.people;
    ok(moderateThread(coordinator.user, world.thread.threadId, "lock", "Se desvió"));
    const refused = reply(member.user, world.thread.threadId, { body: "¿Y?" });
    expect(refused).toEqual({ ok: false, reason: "locked" });
    expect(!refused.ok && refusalStatus(refused)).toBe(409);
    expect(reply(coordinator.user, world.thread.threadId, { body: "¿Y?" })).toEqual({ ok: false, reason: "locked" });
    ok(moderateThread(coordinator.user, world.thread.threadId, "unlock", ""));
    ok(reply(member.user, world.thread.threadId, { body: "¿Y?" }));

    ok(moderateThread(coordinator.user, world.thread.threadId, "hide", "Duplicado"));
    expect(() => requireThread(world.thread.threadId, member.user, "view")).toThrow();
    expect(requireThread(world.thread.threadId, coordinator.user, "view").thread.id).toBe(world.thread.threadId);
    expect(threadList({ kind: "category", categoryId: world.general.id }, { sort: "activity", page: 1 }, member.user).rows).toHaveLength(0);
    expect(threadList({ kind: "category", categoryId: world.general.id }, { sort: "activity", page: 1 }, coordinator.user).rows[0]).toMatchObject({ hidden: true });
    expect(listCategories().find((c) => c.id === world.general.id)).toMatchObject({ threadCount: 0, lastThread: null });
    expect(reply(member.user, world.thread.threadId, { body: "hola" })).toEqual({ ok: false, reason: "not_found" });
    expect(latestThreads(10, member.user).map((t) => t.id)).not.toContain(world.thread.threadId);
    ok(moderateThread(coordinator.user, world.thread.threadId, "restore", ""));
    expect(listCategories().find((c) => c.id === world.general.id)).toMatchObject({ threadCount: 1 });
  });

  test("pinned threads come first; sort by activity or newest", () => {
    const world = makeDiscussionWorld();
    const { member, coordinator } = world.people;
    const place = { kind: "category", categoryId: world.general.id } as const;
    const second = ok(startThread(member.user, place, { title: "Segundo", body: "b" }, new Date(Date.now() + 1000)));
    ok(reply(member.user, world.thread.threadId, { body: "actividad" }, new Date(Date.now() + 2000)));
    const titles = (sort: "activity" | "newest") => threadList(place, { sort, page: 1 }, null).rows.map((r) => r.title);
    expect(titles("activity")).toEqual(["Reciclaje de PET en Lima", "Segundo"]);
    expect(titles("newest")).toEqual(["Segundo", "Reciclaje de PET en Lima"]);
    ok(moderateThread(coordinator.user, second.threadId, "pin", ""));
    expect(titles("activity")).toEqual(["Segundo", "Reciclaje de PET en Lima"]);
    const row = threadList(place, { sort: "activity", page: 1 }, null).rows[0]!;
    expect(row).toMatchObject({ pinned: true, author: { id: member.user.id, name: member.user.name, handle: member.user.handle }, organisation: null, unread: null });
  });

  test("moving a thread updates both categories' counts and latest activity", () => {
    const world = makeDiscussionWorld();
    const { coordinator, member } = world.people;
    const plastics = makeCategory(coordinator);
    expect(moveThread(member.user, world.thread.threadId, plastics.id, "")).toEqual({ ok: false, reason: "forbidden" });
    expect(moveThread(coordinator.user, world.thread.threadId, world.general.id, "")).toMatchObject({ reason: "invalid", field: "categoryId" });
    ok(moveThread(coordinator.user, world.thread.threadId, plastics.id, "Es sobre plásticos"));
    const categories = listCategories();
    expect(categories.find((c) => c.id === world.general.id)).toMatchObject({ threadCount: 0, lastActivityAt: null, lastThread: null });
    expect(categories.find((c) => c.id === plastics.id)).toMatchObject({ threadCount: 1, lastThread: { id: world.thread.threadId } });
    expect(threadOf(world.thread.threadId).categoryId).toBe(plastics.id);
    expect(moderationLog(1).rows[0]).toMatchObject({ action: "move_thread", details: { from: world.general.id, to: plastics.id }, note: "Es sobre plásticos" });
  });

  test("suspension: no posting until lifted; the organisation's suspension also bars", () => {
    const world = makeDiscussionWorld();
    const { suspended, orgSuspended, coordinator, member } = world.people;
    const refused = reply(suspended.user, world.thread.threadId, { body: "hola" });
    expect(refused).toMatchObject({ ok: false, reason: "suspended" });
    expect(!refused.ok && refused.reason === "suspended" && refused.until.getTime()).toBeGreaterThan(Date.now());
    expect(startThread(suspended.user, { kind: "category", categoryId: world.general.id }, { title: "t", body: "b" })).toMatchObject({ reason: "suspended" });
    expect(reply(orgSuspended.user, world.thread.threadId, { body: "hola" })).toEqual({ ok: false, reason: "organisation_suspended" });
    expect(suspendPoster(coordinator.user, "nadie-existe", new Date(Date.now() + 1000), "x")).toEqual({ ok: false, reason: "not_found" });
    expect(suspendPoster(coordinator.user, member.user.handle!, new Date(Date.now() - 1000), "x")).toMatchObject({ reason: "invalid", field: "until" });
    expect(suspendPoster(member.user, suspended.user.handle!, new Date(Date.now() + 1000), "x")).toEqual({ ok: false, reason: "forbidden" });
    ok(liftSuspension(coordinator.user, suspended.user.id));
    ok(reply(suspended.user, world.thread.threadId, { body: "Perdón" }));
    expect(liftSuspension(coordinator.user, suspended.user.id)).toEqual({ ok: false, reason: "not_found" });
  });

  test("new accounts post at most 10 times an hour; settled ones are not limited", () => {
    const world = makeDiscussionWorld();
    const newcomer = makePerson();
    const start = new Date();
    for (let i = 0; i < NEW_ACCOUNT_POSTS_PER_HOUR; i++) ok(reply(newcomer.user, world.thread.threadId, { body: `mensaje ${i}` }, new Date(start.getTime() + i * 1000)));
    const limited = reply(newcomer.user, world.thread.threadId, { body: "uno más" }, new Date(start.getTime() + 20_000));
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(!limited.ok && refusalStatus(limited)).toBe(429);
    if (!limited.ok && limited.reason === "rate_limited") expect(Math.abs(limited.retryAt.getTime() - (start.getTime() + 60 * 60 * 1000))).toBeLessThan(1000);
    // An hour after the first, one more is accepted.
    ok(reply(newcomer.user, world.thread.threadId, { body: "más tarde" }, new Date(start.getTime() + 60 * 60 * 1000 + 1000)));
    for (let i = 0; i < NEW_ACCOUNT_POSTS_PER_HOUR + 2; i++) ok(reply(world.people.member.user, world.thread.threadId, { body: `settled ${i}` }));
  });

  test("every moderation action writes a moderation log row", () => {
    const world = makeDiscussionWorld();
    const { coordinator, author, member } = world.people;
    const answer = ok(reply(author.user, world.thread.threadId, { body: "respuesta" }));
    ok(flagPost(member.user, answer.postId, "other", "dudoso"));
    const before = logActions().length;
    ok(moderatePost(coordinator.user, answer.postId, "dismiss_flags", ""));
    ok(moderatePost(coordinator.user, answer.postId, "hide", "Fuera de lugar"));
    ok(moderatePost(coordinator.user, answer.postId, "restore", ""));
    for (const action of ["lock", "unlock", "pin", "unpin", "hide", "restore"] as const) ok(moderateThread(coordinator.user, world.thread.threadId, action, ""));
    ok(moveThread(coordinator.user, world.thread.threadId, categoryBySlug("cadena-textil").id, ""));
    ok(suspendPoster(coordinator.user, member.user.handle!, new Date(Date.now() + 60_000), "Insultos"));
    ok(liftSuspension(coordinator.user, member.user.id));
    const created = ok(createCategory(coordinator.user, { nameEs: "Financiamiento", nameEn: "Funding", descriptionEs: "", descriptionEn: "", coordinatorsOnly: false, position: 50 }));
    expect(created.slug).toBe("financiamiento");
    ok(updateCategory(coordinator.user, created.id, { nameEs: "Financiamiento verde", nameEn: "Green funding", descriptionEs: "", descriptionEn: "", coordinatorsOnly: false, position: 50 }));
    ok(archiveCategory(coordinator.user, created.id, true));
    // One row per action taken, and every kind of moderation action among them.
    const written = logActions().slice(before);
    expect(written).toHaveLength(15);
    expect(new Set(written)).toEqual(new Set(MODERATION_ACTIONS));
    expect(moderationLog(1).rows.find((r) => r.action === "suspend_user")).toMatchObject({ targetUser: member.user.name, note: "Insultos", actor: coordinator.user.name });
    expect(listCategories().some((c) => c.id === created.id)).toBe(false);
  });
});

describe("unread", () => {
  test("unread posts since the last read mark, the first unread number, and followed threads with news", () => {
    const world = makeDiscussionWorld();
    const { author, member } = world.people;
    const place = { kind: "category", categoryId: world.general.id } as const;
    const rowFor = (user: typeof member.user) => threadList(place, { sort: "activity", page: 1 }, user).rows[0]!;
    // Never opened: unread from post 1.
    expect(rowFor(member.user).unread).toEqual({ firstUnreadNumber: 1, unreadCount: 1 });
    expect(threadList(place, { sort: "activity", page: 1 }, null).rows[0]!.unread).toBeNull();
    ok(reply(member.user, world.thread.threadId, { body: "dos" }));
    // Replying marks read up to one's own post; the author has one unread.
    expect(rowFor(member.user).unread).toBeNull();
    expect(rowFor(author.user).unread).toEqual({ firstUnreadNumber: 2, unreadCount: 1 });
    ok(reply(member.user, world.thread.threadId, { body: "tres" }));
    ok(reply(member.user, world.thread.threadId, { body: "cuatro" }));
    expect(unreadThreadCount(author.user.id)).toBe(1);
    expect(threadPage(threadOf(world.thread.threadId), 1, author.user).unread).toEqual({ firstUnreadNumber: 2 });
    markRead(author.user.id, world.thread.threadId, 2);
    expect(rowFor(author.user).unread).toEqual({ firstUnreadNumber: 3, unreadCount: 2 });
    // The mark never goes down, nor past the last post.
    markRead(author.user.id, world.thread.threadId, 1);
    expect(rowFor(author.user).unread).toEqual({ firstUnreadNumber: 3, unreadCount: 2 });
    markRead(author.user.id, world.thread.threadId, 999);
    expect(rowFor(author.user).unread).toBeNull();
    expect(unreadThreadCount(author.user.id)).toBe(0);
    const read = db.select().from(schema.discussionReads).where(eq(schema.discussionReads.userId, author.user.id)).get()!;
    expect(read.lastReadNumber).toBe(4);
  });
});
