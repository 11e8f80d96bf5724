import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, makeTranslator, translateError, type Locale } from "#app/i18n.ts";

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
