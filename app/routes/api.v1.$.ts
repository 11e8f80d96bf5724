// Any other address under /api/v1/: a JSON 404 (not the site's HTML page), so clients read one error format.
import { apiAction, apiLoader, ApiError } from "#app/.server/api/index.ts";

export const loader = apiLoader(() => {
  throw new ApiError(404, "not_found", "No such endpoint. See /api/v1/openapi.json.");
});
export const action = apiAction;
