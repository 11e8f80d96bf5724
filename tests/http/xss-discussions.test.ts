import { afterAll, beforeAll, expect, test } from "vitest";
import { updateProfile } from "#app/.server/auth/index.ts";
import { createCategory, editPost, flagPost, moderateThread, reply, startThread, suspendPoster } from "#app/.server/discussions/index.ts";
import { CATEGORY_DESCRIPTION_MAX, CATEGORY_NAME_MAX, MODERATION_NOTE_MAX } from "#app/features/discussions/schemas.ts";
import { FLAG_NOTE_MAX, THREADS_PER_PAGE, THREAD_TITLE_MAX } from "#app/features/discussions/taxonomy.ts";
import { categoryHref, threadHref } from "#app/features/discussions/links.ts";
import { XSS_PROBES } from "#tests/fixtures/xss-payloads.ts";
import { makeSettledPerson } from "#tests/integration/discussion-world.ts";
import type { Person } from "#tests/integration/world.ts";
import { sessionTokenOf } from "./authz/world.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";
import { packedFields, probeGroups, writeField, XssSuite, type FieldWrite, type PageSpec } from "./xss/suite.ts";

// XSS in discussions (issue 14): category names and descriptions, thread titles, post bodies
// (markdown, with quotes and @mentions), the names of the people who write them, flag notes,
// moderation notes and suspension reasons, written with every probe through the discussions
// feature's own functions (each field holding as many probes as its limit allows), a sample
// through the real forms; then every page that shows them — the forum's index, a category's
// pages, threads, the moderation queue with its log and suspensions, notifications, search, the
// Atom feeds — read in the HTML and opened in Chromium as the people who see them.

let server: BuiltServer;
let suite: XssSuite;
const groups = probeGroups(16);

let coordinator: Person;
let coordinatorToken: string;
let flagger: Person;
let mainSlug: string;
let categoryNames: FieldWrite[];
let categoryDescriptions: FieldWrite[];
const categorySlugs: string[] = [];
/** Threads with a body of 16 probes, a reply quoting and mentioning its author, flagged. */
const main: Array<{
  id: number;
  postId: number;
  title: FieldWrite;
  /** The first post as written, then as edited (the revisions keep the first). */
  body: FieldWrite;
  edited: FieldWrite;
  replyBody: FieldWrite;
  author: Person;
  authorName: FieldWrite;
  replier: FieldWrite;
}> = [];
/** Threads holding the other titles. */
const more: Array<{ id: number; title: FieldWrite }> = [];
let flagNotes: FieldWrite[];
let moderationNotes: FieldWrite[];
const suspended: Array<{ name: FieldWrite; reason: FieldWrite }> = [];

const must = <T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> => {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
};

beforeAll(async () => {
  coordinator = makeSettledPerson("coordinator");
  coordinatorToken = sessionTokenOf(coordinator);
  flagger = makeSettledPerson();
  categoryNames = packedFields("category.name", CATEGORY_NAME_MAX);
  categoryDescriptions = packedFields("category.description", CATEGORY_DESCRIPTION_MAX);
  for (let i = 0; i < Math.max(categoryNames.length, categoryDescriptions.length); i++) {
    const name = categoryNames[i % categoryNames.length]!.text;
    const description = categoryDescriptions[i % categoryDescriptions.length]!.text;
    const created = must(
      createCategory(coordinator.user, {
        nameEs: name,
        nameEn: name,
        descriptionEs: description,
        descriptionEn: description,
        coordinatorsOnly: false,
        position: 200 + i,
      }),
      "category"
    );
    categorySlugs.push(created.slug);
  }
  mainSlug = categorySlugs[0]!;
  const mainCategoryId = must(
    createCategory(coordinator.user, {
      nameEs: "zq principal",
      nameEn: "zq main",
      descriptionEs: "",
      descriptionEn: "",
      coordinatorsOnly: false,
      position: 199,
    }),
    "category"
  );
  mainSlug = mainCategoryId.slug;
  const place = { kind: "category" as const, categoryId: mainCategoryId.id };

  const titles = packedFields("thread.title", THREAD_TITLE_MAX);
  const authors = groups.map((probes) => {
    const person = makeSettledPerson();
    const name = writeField("person.name", probes);
    updateProfile(person.user.id, { name: name.text, locale: "es" });
    return { person: { ...person, user: { ...person.user, name: name.text } }, name };
  });
  // The other titles first, so that the main threads are the latest activity (the feeds' entries).
  for (const title of titles.slice(groups.length)) {
    const started = must(startThread(coordinator.user, place, { title: title.text, body: `${title.tag} cuerpo` }), "thread");
    more.push({ id: started.threadId, title });
  }
  groups.forEach((probes, i) => {
    const { person: author, name: authorName } = authors[i]!;
    const { person: replier, name: replierName } = authors[(i + 1) % authors.length]!;
    const title = titles[i]!;
    const body = writeField("post.body", probes, { markdown: true });
    const started = must(startThread(author.user, place, { title: title.text, body: body.text }), "thread");
    const replyBody = writeField("post.body (reply with quote and mention)", probes, { markdown: true });
    const quoted = `> ${body.tag}\n\n@${author.user.handle} ${replyBody.text}`;
    must(reply(replier.user, started.threadId, { body: quoted, quotedPostId: started.postId }), "reply");
    const edited = writeField("post.body (edited)", probes, { markdown: true });
    must(editPost(author.user, started.postId, edited.text), "edit");
    main.push({
      id: started.threadId,
      postId: started.postId,
      title,
      body,
      edited,
      replyBody: { ...replyBody, text: quoted },
      author,
      authorName,
      replier: replierName,
    });
  });
  // Flags with notes on the main threads' first posts and replies (the moderation queue).
  flagNotes = packedFields("flag.note", FLAG_NOTE_MAX);
  const { threadPage } = await import("#app/.server/discussions/queries.ts");
  const { findThread } = await import("#app/.server/discussions/queries.ts");
  const postIds = main.flatMap((m) => threadPage(findThread(m.id)!, 1, coordinator.user).posts.map((p: { id: number }) => p.id));
  flagNotes.forEach((note, i) => must(flagPost(flagger.user, postIds[i]!, "spam", note.text), "flag"));
  // Moderation notes (the log) and suspensions with reasons.
  moderationNotes = packedFields("moderation.note", MODERATION_NOTE_MAX);
  moderationNotes.forEach((note, i) => must(moderateThread(coordinator.user, more[i % more.length]!.id, i % 2 ? "unpin" : "pin", note.text), "moderate"));
  for (const reason of packedFields("suspension.reason", 500)) {
    const person = makeSettledPerson();
    const name = writeField("person.name", reason.probes);
    updateProfile(person.user.id, { name: name.text, locale: "es" });
    must(suspendPoster(coordinator.user, person.user.handle!, new Date(Date.now() + 86_400_000), reason.text), "suspend");
    suspended.push({ name, reason });
  }
  server = await startBuiltServer();
  suite = new XssSuite("discussions", server);
  await suite.start();
});

afterAll(async () => {
  suite?.record();
  await suite?.close();
  await server?.stop();
});

const check = async (specs: PageSpec[]) => {
  for (const spec of specs) await suite.checkPage(spec);
};

test("every probe fits some discussion field", () => {
  const written = new Set([...categoryNames, ...main.map((m) => m.body), ...more.map((m) => m.title)].flatMap((w) => w.probes.map((p) => p.id)));
  expect(written.size).toBe(XSS_PROBES.length);
});

test("the forum's index and the categories' admin page show every category name and description", async () => {
  const faults = await suite.faultsOf(() =>
    check([
      { path: "/discussions", as: null, who: "anonymous", shows: [...categoryNames, ...categoryDescriptions].map((write) => ({ write, plain: true })) },
      {
        path: "/discussions/categories",
        as: coordinatorToken,
        who: "coordinator",
        shows: [...categoryNames, ...categoryDescriptions].map((write) => ({ write, plain: true })),
      },
      {
        path: categoryHref(categorySlugs[1]!),
        as: null,
        who: "anonymous",
        shows: [
          { write: categoryNames[1]!, plain: true },
          { write: categoryDescriptions[1]!, plain: true },
        ],
      },
    ])
  );
  expect(faults, suite.report(faults)).toEqual([]);
});

test("a category's pages list every thread title and its author", async () => {
  const threads = [...main.map((m) => ({ id: m.id, title: m.title })), ...more];
  const pages = Math.ceil(threads.length / THREADS_PER_PAGE);
  const faults = await suite.faultsOf(async () => {
    // Newest activity first: which page holds which thread is read from the page itself, so every title is looked for on all of them.
    const seen = new Set<string>();
    for (let page = 1; page <= pages; page++) {
      const html = (await suite.client(null).get(`${categoryHref(mainSlug)}?page=${page}`)).body;
      const here = threads.filter((t) => html.includes(t.title.tag!));
      here.forEach((t) => seen.add(t.title.tag!));
      const authors = main.filter((m) => html.includes(m.title.tag!)).map((m) => ({ write: m.authorName, plain: true }));
      await check([
        {
          path: `${categoryHref(mainSlug)}?page=${page}`,
          as: null,
          who: "anonymous",
          shows: [...here.map((t) => ({ write: t.title, plain: true })), ...authors],
        },
      ]);
    }
    if (seen.size !== threads.length) suite.fault(categoryHref(mainSlug), "not-shown", `${threads.length - seen.size} thread titles on none of its pages`);
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("threads: title, posts in markdown, authors, the quote and the mention, as a reader and as the author", async () => {
  const faults = await suite.faultsOf(async () => {
    for (const m of main) {
      const shows = [
        { write: m.title, plain: true },
        { write: m.edited },
        { write: m.replyBody },
        { write: m.authorName, plain: true },
        { write: m.replier, plain: true },
      ];
      await check([
        { path: threadHref(m.id), as: null, who: "anonymous", shows },
        // The author editing their post: its markdown in the form's textarea.
        {
          path: `${threadHref(m.id)}?edit=${m.postId}`,
          as: sessionTokenOf(m.author),
          who: "author",
          shows: [...shows.slice(0, 1), { write: m.edited, plain: true }],
        },
        // A member quoting it: the reply form holds the quoted markdown.
        { path: `${threadHref(m.id)}?quote=${m.postId}`, as: sessionTokenOf(flagger), who: "member", shows: [{ write: m.edited }] },
        // A coordinator reading its revisions: the first version.
        { path: `${threadHref(m.id)}?revisions=${m.postId}`, as: coordinatorToken, who: "coordinator", shows: [{ write: m.body }, { write: m.edited }] },
      ]);
    }
    await check(more.map((m, i) => ({ path: threadHref(m.id), as: null, who: "anonymous", shows: [{ write: m.title, plain: true }], browser: i < 3 })));
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the moderation queue, its log and the suspensions, to a coordinator", async () => {
  const faults = await suite.faultsOf(async () => {
    await check([
      {
        path: "/discussions/moderation",
        as: coordinatorToken,
        who: "coordinator",
        shows: [...flagNotes.map((write) => ({ write, plain: true })), ...main.slice(0, 5).map((m) => ({ write: m.edited }))],
      },
    ]);
    // The log (50 a page) and the suspensions (20 a page) are paged with their own parameters, newest first.
    await check([
      { path: "/discussions/moderation?log=1", as: coordinatorToken, who: "coordinator", shows: moderationNotes.map((write) => ({ write, plain: true })) },
    ]);
    await check([
      {
        path: "/discussions/moderation?suspensions=1",
        as: coordinatorToken,
        who: "coordinator",
        shows: suspended.flatMap((s) => [
          { write: s.reason, plain: true },
          { write: s.name, plain: true },
        ]),
      },
    ]);
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the people told: replies, quotes and mentions in their notifications", async () => {
  const faults = await suite.faultsOf(() =>
    check(
      main.map((m) => ({
        path: "/notifications",
        as: sessionTokenOf(m.author),
        who: "author",
        shows: [
          { write: m.replier, plain: true },
          { write: m.title, plain: true },
        ],
      }))
    )
  );
  expect(faults, suite.report(faults)).toEqual([]);
});

test("search finds the threads and posts and shows them escaped", async () => {
  const faults = await suite.faultsOf(() =>
    check(main.map((m) => ({ path: `/search?q=${m.title.tag}`, as: null, who: "anonymous", shows: [{ write: m.title }] })))
  );
  expect(faults, suite.report(faults)).toEqual([]);
});

test("the Atom feeds are well-formed XML: titles and authors as plain text, bodies as inert HTML", async () => {
  const faults = await suite.faultsOf(async () => {
    const latest = await suite.client(null).get("/discussions.atom");
    expect(latest.status).toBe(200);
    await suite.checkAtom("/discussions.atom", latest.body, [
      ...main.slice(-5).map((m) => ({ write: m.title, as: "title" as const })),
      ...main.slice(-5).map((m) => ({ write: m.authorName, as: "author" as const })),
    ]);
    const category = await suite.client(null).get(`${categoryHref(mainSlug)}/feed.atom`);
    expect(category.status).toBe(200);
    await suite.checkAtom(
      `${categoryHref(mainSlug)}/feed.atom`,
      category.body,
      main.slice(-5).map((m) => ({ write: m.edited, as: "content" as const }))
    );
  });
  expect(faults, suite.report(faults)).toEqual([]);
});

test("through the real forms: a new thread and a reply with probes, shown escaped", async () => {
  const writer = makeSettledPerson();
  const client = suite.client(sessionTokenOf(writer));
  const faults = await suite.faultsOf(async () => {
    const title = packedFields("thread.title", THREAD_TITLE_MAX, { probes: XSS_PROBES.slice(0, 3) })[0]!;
    const body = writeField("post.body", XSS_PROBES.slice(0, 60), { markdown: true });
    const started = await client.post(categoryHref(mainSlug), { title: title.text, body: body.text });
    expect(started.status, started.body.slice(0, 300)).toBe(302);
    const threadPath = started.headers.get("location")!.split("#")[0]!;
    const replyBody = writeField("post.body", XSS_PROBES.slice(60), { markdown: true });
    const replied = await client.post(threadPath, { intent: "reply", body: replyBody.text });
    expect(replied.status, replied.body.slice(0, 300)).toBe(302);
    suite.formWrites += 3;
    await check([{ path: threadPath, as: null, who: "anonymous", shows: [{ write: title, plain: true }, { write: body }, { write: replyBody }] }]);
  });
  expect(faults, suite.report(faults)).toEqual([]);
});
