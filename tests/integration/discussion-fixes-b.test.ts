// Faults a tester found in discussions (issue 10, second batch): feed titles as markup, typed text
// lost when a reply or edit is refused, doubled periods, quoting that flattened formatting and
// piled up quotes, vague moderation messages, "tema" for "conversación", a stray #new-thread.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { deletePost, moderatePost, moderateThread, quoteSource, reply, startThread, withoutQuotations } from "#app/.server/discussions/index.ts";
import { refusalAnswer } from "#app/features/discussions/actions.server.ts";
import { keptInput } from "#app/features/discussions/post-editor.tsx";
import { translate } from "#app/i18n.ts";
import { loader as categoryFeedLoader } from "#app/routes/discussions.c.$slug_.feed[.]atom.ts";
import { action as categoryAction } from "#app/routes/discussions.c.$slug.tsx";
import { loader as feedLoader } from "#app/routes/discussions[.]atom.ts";
import { action as parentAction, loader as parentLoader } from "#app/routes/discussions.on.$type.$id.tsx";
import { action as threadAction, loader as threadLoader } from "#app/routes/discussions.threads.$id.tsx";
import { callRoute, cookiesFrom } from "./call-route.ts";
import { makeDiscussionWorld, makeParents, makeSettledPerson } from "./discussion-world.ts";

const BASE = "http://localhost:3000";
type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
const withParams = (handler: Handler, params: Record<string, string>) => (args: ActionFunctionArgs) => handler({ ...args, params });

let world: ReturnType<typeof makeDiscussionWorld>;
beforeAll(() => {
  world = makeDiscussionWorld();
});

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

function newThread(title = "Una conversación", body = "Hola") {
  return ok(startThread(world.people.author.user, { kind: "category", categoryId: world.general.id }, { title, body }));
}

const threadCall = (threadId: number, options: { cookie?: string; form?: Record<string, string>; search?: string }) =>
  callRoute(withParams((options.form ? threadAction : threadLoader) as Handler, { id: String(threadId) }), {
    url: `${BASE}/discussions/threads/${threadId}${options.search ?? ""}`,
    method: options.form ? "POST" : "GET",
    form: options.form,
    cookie: options.cookie,
  });

function flashOf(headers: Headers) {
  const raw = cookiesFrom(headers).match(/(?:^|; )flash=([^;]*)/)?.[1];
  return raw === undefined ? undefined : (JSON.parse(decodeURIComponent(raw)) as { key: string; vars?: Record<string, string> });
}

describe("Atom feeds carry titles as plain text", () => {
  test("a title with HTML is escaped text in both feeds, never markup or CDATA", async () => {
    const title = "Prueba <img src=x onerror=alert(1)> & \"más\"";
    newThread(title);
    const latest = String((await callRoute(feedLoader as Handler, { url: `${BASE}/discussions.atom` })).data);
    const category = String(
      (await callRoute(withParams(categoryFeedLoader as Handler, { slug: world.general.slug }), { url: `${BASE}/discussions/c/${world.general.slug}/feed.atom` })).data,
    );
    for (const xml of [latest, category]) {
      expect(xml).toContain('<title type="text">Prueba &lt;img src=x onerror=alert(1)&gt; &amp; &quot;más&quot;</title>');
      expect(xml).not.toContain("<img");
      expect(xml).not.toContain("CDATA");
      expect(xml).not.toContain('<title type="html"');
      expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    }
  });
});

describe("a refused reply or edit keeps the message and the typed text", () => {
  test("a reply to a thread locked meanwhile: 409, the message, and the text kept to copy", async () => {
    const { threadId } = newThread();
    ok(moderateThread(world.people.coordinator.user, threadId, "lock", ""));
    const typed = "Mi respuesta **larga** que no quiero perder.";
    const answer = await threadCall(threadId, { cookie: world.people.member.cookie, form: { intent: "reply", body: typed } });
    expect(answer.status).toBe(409);
    const page = (await threadCall(threadId, { cookie: world.people.member.cookie })).data as { can: { reply: boolean } };
    expect(page.can.reply).toBe(false); // the reply box is gone: what was typed must be shown another way
    const kept = keptInput((answer.data as { result: Parameters<typeof keptInput>[0] }).result);
    expect(kept).toEqual({ errors: [translate("es", "disc.refused.locked")], text: typed });
  });

  test("a reply by someone suspended meanwhile (403) and an edit in a locked thread (409) keep their text", async () => {
    const { threadId } = newThread();
    const suspendedAnswer = await threadCall(threadId, { cookie: world.people.suspended.cookie, form: { intent: "reply", body: "Texto A" } });
    expect(suspendedAnswer.status).toBe(403);
    const kept = keptInput((suspendedAnswer.data as { result: Parameters<typeof keptInput>[0] }).result);
    expect(kept?.text).toBe("Texto A");
    expect(kept?.errors.join(" ")).toMatch(/No puedes publicar hasta el/);

    const mine = ok(reply(world.people.member.user, threadId, { body: "Antes" }));
    ok(moderateThread(world.people.coordinator.user, threadId, "lock", ""));
    const edit = await threadCall(threadId, { cookie: world.people.member.cookie, form: { intent: "edit", postId: String(mine.postId), body: "Después, corregido" } });
    expect(edit.status).toBe(409);
    const editKept = keptInput((edit.data as { result: Parameters<typeof keptInput>[0] }).result);
    expect(editKept).toEqual({ errors: [translate("es", "disc.refused.locked")], text: "Después, corregido" });
  });

  test("nothing typed, nothing kept", () => {
    expect(keptInput(undefined)).toBeNull();
    expect(keptInput({ initialValue: { body: "  " }, error: { "": ["x"] } })).toBeNull();
  });
});

describe("messages that end in a time or a date never double the period", () => {
  test("rate limit (429) and suspension (403), Spanish and English", () => {
    const morning = new Date("2026-03-02T15:23:00Z"); // 10:23 a. m. in Lima
    for (const locale of ["es", "en"] as const) {
      const limited = refusalAnswer({ ok: false, reason: "rate_limited", retryAt: morning }, locale, morning.getTime() - 60_000);
      expect(limited.status).toBe(429);
      expect(limited.message).not.toMatch(/\.\.|\. \./);
      expect(limited.message).toContain("10:23");
      const suspended = refusalAnswer({ ok: false, reason: "suspended", until: morning }, locale);
      expect(suspended.message).not.toMatch(/\.\.|\. \./);
    }
  });
});

describe("quoting keeps the markdown and leaves earlier quotes out", () => {
  test("?quote= pre-fills the post's markdown, without the quote it held", async () => {
    const { threadId, postId: firstId } = newThread("Citas", "Esto es **negrita** y _cursiva_.");
    const second = ok(reply(world.people.author.user, threadId, { body: "> Esto es **negrita** y _cursiva_.\n\nY yo digo **más**.\n\n- uno\n- dos", quotedPostId: firstId }));
    const first = (await threadCall(threadId, { cookie: world.people.member.cookie, search: `?quote=${firstId}` })).data as { quote: { postId: number; markdown: string } };
    expect(first.quote).toEqual({ postId: firstId, markdown: "> Esto es **negrita** y _cursiva_.\n\n" });
    const nested = (await threadCall(threadId, { cookie: world.people.member.cookie, search: `?quote=${second.postId}` })).data as { quote: { markdown: string } };
    expect(nested.quote.markdown).toBe("> Y yo digo **más**.\n>\n> - uno\n> - dos\n\n");
  });

  test("withoutQuotations: lazy lines and older '↩ Name #N' lines go, '>' in code stays", () => {
    expect(withoutQuotations("> citado\nsigue citado\n\n↩ Ana Torres #3\n\nMío")).toBe("Mío");
    expect(withoutQuotations("```\n> no es cita\n```\nfin")).toBe("```\n> no es cita\n```\nfin");
    expect(withoutQuotations("> > doble\n> simple")).toBe("");
  });

  test("quoteSource is null for deleted, hidden, or invisible posts, and another thread's post is not pre-filled", async () => {
    const { threadId, postId } = newThread("Visibilidad", "Primero");
    const hidden = ok(reply(world.people.member.user, threadId, { body: "Oculto" }));
    ok(moderatePost(world.people.coordinator.user, hidden.postId, "hide", ""));
    const gone = ok(reply(world.people.member.user, threadId, { body: "Borrado" }));
    ok(deletePost(world.people.member.user, gone.postId));
    expect(quoteSource(postId, world.people.member.user)?.markdown).toBe("Primero");
    expect(quoteSource(hidden.postId, world.people.member.user)).toBeNull();
    expect(quoteSource(hidden.postId, world.people.coordinator.user)).toBeNull();
    expect(quoteSource(gone.postId, world.people.member.user)).toBeNull();
    expect(quoteSource(999_999_999, world.people.member.user)).toBeNull();
    const secret = newThread("Oculta", "Secreto");
    ok(moderateThread(world.people.coordinator.user, secret.threadId, "hide", ""));
    expect(quoteSource(secret.postId, world.people.member.user)).toBeNull();
    expect(quoteSource(secret.postId, null)).toBeNull();
    const elsewhere = (await threadCall(threadId, { cookie: world.people.member.cookie, search: `?quote=${world.thread.postId}` })).data as { quote: unknown };
    expect(elsewhere.quote).toBeNull();
  });
});

describe("moderation messages say what was done", () => {
  test("hiding and restoring a thread or a post: distinct, specific flashes in both languages", async () => {
    const { threadId } = newThread();
    const target = ok(reply(world.people.member.user, threadId, { body: "Para moderar" }));
    const coordinator = world.people.coordinator.cookie;
    const flashes = [];
    for (const form of <Array<Record<string, string>>>[
      { intent: "hide-post", postId: String(target.postId) },
      { intent: "restore-post", postId: String(target.postId) },
      { intent: "hide-thread" },
      { intent: "restore-thread" },
    ]) {
      const answer = await threadCall(threadId, { cookie: coordinator, form });
      expect(answer.status).toBe(302);
      flashes.push(flashOf(answer.headers)!.key);
    }
    expect(flashes).toEqual(["disc.mod.done.hide", "disc.mod.done.restore", "disc.mod.done.hideThread", "disc.mod.done.restoreThread"]);
    const es = flashes.map((key) => translate("es", key as never));
    expect(es).toEqual(["Ocultamos el mensaje.", "Restauramos el mensaje.", "Ocultamos la conversación.", "Restauramos la conversación."]);
    expect(new Set(flashes.map((key) => translate("en", key as never))).size).toBe(4);
    for (const key of ["disc.mod.done.lock", "disc.mod.done.dismiss_flags", "disc.mod.done.move"] as const) {
      expect(translate("es", key).split(" ").length).toBeGreaterThan(2);
      expect(translate("en", key).split(" ").length).toBeGreaterThan(2);
    }
  });
});

describe("notifications say «conversación»", () => {
  test("no «tema» in Spanish notification wording", () => {
    expect(translate("es", "notifications.prefs.group.discussion_replies")).toBe("Respuestas en conversaciones que iniciaste o sigues");
    expect(translate("es", "notice.discussion.newThread", { actor: "Ana", title: "X" })).toBe("Ana inició una conversación nueva: «X».");
    expect(translate("es", "notice.discussion.newThreadSubject", { title: "X" })).not.toMatch(/\btema/i);
    expect(translate("es", "notifications.prefs.group.discussion_repliesHint")).not.toMatch(/\btemas?\b/i);
  });
});

describe("starting a thread without JavaScript", () => {
  test("success lands on the thread's first post (no stray #new-thread)", async () => {
    const answer = await callRoute(withParams(categoryAction as Handler, { slug: world.general.slug }), {
      url: `${BASE}/discussions/c/${world.general.slug}`,
      method: "POST",
      form: { title: "Sin fragmento", body: "Hola" },
      cookie: makeSettledPerson().cookie,
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toMatch(/^\/discussions\/threads\/\d+#post-1$/);
  });

  test("a refused start from an event's page answers at its threads page with the message and the typed text", async () => {
    const { event } = makeParents();
    const params = { type: "event", id: String(event.id) };
    const url = `${BASE}/discussions/on/event/${event.id}`;
    const member = world.people.member.cookie;
    const answer = await callRoute(withParams(parentAction as Handler, params), { url, method: "POST", form: { title: "", body: "Lo que escribí" }, cookie: member });
    expect(answer.status).toBe(400);
    const result = (answer.data as { result: { initialValue: Record<string, string>; error: Record<string, string[]> } }).result;
    expect(result.initialValue.body).toBe("Lo que escribí");
    expect(result.error.title).toEqual(["disc.errors.titleRequired"]);
    // The page the browser lands on offers the form again (which shows that reply).
    const page = (await callRoute(withParams(parentLoader as Handler, params), { url, cookie: member })).data as { mayStart: boolean };
    expect(page.mayStart).toBe(true);
  });
});
