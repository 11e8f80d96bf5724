// GET /api/v1/openapi.json: the OpenAPI 3.1 document of the open data API.
import { apiAction, apiLoader, openApiDocument } from "#app/.server/api/index.ts";

export const loader = apiLoader(() => openApiDocument());
export const action = apiAction;
