import { schema } from "#app/.server/db.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";

const n = schema;

/**
 * Notifications (issue 13): the person's notifications, preferences, digest settings and
 * unsubscribe links (removed with the account), and other people's notifications about the
 * person's acts (kept, the actor left out: ON DELETE SET NULL).
 */
export const notificationsPersonalData: PersonalDataSource = {
  section: "notifications",
  references: [
    { table: n.notifications, column: n.notifications.userId, onClosure: "cascade" },
    {
      table: n.notifications,
      column: n.notifications.actorId,
      onClosure: "set-null",
      notExported: "other people's notifications about the person's acts are theirs (the acts themselves are exported)",
    },
    { table: n.notificationPreferences, column: n.notificationPreferences.userId, onClosure: "cascade" },
    { table: n.notificationSettings, column: n.notificationSettings.userId, onClosure: "cascade" },
    { table: n.unsubscribeTokens, column: n.unsubscribeTokens.userId, onClosure: "cascade" },
  ],
};
