// GET /api/v1/initiatives/:slug (app/.server/api/endpoints.ts).
import { apiAction, apiLoader, getInitiative } from "#app/.server/api/index.ts";

export const loader = apiLoader(({ params }) => getInitiative(params.slug));
export const action = apiAction;
