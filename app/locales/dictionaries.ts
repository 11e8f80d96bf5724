import type { Locale } from "./locales.ts";
import type { MessageKey } from "./es-keys.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";

// Where the dictionaries come from, outside the browser: the server, scripts and tests have
// both, synchronously, from the start. The browser build resolves `#app/locales/dictionaries.ts`
// to dictionaries.browser.ts instead (the "browser" condition of package.json "imports"), which
// downloads only the reader's language.

export type Dictionary = Record<MessageKey, string>;

export const preloadedDictionaries: Partial<Record<Locale, Dictionary>> = { es, en };

export function importDictionary(locale: Locale): Promise<Dictionary> {
  return Promise.resolve(locale === "en" ? en : es);
}
