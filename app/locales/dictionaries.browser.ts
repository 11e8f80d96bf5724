import type { Locale } from "./locales.ts";
import type { Dictionary } from "./dictionaries.ts";

// The browser's dictionaries (see dictionaries.ts): none at start; each language is its own
// chunk, downloaded when the page is in that language. A reader of one language never downloads
// the other (issue 9: both cost 25 KB gzip on every first load).

export const preloadedDictionaries: Partial<Record<Locale, Dictionary>> = {};

export function importDictionary(locale: Locale): Promise<Dictionary> {
  return locale === "en" ? import("./en.ts").then((m) => m.en) : import("./es.ts").then((m) => m.es);
}
