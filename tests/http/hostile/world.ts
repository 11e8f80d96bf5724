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
  const examples = await crawlExamples(clients, patterns);
  return { cookies, clients, examples };
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
  ];
  let fetched = 0;
  while (queue.length > 0 && fetched < 160) {
    const [role, page] = queue.shift()!;
    if (seen.has(page)) continue;
    seen.add(page);
    fetched++;
    const answer = await clients[role].get(page);
    if (answer.status !== 200) continue;
    const links = [...answer.body.matchAll(/(?:href="|<loc>)(?:https?:\/\/[^/"<]+)?(\/[^"<#]*)/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
    for (const link of links) {
      const pathOnly = link.split("?")[0]!;
      for (const [pattern, regex] of regexes) {
        const list = examples.get(pattern)!;
        if (regex.test(pathOnly) && !list.includes(pathOnly) && list.length < MAX_EXAMPLES) {
          list.push(pathOnly);
          // Pages of a resource link to its sub-resources (photos, conversations, threads).
          if (!pathOnly.match(/\.(csv|ics|atom|json|xml)$|\/logo$|\/cover$|\/photos\//)) queue.push([role === "anonymous" ? "owner" : role, pathOnly]);
        }
      }
      if (/^\/sitemaps\//.test(pathOnly) && !seen.has(pathOnly)) queue.push(["anonymous", pathOnly]);
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
