import type { Translate } from "#app/i18n.ts";

/**
 * A person's name as pages show it: the deleted-account row's empty name (content kept after an
 * account was closed, issue 13) reads "Cuenta eliminada" / "Deleted account" in the reader's
 * language; every other name as it is.
 */
export function personName(name: string | null | undefined, t: Translate): string {
  return name ? name : t("people.deletedAccount");
}
