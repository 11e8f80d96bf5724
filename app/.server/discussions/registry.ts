import type { SQL } from "drizzle-orm";
import type { SessionUser } from "#app/.server/auth/index.ts";
import type { DiscussableType } from "#app/features/discussions/taxonomy.ts";
import type { MessageKey } from "#app/locales/es-keys.ts";
import type { PlatformRole } from "#db/schema/auth.ts";

/**
 * What a parent of discussion threads (an initiative, an event; later an organisation or a
 * resource listing) tells the discussion feature about itself — and all it tells it (ADR 0013,
 * after Decidim's `Commentable` concern). The discussion feature knows a parent only as
 * (type, id) and asks these questions; it never reads the parent's tables.
 */
export type Discussable = {
  type: DiscussableType;
  /**
   * The parent as this viewer sees it, or null when it does not exist or the viewer may not see
   * it (then its threads do not exist for them either: 404). `mayPost`: whether the viewer may
   * start threads and reply there, as far as the parent is concerned (the discussion feature adds
   * its own rules: signed in with a confirmed email, not suspended, thread not locked).
   */
  load(id: number, viewer: SessionUser | null): DiscussableParent | null;
  /**
   * Titles and links of many parents at once (lists, notifications, digests), visible ones only.
   * Visibility depends only on who the viewer is and their platform role (a notification's reader).
   */
  describe(ids: readonly number[], viewer: { id: number; role: PlatformRole } | null): Map<number, { title: string; link: string }>;
  /** User ids told about a new thread on the parent (its followers, managers, registrants…). */
  audience(id: number): number[];
  /**
   * Private parents only (PRIVATE_DISCUSSABLE_TYPES): SQL selecting the ids of the parents of this
   * type that the person takes part in now, for lists that filter in SQL (unread followed threads).
   * Read from indexes; without it a private type's threads are left out of those lists.
   */
  participatingIdsSql?(userId: number): SQL;
};

export type DiscussableParent = {
  title: string;
  /** Path of the parent's page, e.g. "/initiatives/reciclaje-pet". Its threads list sits there. */
  link: string;
  mayPost: boolean;
  /**
   * When `mayPost` is false for a reason the viewer should read (a listing hidden by the
   * coordinators), the message key saying it, shown where the reply and "start a thread" forms
   * would be; without it a general note (PARENT_CLOSED_NOTE).
   */
  closed?: MessageKey;
};

/** What a thread's page says in place of its forms when the parent lets nobody write and gives no reason. */
export const PARENT_CLOSED_NOTE = "disc.closed.parent" satisfies MessageKey;

/** The note shown in place of the forms on a parent's threads: null while the parent lets the viewer write. */
export function closedNote(parent: Pick<DiscussableParent, "mayPost" | "closed">): MessageKey | null {
  return parent.mayPost ? null : (parent.closed ?? PARENT_CLOSED_NOTE);
}

const registry = new Map<DiscussableType, Discussable>();

/** Makes a kind of parent discussable. Each parent calls it once, from its own `discussable.ts`. */
export function registerDiscussable(discussable: Discussable) {
  registry.set(discussable.type, discussable);
}

/**
 * The registration of a kind of parent. Throws (a programming error, not a user's) when the parent
 * was never registered: import `#app/.server/discussion-parents.ts`, which registers them all.
 */
export function discussableOf(type: DiscussableType): Discussable {
  const found = registry.get(type);
  if (!found) throw new Error(`No discussable registered for "${type}"; import #app/.server/discussion-parents.ts`);
  return found;
}

/** The registration of a kind of parent, or undefined when it was not registered (callers that must work without it). */
export function registeredDiscussable(type: DiscussableType): Discussable | undefined {
  return registry.get(type);
}
