import { coreRows } from "./authz/core.rows.ts";
import { runMatrix } from "./authz/matrix.ts";

runMatrix("core: organisations", "authorisation-core-organisations", coreRows.organisations);
