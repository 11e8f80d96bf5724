import { DEFAULT_LOCALE, isLocale, makeTranslator, type Locale } from "#app/i18n.ts";

export const LOCALE_COOKIE = "lang";

export function readCookie(request: Request, name: string) {
  return cookieFromHeader(request.headers.get("Cookie"), name);
}

/** The first value of cookie `name` in a raw Cookie header (URI-decoded), or undefined. */
export function cookieFromHeader(header: string | null | undefined, name: string) {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Picks the best supported language from an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((entry, position) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { language: tag.toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) : 1, position };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.position - b.position);
  return ranked.map((entry) => entry.language).find(isLocale);
}

/** The language of a request: the `lang` cookie, then Accept-Language, then Spanish. */
export function getLocale(request: Request): Locale {
  return localeOfHeaders(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** getLocale from the raw Cookie and Accept-Language headers (for code that has no Request). */
export function localeOfHeaders(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  const fromCookie = cookieFromHeader(cookie, LOCALE_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(acceptLanguage ?? null) ?? DEFAULT_LOCALE;
}

export function getTranslator(request: Request) {
  const locale = getLocale(request);
  return { locale, t: makeTranslator(locale) };
}

/**
 * The Set-Cookie value that keeps the chosen language for a year. HttpOnly: only the server reads
 * it (pages are rendered in it; no script of the site needs it), so no injected script can either.
 */
export function localeCookie(locale: Locale) {
  const secure = process.env.NODE_ENV === "production" ? "; Secure" : "";
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`;
}
