import { useSyncExternalStore, type ReactNode } from "react";

const subscribeNever = () => () => {};

/**
 * False on the server and while React hydrates the page; true once the page runs in the browser
 * with JavaScript. Lets a component render the no-JavaScript version first, so server and client
 * markup match, and then enhance it.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/**
 * Form fields that apply only in some cases (for example the industry approach, only on the
 * industry roadmap), as progressive enhancement:
 * - without JavaScript (and until the page is hydrated) they are always shown; their own hint
 *   says when they apply, and the server ignores them when they do not;
 * - with JavaScript they are hidden and disabled (so not submitted) while `applies` is false,
 *   and come back, with what was chosen before, as soon as it is true.
 * `applies` is usually computed from a Conform field's live `value`.
 */
export function ConditionalFields({ applies, children, testId }: { applies: boolean; children: ReactNode; testId?: string }) {
  const hydrated = useHydrated();
  const off = hydrated && !applies;
  return (
    <fieldset hidden={off} disabled={off} data-testid={testId} className="m-0 min-w-0 border-0 p-0">
      {children}
    </fieldset>
  );
}
