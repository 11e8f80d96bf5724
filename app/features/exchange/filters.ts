import { z } from "zod";
import { ACTOR_TYPES, REGION_CODES } from "#app/features/organisations/taxonomy.ts";
import { knownValues, searchText } from "#app/utils/zod-options.ts";
import { FREQUENCIES, LISTING_KINDS, MATERIAL_CATEGORIES } from "./taxonomy.ts";

// The /exchange listing's filters, kept in the URL (a GET form that works without JavaScript).
// Unknown values from a crafted link are dropped, never a 500.

export const HAZARD_FILTERS = ["yes", "no"] as const;

// Built on first use (see directory-filters.ts): the page's component imports exchangeSearch only.
const exchangeFiltersSchema = () =>
  z.object({
    q: searchText(),
    kind: knownValues(LISTING_KINDS),
    category: knownValues(MATERIAL_CATEGORIES),
    region: knownValues(REGION_CODES),
    frequency: knownValues(FREQUENCIES),
    actorType: knownValues(ACTOR_TYPES),
    hazardous: z.enum(HAZARD_FILTERS).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  });
let schema: ReturnType<typeof exchangeFiltersSchema> | undefined;

export type ExchangeFilters = z.infer<ReturnType<typeof exchangeFiltersSchema>>;

/** The multi-valued filters, in the order the page shows them. */
export const EXCHANGE_MULTI = ["kind", "category", "region", "frequency", "actorType"] as const;

/** Filters from `?q=&kind=&category=&region=&frequency=&actorType=&hazardous=&page=`. Never throws. */
export function parseExchangeFilters(params: URLSearchParams): ExchangeFilters {
  const input: Record<string, unknown> = {};
  for (const key of EXCHANGE_MULTI) input[key] = params.getAll(key);
  for (const key of ["q", "hazardous", "page"]) {
    const value = params.get(key);
    if (value !== null && value !== "") input[key] = value;
  }
  return (schema ??= exchangeFiltersSchema()).parse(input);
}

/** The query string for a filter state (page 1 left out), "" when nothing is chosen. */
export function exchangeSearch(filters: Partial<ExchangeFilters>) {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  for (const key of EXCHANGE_MULTI) for (const value of filters[key] ?? []) params.append(key, value);
  if (filters.hazardous) params.set("hazardous", filters.hazardous);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
