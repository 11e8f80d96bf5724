const DEFAULT_REDIRECT = "/";
/** Longer targets are refused: no page here has an address this long, and headers have limits. */
const MAX_REDIRECT_LENGTH = 2000;
const SAME_SITE = "http://same-site.invalid";

/**
 * A redirect target taken from user input (`redirectTo`), made safe for a Location header.
 *
 * Only same-site paths are allowed: "/x" yes, "//evil.example", "/\\evil.example", "https://…" or
 * "javascript:…" no. Control characters (CR/LF could split a header) and targets longer than 2,000
 * characters are refused. What passes is normalised the way a browser would send it: non-ASCII
 * characters and spaces are percent-encoded ("/organizaciones/森林" → "/organizaciones/%E6%A3%AE%E6%9E%97"),
 * so it is always a valid header value. Refused targets give `fallback`. Never throws.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_REDIRECT): string {
  if (!to || typeof to !== "string" || to.length > MAX_REDIRECT_LENGTH) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, SAME_SITE);
  } catch {
    return fallback;
  }
  // A path the URL parser reads as another host (e.g. via backslashes) is not same-site.
  if (url.origin !== SAME_SITE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.length > MAX_REDIRECT_LENGTH ? fallback : path;
}
