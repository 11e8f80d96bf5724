import { and, desc, eq, isNull, count, lte } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { mailContactsOf } from "#app/.server/auth/account.ts";
import { appUrl } from "#app/.server/env.ts";
import { sendMail } from "#app/.server/mail.ts";
import { translate, type MessageKey } from "#app/i18n.ts";

export type Notice = {
  /** In-app text and email body, e.g. "org.notice.approved". */
  key: MessageKey;
  /** Email subject. */
  subjectKey: MessageKey;
  vars: Record<string, string>;
  link: string;
};

/**
 * Tells people something happened: one in-app notification each and one email each, in each
 * person's own language. Called after the change it reports has been committed.
 */
export async function notifyUsers(userIds: number[], notice: Notice) {
  if (userIds.length === 0) return;
  // Addresses and languages belong to accounts: asked of auth, not read from its table.
  const recipients = mailContactsOf(userIds);
  createNotifications(recipients.map((r) => ({ userId: r.id, key: notice.key, vars: notice.vars, link: notice.link })));
  for (const r of recipients) {
    const t = (key: MessageKey, vars?: Record<string, string>) => translate(r.locale, key, vars);
    await sendMail({
      to: r.email,
      locale: r.locale,
      subject: t(notice.subjectKey, notice.vars),
      text: [
        t("mail.greeting", { name: r.name }),
        "",
        t(notice.key, notice.vars),
        `${appUrl()}${notice.link}`,
        "",
        t("mail.signature"),
      ].join("\n"),
    });
  }
}

/**
 * In-app notifications only, one row per entry (text key, its variables and a link inside the
 * app), for features that email people themselves (for example with a calendar attachment).
 * Called after the change it reports has been committed.
 */
export function createNotifications(entries: Array<{ userId: number; key: MessageKey; vars: Record<string, string>; link: string }>) {
  if (entries.length === 0) return;
  db.insert(schema.notifications)
    .values(entries.map((e) => ({ userId: e.userId, messageKey: e.key, vars: e.vars, link: e.link })))
    .run();
}

export const NOTIFICATIONS_PAGE_SIZE = 30;

/** One page (1-based) of a person's notifications, newest first, with the total and page count. */
export function notificationsPage(userId: number, page: number) {
  const mine = eq(schema.notifications.userId, userId);
  const total = db.select({ n: count() }).from(schema.notifications).where(mine).get()?.n ?? 0;
  const rows = db
    .select()
    .from(schema.notifications)
    .where(mine)
    .orderBy(desc(schema.notifications.createdAt), desc(schema.notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE)
    .all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)) };
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
