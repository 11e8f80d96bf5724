import type { HttpClient } from "./client.ts";
import type { RouteModule } from "./site-map.ts";

// A bounded crawl of the built site as one person sees it: every GET route (its URL parameters
// filled from the seeded database, see site-map.ts), then the links its pages lead to — hrefs and
// srcs in HTML, <loc>/<link href> in sitemaps and feeds, redirect targets — at most a few URLs per
// route pattern, so the crawl covers every kind of page without walking all of a list's filters.

/** One answer the crawl received. */
export type CrawledPage = {
  /** Path and query asked. */
  url: string;
  /** The route pattern it matched ("/organisations/:slug"), or "(none)". */
  pattern: string;
  status: number;
  headers: Headers;
  /** Set-Cookie lines of the answer. */
  setCookies: string[];
  contentType: string;
  isHtml: boolean;
  /** The body of an HTML answer ("" for other kinds). */
  body: string;
  /** Whether the URL came from the route list (true) or from a link (false). */
  seeded: boolean;
};

export type CrawlBounds = {
  /** URLs reached by links per route pattern, beyond those the route list gave. */
  linksPerPattern: number;
  /** URLs reached by links in all. */
  maxLinks: number;
  /** Requests in flight at once. */
  concurrency: number;
};

export const DEFAULT_BOUNDS: CrawlBounds = { linksPerPattern: 3, maxLinks: 150, concurrency: 4 };

/** A matcher from a path to the most specific route pattern (static segments outrank parameters). */
export function patternMatcher(routes: Pick<RouteModule, "pattern">[]) {
  const compiled = [...new Set(routes.map((r) => r.pattern))].map((pattern) => {
    const segments = pattern.split("/").filter(Boolean);
    const source = segments
      .map((segment) => (segment === "*" ? "(?:/.*)?" : segment.startsWith(":") ? "/[^/]+" : `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))
      .join("");
    const statics = segments.filter((s) => s !== "*" && !s.startsWith(":")).length;
    const splat = segments.includes("*");
    return { pattern, regex: new RegExp(`^${source || "/"}/?$`, "i"), rank: statics * 10 - (splat ? 5 : 0) + segments.length };
  });
  compiled.sort((a, b) => b.rank - a.rank);
  return (pathname: string) => compiled.find((c) => c.regex.test(pathname))?.pattern ?? "(none)";
}

const decode = (href: string) => href.replace(/&amp;/g, "&").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"');

/** Same-site paths (with query, without fragment) that a page or file links to. */
export function linksIn(body: string, origin: string): string[] {
  const found = new Set<string>();
  const candidates = [
    ...body.matchAll(/\s(?:href|src|action)="([^"]*)"/g),
    ...body.matchAll(/<loc>([^<]*)<\/loc>/g),
  ].map((m) => decode(m[1]!));
  for (const candidate of candidates) {
    let url: URL;
    try {
      url = new URL(candidate, `${origin}/`);
    } catch {
      continue;
    }
    if (url.origin !== origin) continue;
    if (url.pathname.startsWith("/assets/") || /\.(css|js|svg|png|ico|woff2?)$/.test(url.pathname)) continue;
    found.add(`${url.pathname}${url.search}`);
  }
  return [...found];
}

/**
 * Crawls as `client`: every URL of `seeds` (route patterns with their filled URLs), then links, within
 * `bounds`. Never follows a redirect by itself (the target is queued as a link). Only GETs.
 */
export async function crawl(
  client: HttpClient,
  seeds: { pattern: string; urls: string[] }[],
  match: (pathname: string) => string,
  bounds: CrawlBounds = DEFAULT_BOUNDS,
): Promise<CrawledPage[]> {
  const seen = new Set<string>();
  const queue: { url: string; seeded: boolean }[] = [];
  const linksByPattern = new Map<string, number>();
  let links = 0;
  for (const seed of seeds)
    for (const url of seed.urls) {
      if (seen.has(url)) continue;
      seen.add(url);
      queue.push({ url, seeded: true });
    }
  const offer = (url: string) => {
    if (seen.has(url) || links >= bounds.maxLinks) return;
    const pattern = match(url.split("?")[0]!);
    const taken = linksByPattern.get(pattern) ?? 0;
    if (taken >= bounds.linksPerPattern) return;
    seen.add(url);
    linksByPattern.set(pattern, taken + 1);
    links += 1;
    queue.push({ url, seeded: false });
  };
  const pages: CrawledPage[] = [];
  const origin = client.server.origin;
  let next = 0;
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (next >= queue.length && active === 0) return resolve();
      while (active < bounds.concurrency && next < queue.length) {
        const { url, seeded } = queue[next++]!;
        active += 1;
        client
          .request(url, { headers: { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" } })
          .then((answer) => {
            const contentType = answer.headers.get("content-type") ?? "";
            const isHtml = contentType.startsWith("text/html");
            pages.push({
              url,
              pattern: match(url.split("?")[0]!),
              status: answer.status,
              headers: answer.headers,
              setCookies: answer.headers.getSetCookie(),
              contentType,
              isHtml,
              body: isHtml ? answer.body : "",
              seeded,
            });
            const location = answer.headers.get("location");
            if (location) for (const link of linksIn(` href="${location.replace(/"/g, "&quot;")}"`, origin)) offer(link);
            if (isHtml || /xml|atom/.test(contentType)) for (const link of linksIn(answer.body, origin)) offer(link);
            active -= 1;
            pump();
          })
          .catch(reject);
      }
    };
    pump();
  });
  return pages;
}

/** The crawl's seeds: every route module that answers a GET (a loader or a page), with its URLs. */
export function getSeeds(routes: RouteModule[], fill: (pattern: string) => string[]) {
  return routes.filter((r) => r.hasLoader || r.hasComponent).map((r) => ({ pattern: r.pattern, urls: fill(r.pattern) }));
}
