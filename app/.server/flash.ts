import { isMessageKey, type MessageKey, type Vars } from "#app/i18n.ts";
import { readCookie } from "#app/.server/i18n.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";

// A one-time message shown on the next page after a redirect ("Your changes were saved").
const FLASH_COOKIE = "flash";

export type Flash = { key: MessageKey; vars?: Vars };

// Like the session cookie, only over HTTPS in production: a message may name a person or an address.
const secure = () => (process.env.NODE_ENV === "production" ? "; Secure" : "");

export function flashCookie(flash: Flash) {
  return `${FLASH_COOKIE}=${encodeURIComponent(JSON.stringify(flash))}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60${secure()}`;
}

export function readFlash(request: Request): { flash: Flash | null; clear: string | null } {
  const raw = readCookie(request, FLASH_COOKIE);
  if (!raw) return { flash: null, clear: null };
  const clear = `${FLASH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure()}`;
  try {
    const parsed = JSON.parse(raw) as Flash;
    if (!isMessageKey(parsed.key)) return { flash: null, clear };
    return { flash: { key: parsed.key, vars: parsed.vars }, clear };
  } catch {
    return { flash: null, clear };
  }
}

/**
 * Redirects (302) to a path on this site and shows a message on the next page. The path goes
 * through safeRedirect, so a slug or title with non-ASCII characters is percent-encoded rather
 * than making an invalid Location header (a 500); anything not a same-site path goes to "/".
 */
export function redirectWithFlash(to: string, flash: Flash, init?: { headers?: HeadersInit }) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", flashCookie(flash));
  headers.set("Location", safeRedirect(to));
  return new Response(null, { status: 302, headers });
}
