import { desc, eq } from "drizzle-orm";
import { db, schema, type Tx } from "#app/.server/db.ts";
import { PRIVACY_NOTICE_VERSION } from "#app/features/privacy/version.ts";

/**
 * Records that a person accepted the privacy notice `version` (the one in force by default) at
 * `now`: a row in privacy_consents (the proof: who, which version, when) and the version on the
 * account, which the consent gate compares with the notice in force. Inside the caller's
 * transaction when given (sign-up), else in its own immediate one.
 */
export function recordConsent(userId: number, options: { tx?: Tx; version?: string; now?: Date } = {}) {
  const version = options.version ?? PRIVACY_NOTICE_VERSION;
  const now = options.now ?? new Date();
  const write = (tx: Tx) => {
    tx.insert(schema.privacyConsents).values({ userId, noticeVersion: version, acceptedAt: now }).run();
    tx.update(schema.users).set({ privacyNoticeVersion: version }).where(eq(schema.users.id, userId)).run();
  };
  if (options.tx) write(options.tx);
  else db.transaction(write, { behavior: "immediate" });
}

/** True when the person has not accepted the privacy notice in force (a newer one, or none yet). */
export function needsConsent(user: { privacyNoticeVersion: string | null }) {
  return user.privacyNoticeVersion !== PRIVACY_NOTICE_VERSION;
}

/**
 * Paths a person who has not accepted the notice in force may still open: the notice itself and
 * the page that asks, signing out, and their rights (download, close, choose or stop emails), so refusing
 * the new notice never traps anyone. Everything else sends them to /privacy/accept first.
 */
const OPEN_WITHOUT_CONSENT = ["/privacy", "/logout", "/account/data", "/account/close", "/account/notifications", "/unsubscribe", "/set-language", "/healthz", "/dev/outbox"];

export function openWithoutConsent(pathname: string) {
  return OPEN_WITHOUT_CONSENT.some((path) => pathname === path || pathname.startsWith(`${path}/`) || pathname.startsWith(`${path}.`));
}

/** The person's latest acceptance of the privacy notice, `{ noticeVersion, acceptedAt }`, or undefined. One indexed query. */
export function latestConsent(userId: number) {
  return db
    .select({ noticeVersion: schema.privacyConsents.noticeVersion, acceptedAt: schema.privacyConsents.acceptedAt })
    .from(schema.privacyConsents)
    .where(eq(schema.privacyConsents.userId, userId))
    .orderBy(desc(schema.privacyConsents.acceptedAt), desc(schema.privacyConsents.id))
    .limit(1)
    .get();
}
