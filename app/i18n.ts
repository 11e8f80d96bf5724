import { importDictionary, preloadedDictionaries, type Dictionary } from "#app/locales/dictionaries.ts";
import type { MessageKey } from "#app/locales/es-keys.ts";

import { LOCALES, type Locale } from "#app/locales/locales.ts";

export type { MessageKey, Locale };
export { LOCALES };
export const DEFAULT_LOCALE: Locale = "es";
export const TIME_ZONE = "America/Lima";

// On the server (and in scripts and tests) both dictionaries are here from the start. In the
// browser none is: app/entry.client.tsx loads the page's language before hydrating, and the root
// layout waits for another language's before rendering in it (useDictionary). See
// app/locales/dictionaries.browser.ts.
const dictionaries: Partial<Record<Locale, Dictionary>> = { ...preloadedDictionaries };
const loading = new Map<Locale, Promise<void>>();

/** Whether `translate` can be called for the language now. */
export function hasDictionary(locale: Locale) {
  return dictionaries[locale] !== undefined;
}

/**
 * Loads the language's dictionary (once; a failed download is tried again on the next call).
 * Resolves at once where the dictionaries are bundled (server, scripts, tests).
 */
export function loadDictionary(locale: Locale): Promise<void> {
  let promise = loading.get(locale);
  if (!promise) {
    promise = importDictionary(locale).then((dictionary) => {
      dictionaries[locale] = dictionary;
    });
    promise.catch(() => loading.delete(locale));
    loading.set(locale, promise);
  }
  return promise;
}

function dictionary(locale: Locale): Dictionary {
  const found = dictionaries[locale];
  if (!found) throw new Error(`The "${locale}" dictionary is not loaded yet: await loadDictionary("${locale}") first`);
  return found;
}

/**
 * The language of an `<html lang>` tag as the root layout writes it (`intlLocale`): "es-PE" →
 * "es", "en" → "en"; any other tag by its primary subtag, else the default language.
 */
export function localeOfLangTag(tag: string): Locale {
  const language = tag.toLowerCase().split("-")[0];
  return isLocale(language) ? language : DEFAULT_LOCALE;
}

/** BCP 47 tag used with Intl: Peruvian Spanish, or English. */
export function intlLocale(locale: Locale) {
  return locale === "es" ? "es-PE" : "en";
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Whether the text is a key of the dictionaries (they all have the same keys; any loaded one answers). */
export function isMessageKey(value: unknown): value is MessageKey {
  if (typeof value !== "string") return false;
  const loaded = Object.values(dictionaries)[0];
  return loaded !== undefined && Object.prototype.hasOwnProperty.call(loaded, value);
}

export type Vars = Record<string, string | number>;

/**
 * Base keys of counted messages. A counted message is written once per plural category of the
 * language (CLDR, through `Intl.PluralRules`): `"dir.results.one"`, `"dir.results.other"`, and
 * `.zero`/`.few`/`.many` where a language needs them; `other` is the fallback and is required.
 */
export type CountKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

/** Translates a key; `t.count(base, n)` picks the plural form for `n` and fills `{count}`. */
export type Translate = ((key: MessageKey, vars?: Vars) => string) & {
  count: (key: CountKey, count: number, vars?: Vars) => string;
};

export function translate(locale: Locale, key: MessageKey, vars?: Vars) {
  const template = dictionary(locale)[key];
  if (!vars) return template;
  // A value that ends in a full stop ("Plásticos del Norte S.A.C.") ends the sentence too: the
  // template's own full stop right after it is dropped, never doubled.
  return template.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, stop: string) => {
    if (!(name in vars)) return whole;
    const value = String(vars[name]);
    return stop && value.endsWith(".") ? value : value + stop;
  });
}

/** Translates a validation message that is a dictionary key; other text passes through. */
export function translateError(locale: Locale, message: string) {
  return isMessageKey(message) ? translate(locale, message) : message;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Translates a counted message: the plural category of `count` in `locale` (CLDR rules through
 * `Intl.PluralRules`, e.g. Spanish and English: 1 → "one", 0 and 2 → "other") selects
 * `${key}.${category}`, falling back to `${key}.other`. `{count}` is the number formatted for the
 * language (thousands separators), unless `vars.count` is given.
 */
export function translateCount(locale: Locale, key: CountKey, count: number, vars?: Vars) {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(intlLocale(locale))));
  const exact = `${key}.${rules.select(count)}`;
  const chosen = (isMessageKey(exact) ? exact : `${key}.other`) as MessageKey;
  return translate(locale, chosen, { count: formatNumber(locale, count), ...vars });
}

const translators = new Map<Locale, Translate>();

/** The translator for a language: one per language, shared by every component that asks. */
export function makeTranslator(locale: Locale): Translate {
  let translator = translators.get(locale);
  if (!translator) {
    const t = (key: MessageKey, vars?: Vars) => translate(locale, key, vars);
    translator = Object.assign(t, {
      count: (key: CountKey, count: number, vars?: Vars) => translateCount(locale, key, count, vars),
    });
    translators.set(locale, translator);
  }
  return translator;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * An `Intl.DateTimeFormat` for the language and options, built once and reused: building one
 * costs far more than formatting with it, and a listing formats hundreds of dates.
 */
export function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(intlLocale(locale), options)));
  return format;
}

/** `Intl.NumberFormat` for the language and options, built once and reused (see dateTimeFormat). */
function numberFormat(locale: Locale, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options ?? {})}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(intlLocale(locale), options)));
  return format;
}

/**
 * Date text with ordinary spaces. ICU versions disagree on spacing: Node 20's `formatRange`
 * writes "8:30\u202Fa.\u202Fm.\u2009–\u2009…" where Chromium writes "8:30 a. m. – …", so a page
 * rendered on the server failed to hydrate in the browser (React threw the server HTML away and
 * re-rendered, resetting what people had started typing). Every formatted date goes through this.
 */
export function plainSpaces(text: string) {
  return text.replace(/[\u2009\u202F]/g, " ");
}

export function formatDateTime(locale: Locale, date: Date | number, options?: Intl.DateTimeFormatOptions) {
  // Options replace the default styles (so `{ timeStyle: "short" }` shows only the time).
  return plainSpaces(
    dateTimeFormat(locale, { ...(options ?? { dateStyle: "medium", timeStyle: "short" }), timeZone: TIME_ZONE }).format(date),
  );
}

export function formatDate(locale: Locale, date: Date | number) {
  return plainSpaces(dateTimeFormat(locale, { dateStyle: "long", timeZone: TIME_ZONE }).format(date));
}

/** The calendar day in Lima of an instant (Date or UTC ms), "YYYY-MM-DD": Lima is UTC−5 all year, without daylight saving. */
export function limaDay(instant: Date | number) {
  return new Date(new Date(instant).getTime() - 5 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * The days an event spans, in Lima: "5 de diciembre de 2024" for one day, "5–6 de diciembre de
 * 2024" (en "December 5 – 6, 2024") for several, through `formatRange`. Instants are Date or UTC ms.
 */
export function formatDateRange(locale: Locale, start: Date | number, end: Date | number) {
  const format = dateTimeFormat(locale, { dateStyle: "long", timeZone: TIME_ZONE });
  return plainSpaces(format.formatRange(new Date(start), new Date(end)));
}

/** A calendar day "YYYY-MM-DD" as the UTC midnight that `Intl` formats with `timeZone: "UTC"`; null if it is no real day. */
function calendarDay(isoDay: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) return null;
  const day = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== isoDay ? null : day;
}

// Calendar days (an initiative's start and end) have no time of day and no time zone: they are
// formatted in UTC so "2027-01-15" reads as 15 January wherever the server or browser runs.
const dayFormat = (locale: Locale) => dateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });

/**
 * A calendar day "YYYY-MM-DD" in the reader's language: es "15 de enero de 2027",
 * en "January 15, 2027". Text that is not a real day is returned unchanged (never throws).
 */
export function formatDay(locale: Locale, isoDay: string) {
  const day = calendarDay(isoDay);
  return day ? plainSpaces(dayFormat(locale).format(day)) : isoDay;
}

/**
 * A span of calendar days ("2027-01-15", "2028-06-30") as the language writes it, through
 * `Intl.DateTimeFormat#formatRange`, which leaves out what both ends share:
 * es "15 de enero de 2027 – 30 de junio de 2028", "15–30 de enero de 2027";
 * en "January 15, 2027 – June 30, 2028". The same day twice gives that one day. An end before
 * the start, or text that is not a real day, falls back to both days formatted with " – ".
 */
export function formatDayRange(locale: Locale, startOn: string, endOn: string) {
  const start = calendarDay(startOn);
  const end = calendarDay(endOn);
  if (start && end && start.getTime() <= end.getTime()) return plainSpaces(dayFormat(locale).formatRange(start, end));
  return `${formatDay(locale, startOn)} – ${formatDay(locale, endOn)}`;
}

export function formatNumber(locale: Locale, value: number) {
  return numberFormat(locale).format(value);
}

/** Money is kept as integer céntimos; formatted as soles (es-PE writes `S/ 1,234.56`). */
export function formatPen(locale: Locale, cents: number) {
  return numberFormat(locale, { style: "currency", currency: "PEN" }).format(cents / 100);
}
