import anyAscii from "any-ascii";

// Scripts written without spaces between words: each character is transliterated as a word of its
// own, so "森林協会" becomes "sen-lin-xie-hui" rather than one unreadable run.
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const BETWEEN_UNSPACED = /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]) (?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu;

/**
 * The key two organisation names are "the same" by, for duplicate checks, sorting and search:
 * case, accents, punctuation and spacing are ignored, and letters of any script are kept.
 * "Cámara de Comercio de Lima S.A.C." → "camara de comercio de lima s a c"; "森林協会" → "森林協会";
 * "ＡＢＣ" → "abc"; "森林 協会" → "森林協会". Latin letters are folded to ASCII ("Ørsted" = "Orsted", "Straße" = "Strasse");
 * other scripts keep their letters, so distinct names never share a key merely for not being Latin.
 * Never empty for a non-blank name: a name with no letters or digits ("!!!") is its own key.
 */
export function nameKey(name: string): string {
  const text = name.normalize("NFKC");
  let folded = "";
  for (const char of text) {
    if (/\p{Script=Latin}/u.test(char)) folded += anyAscii(char);
    else folded += char;
  }
  const key = folded
    .toLowerCase()
    .normalize("NFD")
    // Accents are dropped from Latin and Greek letters only: elsewhere combining marks are letters
    // (Devanagari vowel signs, Cyrillic й), so they stay.
    .replace(/(\p{Script=Latin}|\p{Script=Greek})[\u0300-\u036f]+/gu, "$1")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    // In scripts written without spaces a space is layout, not a word break: "森林 協会" = "森林協会".
    .replace(BETWEEN_UNSPACED, "")
    .trim();
  if (key) return key;
  // Symbols only: emoji have names ("🌳" → "deciduous tree"); anything else keys as itself.
  const spelled = anyAscii(text).toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  return spelled || text.toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * An ASCII spelling of `text` of the characters [a-z0-9-] only, at most 60 characters cut at a
 * word boundary; "" when nothing in it can be spelled (then the caller picks a fallback).
 * "Cámara de Comercio" → "camara-de-comercio"; "Москва" → "moskva"; "森林協会" → "sen-lin-xie-hui".
 */
export function asciiSlug(text: string): string {
  const spelled = anyAscii(
    text
      .normalize("NFKC")
      // Symbols (°, €, ©) and emoji separate words as punctuation does, rather than being spelled out.
      .replace(/[\p{S}\p{Extended_Pictographic}]/gu, " ")
      .replace(UNSPACED_SCRIPT, " $& "),
  );
  const slug = spelled
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= 60) return slug;
  const cut = slug.slice(0, 61);
  const boundary = cut.lastIndexOf("-");
  return (boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, 60)).replace(/-+$/, "");
}

/**
 * URL-safe slug from a name: "Cámara de Comercio" → "camara-de-comercio". `fallback` (default
 * "organizacion") is used when the name has nothing that can be spelled in ASCII; callers that
 * need uniqueness use `uniqueSlug` in slugs.ts, which passes its table's own fallback.
 */
export function slugify(name: string, fallback = "organizacion"): string {
  return asciiSlug(name) || fallback;
}
