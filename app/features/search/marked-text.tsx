import { Fragment } from "react";
import { splitMarks } from "./marks.ts";

/**
 * Text with its matched words (between MARK_START and MARK_END) as <mark> elements. Built from
 * text nodes only: indexed text never becomes HTML.
 */
export function MarkedText({ text }: { text: string }) {
  return (
    <>
      {splitMarks(text).map((part, index) =>
        part.marked ? (
          <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
