import { and, eq, isNotNull, lt, or } from "drizzle-orm";
import type { AppDatabase } from "./connection.ts";
import { emailTokens, rateLimits, sessions } from "./schema/auth.ts";
import { FORM_SUBMISSION_TTL_MS, formSubmissions } from "./schema/forms.ts";
import { mailQueue, outbox, SENT_MAIL_RETENTION_MS } from "./schema/mail.ts";
import { UNSUBSCRIBE_LINK_TTL_MS, unsubscribeTokens } from "./schema/notifications.ts";

/**
 * Deletes rows that can never be used again: expired sessions, expired or used email tokens,
 * finished rate-limit windows, and answered form tokens older than FORM_SUBMISSION_TTL_MS (a form
 * that old is not re-sent by a double click or a Back). Validation already ignores them; this keeps
 * tables small. Also, as the privacy notice says (issue 13): unsubscribe links a year old and mail
 * delivered more than SENT_MAIL_RETENTION_MS ago (addresses and texts are personal data).
 */
export function deleteExpiredRows(db: AppDatabase, now = new Date()) {
  return db.transaction(
    (tx) => ({
      sessions: tx.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes,
      emailTokens: tx
        .delete(emailTokens)
        .where(or(lt(emailTokens.expiresAt, now), isNotNull(emailTokens.usedAt)))
        .run().changes,
      rateLimits: tx.delete(rateLimits).where(lt(rateLimits.resetAt, now)).run().changes,
      formSubmissions: tx
        .delete(formSubmissions)
        .where(lt(formSubmissions.createdAt, new Date(now.getTime() - FORM_SUBMISSION_TTL_MS)))
        .run().changes,
      unsubscribeTokens: tx
        .delete(unsubscribeTokens)
        .where(lt(unsubscribeTokens.createdAt, new Date(now.getTime() - UNSUBSCRIBE_LINK_TTL_MS)))
        .run().changes,
      sentMail: tx
        .delete(mailQueue)
        .where(
          or(
            and(eq(mailQueue.state, "sent"), lt(mailQueue.sentAt, new Date(now.getTime() - SENT_MAIL_RETENTION_MS))),
            // Given up long ago: nothing will send it, and its address and text are personal data.
            and(eq(mailQueue.state, "failed"), lt(mailQueue.createdAt, new Date(now.getTime() - SENT_MAIL_RETENTION_MS))),
          ),
        )
        .run().changes,
      // The demo/development outbox stands for mailboxes; it keeps the same month.
      outbox: tx.delete(outbox).where(lt(outbox.createdAt, new Date(now.getTime() - SENT_MAIL_RETENTION_MS))).run().changes,
    }),
    { behavior: "immediate" },
  );
}
