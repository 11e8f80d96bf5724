import { db } from "#app/.server/db.ts";
import { env } from "#app/.server/env.ts";
import { deliverEnqueued, enqueueMail, type MailMessage } from "#app/.server/mail-queue.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n.ts";

export { describeOutboxMessage, type MailMessage } from "#app/.server/mail-queue.ts";

/**
 * The one way the app sends email: the message goes into the mail queue (`mail_queue`, with its
 * own Message-ID) and the queue's worker delivers it outside the request, through SMTP (SMTP_URL
 * set) or into the local outbox that /dev/outbox shows (MAIL_TRANSPORT=outbox, development and
 * tests), retrying with backoff when the mail server fails (app/.server/mail-queue.ts). Where no
 * worker runs (tests, scripts) it is delivered before this resolves. Never throws for a mail
 * server failure (that is logged and retried).
 */
export async function sendMail(message: MailMessage) {
  await deliverEnqueued([enqueueMail(message)]);
}

/** True when mail is kept in the local outbox (and /dev/outbox is open) instead of being sent. */
export function isOutboxMode() {
  return env().mailTransport === "outbox";
}

/** The newest outbox messages first, at most `limit`. */
export function listOutbox(limit = 50) {
  return db.query.outbox.findMany({ orderBy: (o, { desc }) => [desc(o.id)], limit });
}

/** Builds a plain-text message in the recipient's language: greeting, body, link, sign-off. */
export function linkEmail(
  locale: Locale,
  parts: { to: string; name: string; subject: MessageKey; body: MessageKey; url: string },
): MailMessage {
  const t = (key: MessageKey, vars?: Record<string, string>) => translate(locale, key, vars);
  const text = [
    t("mail.greeting", { name: parts.name }),
    "",
    t(parts.body),
    parts.url,
    "",
    t("mail.ignore"),
    "",
    t("mail.signature"),
  ].join("\n");
  return { to: parts.to, subject: t(parts.subject), text, locale };
}
