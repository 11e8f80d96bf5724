import { DELETED_ACCOUNT_EMAIL, deletedAccountId } from "#app/.server/auth/deleted-account.ts";
import { deleteUserRow, findUserById } from "#app/.server/auth/account.ts";
import { verifyPassword } from "#app/.server/auth/password.ts";
import { db } from "#app/.server/db.ts";
import { appUrl } from "#app/.server/env.ts";
import { sendMail } from "#app/.server/mail.ts";
import { LastOwnerOfOrganisations } from "#app/.server/organisations/personal-data.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n.ts";
import { logDataRightsRequest } from "./requests.ts";
import { PERSONAL_DATA_SOURCES } from "./sources.ts";

export type ClosureResult =
  | { ok: true }
  | { ok: false; error: "wrongPassword" }
  | { ok: false; error: "lastOwner"; organisations: Array<{ slug: string; name: string; suspended: boolean }> }
  | { ok: false; error: "notFound" };

/**
 * Closes an account (issue 13, the right of cancellation), once `password` is checked (argon2,
 * outside the transaction). Then in ONE immediate transaction — all of it or nothing:
 * every feature's `erase` (organisations refuse while the person is an organisation's only owner;
 * events cancel upcoming registrations and promote waitlists; discussions hand threads and posts
 * to the deleted-account row and re-render posts that named the person; the address's mail and
 * rate limits go), then the users row is deleted, and with it through the foreign keys sessions,
 * tokens, memberships, registrations, follows, reactions, notifications, preferences and consents
 * (ON DELETE CASCADE), while the organisations' records keep their rows without the person (ON
 * DELETE SET NULL); the coordinators' log gets a "closure" line. After the commit: people promoted
 * from waitlists are told, and a confirmation goes to the old address in the person's language,
 * its queued copy deleted once sent.
 *
 * A write racing the closure either commits before it (and is erased or handed over with the
 * rest) or finds the users row gone (its foreign key refuses it; the features answer that as a
 * refusal, never a half-written row).
 *
 * Errors: "wrongPassword" (nothing changed), "lastOwner" with the organisations to hand over
 * (nothing changed), "notFound" (no such account).
 */
export async function closeAccount(userId: number, password: string, now = new Date()): Promise<ClosureResult> {
  const user = findUserById(userId);
  // The deleted-account row is nobody's to close (no one can sign in to it either).
  if (!user || user.email === DELETED_ACCOUNT_EMAIL) return { ok: false, error: "notFound" };
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, error: "wrongPassword" };
  const tasks: Array<() => void | Promise<void>> = [];
  try {
    const closed = db.transaction(
      (tx) => {
        // Read again under the write lock: the account as it is now (another tab may have closed it).
        const current = findUserById(userId, tx);
        if (!current) return false;
        const context = { deletedAccountId: deletedAccountId(tx), afterCommit: (task: () => void | Promise<void>) => void tasks.push(task) };
        const person = { id: current.id, email: current.email, name: current.name, handle: current.handle };
        for (const source of PERSONAL_DATA_SOURCES) source.erase?.(tx, person, context);
        deleteUserRow(tx, userId);
        logDataRightsRequest("closure", tx, now);
        return true;
      },
      { behavior: "immediate" },
    );
    if (!closed) return { ok: false, error: "notFound" };
  } catch (error) {
    if (error instanceof LastOwnerOfOrganisations) return { ok: false, error: "lastOwner", organisations: error.organisations };
    throw error;
  }
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      console.error("A task after an account closure failed", error);
    }
  }
  // The account is closed whatever the mail server says (the queue retries; a failure is logged).
  try {
    await sendMail(closureConfirmation(user));
  } catch (error) {
    console.error("The closure confirmation could not be queued", error);
  }
  return { ok: true };
}

/** The email confirming a closure, in the person's language; its queued copy is deleted once sent. */
function closureConfirmation(user: { email: string; name: string; locale: Locale }) {
  const t = (key: MessageKey, vars?: Record<string, string>) => translate(user.locale, key, vars);
  return {
    to: user.email,
    locale: user.locale,
    subject: t("privacy.close.mail.subject"),
    text: [t("mail.greeting", { name: user.name }), "", t("privacy.close.mail.body"), "", t("privacy.close.mail.contact", { url: `${appUrl()}/privacy` }), "", t("mail.signature")].join("\n"),
    forgetAfterSend: true,
  };
}
