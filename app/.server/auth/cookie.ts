import { isProduction } from "#app/.server/env.ts";
import { readCookie } from "#app/.server/i18n.ts";

// In production the cookie is `Secure` and carries the `__Host-` prefix, which browsers only
// accept from a secure origin, with Path=/ and no Domain, so no subdomain can plant or read it.
export function sessionCookieName() {
  return isProduction() ? "__Host-session" : "session";
}

export function readSessionToken(request: Request) {
  return readCookie(request, sessionCookieName()) ?? null;
}

export function sessionCookie(token: string, expiresAt: Date) {
  const secure = isProduction() ? "; Secure" : "";
  return `${sessionCookieName()}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function clearSessionCookie() {
  const secure = isProduction() ? "; Secure" : "";
  return `${sessionCookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}
