import type { Locale, MessageKey, Vars } from "#app/i18n.ts";
import type { PlatformRole } from "#db/schema/auth.ts";
import type { NotificationChannel } from "#db/schema/notifications.ts";
import type { PreferenceGroup } from "#app/features/notifications/preferences.ts";

export { PREFERENCE_GROUPS, type PreferenceGroup } from "#app/features/notifications/preferences.ts";

/**
 * A kind of notification (ADR 0013). The row stores only `type`, the subject reference and small
 * data; the sentence is built when shown or mailed, in the reader's language:
 * `t(messageKey, { actor, title, ...data })`, `title` being the subject's current title.
 */
export type NotificationKind = {
  /** e.g. "discussion.reply", "initiative.partner_requested". */
  type: string;
  preference: PreferenceGroup;
  /** Channel when the person never chose one for the group. */
  defaultChannel: NotificationChannel;
  /** In-app text and email line. Variables: actor (a person's name), title, and the event's data. */
  messageKey: MessageKey;
  /** Email subject, same variables. */
  subjectKey: MessageKey;
  /**
   * More message variables, worked out when shown in the reader's language from the event's data
   * and the subject's current title (e.g. a date formatted for the reader, or `org` = the title).
   */
  vars?: (context: { data: Record<string, string | number | null>; title: string; locale: Locale }) => Vars;
  /** Where the notification leads when not the subject's own page, e.g. `${link}/pact`. */
  link?: (subjectLink: string, data: Record<string, string | number | null>) => string;
};

/**
 * Resolves subjects of one type (e.g. "post", "thread", "initiative", "event", "organisation") to
 * their current title and link, for the one reading: a subject they may no longer see is left out
 * of the map (shown as "no longer available"). One or two queries for all ids at once.
 */
export type SubjectResolver = {
  type: string;
  describe(
    ids: readonly number[],
    reader: { id: number; role: PlatformRole },
    /**
     * Every subject being resolved in the same pass (all types), the same array for each resolver
     * called in it, so a feature owning several types can resolve them together once.
     */
    batch?: ReadonlyArray<{ type: string; id: number }>,
  ): Map<number, { title: string; link: string }>;
};

const kinds = new Map<string, NotificationKind>();
const subjects = new Map<string, SubjectResolver>();

/** Registers a kind; each feature registers its own kinds once, at module load. */
export function registerNotificationKind(kind: NotificationKind) {
  kinds.set(kind.type, kind);
}

/** Registers how subjects of one type are resolved; registered by the feature owning them. */
export function registerNotificationSubject(resolver: SubjectResolver) {
  subjects.set(resolver.type, resolver);
}

export function notificationKind(type: string): NotificationKind | undefined {
  return kinds.get(type);
}

export function subjectResolver(type: string): SubjectResolver | undefined {
  return subjects.get(type);
}
