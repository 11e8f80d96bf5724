import { and, count, desc, eq, isNull, lte, sql } from "drizzle-orm";
import { findUserById } from "#app/.server/auth/account.ts";
import { existingDeletedAccountId } from "#app/.server/auth/deleted-account.ts";
import { peopleByIds } from "#app/.server/auth/handles.ts";
import { db, schema } from "#app/.server/db.ts";
import { appUrl } from "#app/.server/env.ts";
import { deliverEnqueued, enqueueMail, type MailMessage } from "#app/.server/mail-queue.ts";
import { translate, type Locale } from "#app/i18n.ts";
import { notificationMailFooter } from "./mail.ts";
import { channelsFor } from "./preferences.ts";
import { notificationKind } from "./registry.ts";
import { renderNotifications, type Reader } from "./render.ts";

export { groupDigest, sendDueDigests } from "./digest.ts";
export { PREFERENCES_PATH } from "./mail.ts";
export { peekUnsubscribe, unsubscribe, UNSUBSCRIBE_PATH, type UnsubscribeScope } from "./unsubscribe.ts";
export { GROUP_DEFAULTS, notificationPreferences, saveNotificationPreferences } from "./preferences.ts";
export { PREFERENCE_GROUPS, registerNotificationKind, registerNotificationSubject, type PreferenceGroup } from "./registry.ts";
export { renderNotifications, type Reader } from "./render.ts";

/** A person a notification email goes to. */
export type MailRecipient = { id: number; email: string; name: string; locale: Locale };

/** Something that happened, to tell people about (ADR 0013). */
export type NotificationEvent = {
  /** A registered kind, e.g. "discussion.reply" (app/.server/notification-kinds.ts). */
  type: string;
  /** User ids; the actor and repeats are dropped. */
  recipients: readonly number[];
  /** Who did it, if a person did (never told of their own act). */
  actorId?: number | null;
  /** What it is about, resolved to its current title and link whenever shown. */
  subject: { type: string; id: number };
  /** Small facts the wording needs that the subject does not hold. */
  data?: Record<string, string | number | null>;
  /** Digest grouping, e.g. "thread:12"; by default the subject, e.g. "initiative:7". */
  groupKey?: string;
  /**
   * The feature's own email for a recipient whose channel is "email", instead of the standard one
   * (e.g. an event's, with its calendar file). The preferences line is added to it. Returning
   * null sends the standard one (e.g. to an event's followers, who have no seat to put in a calendar).
   */
  email?: (recipient: MailRecipient) => MailMessage | null;
};

/**
 * Tells people something happened, after the change is committed. Reads the recipients'
 * preferences for the kind's group (one query) and words the emails first — for channel "email",
 * one per person in their language, from the kind's messages with the subject's current title as
 * they may see it, a link, and a line leading to the preferences page — then, in one short
 * immediate transaction, writes one notification row per person whose channel is not "off" (it
 * stores the kind, subject, actor and data, never a sentence) and enqueues the emails with their
 * unsubscribe links; channel "digest" leaves the row waiting for the next digest. The wording
 * happens outside the transaction so the write lock, which every server process on the database
 * file waits for, is held only for the inserts. Synchronous; the queued mail is delivered by the
 * mail worker (at once where no worker runs). Throws for an unregistered kind (a programming error).
 */
export function notify(event: NotificationEvent): void {
  const kind = notificationKind(event.type);
  if (!kind) throw new Error(`Unknown notification kind "${event.type}": register it (app/.server/notification-kinds.ts)`);
  // Never the actor, nor the deleted-account row (content of closed accounts, issue 13).
  const deletedAccount = existingDeletedAccountId();
  const recipients = [...new Set(event.recipients)].filter((id) => id !== event.actorId && id !== deletedAccount);
  if (recipients.length === 0) return;
  const data = event.data ?? {};
  const base = {
    type: event.type,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    actorId: event.actorId ?? null,
    data,
    link: null,
    groupKey: event.groupKey ?? `${event.subject.type}:${event.subject.id}`,
  };
  const channels = channelsFor(kind, recipients);
  const told = recipients.filter((id) => channels.get(id) !== "off");
  if (told.length === 0) return;
  // The actor's name once for every email, not once per recipient's rendering.
  const actorName = base.actorId === null ? null : (peopleByIds([base.actorId]).get(base.actorId)?.name ?? null);
  const mails: { person: NonNullable<ReturnType<typeof findUserById>>; message: MailMessage }[] = [];
  for (const userId of told) {
    if (channels.get(userId) !== "email") continue;
    const person = findUserById(userId);
    if (!person) continue;
    const shown = renderNotifications([{ ...base, id: 0, actorName }], { id: person.id, role: person.role }, person.locale).get(0)!;
    // Nothing is mailed about what the person may not see (any more).
    if (!shown.available || !shown.link || !shown.subject) continue;
    const recipient = { id: person.id, email: person.email, name: person.name, locale: person.locale };
    const message = event.email?.(recipient) ?? {
      to: person.email,
      locale: person.locale,
      subject: shown.subject,
      text: [
        translate(person.locale, "mail.greeting", { name: person.name }),
        "",
        shown.text,
        `${appUrl()}${shown.link}`,
        "",
        translate(person.locale, "mail.signature"),
      ].join("\n"),
    };
    mails.push({ person, message });
  }
  const queued = db.transaction(
    (tx) => {
      tx.insert(schema.notifications)
        .values(told.map((userId) => ({ ...base, userId, emailState: channels.get(userId) === "digest" ? ("pending_digest" as const) : null })))
        .run();
      return mails.map(({ person, message }) => {
        const footer = notificationMailFooter(tx, person, kind.preference);
        return enqueueMail({ ...message, text: [message.text, "", ...footer.lines].join("\n"), headers: { ...footer.headers, ...message.headers } }, tx);
      });
    },
    { behavior: "immediate" },
  );
  deliverEnqueued(queued).catch((error: unknown) => console.error("Notification mail could not be handed to the queue", error));
}

export const NOTIFICATIONS_PAGE_SIZE = 30;

/**
 * One page (1-based) of a person's notifications, newest first, rendered for them in `locale`:
 * `{ rows: [{ id, text, link, readAt, createdAt }], total, pages }`. Texts follow the subjects'
 * current titles; a fixed number of queries (the page with its total and actors, then the
 * subjects' resolvers: one or two per subject type).
 */
export function notificationsPage(reader: Reader, page: number, locale: Locale) {
  const n = schema.notifications;
  // One statement for the page, its total (a window count over the person's rows) and the actors'
  // names (joined, as other features' lists join people's names).
  const read = (offset: number) =>
    db
      .select({ row: n, total: sql<number>`count(*) OVER ()`, actorName: schema.users.name })
      .from(n)
      .leftJoin(schema.users, eq(schema.users.id, n.actorId))
      .where(eq(n.userId, reader.id))
      .orderBy(desc(n.createdAt), desc(n.id))
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset(offset)
      .all();
  let found = read((Math.max(1, page) - 1) * NOTIFICATIONS_PAGE_SIZE);
  // Past the last page (the route redirects there): one more statement to learn the total.
  if (found.length === 0 && page > 1) found = read(0);
  const total = found[0]?.total ?? 0;
  const rows = found.map(({ row, actorName }) => ({ ...row, actorName: row.actorId === null ? null : (actorName ?? null) }));
  const rendered = renderNotifications(rows, reader, locale);
  return {
    rows: rows.map((row) => ({ id: row.id, ...rendered.get(row.id)!, readAt: row.readAt, createdAt: row.createdAt })),
    total,
    pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)),
  };
}

export function countUnread(userId: number) {
  return (
    db
      .select({ n: count() })
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, userId), isNull(schema.notifications.readAt)))
      .get()?.n ?? 0
  );
}

/**
 * Marks a person's unread notifications as read. With `upToId`, only those up to that id (the
 * newest one the person was shown), so one that arrived after the page was drawn stays unread.
 */
export function markAllRead(userId: number, upToId?: number) {
  db.update(schema.notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(schema.notifications.userId, userId),
        isNull(schema.notifications.readAt),
        upToId === undefined ? undefined : lte(schema.notifications.id, upToId),
      ),
    )
    .run();
}

/**
 * Marks one of a person's notifications as read. Returns false, changing nothing, when the id is not
 * one of theirs (someone else's, or none), so the caller answers 404 rather than "marked".
 */
export function markRead(userId: number, notificationId: number): boolean {
  const mine = and(eq(schema.notifications.id, notificationId), eq(schema.notifications.userId, userId));
  const changed = db.update(schema.notifications).set({ readAt: new Date() }).where(and(mine, isNull(schema.notifications.readAt))).run().changes;
  // Already read (a second click) is still theirs.
  return changed > 0 || db.select({ id: schema.notifications.id }).from(schema.notifications).where(mine).get() !== undefined;
}
