const DEFAULT_REDIRECT = "/";

/**
 * Only same-site paths are allowed as redirect targets taken from user input: "/x" yes,
 * "//evil.example", "/\\evil.example" or "https://…" no.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_REDIRECT) {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Control characters (a newline, say) can split a header or confuse a URL parser.
  if ([...to].some((char) => char.charCodeAt(0) < 0x20)) return fallback;
  return to;
}
