import { coreRows } from "./authz/core.rows.ts";
import { runMatrix } from "./authz/matrix.ts";

runMatrix("core: api", "authorisation-core-api", coreRows.api);
