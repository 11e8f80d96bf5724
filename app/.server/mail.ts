import nodemailer, { type Transporter } from "nodemailer";
import { db, schema } from "#app/.server/db.ts";
import { env } from "#app/.server/env.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n.ts";
import type { MailAttachment } from "#db/schema/mail.ts";

export type MailMessage = { to: string; subject: string; text: string; locale: Locale; attachments?: MailAttachment[] };

let transport: Transporter | undefined;

/**
 * The one way the app sends email. With SMTP_URL set it goes through nodemailer; otherwise the
 * message is written to the local outbox table that tests and the dev outbox page read.
 */
export async function sendMail(message: MailMessage) {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
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
}

export function isOutboxMode() {
  return !env().SMTP_URL;
}

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
