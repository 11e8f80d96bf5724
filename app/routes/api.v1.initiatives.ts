// GET /api/v1/initiatives (app/.server/api/endpoints.ts; documented in /api/v1/openapi.json).
import { apiAction, apiLoader, listInitiatives } from "#app/.server/api/index.ts";

export const loader = apiLoader(({ url }) => listInitiatives(url.searchParams));
export const action = apiAction;
