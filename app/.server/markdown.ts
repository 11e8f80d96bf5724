import MarkdownIt from "markdown-it";

// User markdown: raw HTML is escaped, links open only for http(s) and mailto, and rendering
// happens on the server. markdown-it's validateLink already refuses javascript:, vbscript:,
// file: and most data: URLs; this narrows it further.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
const SAFE_LINK = /^(https?:|mailto:|\/|#)/i;
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string) {
  return markdown.render(source);
}

/** Markdown reduced to plain text, for short excerpts in lists. */
export function plainText(source: string) {
  return source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`>#~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
