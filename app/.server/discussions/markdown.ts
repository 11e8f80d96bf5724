import { DEFAULT_LOCALE, translate } from "#app/i18n.ts";
import MarkdownIt from "markdown-it";
import { mentionsPlugin, MENTIONS_MAX, type MentionEnv } from "./mentions.ts";

// Posts' markdown (issue 10, ADR 0013), rendered once when written and stored as HTML. Its own
// instance, stricter than app/.server/markdown.ts: raw HTML is escaped; links only to http(s),
// mailto and paths of this site (not "//other.host"); every link rel="nofollow ugc noopener";
// images are not shown (their alt text is); @mentions of known people become links; a quote gets
// a link back to the quoted post.

const posts = new MarkdownIt({ html: false, linkify: true, typographer: false });
const SAFE_LINK = /^(?:https?:\/\/|mailto:|\/(?![/\\])|#)/i;
posts.validateLink = (url: string) => SAFE_LINK.test(url.trim());
posts.use(mentionsPlugin);

const escapeHtml = posts.utils.escapeHtml;

posts.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet("rel", "nofollow ugc noopener");
  return self.renderToken(tokens, idx, options);
};
// No images in posts (tracking pixels, huge files, mixed content): their description stands in.
posts.renderer.rules.image = (tokens, idx, options, env, self) =>
  escapeHtml(self.renderInlineAsText(tokens[idx]!.children ?? [], options, env));

type QuoteEnv = { quote?: { postId: number; number: number; authorName: string } };

// A post that quotes another: a link "↩ Name #N" to the quoted post's permalink is added at the end
// of its first top-level blockquote (the quoted text), or before the post when it has none.
posts.core.ruler.push("quote_link", (state) => {
  const quote = (state.env as QuoteEnv).quote;
  if (!quote) return;
  const make = (type: string, tag: string, nesting: 1 | 0 | -1) => new state.Token(type, tag, nesting);
  const paragraphOpen = make("paragraph_open", "p", 1);
  paragraphOpen.attrs = [["class", "quote-source"]];
  paragraphOpen.block = true;
  const inline = make("inline", "", 0);
  const linkOpen = make("link_open", "a", 1);
  linkOpen.attrs = [["href", `/discussions/posts/${quote.postId}`]];
  const text = make("text", "", 0);
  // A closed account's posts belong to the deleted-account row, whose name is empty (issue 13);
  // stored HTML is written once, in the site's default language.
  text.content = `↩ ${quote.authorName || translate(DEFAULT_LOCALE, "people.deletedAccount")} #${quote.number}`;
  inline.children = [linkOpen, text, make("link_close", "a", -1)];
  inline.content = text.content;
  const paragraphClose = make("paragraph_close", "p", -1);
  paragraphClose.block = true;
  const at = state.tokens.findIndex((token) => token.type === "blockquote_close" && token.level === 0);
  state.tokens.splice(at === -1 ? 0 : at, 0, paragraphOpen, inline, paragraphClose);
});

/**
 * A post's markdown as safe HTML. `mentions`: the known people by lower-cased handle (from
 * `usersByHandles(parseMentions(source))`) — their @handles become links, others stay text.
 * `quote`: the post quoted, linked from the quote. Pure; never throws on any input.
 */
export function renderPostMarkdown(
  source: string,
  options: { mentions?: ReadonlyMap<string, { name: string }>; quote?: { postId: number; number: number; authorName: string } | null } = {},
): string {
  const env: MentionEnv & QuoteEnv = { mentions: options.mentions ?? new Map(), quote: options.quote ?? undefined };
  return posts.render(source, env);
}

/**
 * The handles a post mentions, lower-cased, each once, in order of appearance, at most
 * MENTIONS_MAX: "@ana-torres" in text counts; in `code`, in code blocks, inside links and in
 * e-mail addresses ("ana@ejemplo.pe") it does not.
 */
export function parseMentions(source: string): string[] {
  const env: MentionEnv = {};
  posts.parse(source, env);
  return (env.found ?? []).slice(0, MENTIONS_MAX);
}
