import { desc, eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import "#app/.server/notification-kinds.ts";
import { renderNotifications, type Reader } from "#app/.server/notifications/index.ts";
import type { Locale } from "#app/i18n.ts";

/**
 * A person's notifications, newest first, as stored (`type`, `data`, `readAt`) and as they read
 * them now (`text`, `link`, through the same rendering as the notifications page).
 */
export function noticesOf(reader: Reader, locale: Locale = "es") {
  const rows = db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.userId, reader.id))
    .orderBy(desc(schema.notifications.id))
    .all();
  const shown = renderNotifications(rows, reader, locale);
  return rows.map((row) => ({ type: row.type, data: row.data, readAt: row.readAt, ...shown.get(row.id)! }));
}
