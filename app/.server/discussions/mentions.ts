import type MarkdownIt from "markdown-it";

type Markdown = InstanceType<typeof MarkdownIt>;
type Token = ReturnType<Markdown["parse"]>[number];

// @mentions in posts (issue 10): `@handle` in running text — not in code spans or blocks, not inside
// a link, not the middle of an e-mail address — becomes a link to the person when the handle
// exists; unknown ones stay text. A markdown-it rule, so finding and linking agree exactly.

/**
 * At most this many different @handles are read per post: those of them that exist are linked and
 * told; later ones stay text (the post is still accepted). The reply box says so.
 */
export const MENTIONS_MAX = 10;

// "@" not preceded by a letter, digit, "@", ".", "/" or "+" (so "ana@ejemplo.pe" is no mention),
// then a handle (letters, digits, inner dashes; up to 30) not followed by more handle characters.
const MENTION = /(^|[^\p{L}\p{N}_@./+-])@([a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?)(?![\p{L}\p{N}_-])/giu;

/** What the markdown rule reads and fills in (markdown-it's `env`). */
export type MentionEnv = {
  /** Known people by handle: those become links. Absent: nothing is linked (parsing only). */
  mentions?: ReadonlyMap<string, { name: string }>;
  /** Filled in: the handles written, lower-cased, each once, in order, at most MENTIONS_MAX. */
  found?: string[];
};

/** Where a mention links to: the discussions by that person. */
export const mentionHref = (handle: string) => `/discussions?author=${encodeURIComponent(handle)}`;

/** markdown-it plugin: finds mentions in text tokens, and links the known ones. */
export const mentionsPlugin = (md: Markdown) => {
  md.core.ruler.push("mentions", (state) => {
    const env = state.env as MentionEnv;
    const found = (env.found ??= []);
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      let linkDepth = 0;
      const children: Token[] = [];
      for (const token of block.children) {
        if (token.type === "link_open") linkDepth += 1;
        if (token.type === "link_close") linkDepth -= 1;
        if (token.type !== "text" || linkDepth > 0 || !token.content.includes("@")) {
          children.push(token);
          continue;
        }
        children.push(...splitMentions(state.Token, token, found, env.mentions));
      }
      block.children = children;
    }
  });
};

function splitMentions(
  TokenClass: new (type: string, tag: string, nesting: 1 | 0 | -1) => Token,
  token: Token,
  found: string[],
  known: ReadonlyMap<string, { name: string }> | undefined,
): Token[] {
  const text = token.content;
  const parts: Token[] = [];
  let last = 0;
  const textToken = (content: string) => {
    const t = new TokenClass("text", "", 0);
    t.content = content;
    t.level = token.level;
    return t;
  };
  for (const match of text.matchAll(MENTION)) {
    const handle = match[2]!.toLowerCase();
    const seen = found.includes(handle);
    if (!seen && found.length >= MENTIONS_MAX) continue;
    if (!seen) found.push(handle);
    const person = known?.get(handle);
    if (!person) continue;
    const at = match.index + match[1]!.length;
    if (at > last) parts.push(textToken(text.slice(last, at)));
    const open = new TokenClass("link_open", "a", 1);
    open.attrs = [
      ["href", mentionHref(handle)],
      ["class", "mention"],
      ["title", person.name],
    ];
    open.level = token.level;
    const close = new TokenClass("link_close", "a", -1);
    close.level = token.level;
    parts.push(open, textToken(`@${handle}`), close);
    last = at + 1 + match[2]!.length;
  }
  if (last === 0) return [token];
  if (last < text.length) parts.push(textToken(text.slice(last)));
  return parts;
}
