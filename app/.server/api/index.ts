// The open data API (/api/v1/): what its thin route modules use.
export { apiAction, apiLoader } from "./handler.ts";
export { getEvent, getInitiative, getOrganisation, getThread, listEvents, listInitiatives, listOrganisations, listThreads } from "./endpoints.ts";
export { ApiError, apiNotFound } from "./errors.ts";
export { openApiDocument } from "./openapi.ts";

import { DEFAULT_LIMIT, MAX_LIMIT } from "./params.ts";
import { apiRequestLimit } from "./rate-limit.ts";

/** The API's limits as the open data page states them: requests a minute per IP, page sizes. */
export function apiLimits() {
  return { requestsPerMinute: apiRequestLimit(), defaultLimit: DEFAULT_LIMIT, maxLimit: MAX_LIMIT };
}
