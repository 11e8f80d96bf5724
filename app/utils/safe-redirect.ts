const DEFAULT_REDIRECT = "/";

/**
 * Only same-site paths are allowed as redirect targets taken from user input: "/x" yes,
 * "//evil.example", "/\\evil.example" or "https://…" no.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_REDIRECT) {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  return to;
}
