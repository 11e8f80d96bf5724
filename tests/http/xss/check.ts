import type { XssProbe } from "#tests/fixtures/xss-payloads.ts";

// What counts as script injection in a page, decided the same way for the HTML the server sent
// (read by a small tokenizer here, which splits tags as the HTML parser does for the cases that
// matter: quoted attributes, raw text inside <script>/<style>/<textarea>/<title>, comments) and for
// the live DOM in Chromium after hydration (collected by `collectElements` in browser.ts). Both
// produce the same list of elements with their attributes; `findInjections` judges it.

/** One element as a page has it: its tag name, attributes (values decoded) and, for scripts, text and nonce. */
export type ElementInfo = {
  tag: string;
  attributes: Array<[name: string, value: string]>;
  /** Only for <script>: its text. */
  text?: string;
  /** Only for <script>: whether it carries a nonce (the page's CSP nonce). */
  nonce?: boolean;
};

/** Something in a page that could run script, attributed to a probe when it names one. */
export type Injection = {
  rule: "marker" | "event-handler" | "unsafe-url" | "script" | "element";
  detail: string;
  /** The probe whose number the finding carries (`xssN`, `__xss(N)`, `alert(N)`), or null. */
  probeId: number | null;
};

const PROBE_NUMBER = /(?:\bxss|__xss\(|alert\(|msgbox\()(\d+)/i;
const probeIn = (...texts: string[]) => {
  for (const text of texts) {
    const match = PROBE_NUMBER.exec(text);
    if (match) return Number(match[1]);
  }
  return null;
};

// Attributes a browser follows as a URL (navigation, fetch, frame or form target).
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "data",
  "poster",
  "background",
  "ping",
  "lowsrc",
  "dynsrc",
  "codebase",
  "srcset",
]);
// Elements this site never writes; in a page they can only come from user text.
const FOREIGN_ELEMENTS = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "isindex", "keygen", "marquee", "xss"]);

/** A URL as the browser resolves its scheme: control characters and whitespace dropped, lower case. */
function schemeOf(value: string) {
  // eslint-disable-next-line no-control-regex
  const squeezed = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
  const match = /^([a-z][a-z0-9+.-]*):/.exec(squeezed);
  return match ? { scheme: match[1]!, rest: squeezed.slice(match[0].length) } : null;
}

/** Whether following `value` could run script: javascript:, vbscript:, and data: documents (HTML, SVG, XML). */
export function isUnsafeUrl(value: string) {
  const parsed = schemeOf(value);
  if (!parsed) return false;
  if (parsed.scheme === "javascript" || parsed.scheme === "vbscript" || parsed.scheme === "livescript") return true;
  if (parsed.scheme === "data")
    return (
      /^(?:text\/html|image\/svg|application\/(?:xhtml|xml)|text\/xml|text\/javascript|application\/javascript)/.test(parsed.rest) || !parsed.rest.includes(",")
    );
  return false;
}

/**
 * Everything in a page's elements that could run script or that user text could only have made by
 * being parsed as markup: an attribute or tag named `xssN` (a probe's marker); any `on…` event
 * handler attribute (React never writes them, and this site has none); a URL attribute with a
 * javascript:/vbscript:/data-document URL; a script without the CSP nonce or calling a probe;
 * frames, objects, embeds, <base>, a meta refresh, a form posting to another site.
 * `origin` is the page's own origin (for form targets).
 */
export function findInjections(elements: readonly ElementInfo[], origin: string): Injection[] {
  const found: Injection[] = [];
  for (const element of elements) {
    const tag = element.tag.toLowerCase();
    const where = `<${tag}>`;
    if (/^xss\d+$/.test(tag))
      found.push({
        rule: "marker",
        detail: `element ${where}`,
        probeId: probeIn(tag),
      });
    else if (FOREIGN_ELEMENTS.has(tag)) {
      found.push({
        rule: "element",
        detail: `element ${where} ${element.attributes
          .map(([n, v]) => `${n}=${v}`)
          .join(" ")
          .slice(0, 120)}`,
        probeId: probeIn(...element.attributes.flat()),
      });
    }
    for (const [rawName, value] of element.attributes) {
      const name = rawName.toLowerCase();
      if (/^xss\d+$/.test(name))
        found.push({
          rule: "marker",
          detail: `attribute ${name} on ${where}`,
          probeId: probeIn(name),
        });
      else if (/^on[a-z]/.test(name))
        found.push({
          rule: "event-handler",
          detail: `${name}=${value.slice(0, 80)} on ${where}`,
          probeId: probeIn(value),
        });
      else if (URL_ATTRIBUTES.has(name) && isUnsafeUrl(value))
        found.push({
          rule: "unsafe-url",
          detail: `${name}=${value.slice(0, 80)} on ${where}`,
          probeId: probeIn(value),
        });
      else if (name === "srcdoc")
        found.push({
          rule: "unsafe-url",
          detail: `srcdoc on ${where}`,
          probeId: probeIn(value),
        });
      else if (name === "style" && /expression\s*\(|url\s*\(\s*['"]?\s*(?:javascript|vbscript|data):/i.test(value)) {
        found.push({
          rule: "unsafe-url",
          detail: `style=${value.slice(0, 80)} on ${where}`,
          probeId: probeIn(value),
        });
      }
    }
    const attribute = (name: string) => element.attributes.find(([n]) => n.toLowerCase() === name)?.[1];
    if (tag === "script") {
      if (!element.nonce)
        found.push({
          rule: "script",
          detail: `script without the CSP nonce: ${(element.text ?? attribute("src") ?? "").slice(0, 80)}`,
          probeId: probeIn(element.text ?? "", attribute("src") ?? ""),
        });
      else if (/__xss\(|alert\(/.test(element.text ?? "")) {
        // A probe's call inside the page's own (nonced) script would only be data if it is in a
        // string literal; the hydration data escapes "<" so a probe cannot end that script.
        const text = element.text ?? "";
        const at = text.search(/__xss\(|alert\(/);
        if (!isInsideStringLiteral(text, at))
          found.push({
            rule: "script",
            detail: `probe call in code: ${text.slice(Math.max(0, at - 40), at + 40)}`,
            probeId: probeIn(text.slice(at)),
          });
      }
    }
    if (tag === "meta" && /refresh/i.test(attribute("http-equiv") ?? ""))
      found.push({
        rule: "element",
        detail: `meta refresh ${attribute("content")}`,
        probeId: probeIn(attribute("content") ?? ""),
      });
    if (tag === "form") {
      const action = attribute("action");
      if (action && /^[a-z][a-z0-9+.-]*:|^\/\//i.test(action.trim())) {
        let sameSite = false;
        try {
          sameSite = new URL(action.trim(), origin).origin === origin;
        } catch {
          sameSite = false;
        }
        if (!sameSite)
          found.push({
            rule: "element",
            detail: `form posting to ${action.slice(0, 80)}`,
            probeId: probeIn(action),
          });
      }
    }
  }
  return found;
}

/**
 * Whether position `at` of a script's text lies inside a JavaScript string literal ("…", '…' or
 * `…`), scanning from the start with escapes honoured. Enough for the page's inline scripts
 * (Remix's hydration data: string literals of JSON); comments and regular expressions are not
 * modelled.
 */
export function isInsideStringLiteral(text: string, at: number) {
  let quote: string | null = null;
  for (let i = 0; i < at; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
  }
  return quote !== null;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  tab: "\t",
  newline: "\n",
  nbsp: "\u00a0",
  lpar: "(",
  rpar: ")",
  sol: "/",
};

/** Decodes the character references of an attribute value, as the HTML parser does. */
export function decodeEntities(value: string) {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    if (dec) return String.fromCodePoint(Math.min(Number(dec), 0x10ffff));
    return ENTITIES[name!.toLowerCase()] ?? whole;
  });
}

const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"]);

/**
 * The elements of an HTML document as the parser would open them, and the document's markup
 * outside scripts (text and attributes a person sees or a form carries, without the hydration
 * data). Tags are read with quoted and unquoted attribute values; the text of raw-text elements
 * (script, style, textarea, title…) runs to their first end tag, as in the parser, so a
 * `</script>` inside user text ends the script there.
 */
export function parseHtml(html: string): {
  elements: ElementInfo[];
  markup: string;
} {
  const elements: ElementInfo[] = [];
  const markup: string[] = [];
  let i = 0;
  const length = html.length;
  while (i < length) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      markup.push(html.slice(i));
      break;
    }
    markup.push(html.slice(i, lt));
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end === -1 ? length : end + 3;
      continue;
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const end = html.indexOf(">", lt);
      i = end === -1 ? length : end + 1;
      continue;
    }
    const open = /^<([a-zA-Z][^\s/>]*)/.exec(html.slice(lt, lt + 200));
    if (!open) {
      const close = /^<\/([a-zA-Z][^\s/>]*)[^>]*>/.exec(html.slice(lt, lt + 200));
      if (close) {
        markup.push(close[0]);
        i = lt + close[0].length;
      } else {
        markup.push("<");
        i = lt + 1;
      }
      continue;
    }
    const tag = open[1]!.toLowerCase();
    // Attributes up to the tag's ">" (quotes honoured).
    let j = lt + open[0].length;
    const attributes: Array<[string, string]> = [];
    while (j < length) {
      while (j < length && /[\s/]/.test(html[j]!)) j++;
      if (j >= length || html[j] === ">") break;
      let name = "";
      // The first character may be "=" (an attribute named "="), as in the parser.
      do {
        name += html[j];
        j++;
      } while (j < length && !/[\s/>=]/.test(html[j]!));
      while (j < length && /\s/.test(html[j]!)) j++;
      let value = "";
      if (html[j] === "=") {
        j++;
        while (j < length && /\s/.test(html[j]!)) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end === -1 ? length : end);
          j = end === -1 ? length : end + 1;
        } else {
          const start = j;
          while (j < length && !/[\s>]/.test(html[j]!)) j++;
          value = html.slice(start, j);
        }
      }
      const lower = name.toLowerCase();
      if (!attributes.some(([n]) => n === lower)) attributes.push([lower, decodeEntities(value)]);
    }
    const tagEnd = Math.min(j + 1, length);
    const element: ElementInfo = { tag, attributes };
    markup.push(html.slice(lt, tagEnd));
    i = tagEnd;
    if (RAW_TEXT.has(tag)) {
      const closeAt = html.slice(i).search(new RegExp(`</${tag}[\\s/>]`, "i"));
      const textEnd = closeAt === -1 ? length : i + closeAt;
      const text = html.slice(i, textEnd);
      if (tag === "script") {
        element.text = text;
        element.nonce = attributes.some(([n, v]) => n === "nonce" && v.length > 0);
      } else markup.push(text);
      i = textEnd;
    }
    elements.push(element);
  }
  return { elements, markup: markup.join("") };
}

/** Text as React writes it into HTML (text and attribute values alike): & < > " ' escaped. */
export function escapeAsReact(text: string) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" }[c]!));
}

/**
 * The opening tags a probe writes that carry its marker (`<img xss17 src=x …>`): verbatim in a
 * page's HTML they can only be unescaped markup (escaped, "<" is "&lt;"; in the hydration data,
 * "\u003c").
 */
export function markerTagsOf(probe: XssProbe) {
  return [...probe.text.matchAll(new RegExp(`<[a-zA-Z][^<>]*\\bxss${probe.id}\\b[^<>]*>?`, "g"))].map((m) => m[0]);
}
