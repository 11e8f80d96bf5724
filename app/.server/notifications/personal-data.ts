import { schema } from "#app/.server/db.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";

/**
 * Notifications (issue 13): the person's notifications, preferences, digest settings and
 * unsubscribe links (removed with the account), and other people's notifications about the
 * person's acts (kept, the actor left out: ON DELETE SET NULL).
 */
export const notificationsPersonalData: PersonalDataSource = {
  section: "notifications",
  references: [
    { table: schema.notifications, column: schema.notifications.userId, onClosure: "cascade" },
    {
      table: schema.notifications,
      column: schema.notifications.actorId,
      onClosure: "set-null",
      notExported: "other people's notifications about the person's acts are theirs (the acts themselves are exported)",
    },
    { table: schema.notificationPreferences, column: schema.notificationPreferences.userId, onClosure: "cascade" },
    { table: schema.notificationSettings, column: schema.notificationSettings.userId, onClosure: "cascade" },
    { table: schema.unsubscribeTokens, column: schema.unsubscribeTokens.userId, onClosure: "cascade" },
  ],
};
