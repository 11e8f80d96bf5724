import { getLocale } from "#app/.server/i18n.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n.ts";
import { isExplainedStatus, type ExplainedStatus } from "#app/utils/http-errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Largest request body accepted, in bytes: room for a 2 MB logo upload; forms are far smaller. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

type RequestLike = { method: string; headers: Record<string, string | string[] | undefined> };

function header(request: RequestLike, name: string) {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Cross-site request forgery guard in Lucia's manner: every request that can change state must
 * come from this site. Browsers send `Sec-Fetch-Site` and `Origin` on such requests; a request
 * with neither, or a foreign one, is refused.
 *
 * The Origin must also match `X-Forwarded-Host` when one is sent: Remix compares the Origin with
 * that header first (its own check, `throwIfPotentialCSRFAttack`) and throws a plain Error — a
 * 500 — when they differ, so a write with a forged one is refused here with a 403 instead.
 */
export function isSameOriginRequest(request: RequestLike) {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const fetchSite = header(request, "sec-fetch-site");
  if (fetchSite !== undefined && fetchSite !== "same-origin") return false;
  const origin = header(request, "origin");
  const host = header(request, "host");
  if (!origin || !host) return fetchSite === "same-origin";
  const forwardedHost = header(request, "x-forwarded-host")?.split(",")[0]?.trim();
  try {
    const originHost = new URL(origin).host;
    return originHost === host && (!forwardedHost || originHost === forwardedHost);
  } catch {
    return false;
  }
}

export function contentSecurityPolicy(nonce: string, { development = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Vite injects CSS through <style> tags while developing.
    development ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    development ? "connect-src 'self' ws:" : "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * A small translated HTML page for errors answered before Remix runs (400, 403, 405, 413). When the request
 * came from a page of this site (its Referer has this Host), the page links back to it: a form
 * sent without JavaScript (an image over the size limit) can be tried again from there.
 */
export function plainErrorPage(
  request: { headers: Record<string, string | string[] | undefined> },
  status: ExplainedStatus | 500,
) {
  const webRequest = new Request("http://local/", {
    headers: Object.entries(request.headers).flatMap(([k, v]) =>
      v === undefined ? [] : [[k, Array.isArray(v) ? v.join(", ") : v] as [string, string]],
    ),
  });
  return errorPageHtml(getLocale(webRequest), status, { back: sameOriginReferer(request) });
}

/** The path (and query) of the page a request came from, when that page is on this site; else null. */
export function sameOriginReferer(request: { headers: Record<string, string | string[] | undefined> }) {
  const referer = header({ method: "GET", headers: request.headers }, "referer");
  const host = header({ method: "GET", headers: request.headers }, "host");
  if (!referer || !host) return null;
  try {
    const url = new URL(referer);
    if (url.host !== host || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A small, complete HTML page explaining an error status in `locale` (title, sentence, link
 * home), for answers given outside React: the Express guards and resource routes (calendar files,
 * images, CSV) whose thrown 404 would otherwise show a bare English "Not Found".
 */
export function errorPageHtml(locale: Locale, status: ExplainedStatus | 500, { back = null }: { back?: string | null } = {}) {
  const t = (key: MessageKey) => translate(locale, key);
  const title = t(`error.${status}.title`);
  const backLink = back ? `<p><a href="${escapeAttribute(back)}">${t("error.goBack")}</a></p>` : "";
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} | ${t("app.name")}</title></head><body><main><h1>${title}</h1><p>${t(`error.${status}.body`)}</p>${backLink}<p><a href="/">${t("error.backHome")}</a></p></main></body></html>`;
}

/**
 * Wraps a resource route's loader or action: a thrown 400/403/404/409/413/429 (the helpers in
 * app/utils/http-errors.ts, or a feature's guard) becomes a translated HTML page with the same
 * status; redirects and other answers pass through unchanged.
 */
export function withTranslatedErrors<Args extends { request: Request }>(handler: (args: Args) => Promise<Response> | Response) {
  return async (args: Args): Promise<Response> => {
    try {
      return await handler(args);
    } catch (thrown) {
      if (thrown instanceof Response && isExplainedStatus(thrown.status)) {
        return new Response(errorPageHtml(getLocale(args.request), thrown.status), {
          status: thrown.status,
          headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" },
        });
      }
      throw thrown;
    }
  };
}

/**
 * True for the one-click unsubscribe address (`/unsubscribe?token=…`, issue 13): mail providers
 * POST `List-Unsubscribe=One-Click` there from their own servers (RFC 8058), without Origin or
 * Sec-Fetch-Site, so the cross-site write check lets it through. The route uses no cookie: the
 * token in the URL is its only proof, so a cross-site POST can do no more than the link's owner.
 */
export function isOneClickUnsubscribePath(target: string) {
  try {
    return new URL(`http://local${target}`).pathname === "/unsubscribe";
  } catch {
    return false;
  }
}

/**
 * Whether a URL carries a secret a person was sent (a confirmation, reset, invitation or
 * unsubscribe link: `?token=…` or `/invitations/<token>`): its page must not be kept by any cache,
 * shared or the browser's, whoever asks (app/entry.server.tsx). `target` is a path with its query
 * or a full URL.
 */
export function carriesSecretInUrl(target: string) {
  const url = new URL(target, "http://x");
  return url.searchParams.has("token") || /^\/invitations\/[^/]+/.test(url.pathname);
}

/**
 * Methods a request may use to reach the app: the ones Remix hands to loaders and actions. Any
 * other (TRACE, CONNECT, PROPFIND, a made-up one) is answered 405 by the server — Node's Request
 * refuses TRACE and CONNECT outright, which was a 500.
 */
export const ROUTED_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The methods a page of this site answers (its forms only ever POST), for the Allow header of a 405. */
export const PAGE_METHODS = "GET, HEAD, POST";

/**
 * Why a request target (the path and query as sent, e.g. `req.originalUrl`) cannot name anything
 * on this site, or null when it can. Such requests are answered 400 before any route runs:
 * - `"form"`: not a path ("http://host/x" absolute form, "*", empty);
 * - `"encoding"`: the path's percent-encoding is broken or not UTF-8 ("/%FF", "/%E0%A4%A");
 * - `"character"`: the decoded path holds a control character or a backslash ("/a%0Ab",
 *   "/%5C"), which no address here has and which the router cannot match or even rebuild as a URL;
 * - `"legacy-data"`: a `_data` query parameter, Remix's data requests from before single fetch:
 *   this app never makes them, and Remix answers them with a 500 for a loader returning null.
 * Never throws.
 */
export function requestTargetProblem(target: string): "form" | "encoding" | "character" | "legacy-data" | null {
  if (!target.startsWith("/")) return "form";
  const queryAt = target.indexOf("?");
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "encoding";
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return "character";
  if (queryAt >= 0) {
    try {
      if (new URLSearchParams(target.slice(queryAt + 1).split("#")[0]).has("_data")) return "legacy-data";
    } catch {
      return "encoding";
    }
  }
  return null;
}

/** Whether a request target asks for Remix's single-fetch data (`/organisations.data?…`), as Remix reads it. */
export function isDataRequestPath(target: string) {
  try {
    return new URL(`http://local${target}`).pathname.endsWith(".data");
  } catch {
    return false;
  }
}
