import MarkdownIt from "markdown-it";

// User markdown: raw HTML is escaped, links open only for http(s) and mailto, images are shown as
// their description, and rendering happens on the server. markdown-it's validateLink already
// refuses javascript:, vbscript:, file: and most data: URLs; this narrows it further.
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

// Images stand as their description, as in posts (app/.server/discussions/markdown.ts): the
// site's CSP (img-src 'self' data:) blocks every image from elsewhere, so an <img> of a pasted URL
// would only be a broken picture and a CSP violation on every visit (issue 14's XSS suite).
markdown.renderer.rules.image = (tokens, idx, options, env, self) =>
  markdown.utils.escapeHtml(self.renderInlineAsText(tokens[idx]!.children ?? [], options, env));

export function renderMarkdown(source: string) {
  return markdown.render(source);
}

/**
 * Markdown reduced to the text a reader sees, for short excerpts in lists: the words of every
 * block (headings, list items, quotes, code) joined by single spaces, without any syntax — no
 * list markers, no `**`, no link targets — while a literal "5 * 3" or "snake_case" stays as typed.
 */
export function plainText(source: string) {
  const parts: string[] = [];
  for (const block of markdown.parse(source, {})) {
    if (block.type === "inline") {
      for (const child of block.children ?? []) {
        if (child.type === "text" || child.type === "code_inline" || child.type === "image") parts.push(child.content);
        else if (child.type === "softbreak" || child.type === "hardbreak") parts.push(" ");
      }
      parts.push(" ");
    } else if (block.type === "code_block" || block.type === "fence") {
      parts.push(block.content, " ");
    }
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}
