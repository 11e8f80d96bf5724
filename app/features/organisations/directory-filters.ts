import { z } from "zod";
import { knownValues, searchText } from "#app/utils/zod-options.ts";
import { ACTOR_TYPES, COMPANY_SIZES, GOVERNMENT_LEVELS, REGION_CODES, ROADMAPS, VALUE_CHAINS } from "./taxonomy.ts";

/** The directory's orders (`?sort=`) and Pact filter (`?pact=`); also the API's values (app/.server/api/). */
export const DIRECTORY_SORTS = ["name", "newest"] as const;
export const PACT_FILTERS = ["yes", "no"] as const;

// Built on first use, not when the module loads: the listing's component imports this module for
// its search-string helper, and a schema built at the top level would put zod (11 KB gzip) in the
// page's first-load JavaScript although only the loader, on the server, parses (issue 9).
const directoryFiltersSchema = () =>
  z.object({
    q: searchText(),
    actorType: knownValues(ACTOR_TYPES),
    level: knownValues(GOVERNMENT_LEVELS),
    size: knownValues(COMPANY_SIZES),
    region: knownValues(REGION_CODES),
    roadmap: knownValues(ROADMAPS),
    chain: knownValues(VALUE_CHAINS),
    pact: z.enum(PACT_FILTERS).optional().catch(undefined),
    sort: z.enum(DIRECTORY_SORTS).catch("name").default("name"),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  });
let schema: ReturnType<typeof directoryFiltersSchema> | undefined;

export type DirectoryFilters = z.infer<ReturnType<typeof directoryFiltersSchema>>;

const MULTI = ["actorType", "level", "size", "region", "roadmap", "chain"] as const;

export function parseDirectoryFilters(params: URLSearchParams): DirectoryFilters {
  const input: Record<string, unknown> = {};
  for (const key of MULTI) input[key] = params.getAll(key);
  for (const key of ["q", "pact", "sort", "page"]) {
    const value = params.get(key);
    if (value !== null && value !== "") input[key] = value;
  }
  return (schema ??= directoryFiltersSchema()).parse(input);
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
