import path from "node:path";
import { pathToFileURL } from "node:url";
import { sqlite } from "#app/.server/db.ts";
import { createEmailToken } from "#app/.server/auth/email-token.ts";
import { createSession } from "#app/.server/auth/session.ts";
import { createUnsubscribeLink } from "#app/.server/notifications/unsubscribe.ts";
import { createInvitation, saveLogo } from "#app/.server/organisations/mutations.ts";
import { processLogo } from "#app/.server/organisations/logo.ts";
import { saveCover } from "#app/.server/events/mutations.ts";
import { addListingPhoto } from "#app/.server/exchange/listings.ts";
import sharp from "sharp";
import { db } from "#app/.server/db.ts";
import { ROADMAPS } from "#app/features/organisations/taxonomy.ts";
import { TABLE_IDS } from "#app/components/charts/progress-tables.ts";
import { HttpClient } from "./client.ts";
import type { BuiltServer } from "./server.ts";

// The site as the built server knows it, for the suites that must reach every route (issue 14:
// cross-site writes, GETs that change nothing, headers on every page): the route modules of the
// production build's manifest, each with its URL parameters filled from the seeded demo database,
// so every route is asked about a resource that exists. A route whose parameters no filler knows
// fails the suites (`fillRoute` throws): a new route cannot be left out unnoticed.

/** One route module of the build, with its whole URL pattern. */
export type RouteModule = {
  /** The route id, e.g. "routes/organisations.$slug.team". */
  id: string;
  /** The whole pattern, e.g. "/organisations/:slug/team" ("/" for the home page). */
  pattern: string;
  hasAction: boolean;
  hasLoader: boolean;
  hasComponent: boolean;
};

type ManifestRoute = {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { action?: unknown; loader?: unknown; default?: unknown };
};

/** Every route module of build/server/index.js but the root, in the manifest's order. */
export async function routeModules(): Promise<RouteModule[]> {
  const build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as { routes: Record<string, ManifestRoute> };
  const routes = build.routes;
  const fullPath = (route: ManifestRoute): string => {
    const own = route.path ?? "";
    const parent = route.parentId ? routes[route.parentId] : undefined;
    const above = parent ? fullPath(parent) : "";
    return [above, own].filter(Boolean).join("/");
  };
  return Object.values(routes)
    .filter((route) => route.id !== "root")
    .map((route) => ({
      id: route.id,
      pattern: `/${fullPath(route)}`,
      hasAction: Boolean(route.module.action),
      hasLoader: Boolean(route.module.loader),
      hasComponent: Boolean(route.module.default),
    }));
}

/** The demo people the suites act as (db/seed.ts), by what they are. */
export const DEMO_PEOPLE = {
  admin: "admin@demo.pe",
  coordinator: "coordinadora@demo.pe",
  /** Sole owner of the cooperative (organisation "cooperativa-agraria-cafetalera-del-alto-mayo"). */
  owner: "miembro1@demo.pe",
  /** A plain member of an organisation (a university), with no platform role. */
  member: "rocio.gutierrez@demo.pe",
} as const;

export type DemoRole = keyof typeof DEMO_PEOPLE;

const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];

/** The demo person's user id; throws if the seed no longer has them. */
export function demoUserId(email: string): number {
  const row = one<{ id: number } | undefined>("SELECT id FROM users WHERE email = ?", email);
  if (!row) throw new Error(`the seeded database has no ${email}`);
  return row.id;
}

/** A client signed in as the demo person of `role` with a fresh session (cookie `__Host-session`). */
export function demoClient(server: Pick<BuiltServer, "origin">, role: DemoRole) {
  return HttpClient.withSession(server, createSession(demoUserId(DEMO_PEOPLE[role])).token);
}

/** Links that carry a token (made with the features' own functions), for the pages that read one. */
export type SiteTokens = { invitation: string; unsubscribe: string; verifyEmail: string; changeEmail: string; resetPassword: string };

/**
 * Makes one live token of each kind a page reads: an invitation to the owner's organisation (for a
 * new address), an unsubscribe link of the member, and email tokens (confirm, change, reset) of
 * the member. Writes to the database: call it before taking a snapshot.
 */
export function makeSiteTokens(): SiteTokens {
  const member = demoUserId(DEMO_PEOPLE.member);
  const owner = demoUserId(DEMO_PEOPLE.owner);
  const organisation = ownersOrganisation();
  const invitation = createInvitation(organisation.id, owner, { email: "invitada-crawl@example.pe", role: "member" });
  if (!invitation.ok) throw new Error(`could not invite: ${invitation.error}`);
  const link = createUnsubscribeLink(db, member, "digest");
  return {
    invitation: invitation.token,
    unsubscribe: new URL(link).searchParams.get("token")!,
    verifyEmail: createEmailToken(member, "verify-email", DEMO_PEOPLE.member),
    changeEmail: createEmailToken(member, "change-email", "rocio.nueva@example.pe"),
    resetPassword: createEmailToken(member, "reset-password", DEMO_PEOPLE.member),
  };
}

/**
 * Gives the owner's organisation a logo, one of its events (or the first event) a cover, and two
 * listings a photo — the owner's own and a published one — with the features' own functions: the
 * seed has no images, and their routes are pages' parts too. Writes to the database.
 */
export async function makeSiteImages() {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#2a7" } }).png().toBuffer();
  const image = await processLogo(png);
  if (!image.ok) throw new Error(`could not make an image: ${image.error}`);
  const organisation = ownersOrganisation();
  const owner = demoUserId(DEMO_PEOPLE.owner);
  saveLogo(organisation.id, owner, image.image, image.contentType, image.hash);
  const event = one<{ id: number }>(
    "SELECT e.id FROM events e LEFT JOIN event_organisers eo ON eo.event_id = e.id AND eo.organisation_id = ? ORDER BY eo.organisation_id IS NULL, e.id LIMIT 1",
    organisation.id,
  );
  saveCover(event.id, image.image, image.contentType, image.hash);
  const listings = all<{ id: number; userId: number }>(
    `SELECT l.id, m.user_id AS userId FROM exchange_listings l JOIN organisation_members m ON m.organisation_id = l.organisation_id
     WHERE l.organisation_id = ? OR l.status = 'published' GROUP BY l.id ORDER BY l.organisation_id = ? DESC, l.id LIMIT 2`,
    organisation.id,
    organisation.id,
  );
  for (const listing of listings) {
    const added = addListingPhoto(listing.id, listing.userId, image, "Foto de prueba");
    if (!added.ok) throw new Error(`could not add a photo to listing ${listing.id}: ${JSON.stringify(added)}`);
  }
}

/**
 * Everything the suites need before their first snapshot: live tokens, images, then the
 * parameter values read from the database.
 */
export async function prepareSite(): Promise<ParameterValues> {
  const tokens = makeSiteTokens();
  await makeSiteImages();
  return parameterValues(tokens);
}

/** The organisation the demo owner owns. */
export function ownersOrganisation() {
  return one<{ id: number; slug: string }>(
    "SELECT o.id, o.slug FROM organisations o JOIN organisation_members m ON m.organisation_id = o.id JOIN users u ON u.id = m.user_id WHERE u.email = ? AND m.role = 'owner' ORDER BY o.id LIMIT 1",
    DEMO_PEOPLE.owner,
  );
}

// Rows chosen per resource: one of each status (drafts, cancelled, hidden… are pages too), starting
// with the owner's own (sorted first), at most `limit`.
function byStatus(rows: { key: string | number; status: string | null; own: number }[], limit = 4) {
  const seen = new Set<string | null>();
  const chosen: (string | number)[] = [];
  for (const row of [...rows].sort((a, b) => b.own - a.own)) {
    if (seen.has(row.status)) continue;
    seen.add(row.status);
    chosen.push(row.key);
    if (chosen.length >= limit) break;
  }
  return chosen;
}

/** Real values for each URL parameter, read from the seeded database (and the tokens made). */
export function parameterValues(tokens: SiteTokens) {
  const owned = ownersOrganisation().id;
  const organisations = byStatus(all("SELECT slug AS key, status, id = ? AS own FROM organisations ORDER BY id", owned));
  const initiatives = byStatus(all("SELECT slug AS key, status, lead_organisation_id = ? AS own FROM initiatives ORDER BY id", owned));
  const events = byStatus(
    all(
      "SELECT e.slug AS key, e.status, EXISTS (SELECT 1 FROM event_organisers eo WHERE eo.event_id = e.id AND eo.organisation_id = ?) AS own FROM events e ORDER BY e.id",
      owned,
    ),
  );
  const listings = byStatus(all("SELECT id AS key, status, organisation_id = ? AS own FROM exchange_listings ORDER BY id", owned));
  const photos = all<{ listing: number; photo: number }>("SELECT listing_id AS listing, id AS photo FROM exchange_listing_photos ORDER BY id LIMIT 2");
  const threads = byStatus(
    all("SELECT id AS key, coalesce(parent_type, 'category') || (hidden_at IS NOT NULL) || (locked_at IS NOT NULL) AS status, 0 AS own FROM discussion_threads ORDER BY id"),
    6,
  );
  const parents = all<{ type: string; id: number }>("SELECT parent_type AS type, min(parent_id) AS id FROM discussion_threads WHERE parent_type IS NOT NULL GROUP BY parent_type ORDER BY parent_type");
  const posts = all<{ id: number }>("SELECT min(id) AS id FROM discussion_posts GROUP BY hidden_at IS NOT NULL ORDER BY 1").map((r) => r.id);
  const categories = all<{ slug: string }>("SELECT slug FROM discussion_categories ORDER BY id LIMIT 3").map((r) => r.slug);
  const conversations = all<{ id: number }>("SELECT id FROM exchange_conversations ORDER BY id LIMIT 2").map((r) => r.id);
  const exchanges = byStatus(all("SELECT id AS key, status, 0 AS own FROM exchanges ORDER BY id"), 3);
  return {
    organisations,
    initiatives,
    events,
    listings,
    photos,
    threads,
    parents,
    posts,
    categories,
    conversations,
    exchanges,
    tokens,
  };
}

export type ParameterValues = ReturnType<typeof parameterValues>;

/**
 * The concrete paths (with query strings where the page reads one) that ask `route` about real
 * resources. Throws for a pattern no filler knows, so a new route cannot escape the suites.
 */
export function fillRoute(pattern: string, values: ParameterValues): string[] {
  const each = <T>(list: readonly T[], make: (value: T) => string) => list.map(make);
  const enc = encodeURIComponent;
  const param = /\/:[^/]+|\/\*/.exec(pattern);
  if (!param) {
    // Pages that read a token from the query string are asked with a live one and without.
    if (pattern === "/unsubscribe") return [pattern, `${pattern}?token=${enc(values.tokens.unsubscribe)}`];
    if (pattern === "/verify-email") return [pattern, `${pattern}?token=${enc(values.tokens.verifyEmail)}`, `${pattern}?change=1&token=${enc(values.tokens.changeEmail)}`];
    if (pattern === "/reset-password") return [pattern, `${pattern}?token=${enc(values.tokens.resetPassword)}`];
    return [pattern];
  }
  const fill = (replace: string) => pattern.replace(/\/:[^/]+|\/\*/, `/${replace}`);
  const prefix = pattern.slice(0, param.index);
  const rest = (text: string) => /\/:[^/]+|\/\*/.test(text);
  let filled: string[];
  switch (true) {
    case pattern === "/exchange/:id/photos/:photoId":
      return each(values.photos, (p) => `/exchange/${p.listing}/photos/${p.photo}`);
    case pattern === "/discussions/on/:type/:id":
      return each(values.parents, (p) => `/discussions/on/${p.type}/${p.id}`);
    case prefix === "/organisations" || prefix === "/api/v1/organisations":
      filled = each(values.organisations, (slug) => fill(String(slug)));
      break;
    case prefix === "/initiatives" || prefix === "/api/v1/initiatives":
      filled = each(values.initiatives, (slug) => fill(String(slug)));
      break;
    case prefix === "/events" || prefix === "/api/v1/events":
      filled = each(values.events, (slug) => fill(String(slug)));
      break;
    case prefix === "/exchange" && pattern.startsWith("/exchange/:id"):
      filled = each(values.listings, (id) => fill(String(id)));
      break;
    case prefix === "/exchange/conversations":
      filled = each(values.conversations, (id) => fill(String(id)));
      break;
    case prefix === "/exchange/exchanges":
      filled = each(values.exchanges, (id) => fill(String(id)));
      break;
    case prefix === "/discussions/threads" || prefix === "/api/v1/threads":
      filled = each(values.threads, (id) => fill(String(id)));
      break;
    case prefix === "/discussions/posts":
      filled = each(values.posts, (id) => fill(String(id)));
      break;
    case prefix === "/discussions/c":
      filled = each(values.categories, (slug) => fill(slug));
      break;
    case prefix === "/invitations":
      filled = [fill(enc(values.tokens.invitation)), fill("not-a-token")];
      break;
    case prefix === "/roadmaps":
      filled = each(ROADMAPS, (sector) => fill(sector));
      break;
    case prefix === "/progress":
      filled = [fill(`${TABLE_IDS[0]}.csv`)];
      break;
    case prefix === "/sitemaps":
      filled = [fill("pages.xml")];
      break;
    case pattern === "/api/v1/*":
      filled = [fill("no-such-collection")];
      break;
    case pattern === "/*":
      filled = [fill("no-such-page")];
      break;
    default:
      throw new Error(`No filler for the parameters of ${pattern}: add one to tests/http/site-map.ts`);
  }
  if (filled.some(rest)) throw new Error(`Parameters of ${pattern} left unfilled: ${filled.join(", ")}`);
  return filled;
}
