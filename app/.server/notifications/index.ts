import { and, desc, eq, inArray, isNull, count } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
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
  const recipients = db
    .select({ id: schema.users.id, email: schema.users.email, name: schema.users.name, locale: schema.users.locale })
    .from(schema.users)
    .where(inArray(schema.users.id, userIds))
    .all();
  db.insert(schema.notifications)
    .values(recipients.map((r) => ({ userId: r.id, messageKey: notice.key, vars: notice.vars, link: notice.link })))
    .run();
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

export function listNotifications(userId: number, limit = 50) {
  return db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.userId, userId))
    .orderBy(desc(schema.notifications.createdAt), desc(schema.notifications.id))
    .limit(limit)
    .all();
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

export function markAllRead(userId: number) {
  db.update(schema.notifications)
    .set({ readAt: new Date() })
    .where(and(eq(schema.notifications.userId, userId), isNull(schema.notifications.readAt)))
    .run();
}
