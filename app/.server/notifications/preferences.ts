import { and, eq, inArray } from "drizzle-orm";
import { db, schema, type Tx } from "#app/.server/db.ts";
import type { DigestFrequency, NotificationChannel } from "#db/schema/notifications.ts";
import { PREFERENCE_GROUPS, type NotificationKind, type PreferenceGroup } from "./registry.ts";

type Reader = Pick<Tx, "select">;

/**
 * What the preferences page shows for a group nobody chose for: the channel most of its kinds
 * default to. Kinds keep their own default until the person saves a different choice for the
 * group (e.g. new threads stay "in app" while replies are mailed).
 */
export const GROUP_DEFAULTS: Record<PreferenceGroup, NotificationChannel> = {
  discussion_replies: "email",
  mentions: "email",
  initiatives: "email",
  events: "email",
  organisations: "email",
};

/**
 * The channel of one kind for each of the given people: their choice for the kind's preference
 * group, else the kind's default. One indexed query. Returns `Map<userId, channel>` with every id.
 */
export function channelsFor(kind: NotificationKind, userIds: readonly number[], reader: Reader = db): Map<number, NotificationChannel> {
  const p = schema.notificationPreferences;
  const chosen = new Map(
    reader
      .select({ userId: p.userId, channel: p.channel })
      .from(p)
      .where(and(eq(p.preference, kind.preference), inArray(p.userId, [...userIds])))
      .all()
      .map((row) => [row.userId, row.channel]),
  );
  return new Map(userIds.map((id) => [id, chosen.get(id) ?? kind.defaultChannel]));
}

/**
 * A person's notification settings for the preferences page: per group the channel they chose,
 * or the group's default (`channels`), and the digest frequency. Two queries.
 */
export function notificationPreferences(userId: number) {
  const chosen = new Map(
    db
      .select({ preference: schema.notificationPreferences.preference, channel: schema.notificationPreferences.channel })
      .from(schema.notificationPreferences)
      .where(eq(schema.notificationPreferences.userId, userId))
      .all()
      .map((row) => [row.preference, row.channel]),
  );
  const settings = db.select().from(schema.notificationSettings).where(eq(schema.notificationSettings.userId, userId)).get();
  return {
    channels: Object.fromEntries(PREFERENCE_GROUPS.map((group) => [group, chosen.get(group) ?? GROUP_DEFAULTS[group]])) as Record<PreferenceGroup, NotificationChannel>,
    digestFrequency: (settings?.digestFrequency ?? "daily") as DigestFrequency,
  };
}

/**
 * Saves the preferences form in one immediate transaction. A group left at its shown default that
 * the person never chose stays unchosen (its kinds keep their own defaults); any other answer is
 * stored. The digest frequency is stored as given.
 */
export function saveNotificationPreferences(
  userId: number,
  input: { channels: Record<PreferenceGroup, NotificationChannel>; digestFrequency: DigestFrequency },
) {
  const p = schema.notificationPreferences;
  db.transaction(
    (tx) => {
      const chosen = new Set(tx.select({ preference: p.preference }).from(p).where(eq(p.userId, userId)).all().map((r) => r.preference));
      for (const group of PREFERENCE_GROUPS) {
        const channel = input.channels[group];
        if (!chosen.has(group) && channel === GROUP_DEFAULTS[group]) continue;
        tx.insert(p).values({ userId, preference: group, channel }).onConflictDoUpdate({ target: [p.userId, p.preference], set: { channel } }).run();
      }
      tx.insert(schema.notificationSettings)
        .values({ userId, digestFrequency: input.digestFrequency })
        .onConflictDoUpdate({ target: schema.notificationSettings.userId, set: { digestFrequency: input.digestFrequency } })
        .run();
    },
    { behavior: "immediate" },
  );
}
