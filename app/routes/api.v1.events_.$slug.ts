// GET /api/v1/events/:slug (app/.server/api/endpoints.ts).
import { apiAction, apiLoader, getEvent } from "#app/.server/api/index.ts";

export const loader = apiLoader(({ params }) => getEvent(params.slug));
export const action = apiAction;
