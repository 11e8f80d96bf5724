/**
 * User markdown already rendered to safe HTML on the server (`renderMarkdown` in
 * app/.server/markdown.ts), shown as readable prose: the Tailwind typography plugin gives lists
 * their markers and headings their sizes; long unbroken words wrap instead of widening the page.
 * `as` picks the element (a `section` for a whole description, a `div` inside a card).
 */
export function MarkdownContent({
  html,
  className = "",
  as: Element = "div",
  ...rest
}: { html: string; className?: string; as?: "div" | "section" } & Omit<React.HTMLAttributes<HTMLElement>, "dangerouslySetInnerHTML" | "className">) {
  return (
    <Element
      {...rest}
      className={`prose prose-stone max-w-none [overflow-wrap:anywhere] prose-a:text-brand-700 ${className}`}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
