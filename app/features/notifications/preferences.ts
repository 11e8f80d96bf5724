import { z } from "zod";
import type { DigestFrequency, NotificationChannel } from "#db/schema/notifications.ts";

/**
 * Groups of notification kinds a person sets one preference for (issue 10): replies in threads
 * they started or follow; mentions and quotes of them; initiatives they take part in or follow;
 * events they registered for or follow; their organisations' membership and approval.
 */
export const PREFERENCE_GROUPS = ["discussion_replies", "mentions", "initiatives", "events", "organisations"] as const;
export type PreferenceGroup = (typeof PREFERENCE_GROUPS)[number];

// The same values as the database's enums (db/schema/notifications.ts), here without pulling the
// schema module into the browser bundle; the `satisfies` keeps the two lists in step.
export const CHANNELS = ["in_app", "email", "digest", "off"] as const satisfies readonly NotificationChannel[];
export const FREQUENCIES = ["daily", "weekly"] as const satisfies readonly DigestFrequency[];

const Channel = z.enum(CHANNELS, { message: "notifications.prefs.invalid" });

/** The preferences form: one channel per group (field `channel.<group>`) and the digest frequency. */
export const PreferencesSchema = z.object({
  channel: z.object({
    discussion_replies: Channel,
    mentions: Channel,
    initiatives: Channel,
    events: Channel,
    organisations: Channel,
  } satisfies Record<PreferenceGroup, typeof Channel>),
  digestFrequency: z.enum(FREQUENCIES, { message: "notifications.prefs.invalid" }),
});
