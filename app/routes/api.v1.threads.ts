// GET /api/v1/threads (app/.server/api/endpoints.ts; documented in /api/v1/openapi.json).
import { apiAction, apiLoader, listThreads } from "#app/.server/api/index.ts";

export const loader = apiLoader(({ url }) => listThreads(url.searchParams));
export const action = apiAction;
