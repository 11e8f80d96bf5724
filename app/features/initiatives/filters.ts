import { z } from "zod";
import { knownValues, searchText } from "#app/utils/zod-options.ts";
import { ACTOR_TYPES, REGION_CODES, ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import { INDUSTRY_APPROACHES, INITIATIVE_STATUSES, NEED_KINDS } from "./taxonomy.ts";

/** The statuses a public initiative can have (every one but draft). */
export const PUBLIC_STATUSES = INITIATIVE_STATUSES.filter((s) => s !== "draft");
/** The listing's orders (`?sort=`); also the API's values (app/.server/api/). */
export const INITIATIVE_SORTS = ["seeking", "newest"] as const;


// The listing's state lives in the URL: shareable, and it works without JavaScript.
// Built on first use, not when the module loads: the listing's component imports this module for
// its search-string helper, and a schema built at the top level would put zod (11 KB gzip) in the
// page's first-load JavaScript although only the loader, on the server, parses (issue 9).
const initiativeFiltersSchema = () =>
  z.object({
    q: searchText(),
    roadmap: knownValues(ROADMAPS),
    approach: knownValues(INDUSTRY_APPROACHES),
    chain: knownValues(VALUE_CHAINS),
    region: knownValues(REGION_CODES),
    status: knownValues(PUBLIC_STATUSES),
    seeks: knownValues(NEED_KINDS),
    leadType: knownValues(ACTOR_TYPES),
    gender: z.literal("yes").optional().catch(undefined),
    sort: z.enum(INITIATIVE_SORTS).catch("seeking").default("seeking"),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  });
let schema: ReturnType<typeof initiativeFiltersSchema> | undefined;

export type InitiativeFilters = z.infer<ReturnType<typeof initiativeFiltersSchema>>;

const MULTI = ["roadmap", "approach", "chain", "region", "status", "seeks", "leadType"] as const;

export function parseInitiativeFilters(params: URLSearchParams): InitiativeFilters {
  const input: Record<string, unknown> = {};
  for (const key of MULTI) input[key] = params.getAll(key);
  for (const key of ["q", "gender", "sort", "page"]) {
    const value = params.get(key);
    if (value !== null && value !== "") input[key] = value;
  }
  return (schema ??= initiativeFiltersSchema()).parse(input);
}

export function initiativeSearch(f: Partial<InitiativeFilters>) {
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  for (const key of MULTI) for (const value of f[key] ?? []) params.append(key, value);
  if (f.gender) params.set("gender", f.gender);
  if (f.sort && f.sort !== "seeking") params.set("sort", f.sort);
  if (f.page && f.page > 1) params.set("page", String(f.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
