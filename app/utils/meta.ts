import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translate, type MessageKey } from "#app/i18n.ts";

type Match = { id: string; data: unknown };

/** `<title>` for a page in the page's language: "Page | Perú País Circular". */
export function titleMeta(matches: Match[], key: MessageKey): MetaDescriptor[] {
  const locale = pageLocale(matches);
  return namedTitleMeta(matches, translate(locale, key));
}

/** `<title>` for a page named by its content (an organisation, an event): "Name | Perú País Circular". */
export function namedTitleMeta(matches: Match[], name: string): MetaDescriptor[] {
  return [{ title: `${name} | ${translate(pageLocale(matches), "app.name")}` }];
}

/** The page's language, from the root loader's data. */
export function pageLocale(matches: Match[]) {
  const rootData = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
}
