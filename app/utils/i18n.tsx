import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, hasDictionary, loadDictionary, makeTranslator, translateError, type Locale } from "#app/i18n.ts";

/** The language of the page, from the root loader (Spanish when it has not run, as in a crash). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT() {
  const locale = useLocale();
  return makeTranslator(locale);
}

export function useTranslateError() {
  const locale = useLocale();
  return (message: string) => translateError(locale, message);
}

/**
 * Holds rendering until the language's dictionary is loaded (React Suspense). Only the browser
 * ever waits: it starts with the page's language alone (app/entry.client.tsx), and a navigation
 * can switch language without a reload (signing in, or saving the account's language, sets the
 * language cookie). Remix renders navigations in a transition, so React keeps the current page on
 * screen until the new dictionary has arrived, then renders the new page in the new language.
 * Called by the root layout before anything is translated.
 */
export function useDictionary(locale: Locale) {
  if (!hasDictionary(locale)) throw loadDictionary(locale);
}
