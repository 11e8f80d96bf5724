import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translate, type MessageKey } from "#app/i18n.ts";

type Match = { id: string; data: unknown };

/** `<title>` for a page in the page's language: "Page | Perú País Circular". */
export function titleMeta(matches: Match[], key: MessageKey): MetaDescriptor[] {
  const rootData = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
  return [{ title: `${translate(locale, key)} | ${translate(locale, "app.name")}` }];
}
