import { escapeXml } from "#app/.server/atom.ts";
import { appUrl } from "#app/.server/env.ts";
import { categoriesForSitemap, lastThreadId, threadsForSitemap } from "#app/.server/discussions/index.ts";
import { eventsForSitemap, lastEventId } from "#app/.server/events/index.ts";
import { initiativesForSitemap, lastInitiativeId } from "#app/.server/initiatives/index.ts";
import { lastOrganisationId, organisationsForSitemap } from "#app/.server/organisations/index.ts";
import { categoryHref, threadHref } from "#app/features/discussions/links.ts";
import { ROADMAPS } from "#app/features/organisations/taxonomy.ts";

/**
 * Ids per child sitemap. A sitemap may hold 50,000 addresses; parts of 5,000 ids keep each child
 * to one primary-key range read (and a thread part's parent checks to a few thousand ids).
 */
export const SITEMAP_PART_IDS = 5_000;

/** The public pages that are not rows of a feature (listings, roadmaps, the Pact, the forum). */
const STATIC_PAGES = [
  "/",
  "/organisations",
  "/organisations/map",
  "/initiatives",
  "/events",
  "/forum",
  "/roadmaps",
  ...ROADMAPS.map((roadmap) => `/roadmaps/${roadmap}`),
  "/pact",
  "/progress",
  "/open-data",
  "/discussions",
  "/discussions/code-of-conduct",
];

/** The kinds of rows with child sitemaps, each with its last id and its rows in an id range (path, lastmod in UTC ms). */
const KINDS = {
  organisations: { last: lastOrganisationId, rows: (from: number, to: number) => organisationsForSitemap(from, to).map((r) => ({ path: `/organisations/${r.slug}`, lastmod: r.updatedAt })) },
  initiatives: { last: lastInitiativeId, rows: (from: number, to: number) => initiativesForSitemap(from, to).map((r) => ({ path: `/initiatives/${r.slug}`, lastmod: r.updatedAt })) },
  events: { last: lastEventId, rows: (from: number, to: number) => eventsForSitemap(from, to).map((r) => ({ path: `/events/${r.slug}`, lastmod: r.updatedAt })) },
  threads: { last: lastThreadId, rows: (from: number, to: number) => threadsForSitemap(from, to).map((r) => ({ path: threadHref(r.id), lastmod: r.lastPostAt })) },
} as const;

type Kind = keyof typeof KINDS;

const xmlResponse = (body: string) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });

const lastmodOf = (ms: number | null) => (ms ? `<lastmod>${new Date(ms).toISOString()}</lastmod>` : "");

/** How many child sitemaps a kind has: one per SITEMAP_PART_IDS ids up to its highest id. One statement. */
const partsOf = (kind: Kind) => Math.ceil(KINDS[kind].last() / SITEMAP_PART_IDS);

/**
 * /sitemap.xml: a sitemap index naming /sitemaps/pages.xml and, per kind of row, one child per
 * range of SITEMAP_PART_IDS ids up to the kind's highest id (four statements in all).
 */
export function sitemapIndex() {
  const base = appUrl();
  const files = ["pages.xml"];
  for (const kind of Object.keys(KINDS) as Kind[]) {
    for (let part = 0; part < partsOf(kind); part++) files.push(`${kind}-${part}.xml`);
  }
  return xmlResponse(
    [
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...files.map((file) => `<sitemap><loc>${escapeXml(`${base}/sitemaps/${file}`)}</loc></sitemap>`),
      "</sitemapindex>",
    ].join("\n"),
  );
}

/**
 * A child sitemap named `file` ("pages.xml", "initiatives-0.xml" …), or null for a name the index
 * does not list (the route answers 404): not a kind, a number written with leading zeros, or a
 * part past the kind's highest id. Part n of a kind lists its public rows with ids in
 * [n·SITEMAP_PART_IDS + 1, (n+1)·SITEMAP_PART_IDS]. Two statements for a part (the highest id, the rows).
 */
export function childSitemap(file: string): Response | null {
  let urls: Array<{ path: string; lastmod: number | null }>;
  if (file === "pages.xml") {
    urls = [
      ...STATIC_PAGES.map((path) => ({ path, lastmod: null })),
      ...categoriesForSitemap().map((c) => ({ path: categoryHref(c.slug), lastmod: c.lastActivityAt })),
    ];
  } else {
    const match = /^(organisations|initiatives|events|threads)-(0|[1-9]\d{0,5})\.xml$/.exec(file);
    if (!match) return null;
    const kind = match[1] as Kind;
    const part = Number(match[2]);
    if (part >= partsOf(kind)) return null;
    const from = part * SITEMAP_PART_IDS + 1;
    urls = KINDS[kind].rows(from, from + SITEMAP_PART_IDS);
  }
  const base = appUrl();
  return xmlResponse(
    [
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...urls.map((url) => `<url><loc>${escapeXml(`${base}${url.path}`)}</loc>${lastmodOf(url.lastmod)}</url>`),
      "</urlset>",
    ].join("\n"),
  );
}

/** /robots.txt: public pages open to crawlers; accounts, administration, forms and data answers closed. */
export function robotsTxt() {
  const lines = [
    "User-agent: *",
    "Allow: /",
    ...[
      "/account",
      "/admin",
      "/coordination",
      "/dev",
      "/login",
      "/signup",
      "/logout",
      "/forgot-password",
      "/reset-password",
      "/verify-email",
      "/invitations/",
      "/set-language",
      "/notifications",
      "/my-work",
      "/search",
      "/organisations/new",
      "/initiatives/new",
      "/events/new",
      "/*/edit",
      "/*/edit$",
      "/events/*/attendees",
      "/discussions/moderation",
      "/discussions/categories",
      "/discussions/mentions.json",
      "/*.data$",
      "/*?*_data=",
    ].map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${appUrl()}/sitemap.xml`,
    "",
  ];
  return new Response(lines.join("\n"), { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
