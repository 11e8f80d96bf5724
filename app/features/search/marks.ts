// Matched words in search titles and snippets (issue 11) travel as plain text between two
// private-use characters, which FTS5's highlight() and snippet() put around them; the page splits
// the text on them into <mark> elements. No HTML is ever built from indexed text.

/** Opens a matched word (U+E000). */
export const MARK_START = "\uE000";
/** Closes a matched word (U+E001). */
export const MARK_END = "\uE001";

/** A piece of marked text: plain, or a matched word. */
export type MarkedPart = { text: string; marked: boolean };

/**
 * Text with marks as its pieces, in order; empty pieces are dropped. A mark left open runs to
 * the end; stray markers (typed by someone into the indexed text) are removed.
 */
export function splitMarks(text: string): MarkedPart[] {
  const parts: MarkedPart[] = [];
  let marked = false;
  let current = "";
  const flush = () => {
    if (current) parts.push({ text: current, marked });
    current = "";
  };
  for (const char of text) {
    if (char === MARK_START || char === MARK_END) {
      flush();
      marked = char === MARK_START;
    } else {
      current += char;
    }
  }
  flush();
  return parts;
}

/** Text without its marks. */
export function unmarked(text: string) {
  return text.replaceAll(MARK_START, "").replaceAll(MARK_END, "");
}
