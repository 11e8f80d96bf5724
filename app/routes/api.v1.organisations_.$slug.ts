// GET /api/v1/organisations/:slug (app/.server/api/endpoints.ts).
import { apiAction, apiLoader, getOrganisation } from "#app/.server/api/index.ts";

export const loader = apiLoader(({ params }) => getOrganisation(params.slug));
export const action = apiAction;
