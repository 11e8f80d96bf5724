// GET /api/v1/organisations (app/.server/api/endpoints.ts; documented in /api/v1/openapi.json).
import { apiAction, apiLoader, listOrganisations } from "#app/.server/api/index.ts";

export const loader = apiLoader(({ url }) => listOrganisations(url.searchParams));
export const action = apiAction;
