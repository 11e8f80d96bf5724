import { getLocale } from "#app/.server/i18n.ts";
import { approvedOrganisationsListed } from "#app/.server/organisations/index.ts";
import { translate } from "#app/i18n.ts";

/**
 * Adds the co-organisers typed by name in the event form (`organiserNames`, one name or acronym
 * per line) to its `organisers` ids, in place, before the form is parsed. Returns the lines that
 * are not an approved organisation, for a message next to the field; an empty list when all were
 * found.
 */
export function addNamedOrganisers(form: FormData): string[] {
  const typed = form.get("organiserNames");
  if (typeof typed !== "string" || !typed.trim()) return [];
  const { found, unknown } = approvedOrganisationsListed(typed);
  for (const organisation of found) form.append("organisers", String(organisation.id));
  return unknown;
}

/** The message beside the field for names that are not approved organisations, in the reader's language. */
export function unknownOrganisersMessage(request: Request, unknown: string[]) {
  return translate(getLocale(request), "ev.errors.unknownOrganisers", { names: unknown.map((name) => `«${name}»`).join(", ") });
}
