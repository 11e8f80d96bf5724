import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, getTableName, like, or } from "drizzle-orm";
import { schema, type Tx } from "#app/.server/db.ts";
import { slugify } from "#app/.server/names.ts";

type SluggedTable = typeof schema.organisations | typeof schema.initiatives | typeof schema.events;

const ROUTE_MODULE = /\.[jt]sx?$/;

/**
 * The route modules Remix serves, as paths relative to this file ("../routes/organisations.map.tsx"),
 * read from the same folder and with the same rules as `flatRoutes()` in app/routes.ts (files in
 * app/routes, and folders with a route.* module). Under Vite (the app, its build, Vitest) the glob
 * is resolved at build time; plain Node (tsx scripts and workers) reads the folder. Either way a
 * route added later is seen without anyone editing a list. The modules themselves are never loaded.
 */
function routeModules(): string[] {
  // Vite (build, dev server, Vitest) defines import.meta.env and rewrites the glob; plain Node has neither.
  if (import.meta.env) {
    return Object.keys(import.meta.glob(["../routes/*.{ts,tsx,js,jsx}", "../routes/*/route.{ts,tsx,js,jsx}"]));
  }
  const folder = fileURLToPath(new URL("../routes/", import.meta.url));
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && ROUTE_MODULE.test(entry.name)) return [`../routes/${entry.name}`];
    if (!entry.isDirectory()) return [];
    const route = fs.readdirSync(path.join(folder, entry.name)).find((name) => /^route\.[jt]sx?$/.test(name));
    return route ? [`../routes/${entry.name}/${route}`] : [];
  });
}

/**
 * The URL segments of a flat-routes route id, following Remix's file conventions: "." and "/"
 * separate segments, "[...]" escapes, "(x)" is optional, "$x" a parameter (":x") and a lone "$" a
 * splat ("*"), "_index" is an index route, a leading "_" a pathless layout and a trailing "_"
 * opts out of nesting. "organisations.$slug._index" → ["organisations", ":slug"];
 * "organisations[.]csv" → ["organisations.csv"]; "events_.new" → ["events", "new"].
 */
export function routeIdSegments(routeId: string): string[] {
  const segments: { text: string; raw: string }[] = [];
  let text = "";
  let raw = "";
  let escaped = false;
  let optional = false;
  const push = () => {
    if (text) segments.push({ text, raw });
    text = "";
    raw = "";
  };
  for (const char of routeId) {
    if (escaped) {
      if (char === "]") escaped = false;
      else text += char;
      raw += char;
    } else if (!optional && (char === "." || char === "/")) push();
    else if (char === "[") {
      escaped = true;
      raw += char;
    } else if (char === "(" && !optional) {
      optional = true;
      raw += char;
    } else if (char === ")" && optional) {
      optional = false;
      raw += char; // an optional segment still names a fixed path, with or without it
    } else if (char === "$" && !text) {
      text = ":";
      raw += char;
    } else {
      text += char;
      raw += char;
    }
  }
  push();
  const last = segments.at(-1);
  if (last?.text === ":") last.text = "*";
  if (last?.raw === "_index") segments.pop();
  return segments
    .filter((segment) => !(segment.text.startsWith("_") && segment.raw.startsWith("_")))
    .map((segment) =>
      segment.text.endsWith("_") && segment.raw.endsWith("_") ? segment.text.slice(0, -1) : segment.text,
    );
}

/** "../routes/organisations.map.tsx" → "organisations.map"; "../routes/foo.bar/route.tsx" → "foo.bar". */
function routeIdOfModule(modulePath: string) {
  const relative = modulePath.replace(/^.*?\/routes\//, "");
  return /\/route\.[jt]sx?$/.test(relative) ? relative.replace(/\/route\.[jt]sx?$/, "") : relative.replace(/\.[jt]sx?$/, "");
}

/** Every route's URL segments, e.g. [["organisations", "map"], ["organisations", ":slug", "edit"], …]. */
export const ROUTE_PATHS: readonly string[][] = routeModules().map((path) => routeIdSegments(routeIdOfModule(path)));

const reservedBySection = new Map<string, Set<string>>();

/**
 * The fixed path segments directly under `/<section>/` in the route table, which therefore can never
 * be a slug there: for "organisations" this includes "map" and "new". Parameters (":slug"), splats
 * and optional parameters are not fixed and are left out.
 */
export function reservedSlugs(section: string): ReadonlySet<string> {
  // The route table is fixed once the app is built: each section's list is worked out once.
  let reserved = reservedBySection.get(section);
  if (reserved) return reserved;
  reserved = new Set<string>();
  reservedBySection.set(section, reserved);
  for (const segments of ROUTE_PATHS) {
    const child = segments[1];
    if (segments[0] === section && child && !child.startsWith(":") && child !== "*") reserved.add(child.toLowerCase());
  }
  return reserved;
}

/** Where each slugged table is served and the slug it gets when its text has nothing to spell. */
const SECTIONS: Record<string, { section: string; fallback: string }> = {
  organisations: { section: "organisations", fallback: "organizacion" },
  initiatives: { section: "initiatives", fallback: "iniciativa" },
  events: { section: "events", fallback: "evento" },
};

/**
 * A slug for `text` not yet used in `table` and not a fixed path of its section (/organisations/map,
 * /events/new…): "cafe", then "cafe-2", "cafe-3"…; "Map" → "map-2". Text in any script is
 * transliterated ("森林協会" → "sen-lin-xie-hui"); text with nothing to spell gets the table's own
 * fallback ("organizacion", "iniciativa", "evento") numbered the same way. One query.
 */
export function uniqueSlug(tx: Tx, table: SluggedTable, text: string) {
  const { section, fallback } = SECTIONS[getTableName(table)]!;
  const base = slugify(text, fallback);
  const taken = new Set(
    tx
      .select({ slug: table.slug })
      .from(table)
      .where(or(eq(table.slug, base), like(table.slug, `${base}-%`)))
      .all()
      .map((row) => row.slug),
  );
  for (const segment of reservedSlugs(section)) taken.add(segment);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
