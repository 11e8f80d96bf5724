import { Fragment } from "react";

// Stands for the query while its message is translated: a private-use character, as the marks
// (U+E000, U+E001) are, that no translation contains.
const QUERY_SLOT = "\uE002";

/** Unicode isolates (FSI … PDI) around text, for where no element can go (a page's <title>). */
export const isolated = (text: string) => `\u2068${text}\u2069`;

/**
 * A message with the searched text in it, that text in a <bdi>: its own direction (Arabic or
 * Hebrew words, a U+202E override) stays inside and cannot reverse the sentence around it.
 * `message` gives the translated message with its argument where the query goes, e.g.
 * `(q) => t("search.titleFor", { q })`. Text nodes only.
 */
export function QuotedQuery({ message, q }: { message: (q: string) => string; q: string }) {
  const [first = "", ...rest] = message(QUERY_SLOT).split(QUERY_SLOT);
  return (
    <>
      {first}
      {rest.map((text, index) => (
        <Fragment key={index}>
          <bdi>{q}</bdi>
          {text}
        </Fragment>
      ))}
    </>
  );
}
