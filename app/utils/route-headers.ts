import type { HeadersFunction } from "@remix-run/node";

/**
 * A route `headers` export that keeps the headers its loader and action set with `data(...)`
 * (Retry-After on a 429, for instance). Without a `headers` export Remix keeps only their
 * Set-Cookie headers and drops the rest from the HTTP response. Set-Cookie is left out here
 * because Remix adds it by itself.
 *
 * Usage in a route module: `export const headers = forwardRouteHeaders;`
 */
export const forwardRouteHeaders: HeadersFunction = ({ parentHeaders, loaderHeaders, actionHeaders, errorHeaders }) => {
  const headers = new Headers(parentHeaders);
  headers.delete("Set-Cookie");
  for (const source of [loaderHeaders, actionHeaders, errorHeaders]) {
    source?.forEach((value, name) => {
      if (name.toLowerCase() !== "set-cookie") headers.set(name, value);
    });
  }
  return headers;
};
