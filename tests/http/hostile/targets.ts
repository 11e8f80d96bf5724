import fs from "node:fs";
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { z } from "zod";

// What the hostile input suite aims at, enumerated from the route modules themselves (issue 14):
// every route file with its URL pattern, whether it has a loader and an action, the form
// `intent`s its action tells apart, the form fields it reads (from its source and from the zod
// schemas it imports from app/features/*), and the query parameters it (or a module it imports)
// reads. A new route, intent, field or parameter is aimed at without editing this suite.

const APP = path.resolve("app");

/** How a valid value of a form field looks, as far as its zod schema or its source tells. */
export type FieldInfo = {
  name: string;
  kind: "text" | "email" | "url" | "number" | "choice" | "choices" | "literal" | "file";
  /** The values a choice, a list of choices or a literal takes. */
  options?: readonly string[];
  /** Bounds: of the length for text, of the value for numbers. */
  min?: number;
  max?: number;
};

/** One route module and what the suite sends to it. */
export type RouteTarget = {
  /** The route file under app/routes, e.g. "organisations.$slug.team.tsx". */
  file: string;
  /** The URL pattern, e.g. "/organisations/:slug/team" ("*" for a splat). */
  pattern: string;
  /** The URL parameters of the pattern ("slug", "id", "*"). */
  params: string[];
  loader: boolean;
  action: boolean;
  /** The `intent` values the action distinguishes (empty when it takes none). */
  intents: string[];
  fields: FieldInfo[];
  /** Query parameters read by the route or by a module it imports. */
  query: string[];
  /** Whether the action reads an image upload (multipart/form-data). */
  upload: boolean;
};

const read = (file: string) => fs.readFileSync(file, "utf8");

/**
 * The app files a module imports or re-exports, through `#app/…` or a relative path (resolved to
 * paths), with the names imported. Type-only imports are left out.
 */
function appImports(source: string, from: string): { file: string; names: string[] }[] {
  const found: { file: string; names: string[] }[] = [];
  const resolve = (specifier: string) => {
    const file = specifier.startsWith("#app/") ? path.join(APP, specifier.slice(5)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
    return file && fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
  };
  for (const match of source.matchAll(/(?:import|export)\s+(type\s+)?(?:\{([^}]*)\}|[\w$*]+(?:\s+as\s+\w+)?)?\s*(?:,\s*\{([^}]*)\})?\s*from\s+"([^"]+)"/g)) {
    if (match[1]) continue;
    const file = resolve(match[4]!);
    if (!file) continue;
    const names = `${match[2] ?? ""},${match[3] ?? ""}`
      .split(",")
      .map((part) => part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!.trim())
      .filter(Boolean);
    found.push({ file, names });
  }
  for (const match of source.matchAll(/import\s+"([^"]+)"/g)) {
    const file = resolve(match[1]!);
    if (file) found.push({ file, names: [] });
  }
  return found;
}

/** The sources of a module and of the app modules it imports, `depth` levels deep (each once). */
function importGraph(file: string, depth: number, accept: (file: string) => boolean = () => true) {
  const seen = new Map<string, string>();
  let frontier = [file];
  for (let level = 0; level <= depth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const one of frontier) {
      if (seen.has(one)) continue;
      const source = read(one);
      seen.set(one, source);
      for (const imported of appImports(source, one)) if (!seen.has(imported.file) && accept(imported.file)) next.push(imported.file);
    }
    frontier = next;
  }
  return seen;
}

const unique = <T>(items: Iterable<T>) => [...new Set(items)];

/** String literals `"a", "b"` inside a bracketed list or braces (keys of an object or array items). */
function literalsIn(text: string) {
  const values: string[] = [];
  for (const match of text.matchAll(/"([a-z][a-z0-9_-]*)"\s*[:,\]}]|^\s*([a-z][a-z0-9]*)\s*:/gim)) values.push((match[1] ?? match[2])!);
  return values;
}

/** The intents an action distinguishes, read from its source and from the modules it imports. */
function intentsIn(routeSource: string, featureSources: string[]) {
  const intents: string[] = [];
  const sources = [routeSource, ...featureSources];
  for (const source of sources) {
    for (const m of source.matchAll(/intent"?\)?\s*[!=]==\s*"([^"]+)"/g)) intents.push(m[1]!);
    for (const m of source.matchAll(/\(\s*\[([^\]]*)\]\s*(?:as const)?\s*\)?\.includes\(intent\)/g)) intents.push(...literalsIn(m[1]!));
    for (const m of source.matchAll(/name="intent"[^>]*?value="([^"]+)"/g)) intents.push(m[1]!);
    for (const m of source.matchAll(/value="([^"]+)"[^>]*?name="intent"/g)) intents.push(m[1]!);
    for (const m of source.matchAll(/\bintent="([^"]+)"/g)) intents.push(m[1]!);
    for (const m of source.matchAll(/\{\s*intent:\s*"([^"]+)"/g)) intents.push(m[1]!);
    for (const m of source.matchAll(/intent:\s*z\.(?:literal\("([^"]+)"\)|enum\(\[([^\]]*)\])/g)) {
      if (m[1]) intents.push(m[1]);
      else intents.push(...literalsIn(m[2]!));
    }
  }
  // `switch (intent)` cases in the route, and tables looked up by intent (`intent in ACTIONS`).
  const switched = /switch\s*\(\s*intent\s*\)\s*\{([\s\S]*?)\n {2}\}/.exec(routeSource);
  if (switched) for (const m of switched[1]!.matchAll(/case\s+"([^"]+)"/g)) intents.push(m[1]!);
  for (const m of routeSource.matchAll(/intent\s+in\s+([A-Z_]+)|([A-Z_]+)\s+as readonly string\[\]\)\.includes\(intent\)/g)) {
    const table = (m[1] ?? m[2])!;
    for (const source of sources) {
      const defined = new RegExp(`const ${table}\\s*=\\s*([\\[{][\\s\\S]*?[\\]}])\\s*as const`).exec(source);
      if (defined) intents.push(...literalsIn(defined[1]!));
    }
  }
  return unique(intents).filter((intent) => /^[a-z][a-z-]*$/.test(intent));
}

type AnyZod = z.ZodTypeAny;

/** The object shapes inside a schema (through effects, defaults, unions, pipelines). */
function shapesOf(schema: AnyZod, depth = 0): Record<string, AnyZod>[] {
  if (depth > 8) return [];
  if (schema instanceof z.ZodObject) return [schema.shape as Record<string, AnyZod>];
  if (schema instanceof z.ZodEffects) return shapesOf(schema._def.schema, depth + 1);
  if (schema instanceof z.ZodPipeline) return shapesOf(schema._def.in, depth + 1);
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) {
    return [...(schema._def.options as AnyZod[])].flatMap((option) => shapesOf(option, depth + 1));
  }
  if (schema instanceof z.ZodIntersection) return [...shapesOf(schema._def.left, depth + 1), ...shapesOf(schema._def.right, depth + 1)];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodCatch) {
    return shapesOf(schema._def.innerType, depth + 1);
  }
  return [];
}

/** What a field's schema says about its valid values. */
function describe(name: string, schema: AnyZod, depth = 0): FieldInfo {
  if (depth > 8) return { name, kind: "text" };
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodCatch) {
    return describe(name, schema._def.innerType, depth + 1);
  }
  if (schema instanceof z.ZodEffects) return describe(name, schema._def.schema, depth + 1);
  if (schema instanceof z.ZodPipeline) return describe(name, schema._def.in, depth + 1);
  if (schema instanceof z.ZodBranded) return describe(name, schema._def.type, depth + 1);
  if (schema instanceof z.ZodEnum) return { name, kind: "choice", options: schema.options as string[] };
  if (schema instanceof z.ZodLiteral) return { name, kind: "literal", options: [String(schema.value)] };
  if (schema instanceof z.ZodArray) {
    const element = describe(name, schema._def.type, depth + 1);
    return element.kind === "choice" ? { name, kind: "choices", options: element.options } : { ...element, kind: element.kind === "number" ? "number" : "text" };
  }
  if (schema instanceof z.ZodNumber) {
    const checks = schema._def.checks;
    return {
      name,
      kind: "number",
      min: checks.find((c) => c.kind === "min")?.value,
      max: checks.find((c) => c.kind === "max")?.value,
    };
  }
  if (schema instanceof z.ZodBoolean) return { name, kind: "literal", options: ["on"] };
  if (schema instanceof z.ZodString) {
    const checks = schema._def.checks;
    if (checks.some((c) => c.kind === "email")) return { name, kind: "email" };
    if (checks.some((c) => c.kind === "url")) return { name, kind: "url" };
    const min = checks.find((c) => c.kind === "min") as { value: number } | undefined;
    const max = checks.find((c) => c.kind === "max") as { value: number } | undefined;
    return { name, kind: "text", min: min?.value, max: max?.value };
  }
  if (schema instanceof z.ZodUnion) return describe(name, schema._def.options[0], depth + 1);
  return { name, kind: "text" };
}

const schemaModules = new Map<string, Record<string, unknown>>();

/** The zod schemas a route imports by name from a feature module (schema factories called with defaults). */
async function importedSchemas(routeSource: string, routeFile: string) {
  const schemas: AnyZod[] = [];
  for (const { file, names } of appImports(routeSource, routeFile)) {
    if (!file.includes(`${path.sep}features${path.sep}`) || !/\.ts$/.test(file)) continue;
    let module = schemaModules.get(file);
    if (!module) {
      module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      schemaModules.set(file, module);
    }
    for (const name of names) {
      const value = module[name];
      if (value instanceof z.ZodType) schemas.push(value);
      else if (typeof value === "function" && /Schema$/i.test(name)) {
        try {
          const made = (value as (options: object) => unknown)({});
          if (made instanceof z.ZodType) schemas.push(made);
        } catch {
          // A factory that needs arguments: its keys still come from its source below.
        }
      }
    }
  }
  return schemas;
}

/** Field names a source reads or renders: `form.get("x")`, `name="x"`, and zod object keys. */
function fieldNamesIn(source: string) {
  const names: string[] = [];
  for (const m of source.matchAll(/\.(?:get|getAll|has)\("([A-Za-z_][\w-]*)"\)/g)) names.push(m[1]!);
  for (const m of source.matchAll(/\bname="([A-Za-z_][\w-]*)"/g)) names.push(m[1]!);
  for (const m of source.matchAll(/^\s+([A-Za-z_]\w*):\s*(?:z\b|choices\(|idChoices\(|optionalText\(|text\(|isoDay\(|limaDateTime|acceptPrivacy|moderationNote|reason\b|newPassword\b|email\b|name\b|locale\b)/gm)) {
    names.push(m[1]!);
  }
  return names;
}

// Names of request headers, cookies and the like that the regexes above also match.
const NOT_FORM_FIELDS = new Set(["content-type", "Content-Type", "cookie", "user-agent", "accept-language", "origin", "host", "referer"]);

/**
 * Every route module under app/routes with what the suite aims at. Field kinds come from the
 * imported zod schemas where they name the field; other fields found in the sources are text.
 */
export async function enumerateTargets(): Promise<RouteTarget[]> {
  const manifest = flatRoutes(APP) as Record<string, { file: string; path?: string; parentId?: string; index?: boolean }>;
  const fullPath = (id: string): string => {
    const route = manifest[id];
    if (!route) return "";
    const parent = route.parentId && route.parentId !== "root" ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  const targets: RouteTarget[] = [];
  for (const [id, route] of Object.entries(manifest)) {
    const file = path.join(APP, route.file);
    const source = read(file);
    const pattern = `/${fullPath(id)}`;
    const params = [...pattern.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? "*");
    const loader = /export (async )?function loader\b|export const loader\b/.test(source);
    const action = /export (async )?function action\b|export const action\b/.test(source);
    // The feature modules the route imports, and theirs (a form component and its schemas).
    const features = importGraph(file, 2, (f) => f.includes(`${path.sep}features${path.sep}`));
    features.delete(file);
    const featureSources = [...features.values()];
    const fields = new Map<string, FieldInfo>();
    if (action) {
      for (const schema of await importedSchemas(source, file)) {
        for (const shape of shapesOf(schema)) for (const [name, field] of Object.entries(shape)) fields.set(name, describe(name, field));
      }
      for (const name of [...fieldNamesIn(source), ...featureSources.flatMap(fieldNamesIn)]) {
        if (!fields.has(name) && !NOT_FORM_FIELDS.has(name)) fields.set(name, { name, kind: "text" });
      }
    }
    const intents = action ? intentsIn(source, featureSources) : [];
    fields.delete("intent");
    // Query parameters: read by the route or any app module it imports, three levels deep.
    const query: string[] = [];
    for (const [, text] of importGraph(file, 3)) {
      for (const m of text.matchAll(/(?:searchParams|params|query|search)\.(?:get|getAll|has)\("([A-Za-z_][\w-]*)"\)/g)) query.push(m[1]!);
      for (const m of text.matchAll(/for \(const key of \[([^\]]*)\]\)/g)) query.push(...literalsIn(m[1]!));
    }
    // Listings parse their whole query string with a zod schema (filters, search, paging).
    for (const [module, text] of importGraph(file, 3)) {
      if (module !== file && !/(filters|query|period|params)\.ts$/.test(module)) continue;
      if (module === file && !/searchParams/.test(text)) continue;
      for (const m of text.matchAll(/^\s+([A-Za-z_]\w*):\s*(?:z\b|searchText\(|knownValues\(|PageParam\b)/gm)) query.push(m[1]!);
    }
    const upload = /readImageUpload|isMultipart/.test(source);
    targets.push({ file: route.file.replace(/^routes\//, ""), pattern, params, loader, action, intents, fields: [...fields.values()], query: unique(query), upload });
  }
  return targets.sort((a, b) => a.file.localeCompare(b.file));
}
