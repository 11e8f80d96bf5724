// The open data API (/api/v1/): what its thin route modules use.
export { apiAction, apiLoader } from "./handler.ts";
export { getEvent, getInitiative, getOrganisation, getThread, listEvents, listInitiatives, listOrganisations, listThreads } from "./endpoints.ts";

import { LIST_PARAMS } from "./endpoints.ts";
export { ApiError, apiNotFound } from "./errors.ts";
export { openApiDocument } from "./openapi.ts";

import { DEFAULT_LIMIT, MAX_LIMIT } from "./params.ts";
import { apiRequestLimit } from "./rate-limit.ts";

/**
 * The API's limits as the open data page states them: requests a minute per IP, page sizes; and
 * each list's filter names (`filters.events`: ["q", "tab", …], the listing pages' own).
 */
export function apiLimits() {
  const filters = Object.fromEntries(Object.entries(LIST_PARAMS).map(([list, params]) => [list, Object.keys(params)])) as Record<keyof typeof LIST_PARAMS, string[]>;
  return { requestsPerMinute: apiRequestLimit(), defaultLimit: DEFAULT_LIMIT, maxLimit: MAX_LIMIT, filters };
}
