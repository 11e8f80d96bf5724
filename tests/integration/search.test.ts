// Issue 11: search everything. Folding of case and accents, prefix search, who sees what (each
// feature's own rule), ranking, the indexes kept in step by the features' writes, any text as a
// literal query, and the /search route's answers to odd addresses.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import type { SessionUser } from "#app/.server/auth/index.ts";
import { db, schema, sqlite } from "#app/.server/db.ts";
import "#app/.server/discussion-parents.ts";
import { archiveCategory, deletePost, editPost, moderatePost, moderateThread, postLocation, reply, requireThread, startThread } from "#app/.server/discussions/index.ts";
import { createEvent, findEventById, publishEvent, requireEvent, updateEventAndNotify } from "#app/.server/events/index.ts";
import { proposeInitiative, requireInitiative, updateInitiative } from "#app/.server/initiatives/index.ts";
import { requireOrganisation, setSuspension, updateOrganisationProfile } from "#app/.server/organisations/index.ts";
import { rebuildSearchIndexes, searchEverything, SEARCH_INDEXES, type SearchHit } from "#app/.server/search/index.ts";
import { splitMarks, unmarked, MARK_END, MARK_START } from "#app/features/search/marks.ts";
import { parseSearchQuery, SEARCH_CANDIDATES, SEARCH_MAX_PAGES, SEARCH_PAGE_SIZE, SEARCH_QUERY_MAX, type SearchScope } from "#app/features/search/query.ts";
import { loader as searchLoader } from "#app/routes/search.tsx";
import { eventInput } from "#tests/factories/events.ts";
import { makeOrganisationProfile } from "#tests/factories/organisations.ts";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { MarkedText } from "#app/features/search/marked-text.tsx";
import { isolated, QuotedQuery } from "#app/features/search/quoted-query.tsx";
import { XSS_PAYLOADS } from "#tests/fixtures/xss-payloads.ts";
import { callRoute } from "./call-route.ts";
import { addPosts, makeCategory, makeSettledPerson } from "./discussion-world.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { recordStatements } from "./query-audit.ts";
import { addMember, makeOrganisation, makePerson, type Person } from "./world.ts";

// Each test searches for a word of its own that no other row has, so results are exact.
const unique = () => `zq${Math.random().toString(36).slice(2, 8)}`;

type Viewer = SessionUser | null;
const search = (q: string, viewer: Viewer = null, type: SearchScope = "all", page = 1) => searchEverything({ q, type, page }, viewer);
const titles = (q: string, viewer: Viewer = null, type: SearchScope = "all") => search(q, viewer, type).hits.map((hit) => hit.title).sort();
const found = (hits: SearchHit[], type: SearchHit["type"], id: number) => hits.some((hit) => hit.type === type && hit.id === id);

/** A published initiative led by a fresh approved organisation. */
function publicInitiative(owner: Person, overrides: { title: string; summary?: string }) {
  const lead = makeOrganisation(owner, "approved");
  const proposed = proposeInitiative(owner.user.id, makeInitiativeInput(lead.id, overrides));
  if (!proposed.ok) throw new Error("propose failed");
  advanceTo(proposed.initiative.id, owner.user.id, "open");
  return { lead, initiative: proposed.initiative };
}

function publishedEvent(overrides: Parameters<typeof eventInput>[0]) {
  const event = createEvent(makePerson("coordinator").user.id, eventInput(overrides));
  publishEvent(event.id);
  return event;
}

function threadIn(categoryId: number, author: Person, title: string, body = "Primer mensaje de la conversación.") {
  const started = startThread(author.user, { kind: "category", categoryId }, { title, body });
  if (!started.ok) throw new Error(`could not start a thread: ${started.reason}`);
  return started;
}

/** Whether the page of a thing opens for a viewer (its guard does not throw a 404). */
function pageOpens(open: () => unknown) {
  try {
    open();
    return true;
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 404) return false;
    throw thrown;
  }
}

describe("folding and prefixes", () => {
  test("accents and case are folded: 'energia' finds 'energía', 'peru' finds 'Perú', 'ANCASH' finds 'Áncash'", () => {
    const tag = unique();
    const event = publishedEvent({ title: `Semana de la energía solar ${tag}` });
    const organisation = makeOrganisation(makePerson(), "approved", { name: `Red Perú Sostenible ${tag}` });
    publicInitiative(makePerson(), { title: `Compost en Áncash ${tag}` });
    expect(titles(`energia ${tag}`)).toEqual([`Semana de la energía solar ${tag}`]);
    expect(titles(`ENERGÍA ${tag}`)).toEqual([`Semana de la energía solar ${tag}`]);
    expect(titles(`peru ${tag}`)).toEqual([organisation.name]);
    expect(titles(`ancash ${tag}`)).toEqual([`Compost en Áncash ${tag}`]);
    expect(found(search(`${tag} energia`).hits, "events", event.id)).toBe(true);
  });

  test("the last word is a prefix: 'recicl' finds 'reciclaje'; earlier words are whole", () => {
    const tag = unique();
    publicInitiative(makePerson(), { title: `Planta de reciclaje ${tag}` });
    expect(titles(`${tag} recicl`)).toEqual([`Planta de reciclaje ${tag}`]);
    expect(titles(`recicl ${tag}`)).toEqual([]);
    // A prefix of the tag itself, as the last word.
    expect(titles(`reciclaje ${tag.slice(0, 5)}`)).toEqual([`Planta de reciclaje ${tag}`]);
  });

  test("threads by title and posts by text, accents folded; matched words marked in titles and snippets", () => {
    const tag = unique();
    const coordinator = makeSettledPerson("coordinator");
    const category = makeCategory(coordinator);
    const author = makeSettledPerson();
    const thread = threadIn(category.id, author, `Gestión de residuos ${tag}`);
    const answer = reply(author.user, thread.threadId, { body: `Usamos **biodigestores** en la región ${tag}.` });
    if (!answer.ok) throw new Error("reply failed");
    const threads = search(`gestion ${tag}`, null, "threads").hits;
    expect(threads.map((hit) => hit.id)).toEqual([thread.threadId]);
    expect(threads[0]!.href).toBe(`/discussions/threads/${thread.threadId}`);
    expect(splitMarks(threads[0]!.titleMarked).filter((part) => part.marked).map((part) => part.text)).toEqual(["Gestión", tag]);
    const posts = search(`biodigestores ${tag}`, null, "posts").hits;
    expect(posts.map((hit) => hit.id)).toEqual([answer.postId]);
    // The markdown's syntax is gone from the snippet; the matched words are marked.
    expect(posts[0]!.snippet).not.toContain("**");
    expect(splitMarks(posts[0]!.snippet).filter((part) => part.marked).map((part) => part.text)).toEqual(["biodigestores", tag]);
    expect(posts[0]!.meta).toMatchObject({ type: "posts", place: { title: category.nameEs, href: `/discussions/c/${category.slug}` } });
    expect(posts[0]!.href).toBe(`/discussions/threads/${thread.threadId}#post-2`);
  });

  test("marks: split into pieces, stray markers dropped", () => {
    expect(splitMarks(`a ${MARK_START}b${MARK_END} c`)).toEqual([
      { text: "a ", marked: false },
      { text: "b", marked: true },
      { text: " c", marked: false },
    ]);
    expect(splitMarks(`${MARK_END}x${MARK_START}`)).toEqual([{ text: "x", marked: false }]);
    expect(unmarked(`${MARK_START}Perú${MARK_END}`)).toBe("Perú");
  });
});

describe("who sees what: each feature's own rule", () => {
  test("organisations: a pending one is seen by its members and coordinators, not by visitors or other members", () => {
    const tag = unique();
    const owner = makePerson();
    const pending = makeOrganisation(owner, "pending", { name: `Cooperativa pendiente ${tag}` });
    const approved = makeOrganisation(makePerson(), "approved", { name: `Cooperativa aprobada ${tag}` });
    const member = makePerson();
    addMember(pending.id, member, "member");
    const viewers: Record<string, Viewer> = {
      anonymous: null,
      owner: owner.user,
      member: member.user,
      other: makePerson().user,
      coordinator: makePerson("coordinator").user,
      admin: makePerson("admin").user,
    };
    const seen = Object.fromEntries(Object.entries(viewers).map(([name, viewer]) => [name, found(search(tag, viewer).hits, "organisations", pending.id)]));
    expect(seen).toEqual({ anonymous: false, owner: true, member: true, other: false, coordinator: true, admin: true });
    // The same answer as the organisation's own page, for everyone; the approved one for all.
    for (const [name, viewer] of Object.entries(viewers)) {
      expect(seen[name], name).toBe(pageOpens(() => requireOrganisation(pending.slug, viewer, "view")));
      expect(found(search(tag, viewer).hits, "organisations", approved.id), name).toBe(true);
    }
  });

  test("initiatives: drafts and those of a suspended lead only for the lead's members, as on the page", () => {
    const tag = unique();
    const owner = makePerson();
    const lead = makeOrganisation(owner, "approved");
    const leadMember = makePerson();
    addMember(lead.id, leadMember, "member");
    const draft = proposeInitiative(owner.user.id, makeInitiativeInput(lead.id, { title: `Borrador de iniciativa ${tag}` }));
    if (!draft.ok) throw new Error("propose failed");
    const otherOwner = makePerson();
    const { lead: suspendedLead, initiative: ofSuspended } = publicInitiative(otherOwner, { title: `Iniciativa de líder suspendido ${tag}` });
    const coordinator = makePerson("coordinator");
    setSuspension(suspendedLead.id, coordinator.user.id, true, "Prueba");
    const viewers: Record<string, Viewer> = {
      anonymous: null,
      leadOwner: owner.user,
      leadMember: leadMember.user,
      suspendedLeadOwner: otherOwner.user,
      other: makePerson().user,
      coordinator: coordinator.user,
    };
    const seen = (id: number) => Object.fromEntries(Object.entries(viewers).map(([name, viewer]) => [name, found(search(tag, viewer).hits, "initiatives", id)]));
    expect(seen(draft.initiative.id)).toEqual({ anonymous: false, leadOwner: true, leadMember: true, suspendedLeadOwner: false, other: false, coordinator: false });
    expect(seen(ofSuspended.id)).toEqual({ anonymous: false, leadOwner: false, leadMember: false, suspendedLeadOwner: true, other: false, coordinator: false });
    for (const [name, viewer] of Object.entries(viewers)) {
      expect(seen(draft.initiative.id)[name], name).toBe(pageOpens(() => requireInitiative(draft.initiative.slug, viewer, "view")));
      expect(seen(ofSuspended.id)[name], name).toBe(pageOpens(() => requireInitiative(ofSuspended.slug, viewer, "view")));
    }
  });

  test("events: drafts only for coordinators and admins; cancelled ones for everybody", () => {
    const tag = unique();
    const coordinator = makePerson("coordinator");
    const draft = createEvent(coordinator.user.id, eventInput({ title: `Evento en borrador ${tag}` }));
    const cancelled = publishedEvent({ title: `Evento cancelado ${tag}` });
    db.update(schema.events).set({ status: "cancelled", cancelReason: "Lluvias" }).where(eq(schema.events.id, cancelled.id)).run();
    const viewers: Record<string, Viewer> = { anonymous: null, member: makePerson().user, coordinator: coordinator.user, admin: makePerson("admin").user };
    for (const [name, viewer] of Object.entries(viewers)) {
      const hits = search(tag, viewer).hits;
      expect(found(hits, "events", draft.id), name).toBe(viewer?.role === "coordinator" || viewer?.role === "admin");
      expect(found(hits, "events", draft.id), name).toBe(pageOpens(() => requireEvent(draft.slug, viewer, "view")));
      expect(found(hits, "events", cancelled.id), name).toBe(true);
    }
  });

  test("discussions: hidden threads, hidden and deleted posts never; archived categories for moderators; parents as their pages say", () => {
    const tag = unique();
    const coordinator = makeSettledPerson("coordinator");
    const author = makeSettledPerson();
    const category = makeCategory(coordinator);
    const visible = threadIn(category.id, author, `Conversación visible ${tag}`, `Cuerpo visible ${tag}`);
    const hidden = threadIn(category.id, author, `Conversación oculta ${tag}`, `Cuerpo de la oculta ${tag}`);
    expect(moderateThread(coordinator.user, hidden.threadId, "hide", "Prueba").ok).toBe(true);
    const hiddenPost = reply(author.user, visible.threadId, { body: `Mensaje ocultado ${tag}` });
    const deletedPost = reply(author.user, visible.threadId, { body: `Mensaje borrado ${tag}` });
    if (!hiddenPost.ok || !deletedPost.ok) throw new Error("reply failed");
    expect(moderatePost(coordinator.user, hiddenPost.postId, "hide", "Prueba").ok).toBe(true);
    expect(deletePost(author.user, deletedPost.postId).ok).toBe(true);
    const archived = makeCategory(coordinator);
    const inArchive = threadIn(archived.id, author, `Conversación archivada ${tag}`);
    expect(archiveCategory(coordinator.user, archived.id, true).ok).toBe(true);
    // A thread on an initiative whose lead is then suspended: only the lead's members see it.
    const leadOwner = makeSettledPerson();
    const { lead, initiative } = publicInitiative(leadOwner, { title: `Iniciativa con foro ${tag}` });
    const initiativeSlug = db.select({ slug: schema.initiatives.slug }).from(schema.initiatives).where(eq(schema.initiatives.id, initiative.id)).get()!.slug;
    const onInitiative = startThread(author.user, { kind: "parent", type: "initiative", id: initiative.id }, { title: `Sobre la iniciativa ${tag}`, body: `Pregunta ${tag}` });
    if (!onInitiative.ok) throw new Error("could not start a thread on the initiative");
    setSuspension(lead.id, coordinator.user.id, true, "Prueba");

    const viewers: Record<string, Viewer> = { anonymous: null, author: author.user, leadOwner: leadOwner.user, coordinator: coordinator.user };
    for (const [name, viewer] of Object.entries(viewers)) {
      const hits = search(tag, viewer).hits;
      expect(found(hits, "threads", visible.threadId), name).toBe(true);
      expect(found(hits, "posts", visible.postId), name).toBe(true);
      for (const never of [hidden.threadId]) expect(found(hits, "threads", never), name).toBe(false);
      for (const never of [hidden.postId, hiddenPost.postId, deletedPost.postId]) expect(found(hits, "posts", never), name).toBe(false);
      const moderator = viewer?.role === "coordinator";
      expect(found(hits, "threads", inArchive.threadId), name).toBe(moderator);
      expect(found(hits, "threads", inArchive.threadId), name).toBe(pageOpens(() => requireThread(inArchive.threadId, viewer, "view")));
      expect(found(hits, "threads", onInitiative.threadId), name).toBe(pageOpens(() => requireThread(onInitiative.threadId, viewer, "view")));
      expect(found(hits, "posts", onInitiative.postId), name).toBe(postLocation(onInitiative.postId, viewer) !== null);
    }
    expect(found(search(tag, leadOwner.user).hits, "threads", onInitiative.threadId)).toBe(true);
    expect(found(search(tag, null).hits, "threads", onInitiative.threadId)).toBe(false);
    // The place shown is the parent's, to those who see it.
    const mine = search(`sobre ${tag}`, leadOwner.user, "threads").hits;
    expect(mine[0]!.meta).toMatchObject({ type: "threads", place: { title: `Iniciativa con foro ${tag}`, href: `/initiatives/${initiativeSlug}` } });
  });
});

describe("ranking, counts and pages", () => {
  test("a title match ranks above body-only matches, whatever the body's repetitions", () => {
    const tag = unique();
    const owner = makePerson();
    const inBody = publicInitiative(owner, { title: `Iniciativa uno ${tag}`, summary: `Biochar biochar biochar biochar ${tag}.` });
    const inTitle = publicInitiative(owner, { title: `Biochar para suelos ${tag}`, summary: `Sin relación ${tag}.` });
    const event = publishedEvent({ title: `Taller ${tag}`, description: `Biochar biochar biochar ${tag}` });
    const eventInTitle = publishedEvent({ title: `Feria del biochar ${tag}` });
    const hits = search(`biochar ${tag}`).hits;
    const initiatives = hits.filter((hit) => hit.type === "initiatives").map((hit) => hit.id);
    expect(initiatives).toEqual([inTitle.initiative.id, inBody.initiative.id]);
    const events = hits.filter((hit) => hit.type === "events").map((hit) => hit.id);
    expect(events).toEqual([eventInTitle.id, event.id]);
    // Merged: title hits first, then by score, best first.
    const keys = hits.map((hit) => [Number(hit.titleHit), hit.score] as const);
    expect(keys).toEqual([...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
    expect(hits.map((hit) => hit.titleHit)).toEqual([true, true, false, false]);
  });

  test("title hits of every kind come before body-only matches, whatever bm25 says; each kind's own order agrees", () => {
    // A short post saying the word twice outscores long titles in bm25 (each index has its own
    // statistics, and bm25 favours short texts): the title tier, not the weights, puts them first.
    const word = unique();
    const long = "Una descripción larga que habla de muchas otras cosas: acopio, transporte, segregación en la fuente, costos y resultados medidos durante el año. ".repeat(6);
    const organisation = makeOrganisation(makePerson(), "approved", { name: "Asociación de recicladores del sur", acronym: word.toUpperCase(), description: long });
    const { initiative } = publicInitiative(makePerson(), { title: `Planta piloto de ${word} para la valorización de residuos orgánicos en la costa`, summary: long });
    const event = publishedEvent({ title: `Jornada regional sobre ${word} y economía circular en los Andes del sur`, description: long });
    const coordinator = makeSettledPerson("coordinator");
    const category = makeCategory(coordinator);
    const author = makeSettledPerson();
    const thread = threadIn(category.id, author, `Preguntas frecuentes sobre ${word} en plantas pequeñas del norte del país`, "Sin relación.");
    const other = threadIn(category.id, author, "Un tema cualquiera", `${word} ${word}.`);
    const secondPost = reply(author.user, other.threadId, { body: `Sí, ${word} también, aunque en un mensaje bastante más largo que el primero de esta conversación.` });
    if (!secondPost.ok) throw new Error("reply failed");
    // Posts far outnumber the other kinds, as on the platform: a rare word's idf is highest there.
    addPosts(other.threadId, author.user.id, 500);

    const all = search(word).hits;
    const key = (hit: SearchHit) => `${hit.type}:${hit.id}`;
    const titled = [`organisations:${organisation.id}`, `initiatives:${initiative.id}`, `events:${event.id}`, `threads:${thread.threadId}`];
    expect(all.slice(0, 4).map(key).sort()).toEqual([...titled].sort());
    expect(all.slice(0, 4).every((hit) => hit.titleHit)).toBe(true);
    const posts = all.slice(4);
    expect(posts.map((hit) => hit.type)).toEqual(["posts", "posts"]);
    expect(posts.every((hit) => !hit.titleHit)).toBe(true);
    // Without the tier, the short post would have come first: its score beats every title's.
    expect(posts[0]!.score).toBeGreaterThan(Math.max(...all.slice(0, 4).map((hit) => hit.score)));
    // Within the title tier, and within the posts, best score first.
    const scores = (hits: SearchHit[]) => hits.map((hit) => hit.score);
    expect(scores(all.slice(0, 4))).toEqual(scores(all.slice(0, 4)).sort((a, b) => b - a));
    // The posts tab: by bm25 as before (the short post first), the same order as in "all".
    const postsTab = search(word, null, "posts").hits;
    expect(scores(postsTab)).toEqual(scores(postsTab).sort((a, b) => b - a));
    expect(postsTab.map(key)).toEqual(posts.map(key));
    expect(postsTab[0]!.snippet).toContain(`${MARK_START}${word}${MARK_END} ${MARK_START}${word}${MARK_END}`);
  });

  test("across kinds too: a thread's title ranks above a post that mentions the word in its body", () => {
    const tag = unique();
    const coordinator = makeSettledPerson("coordinator");
    const category = makeCategory(coordinator);
    const author = makeSettledPerson();
    const titled = threadIn(category.id, author, `Biodigestores en granjas ${tag}`, "Sin relación con el tema.");
    const mentioned = threadIn(category.id, author, `Otra conversación ${tag}`, `Hablamos de biodigestores ayer ${tag}.`);
    const hits = search(`biodigestores ${tag}`).hits.map((hit) => `${hit.type}:${hit.type === "threads" ? hit.id : hit.title}`);
    expect(hits).toEqual([`threads:${titled.threadId}`, `posts:Otra conversación ${tag}`]);
    expect(mentioned.threadId).not.toBe(titled.threadId);
  });

  test("counts per type, one kind's page, and pages of everything that cover each hit once", () => {
    const tag = unique();
    const coordinator = makeSettledPerson("coordinator");
    const category = makeCategory(coordinator);
    const author = makeSettledPerson();
    const threads = Array.from({ length: 23 }, (_, n) => threadIn(category.id, author, `Hilo ${n} ${tag}`, `Texto ${n}`));
    const organisations = Array.from({ length: 3 }, (_, n) => makeOrganisation(makePerson(), "approved", { name: `Organización ${n} ${tag}` }));
    const results = search(tag);
    expect(results.counts).toEqual({ all: 26, organisations: 3, initiatives: 0, events: 0, listings: 0, threads: 23, posts: 0 });
    expect(results.pages).toBe(Math.ceil(26 / SEARCH_PAGE_SIZE));
    const pageOne = results.hits;
    const pageTwo = search(tag, null, "all", 2).hits;
    expect(pageOne).toHaveLength(SEARCH_PAGE_SIZE);
    expect(pageTwo).toHaveLength(26 - SEARCH_PAGE_SIZE);
    const keys = [...pageOne, ...pageTwo].map((hit) => `${hit.type}:${hit.id}`);
    expect(new Set(keys).size).toBe(26);
    expect(keys.sort()).toEqual([...threads.map((t) => `threads:${t.threadId}`), ...organisations.map((o) => `organisations:${o.id}`)].sort());
    const onlyThreads = search(tag, null, "threads", 2);
    expect(onlyThreads.pages).toBe(2);
    expect(onlyThreads.hits.map((hit) => hit.type)).toEqual(Array(23 - SEARCH_PAGE_SIZE).fill("threads"));
    expect(onlyThreads.counts.organisations).toBe(3);
  });

  test("six statements (one per kind) whatever is found; none for text without words", async () => {
    const tag = unique();
    makeOrganisation(makePerson(), "approved", { name: `Contada ${tag}` });
    const viewer = makePerson().user;
    for (const type of ["all", "organisations", "posts"] as const) {
      const { result, statements } = await recordStatements(() => search(tag, viewer, type));
      expect(result.counts.organisations).toBe(1);
      expect(statements, type).toHaveLength(6);
    }
    const { statements } = await recordStatements(() => search("¿? — …"));
    expect(statements).toHaveLength(0);
  });

  test("each statement reads the full-text index, then rows by primary key or index: no table scans, no per-row index lookups", async () => {
    const viewer = makePerson().user;
    const { statements } = await recordStatements(() => search("compost agua", viewer));
    expect(statements).toHaveLength(6);
    for (const statement of statements) {
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...statement.params) as Array<{ detail: string }>).map((row) => row.detail);
      // Scans only of the index itself (VIRTUAL TABLE), of the candidates' cutoff (one row), of the
      // ranked matches and of the page.
      const scans = plan.filter(
        (line) => line.startsWith("SCAN ") && !line.includes("VIRTUAL TABLE") && !/^SCAN (cutoff|titled|CONSTANT ROW|ranked|page|\(subquery-\d+\))$/.test(line),
      );
      expect(scans, plan.join("\n")).toEqual([]);
      // The matches are walked again once and looked up in the page; never the index looked up by
      // rowid per page row, where FTS5 evaluates the MATCH again each time (the 50th page of "all",
      // 1,000 rows per kind, took 12 s for "de" on the 100× benchmark database).
      expect(plan.filter((line) => /VIRTUAL TABLE INDEX \d+:=/.test(line)), plan.join("\n")).toEqual([]);
      expect(plan, "the page is found by its own index").toContain("SEARCH page USING AUTOMATIC COVERING INDEX (id=?)");
      // The cutoff walks the index newest first (FTS5 orders by rowid itself, no sort, no bm25);
      // ranking and the page's walk read only the rowids above it, a range FTS5 applies itself.
      const cutoff = plan.indexOf("MATERIALIZE cutoff");
      expect(cutoff, plan.join("\n")).toBeGreaterThanOrEqual(0);
      // The title tier of kinds with a title and a body: one more walk of the same range, with the
      // title columns' MATCH, materialised and read into one list for the ranking's IN (not per row).
      const tiered = /(organisations|initiatives|events|exchange_listings)_fts/.test(statement.source);
      expect(plan.includes("MATERIALIZE titled"), plan.join("\n")).toBe(tiered);
      if (tiered) {
        expect(plan.filter((line) => line === "SCAN titled"), plan.join("\n")).toHaveLength(1);
        expect(plan[plan.indexOf("MATERIALIZE titled") - 1], plan.join("\n")).toMatch(/^LIST SUBQUERY \d+$/);
      }
      expect(plan.filter((line) => /VIRTUAL TABLE INDEX \d+:M\S*>$/.test(line)), plan.join("\n")).toHaveLength(tiered ? 3 : 2);
      expect(plan.filter((line) => line.includes("USE TEMP B-TREE FOR ORDER BY")), "sorts only the ranked and the page").toHaveLength(2);
    }
  });
});

describe("the candidates: the newest matches of each kind", () => {
  /** `count` published events matching `tag` in the description only, oldest first. */
  const describedEvents = (tag: string, count: number) =>
    Array.from({ length: count }, (_, n) => publishedEvent({ title: `Encuentro ${n}`, description: `Hablaremos de ${tag} un rato.` }));

  test("more matches than candidates: the newest visible ones are ranked and counted, and the count says it is capped", () => {
    const tag = unique();
    // The trade: the best match (the word in its title) is the oldest, outside the newest five, so
    // it is not found, though with every match ranked it would come first.
    const best = publishedEvent({ title: `Feria ${tag}` });
    const described = describedEvents(tag, 7);
    // Newer still, but hidden from visitors: a draft does not take a candidate's place.
    const draft = createEvent(makePerson("coordinator").user.id, eventInput({ title: `Borrador ${tag}` }));
    makeOrganisation(makePerson(), "approved", { name: `Organización ${tag}` });
    const candidates = 5;
    const results = searchEverything({ q: tag, type: "all", page: 1, candidates }, null);
    expect(results.counts).toEqual({ all: candidates + 1, organisations: 1, initiatives: 0, events: candidates, listings: 0, threads: 0, posts: 0 });
    expect(results.capped).toEqual({ all: true, organisations: false, initiatives: false, events: true, listings: false, threads: false, posts: false });
    const events = results.hits.filter((hit) => hit.type === "events").map((hit) => hit.id);
    expect(events.sort((a, b) => a - b)).toEqual(described.slice(-candidates).map((event) => event.id));
    expect(events).not.toContain(best.id);
    expect(events).not.toContain(draft.id);
    // The coordinator sees the draft: it is the newest match, so it takes one of the five places.
    const staff = searchEverything({ q: tag, type: "events", page: 1, candidates }, makePerson("coordinator").user);
    expect(staff.hits.map((hit) => hit.id).sort((a, b) => a - b)).toEqual([...described.slice(-(candidates - 1)).map((event) => event.id), draft.id]);
    expect([staff.counts.events, staff.capped.events, staff.pages]).toEqual([candidates, true, 1]);
  });

  test("as many matches as candidates, or fewer: every match ranked, as without the bound, and nothing capped", () => {
    const tag = unique();
    const best = publishedEvent({ title: `Feria ${tag}` });
    const described = describedEvents(tag, 4);
    for (const candidates of [5, 6]) {
      const results = searchEverything({ q: tag, type: "events", page: 1, candidates }, null);
      expect(results.counts.events).toBe(5);
      expect(results.capped).toEqual({ all: false, organisations: false, initiatives: false, events: false, listings: false, threads: false, posts: false });
      // The title match first; the description matches (equal scores) newest first.
      expect(results.hits.map((hit) => hit.id)).toEqual([best.id, ...described.map((event) => event.id).reverse()]);
    }
    // One fewer candidate than matches: the oldest, the best, is left out.
    const fewer = searchEverything({ q: tag, type: "events", page: 1, candidates: 4 }, null);
    expect([fewer.counts.events, fewer.capped.events]).toEqual([4, true]);
    expect(fewer.hits.map((hit) => hit.id)).not.toContain(best.id);
  });

  test("pages follow the capped count; past them, no hits", async () => {
    const tag = unique();
    const coordinator = makeSettledPerson("coordinator");
    const category = makeCategory(coordinator);
    const author = makeSettledPerson();
    const threads = Array.from({ length: SEARCH_PAGE_SIZE + 3 }, (_, n) => threadIn(category.id, author, `Hilo ${n} ${tag}`));
    const candidates = SEARCH_PAGE_SIZE + 1;
    const second = searchEverything({ q: tag, type: "threads", page: 2, candidates }, null);
    expect([second.counts.threads, second.capped.threads, second.pages]).toEqual([candidates, true, 2]);
    // The second page holds the one candidate left: the oldest of the newest 21 (all titles score alike).
    expect(second.hits.map((hit) => hit.id)).toEqual([threads[threads.length - candidates]!.threadId]);
    const third = searchEverything({ q: tag, type: "threads", page: 3, candidates }, null);
    expect([third.hits, third.counts.threads, third.capped.threads]).toEqual([[], candidates, true]);
    // With the default bound, far above these, nothing is capped.
    expect(search(tag, null, "threads").capped.threads).toBe(false);
    expect(SEARCH_CANDIDATES).toBeGreaterThanOrEqual(SEARCH_MAX_PAGES * SEARCH_PAGE_SIZE);
  });
});

describe("the indexes follow every write", () => {
  test("through the features' mutations: create, edit, delete", async () => {
    const tag = unique();
    // Events: created, renamed, deleted.
    const event = publishedEvent({ title: `Primer nombre ${tag}` });
    expect(titles(`primer ${tag}`)).toEqual([`Primer nombre ${tag}`]);
    expect((await updateEventAndNotify(findEventById(event.id)!, eventInput({ title: `Segundo nombre ${tag}`, description: `Con descripción nueva ${tag}` }))).ok).toBe(true);
    expect(titles(`primer ${tag}`)).toEqual([]);
    expect(titles(`segundo ${tag}`)).toEqual([`Segundo nombre ${tag}`]);
    expect(titles(`descripcion nueva ${tag}`)).toEqual([`Segundo nombre ${tag}`]);
    sqlite.prepare("DELETE FROM events WHERE id = ?").run(event.id);
    expect(titles(`segundo ${tag}`)).toEqual([]);
    // Initiatives and organisations: edited through their forms' mutations.
    const owner = makePerson();
    const { lead, initiative } = publicInitiative(owner, { title: `Iniciativa antigua ${tag}` });
    expect(updateInitiative(initiative.id, owner.user.id, makeInitiativeInput(lead.id, { title: `Iniciativa renovada ${tag}` })).ok).toBe(true);
    expect(titles(`antigua ${tag}`)).toEqual([]);
    expect(titles(`renovada ${tag}`)).toEqual([`Iniciativa renovada ${tag}`]);
    expect(updateOrganisationProfile(lead.id, owner.user.id, makeOrganisationProfile({ name: `Nombre nuevo ${tag}` })).ok).toBe(true);
    expect(titles(`nuevo ${tag}`, null, "organisations")).toEqual([`Nombre nuevo ${tag}`]);
    // Posts: written, edited, deleted; threads: renamed never, hidden by a moderator.
    const author = makeSettledPerson();
    const category = makeCategory(makeSettledPerson("coordinator"));
    const thread = threadIn(category.id, author, `Tema ${tag}`, `Texto original ${tag}`);
    expect(found(search(`original ${tag}`).hits, "posts", thread.postId)).toBe(true);
    expect(editPost(author.user, thread.postId, `Texto corregido ${tag}`).ok).toBe(true);
    expect(found(search(`original ${tag}`).hits, "posts", thread.postId)).toBe(false);
    expect(found(search(`corregido ${tag}`).hits, "posts", thread.postId)).toBe(true);
    expect(deletePost(author.user, thread.postId).ok).toBe(true);
    expect(found(search(`corregido ${tag}`).hits, "posts", thread.postId)).toBe(false);
    const moderator = makeSettledPerson("coordinator");
    expect(moderateThread(moderator.user, thread.threadId, "hide", "Prueba").ok).toBe(true);
    expect(found(search(`tema ${tag}`).hits, "threads", thread.threadId)).toBe(false);
  });

  test("rebuildSearchIndexes rebuilds every index and finds them sound", () => {
    const tag = unique();
    const organisation = makeOrganisation(makePerson(), "approved", { name: `Reconstruida ${tag}` });
    expect(rebuildSearchIndexes()).toEqual([...SEARCH_INDEXES]);
    expect(titles(`reconstruida ${tag}`)).toEqual([organisation.name]);
  });

  test("every index has its 2- and 3-character prefix indexes, and its three triggers (migration 0014)", () => {
    for (const index of SEARCH_INDEXES) {
      const table = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(index) as { sql: string };
      expect(table.sql, index).toContain("prefix='2 3'");
      const triggers = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB ? ORDER BY name").all(`${index}_*`) as Array<{ name: string }>;
      expect(triggers.map((trigger) => trigger.name), index).toEqual(["delete", "insert", "update"].map((event) => `${index}_${event}`));
    }
  });
});

describe("any text is a literal query, never an error", () => {
  test("FTS5 syntax characters and words, SQL, and 5,000 characters", () => {
    const tag = unique();
    const organisation = makeOrganisation(makePerson(), "approved", { name: `Asociación literal ${tag}` });
    const queries = [
      `"${tag}`,
      `${tag}"`,
      `${tag}*`,
      `*${tag}`,
      `(${tag}`,
      `${tag})`,
      `NEAR(${tag} asociacion)`,
      `${tag} NEAR asociacion`,
      `-${tag}`,
      `${tag} -asociacion`,
      `${tag} OR nada`,
      `${tag} AND NOT x`,
      `name:${tag}`,
      `{name} : ${tag}`,
      `^${tag}`,
      `${tag}' --`,
      `${tag}; DROP TABLE organisations`,
      `${tag} ${MARK_START}${MARK_END}`,
      "\u0000",
      `${tag} ${"x".repeat(5_000)}`,
      "a".repeat(5_000),
      Array.from({ length: 2_500 }, () => "ñ ").join(""),
    ];
    for (const q of queries) {
      for (const type of ["all", "organisations", "posts"] as const) expect(() => search(q, null, type), q.slice(0, 40)).not.toThrow();
    }
    expect(titles(`"${tag}`)).toEqual([organisation.name]);
    expect(titles(`(${tag}`)).toEqual([organisation.name]);
    expect(titles(`-${tag}`)).toEqual([organisation.name]);
    expect(titles(`name:${tag}`)).toEqual([]); // "name" is a word nobody wrote here
    // "OR" is a word that must occur, not an operator.
    expect(titles(`${tag} OR nada`)).toEqual([]);
    expect(titles(`NEAR(${tag} asociacion)`)).toEqual([]);
    expect(search(`${tag} ${"x".repeat(5_000)}`).q).toHaveLength(SEARCH_QUERY_MAX);
  });
});

describe("the query's text direction stays its own", () => {
  test("a message repeating the query wraps it in <bdi>, as text; the page title in isolates", () => {
    const t = (q: string) => `Resultados para «${q}»`;
    const render = (q: string) => renderToStaticMarkup(createElement(QuotedQuery, { message: t, q }));
    const rtl = "\u202Eabc مرحبا بالعالم";
    expect(render(rtl)).toBe(`Resultados para «<bdi>${rtl}</bdi>»`);
    expect(render("<b>x</b> & «y»")).toBe("Resultados para «<bdi>&lt;b&gt;x&lt;/b&gt; &amp; «y»</bdi>»");
    expect(renderToStaticMarkup(createElement(QuotedQuery, { message: () => "Sin consulta", q: rtl }))).toBe("Sin consulta");
    expect(isolated(rtl)).toBe(`\u2068${rtl}\u2069`);
  });
});

describe("script injection", () => {
  test("titles and snippets of every payload render as text, with <mark> the only element", () => {
    const tag = unique();
    const coordinator = makeSettledPerson("coordinator");
    const category = makeCategory(coordinator);
    for (const payload of XSS_PAYLOADS) threadIn(category.id, coordinator, `${payload.slice(0, 100)} ${tag}`, `${payload} ${tag}`);
    const pages = Array.from({ length: Math.ceil(XSS_PAYLOADS.length / SEARCH_PAGE_SIZE) }, (_, n) => n + 1);
    const results = (["threads", "posts"] as const).flatMap((type) => pages.flatMap((page) => search(tag, coordinator.user, type, page).hits));
    expect(results).toHaveLength(2 * XSS_PAYLOADS.length);
    for (const hit of results) {
      for (const text of [hit.titleMarked, hit.snippet]) {
        const html = renderToStaticMarkup(createElement(MarkedText, { text }));
        expect(html.replace(/<mark class="[^"<>]*">|<\/mark>/g, ""), text).not.toContain("<");
      }
    }
  });
});

describe("GET /search", () => {
  const get = (query: string, cookie?: string) => callRoute(searchLoader, { url: `http://localhost:3000/search${query}`, cookie });

  test("an empty or wordless query is the help page (200), not an error", async () => {
    for (const query of ["", "?q=", "?q=%20%20", "?type=events", "?q=&page=7"]) {
      const answer = await get(query);
      expect(answer.status, query).toBe(200);
      expect((answer.data as { results: unknown }).results, query).toBeNull();
    }
    const answer = await get("?q=%C2%BF%3F");
    expect(answer.status).toBe(200);
    expect((answer.data as { results: { searched: boolean } }).results.searched).toBe(false);
  });

  test("odd inputs answer 200 (or a redirect to the last page), never 500", async () => {
    const tag = unique();
    makeOrganisation(makePerson(), "approved", { name: `Ruta ${tag}` });
    const odd = [
      `?q=${tag}&type=bogus`,
      `?q=${tag}&type=`,
      `?q=${tag}&type=events&type=threads`,
      `?q=${tag}&page=abc`,
      `?q=${tag}&page=-1`,
      `?q=${tag}&page=0`,
      `?q=${tag}&q=otro`,
      `?q=${encodeURIComponent('"')}`,
      `?q=${encodeURIComponent("*")}`,
      `?q=${encodeURIComponent("(")}`,
      `?q=NEAR`,
      `?q=-`,
      `?q=OR`,
      `?q=${encodeURIComponent(":")}`,
      `?q=${encodeURIComponent("x".repeat(5_000))}`,
      `?q=%00`,
      `?q=%E0%A4%A`,
      `?q[]=x`,
    ];
    for (const query of odd) {
      const answer = await get(query);
      expect(answer.status, query).toBe(200);
    }
    const unknownType = await get(`?q=${tag}&type=bogus`);
    expect((unknownType.data as { results: { type: string; counts: { all: number } } }).results).toMatchObject({ type: "all", counts: { all: 1 } });
    for (const page of ["2", "1.5", "99999", "1e99", String(SEARCH_MAX_PAGES + 1)]) {
      const answer = await get(`?q=${tag}&type=organisations&page=${page}`);
      expect(answer.status, page).toBe(302);
      expect(answer.headers.get("Location"), page).toBe(`/search?q=${tag}&type=organisations`);
    }
  });

  test("results for a signed-in member include what they may see", async () => {
    const tag = unique();
    const owner = makePerson();
    const pending = makeOrganisation(owner, "pending", { name: `Solicitud ${tag}` });
    const seen = async (cookie?: string) => {
      const answer = await get(`?q=${tag}`, cookie);
      expect(answer.status).toBe(200);
      return (answer.data as { results: { hits: SearchHit[] } }).results.hits.map((hit) => hit.id);
    };
    expect(await seen()).toEqual([]);
    expect(await seen(owner.cookie)).toEqual([pending.id]);
  });

  test("the address is read leniently", () => {
    expect(parseSearchQuery(new URLSearchParams("q=%20agua%20&type=nope&page=x"))).toEqual({ q: "agua", type: "all", page: 1 });
    expect(parseSearchQuery(new URLSearchParams(`q=a&type=posts&page=${SEARCH_MAX_PAGES + 10}`))).toEqual({ q: "a", type: "posts", page: SEARCH_MAX_PAGES });
    expect(parseSearchQuery(new URLSearchParams(`q=${"é".repeat(300)}`)).q).toBe("é".repeat(SEARCH_QUERY_MAX));
  });
});
