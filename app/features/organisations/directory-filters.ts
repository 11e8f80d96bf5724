import { z } from "zod";
import { ACTOR_TYPES, COMPANY_SIZES, GOVERNMENT_LEVELS, REGION_CODES, ROADMAPS, VALUE_CHAINS } from "./taxonomy.ts";

// The directory's state lives in the URL, so every filter combination is a shareable link and
// works without JavaScript. Unknown values are dropped rather than failing the page.
const many = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.string())
    .default([])
    .transform((list) => [...new Set(list.filter((v): v is T[number] => (values as readonly string[]).includes(v)))]);

export const DirectoryFiltersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  actorType: many(ACTOR_TYPES),
  level: many(GOVERNMENT_LEVELS),
  size: many(COMPANY_SIZES),
  region: many(REGION_CODES),
  roadmap: many(ROADMAPS),
  chain: many(VALUE_CHAINS),
  pact: z.enum(["yes", "no"]).optional().catch(undefined),
  sort: z.enum(["name", "newest"]).catch("name").default("name"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type DirectoryFilters = z.infer<typeof DirectoryFiltersSchema>;

const MULTI = ["actorType", "level", "size", "region", "roadmap", "chain"] as const;

export function parseDirectoryFilters(params: URLSearchParams): DirectoryFilters {
  const input: Record<string, unknown> = {};
  for (const key of MULTI) input[key] = params.getAll(key);
  for (const key of ["q", "pact", "sort", "page"]) {
    const value = params.get(key);
    if (value !== null && value !== "") input[key] = value;
  }
  return DirectoryFiltersSchema.parse(input);
}

/** The query string for a filter state (page 1 and the default sort left out). */
export function directorySearch(filters: Partial<DirectoryFilters>) {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  for (const key of MULTI) for (const value of filters[key] ?? []) params.append(key, value);
  if (filters.pact) params.set("pact", filters.pact);
  if (filters.sort && filters.sort !== "name") params.set("sort", filters.sort);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
