import { z } from "zod";
import { knownValues, searchText } from "#app/utils/zod-options.ts";
import { REGION_CODES } from "#app/features/organisations/taxonomy.ts";
import { EVENT_FORMATS, EVENT_TYPES } from "./taxonomy.ts";

/** The listing's tabs (`?tab=`, upcoming when absent); also the API's values (app/.server/api/). */
export const EVENT_TABS = ["upcoming", "past"] as const;

// Built on first use, not when the module loads: the listing's component imports this module for
// its search-string helper, and a schema built at the top level would put zod (11 KB gzip) in the
// page's first-load JavaScript although only the loader, on the server, parses (issue 9).
const eventFiltersSchema = () =>
  z.object({
    // Title, summary or description, through events_fts (issue 11).
    q: searchText(),
    tab: z.enum(EVENT_TABS).catch("upcoming").default("upcoming"),
    type: knownValues(EVENT_TYPES),
    format: knownValues(EVENT_FORMATS),
    region: knownValues(REGION_CODES),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  });
let schema: ReturnType<typeof eventFiltersSchema> | undefined;
export type EventFilters = z.infer<ReturnType<typeof eventFiltersSchema>>;

export function parseEventFilters(params: URLSearchParams): EventFilters {
  return (schema ??= eventFiltersSchema()).parse({
    q: params.get("q") || undefined,
    tab: params.get("tab") ?? undefined,
    type: params.getAll("type"),
    format: params.getAll("format"),
    region: params.getAll("region"),
    month: params.get("month") || undefined,
    page: params.get("page") ?? undefined,
  });
}

export function eventSearch(f: Partial<EventFilters>) {
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.tab && f.tab !== "upcoming") params.set("tab", f.tab);
  for (const key of ["type", "format", "region"] as const) for (const v of f[key] ?? []) params.append(key, v);
  if (f.month) params.set("month", f.month);
  if (f.page && f.page > 1) params.set("page", String(f.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
