// Atom feeds of initiatives and events, the sitemap and robots.txt, and the titles, descriptions
// and Open Graph tags of public pages (issue 11).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import "#app/.server/discussion-parents.ts";
import { ensureDefaultCategories, moderateThread, startThread } from "#app/.server/discussions/index.ts";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { meta as homeMeta, loader as homeLoader } from "#app/routes/_index.tsx";
import { loader as eventsFeed } from "#app/routes/events[.]atom.ts";
import { meta as eventsMeta } from "#app/routes/events._index.tsx";
import { loader as initiativesFeed } from "#app/routes/initiatives[.]atom.ts";
import { meta as initiativeMeta, loader as initiativeLoader } from "#app/routes/initiatives.$slug._index.tsx";
import { meta as organisationMeta, loader as organisationLoader } from "#app/routes/organisations.$slug._index.tsx";
import { loader as robots } from "#app/routes/robots[.]txt.ts";
import { loader as sitemapIndex } from "#app/routes/sitemap[.]xml.ts";
import { loader as childSitemap } from "#app/routes/sitemaps.$file.ts";
import { eventInput } from "#tests/factories/events.ts";
import { categoryBySlug, makeSettledPerson } from "./discussion-world.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

const ORIGIN = "http://localhost:3000"; // APP_URL in tests (tests/setup/setup-test-env.ts)

// ---- A small, strict XML reader: enough to prove a document well-formed and to read it back ----
type XmlNode = { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string };
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function decode(raw: string) {
  if (/<|&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(raw)) throw new Error(`not well-formed text: ${raw.slice(0, 60)}`);
  return raw.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!).replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}
function parseXml(xml: string): XmlNode {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const root: XmlNode = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = token.exec(body))) {
    end = token.lastIndex;
    const [, closing, name, attrs, selfClosing, text] = match;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      top.text += decode(text);
      continue;
    }
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const node: XmlNode = { name: name!, attrs: {}, children: [], text: "" };
    for (const [, key, value] of attrs!.matchAll(/([\w:.-]+)="([^"]*)"/g)) node.attrs[key!] = decode(value!);
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (end !== body.length) throw new Error(`not well-formed at ${end}: ${body.slice(end, end + 60)}`);
  if (stack.length !== 1 || root.children.length !== 1) throw new Error("unclosed elements or several roots");
  return root.children[0]!;
}
const all = (node: XmlNode, name: string) => node.children.filter((child) => child.name === name);
const one = (node: XmlNode, name: string) => all(node, name)[0]!;

async function get(loader: (args: LoaderFunctionArgs) => Promise<Response>, path: string, headers: Record<string, string> = {}, params: Record<string, string> = {}) {
  const response = await loader({ request: new Request(`${ORIGIN}${path}`, { headers }), params, context: {} }).catch((thrown: unknown) => thrown as Response);
  return { status: response.status, type: response.headers.get("Content-Type") ?? "", body: await response.text() };
}

const TRICKY = `Vidrio <b>"reciclado"</b> & 'reúso' ${Date.now()}`;
const w = {} as { published: { id: number; slug: string }; draft: { slug: string; title: string }; pendingOrg: { slug: string }; approvedOrg: { slug: string }; event: { id: number; slug: string }; eventTitle: string; draftEvent: { slug: string; title: string }; thread: number; hiddenThread: number };

beforeAll(() => {
  const owner = makePerson();
  const org = makeOrganisation(owner, "approved");
  w.approvedOrg = org;
  w.pendingOrg = makeOrganisation(makePerson(), "pending");
  const propose = (title: string) => {
    const result = proposeInitiative(owner.user.id, makeInitiativeInput(org.id, { title }));
    if (!result.ok) throw new Error("propose failed");
    return result.initiative;
  };
  w.published = propose(TRICKY);
  advanceTo(w.published.id, owner.user.id, "open");
  const draftTitle = `Borrador secreto ${Date.now()}`;
  w.draft = { ...propose(draftTitle), title: draftTitle };
  const coordinator = makeSettledPerson("coordinator");
  w.eventTitle = `Feria <circular> & "más" ${Date.now()}`;
  w.event = createEvent(coordinator.user.id, eventInput({ title: w.eventTitle }));
  expect(publishEvent(w.event.id).ok).toBe(true);
  const draftEventTitle = `Evento en borrador ${Date.now()}`;
  w.draftEvent = { ...createEvent(coordinator.user.id, eventInput({ title: draftEventTitle })), title: draftEventTitle };
  ensureDefaultCategories();
  const general = categoryBySlug("general").id;
  const start = (title: string) => {
    const started = startThread(coordinator.user, { kind: "category", categoryId: general }, { title, body: "Texto" });
    if (!started.ok) throw new Error(started.reason);
    return started.threadId;
  };
  w.thread = start("Una conversación visible");
  w.hiddenThread = start("Una conversación oculta");
  expect(moderateThread(coordinator.user, w.hiddenThread, "hide", "spam").ok).toBe(true);
});

describe("Atom feeds", () => {
  test("/initiatives.atom: well-formed Atom in the reader's language, titles escaped, absolute links, no drafts", async () => {
    for (const [language, lang] of [["es-PE", "es"], ["en-GB", "en"]] as const) {
      const answer = await get(initiativesFeed, "/initiatives.atom", { "Accept-Language": language });
      expect(answer.type).toContain("application/atom+xml");
      const feed = parseXml(answer.body);
      expect(feed.name).toBe("feed");
      expect(feed.attrs["xmlns"]).toBe("http://www.w3.org/2005/Atom");
      expect(feed.attrs["xml:lang"]).toBe(lang);
      expect(Date.parse(one(feed, "updated").text)).not.toBeNaN();
      const entries = all(feed, "entry");
      const titles = entries.map((entry) => one(entry, "title").text);
      expect(titles).toContain(TRICKY);
      expect(titles).not.toContain(w.draft.title);
      const mine = entries.find((entry) => one(entry, "title").text === TRICKY)!;
      expect(one(mine, "link").attrs.href).toBe(`${ORIGIN}/initiatives/${w.published.slug}`);
      expect(Date.parse(one(mine, "updated").text)).not.toBeNaN();
      // The title is text: its markup is in the document as escaped characters, never as elements.
      expect(answer.body).not.toContain("<b>");
    }
  });

  test("/events.atom: published events only, escaped, with absolute links", async () => {
    const feed = parseXml((await get(eventsFeed, "/events.atom")).body);
    const links = all(feed, "entry").map((entry) => one(entry, "link").attrs.href);
    expect(links).toContain(`${ORIGIN}/events/${w.event.slug}`);
    expect(links).not.toContain(`${ORIGIN}/events/${w.draftEvent.slug}`);
    expect(all(feed, "entry").map((entry) => one(entry, "title").text)).not.toContain(w.draftEvent.title);
    expect(all(feed, "entry").map((entry) => one(entry, "title").text)).toContain(w.eventTitle);
  });

  test("the listing pages link their feeds in <head>", () => {
    const tags = eventsMeta({ matches: rootMatch("es"), location: { pathname: "/events" } } as never) as Array<Record<string, string>>;
    expect(tags).toContainEqual(expect.objectContaining({ tagName: "link", rel: "alternate", type: "application/atom+xml", href: "/events.atom" }));
  });
});

describe("sitemap and robots.txt", () => {
  const childUrls = async (file: string) => {
    const answer = await get(childSitemap, `/sitemaps/${file}`, {}, { file });
    expect(answer.status).toBe(200);
    const set = parseXml(answer.body);
    expect(set.name).toBe("urlset");
    return all(set, "url").map((url) => ({ loc: one(url, "loc").text, lastmod: all(url, "lastmod")[0]?.text }));
  };

  test("the index names the pages' sitemap and a part for each kind of row, absolute addresses", async () => {
    const index = parseXml((await get(sitemapIndex, "/sitemap.xml")).body);
    expect(index.name).toBe("sitemapindex");
    const locs = all(index, "sitemap").map((s) => one(s, "loc").text);
    for (const file of ["pages.xml", "organisations-0.xml", "initiatives-0.xml", "events-0.xml", "threads-0.xml"]) expect(locs).toContain(`${ORIGIN}/sitemaps/${file}`);
  });

  test("parts list what is public with its lastmod, and nothing that is not", async () => {
    const initiatives = await childUrls("initiatives-0.xml");
    expect(initiatives.map((u) => u.loc)).toContain(`${ORIGIN}/initiatives/${w.published.slug}`);
    expect(initiatives.some((u) => u.loc.endsWith(`/initiatives/${w.draft.slug}`))).toBe(false);
    expect(Date.parse(initiatives[0]!.lastmod!)).not.toBeNaN();
    const organisations = (await childUrls("organisations-0.xml")).map((u) => u.loc);
    expect(organisations).toContain(`${ORIGIN}/organisations/${w.approvedOrg.slug}`);
    expect(organisations).not.toContain(`${ORIGIN}/organisations/${w.pendingOrg.slug}`);
    const events = (await childUrls("events-0.xml")).map((u) => u.loc);
    expect(events).toContain(`${ORIGIN}/events/${w.event.slug}`);
    expect(events).not.toContain(`${ORIGIN}/events/${w.draftEvent.slug}`);
    const threads = (await childUrls("threads-0.xml")).map((u) => u.loc);
    expect(threads).toContain(`${ORIGIN}/discussions/threads/${w.thread}`);
    expect(threads).not.toContain(`${ORIGIN}/discussions/threads/${w.hiddenThread}`);
    const pages = (await childUrls("pages.xml")).map((u) => u.loc);
    expect(pages).toEqual(expect.arrayContaining([`${ORIGIN}/`, `${ORIGIN}/initiatives`, `${ORIGIN}/discussions/c/general`]));
  });

  test("unknown parts are 404, never an error", async () => {
    for (const file of ["nope.xml", "initiatives-x.xml", "initiatives-99999999.xml", "../etc.xml"]) {
      expect((await get(childSitemap, `/sitemaps/${file}`, {}, { file })).status).toBe(404);
    }
  });

  test("a part is 200 exactly when the index lists it: leading zeros, parts past the last id and other names are 404", async () => {
    const index = parseXml((await get(sitemapIndex, "/sitemap.xml")).body);
    const listed = all(index, "sitemap").map((s) => one(s, "loc").text.split("/sitemaps/")[1]!);
    for (const file of listed) await childUrls(file);
    const threadParts = listed.filter((file) => file.startsWith("threads-")).length;
    for (const file of [`threads-${threadParts}.xml`, "threads-00.xml", "threads-999999.xml", "threads-999999999999999999.xml", "threads--1.xml", "x.xml"]) {
      expect((await get(childSitemap, `/sitemaps/${file}`, {}, { file })).status, file).toBe(404);
    }
  });

  test("lastmod is a W3C datetime (UTC) and the open data page is listed", async () => {
    const urls = [...(await childUrls("initiatives-0.xml")), ...(await childUrls("threads-0.xml")), ...(await childUrls("pages.xml"))];
    for (const { lastmod } of urls) if (lastmod !== undefined) expect(lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(urls.map((u) => u.loc)).toContain(`${ORIGIN}/open-data`);
  });

  test("robots.txt opens the public pages, closes accounts and administration, names the sitemap", async () => {
    const answer = await get(robots, "/robots.txt");
    expect(answer.type).toContain("text/plain");
    const lines = answer.body.split("\n");
    for (const path of ["/account", "/admin", "/coordination", "/dev", "/login", "/signup"]) expect(lines).toContain(`Disallow: ${path}`);
    expect(lines).toContain("Allow: /");
    expect(lines).not.toContain("Disallow: /initiatives");
    expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });
});

function rootMatch(locale: "es" | "en") {
  return [{ id: "root", data: { locale, origin: ORIGIN } }];
}

describe("titles, descriptions and Open Graph tags", () => {
  const tagsOf = (list: unknown) => {
    const tags = list as Array<Record<string, string>>;
    const byProperty = (property: string) => tags.find((tag) => tag.property === property || tag.name === property)?.content;
    return { title: tags.find((tag) => "title" in tag)?.title, get: byProperty, all: tags };
  };

  test("home: title, description and Open Graph in each language, default image, absolute URL", async () => {
    for (const [locale, ogLocale, alternate] of [["es", "es_PE", "en_US"], ["en", "en_US", "es_PE"]] as const) {
      const tags = tagsOf(homeMeta({ matches: rootMatch(locale), location: { pathname: "/" } } as never));
      expect(tags.title).toBe(locale === "es" ? "Perú País Circular" : "Peru Circular Country");
      expect(tags.get("description")).toMatch(locale === "es" ? /alianza por una economía circular/ : /alliance for a circular economy/);
      expect(tags.get("og:title")).toBe(tags.title);
      expect(tags.get("og:url")).toBe(`${ORIGIN}/`);
      expect(tags.get("og:type")).toBe("website");
      expect(tags.get("og:locale")).toBe(ogLocale);
      expect(tags.get("og:locale:alternate")).toBe(alternate);
      expect(tags.get("og:site_name")).toBe(tags.title);
      expect(tags.get("og:image")).toBe(`${ORIGIN}/og-default.png`);
      expect(tags.get("twitter:card")).toBe("summary_large_image");
    }
    // The loader still answers for visitors (the meta does not depend on it).
    expect((await homeLoader({ request: new Request(`${ORIGIN}/`), params: {}, context: {} })).name).toBeNull();
  });

  test("an initiative's page: its title and summary, an article, its own address", async () => {
    const data = await initiativeLoader({ request: new Request(`${ORIGIN}/initiatives/${w.published.slug}`), params: { slug: w.published.slug }, context: {} } as never);
    const tags = tagsOf(initiativeMeta({ data, matches: rootMatch("en"), location: { pathname: `/initiatives/${w.published.slug}` } } as never));
    expect(tags.title).toBe(`${TRICKY} | Peru Circular Country`);
    expect(tags.get("og:title")).toBe(TRICKY);
    expect(tags.get("og:description")).toBe("Convertir la pulpa de café en abono para pequeños productores.");
    expect(tags.get("og:type")).toBe("article");
    expect(tags.get("og:url")).toBe(`${ORIGIN}/initiatives/${w.published.slug}`);
    expect(tags.get("og:locale")).toBe("en_US");
  });

  test("an organisation's page without a logo takes the default image and describes itself", async () => {
    const data = await organisationLoader({ request: new Request(`${ORIGIN}/organisations/${w.approvedOrg.slug}`), params: { slug: w.approvedOrg.slug }, context: {} } as never);
    const tags = tagsOf(organisationMeta({ data, matches: rootMatch("es"), location: { pathname: `/organisations/${w.approvedOrg.slug}` } } as never));
    expect(tags.get("og:image")).toBe(`${ORIGIN}/og-default.png`);
    expect(tags.get("description")).toBe("Productores de quinua que valorizan sus residuos.");
    expect(tags.get("og:type")).toBe("profile");
  });
});
