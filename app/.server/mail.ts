import nodemailer, { type Transporter } from "nodemailer";
import { db, schema } from "#app/.server/db.ts";
import { env } from "#app/.server/env.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n.ts";
import type { MailAttachment } from "#db/schema/mail.ts";

export type MailMessage = { to: string; subject: string; text: string; locale: Locale; attachments?: MailAttachment[] };

let transport: Transporter | undefined;

/**
 * The one way the app sends email. With the SMTP transport (SMTP_URL set) it goes through
 * nodemailer; with the outbox transport (MAIL_TRANSPORT=outbox, or development and tests) the
 * message is stored in the local outbox that /dev/outbox shows, and one line with its links is
 * written to the server log. Never throws for a mail server failure (that is logged).
 */
export async function sendMail(message: MailMessage) {
  const { SMTP_URL, MAIL_FROM, mailTransport, NODE_ENV } = env();
  if (mailTransport === "smtp" && SMTP_URL) {
    // Mail goes out after the change it reports is saved; a mail server failure must not turn
    // that into an error page (or reveal, by failing, that an account exists). It is logged.
    try {
      transport ??= nodemailer.createTransport(SMTP_URL);
      await transport.sendMail({
        from: MAIL_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
    } catch (error) {
      console.error("Mail could not be sent", { to: message.to, subject: message.subject, error });
    }
    return;
  }
  db.insert(schema.outbox).values({ ...message, attachments: message.attachments ?? null }).run();
  // Whoever runs the demo finds confirmation and reset links in the terminal too. Test runs
  // stay quiet; they read the outbox table.
  if (NODE_ENV !== "test") console.log(describeOutboxMessage(message));
}

/**
 * The server-log line for a message kept in the outbox: recipient, subject, every http(s) link
 * in the text and the names of attachments, e.g.
 * `[mail outbox] to ana@example.pe · "Confirma tu correo" · links: http://…/verify-email?token=… · see /dev/outbox`.
 */
export function describeOutboxMessage(message: Pick<MailMessage, "to" | "subject" | "text" | "attachments">) {
  const links = message.text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
  const parts = [`[mail outbox] to ${message.to}`, JSON.stringify(message.subject)];
  if (links.length > 0) parts.push(`links: ${links.join(" ")}`);
  if (message.attachments?.length) parts.push(`attachments: ${message.attachments.map((a) => a.filename).join(", ")}`);
  parts.push("see /dev/outbox");
  return parts.join(" · ");
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
