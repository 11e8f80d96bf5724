import sharp from "sharp";
import { sqlite } from "#app/.server/db.ts";
import { DEMO_PASSWORD } from "#tests/factories/users.ts";
import { HttpClient } from "../client.ts";
import type { BuiltServer } from "../server.ts";

// Who sends the hostile requests: demo people signed in through the log-in form, so the input
// gets past the guards to the validation and the domain code — the owner of a cooperative with
// initiatives, listings and conversations (miembro1), a coordinator, an admin — and anonymous
// visitors. URL parameters are filled from what the seeded pages link to (`crawlExamples`).

export const HOSTILE_ROLES = ["owner", "coordinator", "admin", "anonymous"] as const;
export type HostileRole = (typeof HOSTILE_ROLES)[number];

const ACCOUNTS: Record<Exclude<HostileRole, "anonymous">, string> = {
  owner: "miembro1@demo.pe",
  coordinator: "coordinadora@demo.pe",
  admin: "admin@demo.pe",
};

export type HostileWorld = {
  /** The Cookie header of each role ("" for anonymous). */
  cookies: Record<HostileRole, string>;
  clients: Record<HostileRole, HttpClient>;
  /** Concrete paths for each route pattern, as pages link to them (first the owner's own). */
  examples: Map<string, string[]>;
};

/** Signs the demo people in and collects example URLs for every pattern. */
export async function makeHostileWorld(server: BuiltServer, patterns: string[]): Promise<HostileWorld> {
  const clients = { anonymous: new HttpClient(server) } as Record<HostileRole, HttpClient>;
  for (const [role, email] of Object.entries(ACCOUNTS)) {
    const client = new HttpClient(server);
    await client.login(email, DEMO_PASSWORD);
    clients[role as HostileRole] = client;
  }
  const cookies = Object.fromEntries(HOSTILE_ROLES.map((role) => [role, clients[role].cookieHeader()])) as Record<HostileRole, string>;
  const invitation = await addWhatTheSeedLacks(clients);
  const examples = await crawlExamples(clients, patterns);
  examples.get("/invitations/:token")?.push(invitation);
  // A recorded exchange is linked only to the party who must still answer it; none of the demo
  // people is that party, so its ids come from the seeded table (pending ones first).
  const exchanges = examples.get("/exchange/exchanges/:exchangeId");
  if (exchanges?.length === 0) {
    const rows = sqlite.prepare("SELECT id FROM exchanges ORDER BY status = 'pending' DESC, id LIMIT 5").all() as { id: number }[];
    exchanges.push(...rows.map((row) => `/exchange/exchanges/${row.id}`));
  }
  return { cookies, clients, examples };
}

/**
 * The demo data has no images and no pending invitation, so the routes that serve them would
 * only ever see a 404: the owner uploads a logo and a listing photo and invites someone through
 * their forms, a coordinator uploads an event cover. Returns the invitation's path, read from the
 * mail the server kept in its outbox.
 */
async function addWhatTheSeedLacks(clients: Record<HostileRole, HttpClient>) {
  const own = sqlite
    .prepare("SELECT o.id, o.slug FROM organisations o JOIN organisation_members m ON m.organisation_id = o.id JOIN users u ON u.id = m.user_id WHERE u.email = ? AND m.role = 'owner' ORDER BY o.id LIMIT 1")
    .get(ACCOUNTS.owner) as { id: number; slug: string };
  const listing = sqlite.prepare("SELECT id FROM exchange_listings WHERE organisation_id = ? ORDER BY id LIMIT 1").get(own.id) as { id: number };
  const event = sqlite.prepare("SELECT slug FROM events WHERE status = 'published' ORDER BY starts_at DESC LIMIT 1").get() as { slug: string };
  const image = await sharp({ create: { width: 96, height: 64, channels: 3, background: "#2f855a" } }).png().toBuffer();
  const upload = async (client: HttpClient, path: string, field: string) => {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(image)], { type: "image/png" }), `${field}.png`);
    const answer = await client.request(path, { form });
    if (answer.status !== 302) throw new Error(`uploading a ${field} to ${path} answered ${answer.status}`);
  };
  await upload(clients.owner, `/organisations/${own.slug}/edit`, "logo");
  await upload(clients.owner, `/exchange/${listing.id}/edit`, "photo");
  await upload(clients.coordinator, `/events/${event.slug}/edit`, "cover");
  const invited = "hostil-invitada@example.pe";
  const answer = await clients.owner.post(`/organisations/${own.slug}/team`, { intent: "invite", email: invited, role: "member" });
  if (answer.status !== 302) throw new Error(`inviting answered ${answer.status}`);
  // The server's mail worker moves the message from its queue to the outbox within a second or so.
  for (let waited = 0; waited < 15_000; waited += 100) {
    const mail = sqlite.prepare("SELECT text FROM mail_outbox WHERE \"to\" = ? ORDER BY id DESC LIMIT 1").get(invited) as { text: string } | undefined;
    if (mail) return /\/invitations\/[^\s]+/.exec(mail.text)![0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the invitation's mail never reached the outbox");
}

/** A regex for a route pattern ("/exchange/:id/photos/:photoId"). */
export function patternRegex(pattern: string) {
  const body = pattern
    .split("/")
    .map((segment) => (segment === "*" ? ".+" : segment.startsWith(":") ? "[^/?#]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${body}/?$`);
}

const MAX_EXAMPLES = 5;

/**
 * Crawls the seeded site (the owner's own pages first, then public listings and the
 * coordinators' pages) and keeps, for every pattern with URL parameters, up to five paths the
 * pages link to. The sitemaps list every public page.
 */
async function crawlExamples(clients: Record<HostileRole, HttpClient>, patterns: string[]) {
  const withParams = patterns.filter((p) => p.includes(":") || p.includes("*"));
  const regexes = withParams.map((p) => [p, patternRegex(p)] as const);
  const examples = new Map<string, string[]>(withParams.map((p) => [p, []]));
  const seen = new Set<string>();
  const queue: [HostileRole, string][] = [
    ["owner", "/my-work"],
    ["owner", "/account/organisations"],
    ["owner", "/exchange?mine=1"],
    ["coordinator", "/coordination/organisations"],
    ["coordinator", "/discussions/moderation"],
    ["coordinator", "/discussions/categories"],
    ["coordinator", "/progress"],
    ["anonymous", "/sitemap.xml"],
    ["owner", "/organisations"],
    ["owner", "/initiatives"],
    ["owner", "/events"],
    ["owner", "/exchange"],
    ["owner", "/discussions"],
    ["owner", "/roadmaps"],
    ["coordinator", "/events"],
  ];
  let fetched = 0;
  while (queue.length > 0 && fetched < 240) {
    const [role, page] = queue.shift()!;
    if (seen.has(`${role} ${page}`)) continue;
    seen.add(`${role} ${page}`);
    fetched++;
    const answer = await clients[role].get(page);
    if (answer.status !== 200) continue;
    const links = [...answer.body.matchAll(/(?:href="|src="|action="|<loc>)(?:https?:\/\/[^/"<]+)?(\/[^"<#]*)/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
    for (const link of links) {
      const pathOnly = link.split("?")[0]!;
      for (const [pattern, regex] of regexes) {
        const list = examples.get(pattern)!;
        if (!regex.test(pathOnly) || list.includes(pathOnly)) continue;
        if (list.length >= MAX_EXAMPLES) {
          // Visited later all the same, while the budget lasts: its page may link to what no other does.
          if (!/\.(csv|ics|atom|json|xml)$|\/logo$|\/cover$|\/photos\//.test(pathOnly)) queue.push(["owner", pathOnly]);
          continue;
        }
        {
          list.push(pathOnly);
          // Pages of a resource link to its sub-resources (photos, conversations, threads): the
          // first ones of a pattern are visited next, so every pattern is reached within the budget.
          if (!pathOnly.match(/\.(csv|ics|atom|json|xml)$|\/logo$|\/cover$|\/photos\//)) {
            // Seen by the owner and by a coordinator: each is shown the links to what they may do.
            const visits: [HostileRole, string][] = [["owner", pathOnly], ["coordinator", pathOnly]];
            if (list.length <= 2) queue.unshift(...visits);
            else queue.push(...visits);
          }
        }
      }
      if (/^\/sitemaps\//.test(pathOnly)) queue.push(["anonymous", pathOnly]);
      // The calendar file is linked as /events/:slug.ics, which the server rewrites to its route.
      const calendar = /^(\/events\/[^/]+)\.ics$/.exec(pathOnly);
      const calendars = examples.get("/events/:slug/calendar.ics");
      if (calendar && calendars && calendars.length < MAX_EXAMPLES && !calendars.includes(`${calendar[1]}/calendar.ics`)) calendars.push(`${calendar[1]}/calendar.ics`);
    }
  }
  return examples;
}

/**
 * The values a page's forms carry (hidden ids, one-time form tokens, prefilled fields), first
 * occurrence of each name: the generated forms start from them, so ids point at real records.
 */
export async function pageFormValues(client: HttpClient, path: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  const answer = await client.get(path);
  if (answer.status !== 200) return values;
  const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  for (const tag of answer.body.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(tag[0])?.[1];
    const type = /\btype="([^"]*)"/.exec(tag[0])?.[1] ?? "text";
    if (!name || value === undefined || values.has(name) || type === "file") continue;
    if ((type === "checkbox" || type === "radio") && !/\bchecked\b/.test(tag[0])) continue;
    values.set(name, decode(value));
  }
  for (const select of answer.body.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const options = [...select[2]!.matchAll(/<option\b[^>]*\bvalue="([^"]*)"[^>]*>/g)];
    const chosen = options.find((o) => /\bselected\b/.test(o[0])) ?? options.find((o) => o[1] !== "");
    if (chosen && !values.has(select[1]!)) values.set(select[1]!, decode(chosen[1]!));
  }
  for (const area of answer.body.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    if (!values.has(area[1]!) && area[2]) values.set(area[1]!, decode(area[2]));
  }
  return values;
}
