// Issue 10, moderation extras: active suspensions listed on the moderation page and lifted from
// it; people newly @mentioned by an edit are told; a post's author is told when it is hidden and
// restored, and coordinators when flags hide a post.
import type { ActionFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { userIdsWithRoles } from "#app/.server/auth/index.ts";
import { db, schema } from "#app/.server/db.ts";
import {
  activeSuspension,
  activeSuspensions,
  editPost,
  flagPost,
  moderatePost,
  reply,
  startThread,
  suspendPoster,
  SUSPENSIONS_PAGE_SIZE,
} from "#app/.server/discussions/index.ts";
import { renderNotifications } from "#app/.server/notifications/index.ts";
import { notificationKind } from "#app/.server/notifications/registry.ts";
import { translate } from "#app/i18n.ts";
import { action as moderationAction, loader as moderationLoader } from "#app/routes/discussions.moderation.tsx";
import { callRoute, cookiesFrom } from "./call-route.ts";
import { countQueries } from "./count-queries.ts";
import { makeDiscussionWorld, makeSettledPerson, notificationsOf } from "./discussion-world.ts";
import type { Person } from "./world.ts";

const BASE = "http://localhost:3000";
const DAY = 24 * 60 * 60 * 1000;

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** Suspends a person for `days` days from `now`, by a coordinator, with a reason. */
function suspend(by: Person, who: Person, days: number, reason: string, now = new Date()) {
  return ok(suspendPoster(by.user, who.user.handle!, new Date(now.getTime() + days * DAY), reason, now));
}

/** The active-suspension rows of the given people, over every page. */
function listedFor(people: Person[]) {
  const ids = new Set(people.map((p) => p.user.id));
  const first = activeSuspensions(1);
  const rows = [...first.rows];
  for (let page = 2; page <= first.pages; page++) rows.push(...activeSuspensions(page).rows);
  return rows.filter((row) => ids.has(row.user.id));
}

/** The text a person reads for a notification row, in a language. */
function wordsOf(row: typeof schema.notifications.$inferSelect, reader: Person, locale: "es" | "en") {
  return renderNotifications([row], { id: reader.user.id, role: reader.user.role }, locale).get(row.id)!;
}

function flashOf(headers: Headers) {
  const raw = cookiesFrom(headers).match(/(?:^|; )flash=([^;]*)/)?.[1];
  return raw === undefined
    ? undefined
    : (JSON.parse(decodeURIComponent(raw)) as {
        key: string;
        vars?: Record<string, string>;
      });
}

const postOf = (id: number) => db.select().from(schema.discussionPosts).where(eq(schema.discussionPosts.id, id)).get()!;

describe("active suspensions", () => {
  test("one row per person suspended now — latest end, its reason and who suspended — ending soonest first; lifted and past ones left out", () => {
    const world = makeDiscussionWorld();
    const { coordinator, admin } = world.people;
    const [soon, later, twice, lifted, over] = [1, 2, 3, 4, 5].map(() => makeSettledPerson());
    suspend(coordinator, soon!, 2, "Spam");
    suspend(admin, later!, 9, "Insultos");
    suspend(coordinator, twice!, 3, "Primera vez");
    suspend(admin, twice!, 30, "Reincide");
    suspend(coordinator, lifted!, 5, "Error");
    db.update(schema.discussionSuspensions).set({ liftedAt: new Date() }).where(eq(schema.discussionSuspensions.userId, lifted!.user.id)).run();
    suspend(coordinator, over!, 1, "Ya pasó", new Date(Date.now() - 3 * DAY));
    expect(activeSuspension(over!.user.id)).toBeNull();

    const rows = listedFor([soon!, later!, twice!, lifted!, over!]);
    expect(rows.map((row) => row.user.id)).toEqual([soon!.user.id, later!.user.id, twice!.user.id]);
    expect(rows[0]).toMatchObject({
      user: { name: soon!.user.name, handle: soon!.user.handle },
      reason: "Spam",
      suspendedBy: coordinator.user.name,
    });
    expect(rows[2]).toMatchObject({
      reason: "Reincide",
      suspendedBy: admin.user.name,
    });
    expect(Math.abs(rows[2]!.until.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
  });

  test(`${SUSPENSIONS_PAGE_SIZE} a page, in a fixed number of statements whatever their number`, () => {
    const world = makeDiscussionWorld();
    const before = activeSuspensions(1).total;
    const statements = countQueries(() => activeSuspensions(1));
    for (let i = 0; i < SUSPENSIONS_PAGE_SIZE + 1; i++) suspend(world.people.coordinator, makeSettledPerson(), 10 + i, `Motivo ${i}`);
    const first = activeSuspensions(1);
    expect(first.total).toBe(before + SUSPENSIONS_PAGE_SIZE + 1);
    expect(first.rows).toHaveLength(SUSPENSIONS_PAGE_SIZE);
    expect(first.pages).toBe(Math.ceil(first.total / SUSPENSIONS_PAGE_SIZE));
    const last = activeSuspensions(first.pages);
    expect(last.rows.length).toBe(first.total - (first.pages - 1) * SUSPENSIONS_PAGE_SIZE);
    expect(countQueries(() => activeSuspensions(1))).toBe(statements);
    expect(statements).toBeLessThanOrEqual(3);
  });
});

describe("the moderation page's suspensions", () => {
  let world: ReturnType<typeof makeDiscussionWorld>;
  const url = `${BASE}/discussions/moderation`;
  const lift = (cookie: string | undefined, userId: string) =>
    callRoute(moderationAction as (args: ActionFunctionArgs) => unknown, {
      url,
      method: "POST",
      form: { intent: "lift-suspension", userId },
      cookie,
    });

  beforeAll(() => {
    world = makeDiscussionWorld();
  });

  test("coordinators see each active suspension with name, handle, until, reason and who suspended", async () => {
    const answer = await callRoute(moderationLoader, {
      url,
      cookie: world.people.coordinator.cookie,
    });
    expect(answer.status).toBe(200);
    const rows = (
      answer.data as {
        suspensions: Array<{
          user: { id: number; name: string; handle: string };
          until: number;
          reason: string;
          suspendedBy: string;
        }>;
      }
    ).suspensions;
    const mine = rows.find((row) => row.user.id === world.people.suspended.user.id);
    expect(mine).toMatchObject({
      user: {
        name: world.people.suspended.user.name,
        handle: world.people.suspended.user.handle,
      },
      reason: "Spam repetido",
      suspendedBy: world.people.coordinator.user.name,
    });
    expect(mine!.until).toBeGreaterThan(Date.now() + 6 * DAY);
  });

  test("members get 403 for the page and for lifting, and the suspension stays", async () => {
    expect(
      (
        await callRoute(moderationLoader, {
          url,
          cookie: world.people.member.cookie,
        })
      ).status
    ).toBe(403);
    expect((await lift(world.people.member.cookie, String(world.people.suspended.user.id))).status).toBe(403);
    expect((await lift(world.people.suspended.cookie, String(world.people.suspended.user.id))).status).toBe(403);
    expect(activeSuspension(world.people.suspended.user.id)).not.toBeNull();
    const anonymous = await lift(undefined, String(world.people.suspended.user.id));
    expect(anonymous.status).toBe(302);
    expect(activeSuspension(world.people.suspended.user.id)).not.toBeNull();
  });

  test("a crafted person id is a 400", async () => {
    expect((await lift(world.people.coordinator.cookie, "abc")).status).toBe(400);
    expect((await lift(world.people.coordinator.cookie, "-3")).status).toBe(400);
  });

  test("a coordinator lifts it (plain form post): redirect with a flash naming the person, logged, gone from the list, posting again", async () => {
    const { coordinator, suspended } = world.people;
    const answer = await lift(coordinator.cookie, String(suspended.user.id));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/discussions/moderation");
    expect(flashOf(answer.headers)).toEqual({
      key: "disc.mod.done.lift",
      vars: { name: suspended.user.name },
    });
    expect(translate("es", "disc.mod.done.lift", { name: "Ana" })).toBe("Levantamos la suspensión de Ana: ya puede publicar de nuevo.");
    expect(activeSuspension(suspended.user.id)).toBeNull();
    const logged = db
      .select()
      .from(schema.moderationLog)
      .where(and(eq(schema.moderationLog.action, "lift_suspension"), eq(schema.moderationLog.targetUserId, suspended.user.id)))
      .all();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.actorId).toBe(coordinator.user.id);
    const page = await callRoute(moderationLoader, {
      url,
      cookie: coordinator.cookie,
    });
    expect((page.data as { suspensions: Array<{ user: { id: number } }> }).suspensions.map((row) => row.user.id)).not.toContain(suspended.user.id);
    ok(
      reply(suspended.user, world.thread.threadId, {
        body: "Gracias, no volverá a pasar.",
      })
    );
  });

  test("lifting one no longer active is a 404 with a clear message on the page, not an error page", async () => {
    const answer = await lift(world.people.admin.cookie, String(world.people.suspended.user.id));
    expect(answer.status).toBe(404);
    expect(answer.data).toMatchObject({
      intent: "lift-suspension",
      userId: world.people.suspended.user.id,
      error: translate("es", "disc.mod.liftGone"),
    });
  });

  test("a page past the last goes to the last", async () => {
    const answer = await callRoute(moderationLoader, {
      url: `${url}?suspensions=999`,
      cookie: world.people.coordinator.cookie,
    });
    expect(answer.status).toBe(302);
  });
});

describe("editing a post tells people it newly mentions", () => {
  test("only those mentioned in no earlier version, once; unknown handles stay text; the author never", () => {
    const world = makeDiscussionWorld();
    const { author } = world.people;
    const [ana, bea, eva] = [1, 2, 3].map(() => makeSettledPerson());
    const mentions = (person: Person) => notificationsOf(person.user.id, "discussion.mention");
    const posted = ok(
      reply(author.user, world.thread.threadId, {
        body: `Hola @${ana!.user.handle}`,
      })
    );
    expect(mentions(ana!)).toHaveLength(1);

    ok(editPost(author.user, posted.postId, `Hola @${ana!.user.handle} y @${bea!.user.handle}, y @nadie-existe-aqui y @${author.user.handle}`));
    expect(mentions(ana!)).toHaveLength(1);
    expect(mentions(bea!)).toHaveLength(1);
    expect(mentions(bea!)[0]).toMatchObject({
      actorId: author.user.id,
      subjectType: "post",
      subjectId: posted.postId,
      groupKey: `thread:${world.thread.threadId}`,
    });
    expect(mentions(author)).toHaveLength(0);
    const html = postOf(posted.postId).bodyHtml;
    expect(html).toContain("@nadie-existe-aqui");
    expect(html).not.toContain('href="/discussions?author=nadie-existe-aqui"');
    expect(html).toContain(`href="/discussions?author=${bea!.user.handle}"`);

    // Taken out, then written again: already told about this post.
    ok(editPost(author.user, posted.postId, "Hola a todos"));
    ok(editPost(author.user, posted.postId, `Hola @${bea!.user.handle} y @${eva!.user.handle}`));
    expect(mentions(bea!)).toHaveLength(1);
    expect(mentions(eva!)).toHaveLength(1);
    expect(wordsOf(mentions(eva!)[0]!, eva!, "es").text).toBe(`${author.user.name} te mencionó en «Reciclaje de PET en Lima».`);
  });

  test("nobody is told while the post is hidden", () => {
    const world = makeDiscussionWorld();
    const { author, coordinator } = world.people;
    const ana = makeSettledPerson();
    const posted = ok(reply(author.user, world.thread.threadId, { body: "Primera versión" }));
    ok(moderatePost(coordinator.user, posted.postId, "hide", ""));
    ok(editPost(author.user, posted.postId, `Ahora con @${ana.user.handle}`));
    expect(notificationsOf(ana.user.id, "discussion.mention")).toHaveLength(0);
  });
});

describe("a post hidden or restored", () => {
  test("the kinds: mentions group for the author's, replies group for coordinators', all in app by default", () => {
    expect(notificationKind("discussion.post_hidden")).toMatchObject({
      preference: "mentions",
      defaultChannel: "in_app",
    });
    expect(notificationKind("discussion.post_restored")).toMatchObject({
      preference: "mentions",
      defaultChannel: "in_app",
    });
    expect(notificationKind("discussion.post_flagged_hidden")).toMatchObject({
      preference: "discussion_replies",
      defaultChannel: "in_app",
    });
  });

  test("userIdsWithRoles gives every coordinator and admin, and no member", () => {
    const world = makeDiscussionWorld();
    const ids = userIdsWithRoles(["coordinator", "admin"]);
    expect(ids).toContain(world.people.coordinator.user.id);
    expect(ids).toContain(world.people.admin.user.id);
    expect(ids).not.toContain(world.people.member.user.id);
    expect(userIdsWithRoles(["admin"])).not.toContain(world.people.coordinator.user.id);
    expect(userIdsWithRoles([])).toEqual([]);
  });

  test("by flags: the author is told once, in their language, and every coordinator and admin learns it awaits review; the flaggers are not told", () => {
    const world = makeDiscussionWorld();
    const { author, member, coordinator, admin } = world.people;
    const posted = ok(reply(author.user, world.thread.threadId, { body: "Compren mi producto" }));
    const others = [makeSettledPerson(), makeSettledPerson()];
    expect(flagPost(member.user, posted.postId, "spam", "")).toEqual({
      ok: true,
      hidden: false,
    });
    expect(flagPost(others[0]!.user, posted.postId, "spam", "")).toEqual({
      ok: true,
      hidden: false,
    });
    expect(notificationsOf(author.user.id, "discussion.post_hidden")).toHaveLength(0);
    expect(flagPost(others[1]!.user, posted.postId, "spam", "")).toEqual({
      ok: true,
      hidden: true,
    });

    const told = notificationsOf(author.user.id, "discussion.post_hidden");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      subjectType: "post",
      subjectId: posted.postId,
      actorId: null,
      data: { reason: "flags", threadId: world.thread.threadId, number: 2 },
    });
    expect(wordsOf(told[0]!, author, "es")).toMatchObject({
      text: "Tu mensaje en «Reciclaje de PET en Lima» fue ocultado para revisión, tras varios reportes de la comunidad. Por ahora solo tú y la coordinación pueden verlo.",
      link: `/discussions/posts/${posted.postId}`,
      subject: "Tu mensaje en «Reciclaje de PET en Lima» fue ocultado",
    });
    expect(wordsOf(told[0]!, author, "en").text).toBe(
      "Your post in “Reciclaje de PET en Lima” was hidden for review, after several reports from the community. For now only you and the coordinators can see it."
    );
    for (const flagger of [member, ...others]) expect(notificationsOf(flagger.user.id, "discussion.post_hidden")).toHaveLength(0);

    for (const moderator of [coordinator, admin]) {
      const alerts = notificationsOf(moderator.user.id, "discussion.post_flagged_hidden");
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        subjectType: "post",
        subjectId: posted.postId,
        data: { flags: 3 },
      });
    }
    const alert = notificationsOf(coordinator.user.id, "discussion.post_flagged_hidden")[0]!;
    expect(wordsOf(alert, coordinator, "es").text).toBe("Un mensaje en «Reciclaje de PET en Lima» quedó oculto tras 3 reportes y espera tu revisión.");
    expect(wordsOf(alert, coordinator, "en").text).toBe("A post in “Reciclaje de PET en Lima” was hidden after 3 reports and awaits your review.");
    expect(notificationsOf(member.user.id, "discussion.post_flagged_hidden")).toHaveLength(0);
    // In app by default: nothing mailed.
    expect(db.select().from(schema.outbox).where(eq(schema.outbox.to, author.user.email)).all()).toHaveLength(0);

    // Confirming the hiding tells nobody again; restoring tells the author once.
    ok(moderatePost(coordinator.user, posted.postId, "hide", "Confirmado"));
    ok(moderatePost(coordinator.user, posted.postId, "dismiss_flags", ""));
    expect(notificationsOf(author.user.id, "discussion.post_hidden")).toHaveLength(1);
    ok(moderatePost(coordinator.user, posted.postId, "restore", "Era una broma"));
    ok(moderatePost(admin.user, posted.postId, "restore", ""));
    const restored = notificationsOf(author.user.id, "discussion.post_restored");
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({
      actorId: coordinator.user.id,
      subjectId: posted.postId,
    });
    expect(wordsOf(restored[0]!, author, "es").text).toBe("Tu mensaje en «Reciclaje de PET en Lima» fue restaurado: todos pueden verlo de nuevo.");
    expect(wordsOf(restored[0]!, author, "en").text).toBe("Your post in “Reciclaje de PET en Lima” was restored: everyone can see it again.");
  });

  test("by a coordinator: the author is told it was the coordinators; others see nothing of it", () => {
    const world = makeDiscussionWorld();
    const { author, coordinator, member } = world.people;
    const posted = ok(reply(author.user, world.thread.threadId, { body: "Fuera de tema" }));
    ok(moderatePost(coordinator.user, posted.postId, "hide", "Fuera de tema"));
    const told = notificationsOf(author.user.id, "discussion.post_hidden");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      actorId: coordinator.user.id,
      data: { reason: "moderator" },
    });
    expect(wordsOf(told[0]!, author, "es").text).toBe(
      "Tu mensaje en «Reciclaje de PET en Lima» fue ocultado por la coordinación. Por ahora solo tú y la coordinación pueden verlo."
    );
    expect(wordsOf(told[0]!, author, "en").text).toContain("was hidden by the coordinators.");
    // Nobody else may read the hidden post: were it shown to them, it would be "no longer available".
    expect(wordsOf(told[0]!, member, "es").available).toBe(false);
    expect(notificationsOf(coordinator.user.id, "discussion.post_flagged_hidden")).toHaveLength(0);
  });

  test("an author who asked for email on mentions gets the hidden notice by email", () => {
    const world = makeDiscussionWorld();
    const { coordinator } = world.people;
    const author = makeSettledPerson();
    db.insert(schema.notificationPreferences)
      .values({
        userId: author.user.id,
        preference: "mentions",
        channel: "email",
      })
      .run();
    const posted = ok(reply(author.user, world.thread.threadId, { body: "Algo discutible" }));
    ok(moderatePost(coordinator.user, posted.postId, "hide", ""));
    const mails = db.select().from(schema.outbox).where(eq(schema.outbox.to, author.user.email)).all();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Tu mensaje en «Reciclaje de PET en Lima» fue ocultado");
  });

  test("a coordinator's own post flagged three times stays visible, waits in the queue, and nobody is told it was hidden", () => {
    const world = makeDiscussionWorld();
    const { coordinator, admin } = world.people;
    const started = ok(startThread(coordinator.user, { kind: "category", categoryId: world.general.id }, { title: "Aviso", body: "Texto" }));
    for (let i = 0; i < 3; i++) ok(flagPost(makeSettledPerson().user, started.postId, "other", ""));
    expect(postOf(started.postId).hiddenAt).toBeNull();
    expect(postOf(started.postId).openFlagCount).toBe(3);
    expect(notificationsOf(coordinator.user.id, "discussion.post_hidden").filter((n) => n.subjectId === started.postId)).toHaveLength(0);
    expect(notificationsOf(admin.user.id, "discussion.post_flagged_hidden").filter((n) => n.subjectId === started.postId)).toHaveLength(0);
  });
});
