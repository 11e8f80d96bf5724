// GET /api/v1/events (app/.server/api/endpoints.ts; documented in /api/v1/openapi.json).
import { apiAction, apiLoader, listEvents } from "#app/.server/api/index.ts";

export const loader = apiLoader(({ url }) => listEvents(url.searchParams));
export const action = apiAction;
