/** Words beyond this many in one query are ignored: each is one more FTS5 term to intersect. */
export const MAX_SEARCH_WORDS = 12;

/**
 * The FTS5 MATCH expression for text a person typed into a filter: every word must occur
 * (implicit AND), the last one as a prefix (`recicl` finds "reciclaje"), case and accents folded
 * by the index's tokenizer (unicode61 remove_diacritics 2, migration 0007). Input is always
 * literal text: words are split on anything that is not a letter or digit, as the tokenizer
 * does, and each is quoted, so FTS5 syntax (`OR`, `NEAR`, `*`, `"`, `:`, `^`) and SQL mean nothing.
 *
 * Text is NFKC-normalised first, so composed and decomposed accents are the same and
 * compatibility forms become plain letters ("ﬁbra" is "fibra", full-width "ＰＥＴ" is "PET").
 *
 * Returns null when the text has no word at all (e.g. "¿?"), which callers treat as "matches
 * nothing". `columns` restricts the match to those FTS columns (e.g. ["name"]).
 */
export function ftsMatch(text: string, columns?: readonly string[]): string | null {
  const words = (text.normalize("NFKC").match(/[\p{L}\p{N}\p{Co}\p{M}]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return null;
  const terms = words.map((word, index) => `"${word}"${index === words.length - 1 ? "*" : ""}`).join(" ");
  return columns?.length ? `{${columns.join(" ")}} : (${terms})` : terms;
}
