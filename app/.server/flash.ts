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
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== "object" || !("key" in parsed) || !isMessageKey(parsed.key)) return { flash: null, clear };
    const vars = "vars" in parsed ? parsed.vars : undefined;
    // The cookie comes from the browser, so anyone can write it: a message whose values are not
    // all text or numbers (an object, a list) made rendering the page fail (a 500) and is dropped.
    if (vars !== undefined && !isVars(vars)) return { flash: null, clear };
    return { flash: { key: parsed.key, vars }, clear };
  } catch {
    return { flash: null, clear };
  }
}

/** Whether a value is a message's variables: a plain object of text and finite numbers. */
function isVars(value: unknown): value is Vars {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)));
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
