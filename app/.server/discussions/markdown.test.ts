import { describe, expect, test } from "vitest";
import { XSS_PAYLOADS } from "#tests/fixtures/xss-payloads.ts";
import { parseMentions, renderPostMarkdown } from "./markdown.ts";
import { MENTIONS_MAX } from "./mentions.ts";

// Tags markdown-it produces for posts; anything else in the output would be injected.
const ALLOWED_TAGS = new Set(["p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "s"]);
const ALLOWED_ATTRIBUTES = new Set(["href", "class", "title", "rel", "style", "start"]);
const SAFE_HREF = /^(?:https?:\/\/|mailto:|\/(?![/\\])|#)/i;

const decode = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Every real tag of the HTML (escaped text like "&lt;script&gt;" is not a tag) with its attributes. */
function tagsOf(html: string) {
  return [...html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map((match) => ({
    closing: match[1] === "/",
    name: match[2]!.toLowerCase(),
    attributes: [...match[3]!.matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)].map((a) => ({ name: a[1]!.toLowerCase(), value: decode(a[2] ?? "") })),
  }));
}

/** The ways a rendering could run script; [] when it is safe. */
function dangers(html: string): string[] {
  const found: string[] = [];
  if (/<\s*script/i.test(html)) found.push("script tag");
  // A "<" that starts something tag-like but is not a well-formed allowed tag.
  const stray = html.replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s=>]+(?:="[^"]*")?)*\s*\/?>/g, "");
  if (/<[a-zA-Z!/?]/.test(stray)) found.push(`unescaped markup: ${stray.match(/<[a-zA-Z!/?][^\s>]*/)![0]}`);
  for (const tag of tagsOf(html)) {
    if (!ALLOWED_TAGS.has(tag.name)) found.push(`tag <${tag.name}>`);
    for (const attribute of tag.attributes) {
      if (attribute.name.startsWith("on")) found.push(`event handler ${attribute.name}`);
      if (!ALLOWED_ATTRIBUTES.has(attribute.name)) found.push(`attribute ${attribute.name}`);
      if (attribute.name === "href" && !SAFE_HREF.test(attribute.value.trim())) found.push(`href ${attribute.value}`);
      if (/(?:java|vb)script:|data:/i.test(attribute.value.replace(/\s+/g, ""))) found.push(`scheme in ${attribute.name}`);
      if (attribute.name === "style" && !/^text-align:(left|right|center)$/.test(attribute.value)) found.push(`style ${attribute.value}`);
    }
    if (tag.name === "a" && !tag.closing && !tag.attributes.some((a) => a.name === "rel" && a.value === "nofollow ugc noopener")) found.push("link without rel");
  }
  return found;
}

describe("post markdown against script injection", () => {
  test("the payload list has at least 100 vectors", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  });

  test("the checker itself catches what it must (it is not vacuous)", () => {
    expect(dangers('<p><img src="x" onerror="alert(1)"></p>')).not.toEqual([]);
    expect(dangers('<a href="javascript:alert(1)" rel="nofollow ugc noopener">x</a>')).not.toEqual([]);
    expect(dangers('<a href="data:text/html,x" rel="nofollow ugc noopener">x</a>')).not.toEqual([]);
    expect(dangers("<script>alert(1)</script>")).not.toEqual([]);
    expect(dangers('<a href="https://ok.example">x</a>')).toEqual(["link without rel"]);
    expect(dangers("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")).toEqual([]);
  });

  test.each(XSS_PAYLOADS.map((payload, i) => [i, payload]))("payload %i renders harmless", (_, payload) => {
    const known = new Map([["ana", { name: '"><script>alert(1)</script>' }]]);
    const html = renderPostMarkdown(`${payload}\n\n@ana`, { mentions: known, quote: { postId: 1, number: 2, authorName: "<img src=x onerror=alert(1)>" } });
    expect(dangers(html), html).toEqual([]);
  });

  test("safe links survive with rel=nofollow ugc noopener; images show their description only", () => {
    const html = renderPostMarkdown("[sitio](https://ejemplo.pe) [local](/initiatives/x) [correo](mailto:a@b.pe) ![un logo](https://ejemplo.pe/a.png)");
    expect(html).toContain('<a href="https://ejemplo.pe" rel="nofollow ugc noopener">sitio</a>');
    expect(html).toContain('<a href="/initiatives/x" rel="nofollow ugc noopener">local</a>');
    expect(html).toContain('<a href="mailto:a@b.pe" rel="nofollow ugc noopener">correo</a>');
    expect(html).toContain("un logo");
    expect(html).not.toContain("<img");
  });

  test("unsafe links are left as text", () => {
    const html = renderPostMarkdown("[x](javascript:alert(1)) [y](//evil.example)");
    expect(html).not.toContain("<a");
    expect(html).toContain("[x](javascript:alert(1))");
  });
});

describe("mentions", () => {
  test.each([
    ["@ana", ["ana"]],
    ["Hola @Ana-Torres, ¿vienes?", ["ana-torres"]],
    ["(@ana) y @luis.", ["ana", "luis"]],
    ["@ana @ana @ANA", ["ana"]],
    ["ana@ejemplo.pe", []],
    ["escribe a ana@ejemplo.pe o a @luis", ["luis"]],
    ["`@ana` en código", []],
    ["```\n@ana\n```", []],
    ["    @ana en bloque de código", []],
    ["[@ana](https://ejemplo.pe)", []],
    ["https://ejemplo.pe/@ana", []],
    ["@ana-", []],
    ["@-ana", []],
    ["@@ana", []],
    ["> @ana citada", ["ana"]],
    ["**@ana**", ["ana"]],
    ["@ñandú", []],
    [`@${"a".repeat(31)}`, []],
    [`@${"a".repeat(30)}`, ["a".repeat(30)]],
  ])("%j mentions %j", (source, expected) => {
    expect(parseMentions(source)).toEqual(expected);
  });

  test(`at most ${MENTIONS_MAX} people per post`, () => {
    const source = Array.from({ length: 30 }, (_, i) => `@persona-${i}`).join(" ");
    const found = parseMentions(source);
    expect(found).toHaveLength(MENTIONS_MAX);
    expect(found[0]).toBe("persona-0");
  });

  test("known handles become links, unknown ones stay text", () => {
    const html = renderPostMarkdown("Hola @ana y @nadie", { mentions: new Map([["ana", { name: "Ana Torres" }]]) });
    expect(html).toContain('<a href="/discussions?author=ana" class="mention" title="Ana Torres" rel="nofollow ugc noopener">@ana</a>');
    expect(html).toContain("y @nadie");
    expect(html).not.toContain("author=nadie");
  });

  test("mentions in code and links are not linked even when known", () => {
    const known = new Map([["ana", { name: "Ana" }]]);
    expect(renderPostMarkdown("`@ana` [@ana](https://x.pe)", { mentions: known })).not.toContain("mention");
  });
});

describe("quotes", () => {
  test("the quote gets a link back to the quoted post at the end of its blockquote", () => {
    const html = renderPostMarkdown("> lo que dijo\n\nMi respuesta", { quote: { postId: 42, number: 7, authorName: "Luis" } });
    expect(html).toMatch(/<blockquote>\n<p>lo que dijo<\/p>\n<p class="quote-source"><a href="\/discussions\/posts\/42" rel="nofollow ugc noopener">↩ Luis #7<\/a><\/p>\n<\/blockquote>/);
    expect(html).toContain("<p>Mi respuesta</p>");
  });

  test("without a blockquote in the body, the link comes first", () => {
    const html = renderPostMarkdown("Respuesta", { quote: { postId: 3, number: 1, authorName: "Ana" } });
    expect(html.indexOf("/discussions/posts/3")).toBeLessThan(html.indexOf("Respuesta"));
  });
});
