import { describe, expect, test } from "vitest";
import { shouldRevalidate } from "#app/root.tsx";

// A thread page posts its reader's "read" mark by itself (a fetcher) as soon as it is shown. The
// root loader, which reads and clears the one-time flash message, must not reload after that post:
// on a slow connection the reload landed after the reader's next action (e.g. a report) had set
// its flash, consumed it, and the page that followed showed no message (seen in an e2e run under
// load: "el mensaje quedó oculto" never appeared).

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};
const args = (formData?: FormData) => ({ formData, defaultShouldRevalidate: true }) as Parameters<typeof shouldRevalidate>[0];

describe("the root loader's revalidation", () => {
  test("is skipped after a thread's automatic read mark", () => {
    expect(shouldRevalidate(args(form({ intent: "read", upTo: "20" })))).toBe(false);
  });

  test("runs after every other submission and navigation, as Remix would", () => {
    expect(shouldRevalidate(args(form({ intent: "flag", postId: "1" })))).toBe(true);
    expect(shouldRevalidate(args(form({ intent: "mark-read", upTo: "20" })))).toBe(true);
    expect(shouldRevalidate(args())).toBe(true);
    expect(shouldRevalidate({ ...args(), defaultShouldRevalidate: false })).toBe(false);
  });
});
