import { and, asc, eq, inArray, min } from "drizzle-orm";
import { findUserById } from "#app/.server/auth/account.ts";
import { db, schema } from "#app/.server/db.ts";
import { appUrl } from "#app/.server/env.ts";
import { deliverEnqueued, enqueueMail } from "#app/.server/mail-queue.ts";
import { formatDateTime, translate, translateCount, type MessageKey, type Vars } from "#app/i18n.ts";
import type { DigestFrequency } from "#db/schema/notifications.ts";
import { notificationMailFooter } from "./mail.ts";
import { describeSubjects, renderNotifications } from "./render.ts";

const n = schema.notifications;
const DAY_MS = 24 * 60 * 60 * 1000;
export const DIGEST_PERIOD_MS: Record<DigestFrequency, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };

/**
 * Groups a person's waiting notifications for the digest (pure): one group per `groupKey` (a
 * thread, an initiative, an event: "thread:12", "initiative:7"), rows within a group oldest first
 * (newest last), groups ordered by their latest row, most recent activity first. Rows without a
 * group key come last, in one group with key null.
 */
export function groupDigest<T extends { id: number; groupKey: string | null; createdAt: Date }>(rows: readonly T[]) {
  const byKey = new Map<string | null, T[]>();
  const chronological = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  for (const row of chronological) {
    const group = byKey.get(row.groupKey) ?? [];
    group.push(row);
    byKey.set(row.groupKey, group);
  }
  const latest = (group: T[]) => group[group.length - 1]!;
  return [...byKey.entries()]
    .map(([key, grouped]) => ({ key, rows: grouped }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === null ? 1 : -1;
      return latest(b.rows).createdAt.getTime() - latest(a.rows).createdAt.getTime() || latest(b.rows).id - latest(a.rows).id;
    });
}

/** "thread:12" → { type: "thread", id: 12 }; anything else → nulls. */
function parseGroupKey(key: string | null) {
  const match = key ? /^([a-z_]+):(\d+)$/.exec(key) : null;
  return match ? { type: match[1]!, id: Number(match[2]) } : { type: null, id: null };
}

/**
 * Builds, enqueues and settles one person's digest in one immediate transaction: their
 * notifications waiting for the digest, grouped (`groupDigest`) under a heading per thread,
 * initiative or event with its current title, count and link, one line per notification with its
 * time; the rows become "sent" and `last_digest_at` is `now`. Returns the queued mail's id, or
 * null when nothing was waiting (or the account is gone).
 */
function sendDigestTo(userId: number, frequency: DigestFrequency, now: Date): number | null {
  return db.transaction(
    (tx) => {
      const rows = tx
        .select()
        .from(n)
        .where(and(eq(n.userId, userId), eq(n.emailState, "pending_digest")))
        .orderBy(asc(n.createdAt), asc(n.id))
        .all();
      if (rows.length === 0) return null;
      const person = findUserById(userId);
      if (!person) return null;
      const { locale } = person;
      const t = (key: MessageKey, vars?: Vars) => translate(locale, key, vars);
      const reader = { id: person.id, role: person.role };
      const footer = notificationMailFooter(tx, person, "digest");
      const rendered = renderNotifications(rows, reader, locale);
      const groups = groupDigest(rows);
      const headings = describeSubjects(groups.map((g) => parseGroupKey(g.key)), reader);
      const lines = [t("mail.greeting", { name: person.name }), "", t(frequency === "weekly" ? "notifications.digest.introWeekly" : "notifications.digest.introDaily")];
      for (const group of groups) {
        const heading = group.key ? headings.get(group.key) : undefined;
        const count = translateCount(locale, "notifications.digest.groupCount", group.rows.length);
        lines.push("", heading ? `${t("notifications.digest.heading", { title: heading.title })} · ${count}` : `${t("notifications.digest.otherNotices")} · ${count}`);
        if (heading) lines.push(`${appUrl()}${heading.link}`);
        for (const row of group.rows) {
          const shown = rendered.get(row.id)!;
          // Under a heading the group's link serves all its lines; other lines carry their own.
          const link = !heading && shown.link ? ` ${appUrl()}${shown.link}` : "";
          lines.push(`  – ${shown.text} (${formatDateTime(locale, row.createdAt)})${link}`);
        }
      }
      lines.push("", t("notifications.digest.seeAll", { url: `${appUrl()}/notifications` }), "", t("mail.signature"), "", ...footer.lines);
      const id = enqueueMail(
        {
          to: person.email,
          locale,
          subject: translateCount(locale, "notifications.digest.subject", rows.length),
          text: lines.join("\n"),
          headers: footer.headers,
        },
        tx,
      );
      tx.update(n)
        .set({ emailState: "sent" })
        .where(inArray(n.id, rows.map((r) => r.id)))
        .run();
      tx.insert(schema.notificationSettings)
        .values({ userId, lastDigestAt: now })
        .onConflictDoUpdate({ target: schema.notificationSettings.userId, set: { lastDigestAt: now } })
        .run();
      return id;
    },
    { behavior: "immediate" },
  );
}

/**
 * Sends the digests that are due at `now` (the mail worker calls it every minute): to each person
 * with notifications waiting for the digest whose period (daily or weekly, their setting; daily by
 * default) has passed since their last digest — or, before their first, since the oldest waiting
 * notification. One email per person; see `sendDigestTo`. Two queries to find who is due, then one
 * transaction per person. Resolves to the number of digests sent.
 */
export async function sendDueDigests(now = new Date()): Promise<number> {
  const waiting = db
    .select({ userId: n.userId, oldest: min(n.createdAt) })
    .from(n)
    .where(eq(n.emailState, "pending_digest"))
    .groupBy(n.userId)
    .all();
  if (waiting.length === 0) return 0;
  const s = schema.notificationSettings;
  const settings = new Map(
    db
      .select()
      .from(s)
      .where(inArray(s.userId, waiting.map((w) => w.userId)))
      .all()
      .map((row) => [row.userId, row]),
  );
  const queued: number[] = [];
  for (const { userId, oldest } of waiting) {
    const setting = settings.get(userId);
    const frequency = setting?.digestFrequency ?? "daily";
    const since = setting?.lastDigestAt ?? oldest;
    if (!since || now.getTime() - since.getTime() < DIGEST_PERIOD_MS[frequency]) continue;
    const id = sendDigestTo(userId, frequency, now);
    if (id !== null) queued.push(id);
  }
  await deliverEnqueued(queued);
  return queued.length;
}
