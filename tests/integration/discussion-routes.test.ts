// The discussion pages answer bad input with the right status and a clear message, never a 500
// (issue 10, "Bad input"): empty and oversized posts, a locked thread, a second flag, anonymous
// posting, crafted page numbers and ids.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { moderateThread, startThread } from "#app/.server/discussions/index.ts";
import { POST_BODY_MAX } from "#app/features/discussions/taxonomy.ts";
import { translate } from "#app/i18n.ts";
import { loader as indexLoader } from "#app/routes/discussions._index.tsx";
import { action as categoryAction, loader as categoryLoader } from "#app/routes/discussions.c.$slug.tsx";
import { loader as categoryFeedLoader } from "#app/routes/discussions.c.$slug_.feed[.]atom.ts";
import { loader as feedLoader } from "#app/routes/discussions[.]atom.ts";
import { loader as mentionsLoader } from "#app/routes/discussions.mentions[.]json.ts";
import { action as parentAction, loader as parentLoader } from "#app/routes/discussions.on.$type.$id.tsx";
import { loader as permalinkLoader } from "#app/routes/discussions.posts.$id.tsx";
import { action as threadAction, loader as threadLoader } from "#app/routes/discussions.threads.$id.tsx";
import { callRoute } from "./call-route.ts";
import { makeDiscussionWorld, makeParents, makeSettledPerson } from "./discussion-world.ts";

const BASE = "http://localhost:3000";
type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
const withParams = (handler: Handler, params: Record<string, string>) => (args: ActionFunctionArgs) => handler({ ...args, params });

/** The form-level or field-level messages of a Conform reply (as the page would show them). */
function messages(data: unknown): string[] {
  const result = (data as { result?: { error?: Record<string, string[] | null> } }).result;
  return Object.values(result?.error ?? {}).flatMap((list) => list ?? []);
}

let world: ReturnType<typeof makeDiscussionWorld>;
const threadUrl = () => `${BASE}/discussions/threads/${world.thread.threadId}`;
const post = (cookie: string | undefined, form: Record<string, string>, url = threadUrl()) =>
  callRoute(withParams(threadAction as Handler, { id: String(world.thread.threadId) }), { url, method: "POST", form, cookie });

beforeAll(() => {
  world = makeDiscussionWorld();
});

describe("replying", () => {
  test("an empty post is a 400 with the message beside the box", async () => {
    const answer = await post(world.people.member.cookie, { intent: "reply", body: "   \n  " });
    expect(answer.status).toBe(400);
    expect(messages(answer.data)).toContain("disc.errors.bodyRequired");
    expect(translate("es", "disc.errors.bodyRequired")).toBe("Escribe un mensaje.");
  });

  test(`a post of ${POST_BODY_MAX + 1} characters is a 400 saying the limit, and keeps what was typed`, async () => {
    const body = "a".repeat(POST_BODY_MAX + 1);
    const answer = await post(world.people.member.cookie, { intent: "reply", body });
    expect(answer.status).toBe(400);
    expect(messages(answer.data)).toContain("disc.errors.bodyTooLong");
    expect(translate("es", "disc.errors.bodyTooLong")).toContain("20,000");
    expect(translate("en", "disc.errors.bodyTooLong")).toContain("20,000");
    const initial = (answer.data as { result: { initialValue: Record<string, string> } }).result.initialValue;
    expect(initial.body).toBe(body);
  });

  test("a good reply redirects to the new post on its page", async () => {
    const answer = await post(world.people.member.cookie, { intent: "reply", body: "Nosotros, en San Juan de Lurigancho." });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/discussions/threads/${world.thread.threadId}#post-2`);
  });

  test("a locked thread refuses replies with 409 and says so", async () => {
    const started = startThread(world.people.author.user, { kind: "category", categoryId: world.general.id }, { title: "Cerrada pronto", body: "Hola" });
    if (!started.ok) throw new Error(started.reason);
    const { threadId } = started;
    const locked = moderateThread(world.people.coordinator.user, threadId, "lock", "");
    expect(locked.ok).toBe(true);
    const answer = await callRoute(withParams(threadAction as Handler, { id: String(threadId) }), {
      url: `${BASE}/discussions/threads/${threadId}`,
      method: "POST",
      form: { intent: "reply", body: "¿Sigue abierto?" },
      cookie: world.people.member.cookie,
    });
    expect(answer.status).toBe(409);
    expect(messages(answer.data)).toContain(translate("es", "disc.refused.locked"));
  });

  test("an anonymous post goes to log in, and a suspended person gets 403 with the date", async () => {
    const anonymous = await post(undefined, { intent: "reply", body: "Hola" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const suspended = await post(world.people.suspended.cookie, { intent: "reply", body: "Hola" });
    expect(suspended.status).toBe(403);
    expect(messages(suspended.data).join(" ")).toMatch(/No puedes publicar hasta el/);
  });

  test("an unknown intent or a crafted reaction is a 400, not a 500", async () => {
    expect((await post(world.people.member.cookie, { intent: "nope" })).status).toBe(400);
    expect((await post(world.people.member.cookie, { intent: "react", postId: "abc", reaction: "heart" })).status).toBe(400);
    expect((await post(world.people.member.cookie, { intent: "react", postId: String(world.thread.postId), reaction: "poo" })).status).toBe(400);
  });

  test("only coordinators moderate: a member's lock is a 403", async () => {
    expect((await post(world.people.member.cookie, { intent: "lock" })).status).toBe(403);
  });
});

describe("flagging", () => {
  test("a second flag by the same person is a 409 with a message", async () => {
    const flagger = makeSettledPerson();
    const form = { intent: "flag", postId: String(world.thread.postId), reason: "spam", note: "" };
    const first = await post(flagger.cookie, form);
    expect(first.status).toBe(302);
    // Straight back to the post on its thread page, not through the permalink route (one redirect).
    expect(first.headers.get("Location")).toBe(`/discussions/threads/${world.thread.threadId}#post-1`);
    const second = await post(flagger.cookie, form);
    expect(second.status).toBe(409);
    expect((second.data as { error: string }).error).toBe(translate("es", "disc.refused.already_flagged"));
  });

  test("an unknown reason is a 400 with a message", async () => {
    const answer = await post(makeSettledPerson().cookie, { intent: "flag", postId: String(world.thread.postId), reason: "aburrido" });
    expect(answer.status).toBe(400);
  });
});

describe("starting threads", () => {
  const categoryPost = (cookie: string | undefined, form: Record<string, string>) =>
    callRoute(withParams(categoryAction as Handler, { slug: world.general.slug }), { url: `${BASE}/discussions/c/${world.general.slug}`, method: "POST", form, cookie });

  test("without a title or with an oversized body: 400 with both messages", async () => {
    const answer = await categoryPost(world.people.member.cookie, { title: "", body: "x".repeat(POST_BODY_MAX + 1) });
    expect(answer.status).toBe(400);
    expect(messages(answer.data)).toEqual(expect.arrayContaining(["disc.errors.titleRequired", "disc.errors.bodyTooLong"]));
  });

  test("members may not start threads in Announcements (403, with the message at the form)", async () => {
    const answer = await callRoute(withParams(categoryAction as Handler, { slug: world.announcements.slug }), {
      url: `${BASE}/discussions/c/${world.announcements.slug}`,
      method: "POST",
      form: { title: "Hola", body: "Un anuncio" },
      cookie: world.people.member.cookie,
    });
    expect(answer.status).toBe(403);
    expect(messages(answer.data)).toContain(translate("es", "disc.refused.forbidden"));
  });

  test("a thread on an initiative is started from its parent route and the author lands on it", async () => {
    const { initiative } = makeParents();
    const answer = await callRoute(withParams(parentAction as Handler, { type: "initiative", id: String(initiative.id) }), {
      url: `${BASE}/discussions/on/initiative/${initiative.id}`,
      method: "POST",
      form: { title: "¿Cómo sumarse?", body: "Queremos aportar." },
      cookie: world.people.member.cookie,
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toMatch(/^\/discussions\/threads\/\d+#post-1$/);
  });
});

describe("crafted addresses never give a 500", () => {
  const statusOf = async (handler: Handler, params: Record<string, string>, path: string, cookie?: string) =>
    (await callRoute(withParams(handler, params), { url: `${BASE}${path}`, cookie })).status;

  test("page numbers: junk reads as page 1, past the end redirects to the last page", async () => {
    const id = String(world.thread.threadId);
    expect(await statusOf(threadLoader as Handler, { id }, `/discussions/threads/${id}?page=abc`)).toBe(200);
    expect(await statusOf(threadLoader as Handler, { id }, `/discussions/threads/${id}?page=-3`)).toBe(200);
    const huge = await callRoute(withParams(threadLoader as Handler, { id }), { url: `${BASE}/discussions/threads/${id}?page=1e99` });
    expect(huge.status).toBe(302);
    expect(huge.headers.get("Location")).toBe(`/discussions/threads/${id}`);
    expect(await statusOf(categoryLoader as Handler, { slug: world.general.slug }, `/discussions/c/${world.general.slug}?page=99999999999999999999&sort=zzz`)).toBe(302);
    expect(await statusOf(categoryLoader as Handler, { slug: world.general.slug }, `/discussions/c/${world.general.slug}?page=abc&sort=zzz`)).toBe(200);
    expect(await statusOf(indexLoader as Handler, {}, "/discussions")).toBe(200);
  });

  test("ids: unknown, junk or huge are 404", async () => {
    for (const id of ["abc", "0", "-1", "99999999", "1e3", "123456789012345678901234"]) {
      expect(await statusOf(threadLoader as Handler, { id }, `/discussions/threads/${id}`), id).toBe(404);
      expect(await statusOf(permalinkLoader as Handler, { id }, `/discussions/posts/${id}`), id).toBe(404);
    }
    expect(await statusOf(parentLoader as Handler, { type: "planet", id: "1" }, "/discussions/on/planet/1")).toBe(404);
    expect(await statusOf(parentLoader as Handler, { type: "initiative", id: "abc" }, "/discussions/on/initiative/abc")).toBe(404);
    expect(await statusOf(categoryLoader as Handler, { slug: "no-existe" }, "/discussions/c/no-existe")).toBe(404);
    expect(await statusOf(categoryFeedLoader as Handler, { slug: "no-existe" }, "/discussions/c/no-existe/feed.atom")).toBe(404);
  });

  test("a permalink redirects to the thread page that holds the post", async () => {
    const answer = await callRoute(withParams(permalinkLoader as Handler, { id: String(world.thread.postId) }), { url: `${BASE}/discussions/posts/${world.thread.postId}` });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/discussions/threads/${world.thread.threadId}#post-1`);
  });
});

describe("feeds and suggestions", () => {
  test("the Atom feeds are Atom, with the public threads", async () => {
    const latest = await callRoute(feedLoader as Handler, { url: `${BASE}/discussions.atom` });
    expect(latest.status).toBe(200);
    expect(latest.headers.get("Content-Type")).toContain("application/atom+xml");
    expect(String(latest.data)).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(String(latest.data)).toContain("Reciclaje de PET en Lima");
    const category = await callRoute(withParams(categoryFeedLoader as Handler, { slug: world.general.slug }), { url: `${BASE}/discussions/c/${world.general.slug}/feed.atom` });
    expect(category.status).toBe(200);
    expect(String(category.data)).toContain(`/discussions/threads/${world.thread.threadId}`);
  });

  test("mention suggestions are for signed-in people only and never cached", async () => {
    const anonymous = await callRoute(mentionsLoader as Handler, { url: `${BASE}/discussions/mentions.json?q=per` });
    expect(anonymous.status).toBe(302);
    const handle = world.people.author.user.handle!;
    const answer = await callRoute(mentionsLoader as Handler, { url: `${BASE}/discussions/mentions.json?q=${handle.slice(0, 4)}`, cookie: world.people.member.cookie });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Cache-Control")).toBe("no-store");
    const { people } = JSON.parse(String(answer.data)) as { people: Array<{ handle: string }> };
    expect(people.length).toBeGreaterThan(0);
  });
});
