import { redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import type { PlatformRole } from "#db/schema/auth.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";
import { clearSessionCookie, readSessionToken, sessionCookie } from "./cookie.ts";
import { validateSessionToken, type SessionUser } from "./session.ts";
import { forbidden } from "#app/utils/http-errors.ts";
import { oncePerRequest } from "#app/.server/request-scope.ts";
import { needsConsent, openWithoutConsent } from "./consent.ts";

export * from "./account.ts";
export { isStaff } from "./roles.ts";
export { clearSessionCookie, sessionCookie } from "./cookie.ts";
export { invalidateSession, invalidateUserSession, listUserSessions } from "./session.ts";
export { hitRateLimit, isRateLimited, clearRateLimit, RATE_LIMITS } from "./rate-limit.ts";
export { PASSWORD_MAX, PASSWORD_MIN } from "./password.ts";
export { isCommonPassword } from "./common-passwords.ts";
export { peekEmailToken } from "./email-token.ts";
export { latestConsent, needsConsent, recordConsent } from "./consent.ts";
export { DELETED_ACCOUNT_EMAIL } from "./deleted-account.ts";
export type { SessionUser };

export type CurrentSession = NonNullable<ReturnType<typeof validateSessionToken>>;

const cache = new WeakMap<Request, CurrentSession | null>();

/** The session of a request, validated once per request (and once per HTTP GET, see request-scope.ts). */
export function getCurrentSession(request: Request): CurrentSession | null {
  if (cache.has(request)) return cache.get(request) ?? null;
  const token = readSessionToken(request);
  // Each loader of a page gets its own copy of the Request: within one GET, validate once.
  const current = token ? oncePerRequest(`session:${token}`, () => validateSessionToken(token)) : null;
  cache.set(request, current);
  return current;
}

/**
 * The signed-in person, or null. Like requireSession, it applies the consent gate (issue 13): a
 * person who has not accepted the privacy notice in force is sent to accept it, so pages and
 * actions open to everyone (which read the person this way) never act for them before they do.
 */
export function getUser(request: Request) {
  const user = getCurrentSession(request)?.user ?? null;
  if (user) requireConsent(request, user);
  return user;
}

/**
 * The signed-in person, or null, WITHOUT the consent gate: only for files that pages embed or
 * offer (images, calendar files), which change nothing and would otherwise answer an image
 * request with a redirect to a page.
 */
export function getUserForFile(request: Request) {
  return getCurrentSession(request)?.user ?? null;
}

/**
 * Whether the request carries a session cookie (valid or not): what is rendered for it may be
 * that person's alone, so it must not be kept by any cache (app/entry.server.tsx).
 */
export function carriesSession(request: Request) {
  return readSessionToken(request) !== null;
}

/** Headers that keep the cookie in step with the session: refreshed when renewed, cleared when stale. */
export function sessionCookieHeaders(request: Request): HeadersInit | undefined {
  const current = getCurrentSession(request);
  // Sent on every page load, so the browser's expiry always matches the database even when the
  // renewal happened during an action or a navigation that did not reload the root.
  if (current) return { "Set-Cookie": sessionCookie(readSessionToken(request)!, current.session.expiresAt) };
  if (!current && readSessionToken(request)) return { "Set-Cookie": clearSessionCookie() };
  return undefined;
}

export function requireSession(request: Request): CurrentSession {
  const current = getCurrentSession(request);
  if (!current) {
    const url = new URL(request.url);
    const redirectTo = safeRedirect(url.pathname + url.search);
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  requireConsent(request, current.user);
  return current;
}

/**
 * The consent gate (issue 13): a signed-in person who has not accepted the privacy notice in
 * force is sent to /privacy/accept (and back afterwards) before any page or action other than
 * those `openWithoutConsent` lists. The root loader calls it for every page; requireSession for
 * every action that needs a person.
 */
export function requireConsent(request: Request, user: Pick<SessionUser, "privacyNoticeVersion">) {
  if (!needsConsent(user)) return;
  const url = new URL(request.url);
  if (openWithoutConsent(url.pathname)) return;
  const back = safeRedirect(url.pathname + url.search);
  throw redirect(`/privacy/accept?redirectTo=${encodeURIComponent(back)}`);
}

export function requireUser(request: Request): SessionUser {
  return requireSession(request).user;
}

export function requireAnonymous(request: Request) {
  if (getCurrentSession(request)) throw redirect("/account");
}

/** Throws 403 unless the signed-in user has one of the roles (anonymous users go to log in). */
export function requireRole(request: Request, roles: readonly PlatformRole[]): SessionUser {
  const user = requireUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

export function sessionMeta(request: Request, context: AppLoadContext) {
  return { userAgent: request.headers.get("User-Agent"), ipAddress: clientIp(request, context) };
}

export function clientIp(_request: Request, context: AppLoadContext) {
  return context.clientIp ?? "unknown";
}

/** Sets the session cookie and redirects: the end of every successful log-in. */
export function redirectWithSession(to: string, session: { token: string; expiresAt: Date }, headers?: HeadersInit) {
  const responseHeaders = new Headers(headers);
  responseHeaders.append("Set-Cookie", sessionCookie(session.token, session.expiresAt));
  return redirect(to, { headers: responseHeaders });
}
export { withCommonPasswordCheck } from "./validation.ts";
export { assignHandle, assignMissingHandles, handleFor, handleSuggestions, HANDLE_MAX, HANDLE_PATTERN, peopleByIds, usersByHandles } from "./handles.ts";
