import type { Tx } from "#app/.server/db.ts";
import { appUrl } from "#app/.server/env.ts";
import { translate, type Locale } from "#app/i18n.ts";
import { createUnsubscribeLink, type UnsubscribeScope } from "./unsubscribe.ts";

/** Where people choose which notices they get and how. */
export const PREFERENCES_PATH = "/account/notifications";

/**
 * What every notification email (at once or digest) ends with (issue 13): a one-click link that
 * stops this kind of email (`scope`: the kind's preference group, or the digest), working without
 * signing in, and the preferences page's address; with the RFC 2369 / RFC 8058 headers
 * `List-Unsubscribe: <link>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, so mail
 * clients offer their own unsubscribe button. Writes the link's token in `tx`, the transaction
 * that enqueues the email.
 */
export function notificationMailFooter(tx: Pick<Tx, "insert">, recipient: { id: number; locale: Locale }, scope: UnsubscribeScope) {
  const unsubscribe = createUnsubscribeLink(tx, recipient.id, scope);
  const preferences = `${appUrl()}${PREFERENCES_PATH}`;
  return {
    lines: [
      translate(recipient.locale, scope === "digest" ? "notifications.mail.unsubscribeDigest" : "notifications.mail.unsubscribe", { url: unsubscribe }),
      translate(recipient.locale, "notifications.mail.preferences", { url: preferences }),
    ],
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
