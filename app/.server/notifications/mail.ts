import { appUrl } from "#app/.server/env.ts";
import { translate, type Locale } from "#app/i18n.ts";

/** Where people choose which notices they get and how. */
export const PREFERENCES_PATH = "/account/notifications";

/**
 * What every notification email (at once or digest) ends with: a line with the address of the
 * preferences page, and a `List-Unsubscribe` header pointing there, so mail clients offer it too.
 */
export function notificationMailFooter(locale: Locale) {
  const url = `${appUrl()}${PREFERENCES_PATH}`;
  return { lines: [translate(locale, "notifications.mail.preferences", { url })], headers: { "List-Unsubscribe": `<${url}>` } };
}
