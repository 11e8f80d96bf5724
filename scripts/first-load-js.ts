/**
 * First-load JavaScript per route of the production build, in bytes of gzip (node:zlib
 * `gzipSync`, default level), as issue 9 budgets it (≤ 100 KB gzip on read-only pages).
 *
 * For a route, "first load" is every JavaScript file a browser downloads when that route is the
 * first page it opens: the browser entry and its static imports, then for each route of the
 * chain (root, the route's parents, the route) its module and static imports — read from the
 * Remix manifest (`build/client/assets/manifest-*.js`, `window.__remixManifest`) and followed
 * through the static `import` statements of each file, deduplicated — plus the one dictionary
 * chunk of the reader's language, which the entry imports before hydrating (app/entry.client.tsx).
 *
 * The manifest file itself is not counted: with `v3_lazyRouteDiscovery` the page inlines the
 * part of the manifest it needs and the browser never fetches manifest-*.js on first load.
 *
 * `tsx scripts/first-load-js.ts [buildDir]` prints a table for the main read-only pages.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export type FirstLoad = {
  route: string;
  /** Files under the build directory ("assets/…"), for the heavier language. */
  files: string[];
  /** Bytes gzip of `files`: the heavier of the two languages. */
  gzipBytes: number;
  /** Bytes gzip for a reader of each language (the shared files plus that language's dictionary). */
  byLocale: Record<string, number>;
  /** The dictionary chunk of each language ("assets/en-<hash>.js"). */
  dictionaryFiles: Record<string, string>;
};

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };

export const MAIN_READ_ONLY_ROUTES = [
  "routes/_index",
  "routes/organisations._index",
  "routes/organisations.map",
  "routes/organisations.$slug._index",
  "routes/initiatives._index",
  "routes/initiatives.$slug._index",
  "routes/roadmaps._index",
  "routes/roadmaps.$sector",
  "routes/events._index",
  "routes/events.$slug._index",
] as const;

/** The budget of issue 9, in bytes gzip. */
export const FIRST_LOAD_BUDGET = 100 * 1024;

function readManifest(buildDir: string): Manifest {
  const assets = path.join(buildDir, "assets");
  const file = fs.readdirSync(assets).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error(`No Remix manifest in ${assets}: run \`npm run build\` first`);
  const source = fs.readFileSync(path.join(assets, file), "utf8");
  const json = source.slice(source.indexOf("=") + 1).trim().replace(/;$/, "");
  return JSON.parse(json) as Manifest;
}

/** "./x.js" and "/assets/x.js" as "assets/x.js", relative to the build directory. */
function buildPath(specifier: string, from: string) {
  return specifier.startsWith("/") ? specifier.slice(1) : path.posix.join(path.posix.dirname(from), specifier);
}

/**
 * Static imports of a built chunk: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`
 * (never `import("./x.js")`, which loads later, if ever).
 */
export function staticImports(source: string): string[] {
  const found = source.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{][^"'();]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g);
  return [...new Set([...found].map((match) => match[1]!))];
}

/** Dynamic imports of a built chunk: `import("./x.js")`. */
export function dynamicImports(source: string): string[] {
  return [...new Set([...source.matchAll(/import\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g)].map((match) => match[1]!))];
}

export function firstLoadJs(buildDir = "build/client", routes?: readonly string[]): FirstLoad[] {
  const manifest = readManifest(buildDir);
  const sizes = new Map<string, number>();
  const sources = new Map<string, string>();
  const source = (file: string) => {
    let text = sources.get(file);
    if (text === undefined) sources.set(file, (text = fs.readFileSync(path.join(buildDir, file), "utf8")));
    return text;
  };
  const gzipSize = (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) sizes.set(file, (size = gzipSync(fs.readFileSync(path.join(buildDir, file))).length));
    return size;
  };
  /** The files and everything they import statically, in load order, once each. */
  const closure = (start: string[]) => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of staticImports(source(file))) visit(buildPath(specifier, file));
    };
    for (const file of start) visit(buildPath(file, ""));
    return [...seen];
  };
  // The language dictionaries are the chunks named after a language that the entry's files
  // import dynamically (vite names a chunk after its module: app/locales/en.ts → en-<hash>.js).
  const entryFiles = closure([manifest.entry.module, ...manifest.entry.imports]);
  const dictionaries = new Map<string, string>();
  for (const file of entryFiles) {
    for (const specifier of dynamicImports(source(file))) {
      const target = buildPath(specifier, file);
      const locale = /^([a-z]{2})-[\w-]+\.js$/.exec(path.posix.basename(target))?.[1];
      if (locale) dictionaries.set(locale, target);
    }
  }

  const chain = (id: string): ManifestRoute[] => {
    const route = manifest.routes[id];
    if (!route) throw new Error(`No route ${id} in the manifest`);
    return route.parentId ? [...chain(route.parentId), route] : [route];
  };

  return (routes ?? Object.keys(manifest.routes)).map((id) => {
    const shared = closure([
      manifest.entry.module,
      ...manifest.entry.imports,
      ...chain(id).flatMap((route) => [route.module, ...(route.imports ?? [])]),
    ]);
    const sharedBytes = shared.reduce((sum, file) => sum + gzipSize(file), 0);
    const byLocale: Record<string, number> = {};
    let heaviest: string | undefined;
    for (const [locale, file] of dictionaries) {
      // A dictionary already among the static files (as before the split) costs nothing more.
      byLocale[locale] = sharedBytes + (shared.includes(file) ? 0 : gzipSize(file));
      if (!heaviest || byLocale[locale]! > byLocale[heaviest]!) heaviest = locale;
    }
    const files = heaviest && !shared.includes(dictionaries.get(heaviest)!) ? [...shared, dictionaries.get(heaviest)!] : shared;
    return {
      route: id,
      files,
      gzipBytes: heaviest ? byLocale[heaviest]! : sharedBytes,
      byLocale,
      dictionaryFiles: Object.fromEntries(dictionaries),
    };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const buildDir = process.argv[2] ?? "build/client";
  const rows = firstLoadJs(buildDir, MAIN_READ_ONLY_ROUTES);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const locales = Object.keys(rows[0]?.byLocale ?? {});
  console.log(`First-load JavaScript, KB gzip (budget ${kb(FIRST_LOAD_BUDGET)}), from ${buildDir}`);
  console.log(["route", "files", ...locales.map((l) => `${l} KB`), "max KB", ""].join("\t"));
  for (const row of rows) {
    const over = row.gzipBytes > FIRST_LOAD_BUDGET ? "over budget" : "";
    console.log([row.route, row.files.length, ...locales.map((l) => kb(row.byLocale[l]!)), kb(row.gzipBytes), over].join("\t"));
  }
}
