// GET /api/v1/threads/:id (app/.server/api/endpoints.ts).
import { apiAction, apiLoader, getThread } from "#app/.server/api/index.ts";

export const loader = apiLoader(({ params }) => getThread(params.id));
export const action = apiAction;
