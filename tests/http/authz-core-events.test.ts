import { coreRows } from "./authz/core.rows.ts";
import { runMatrix } from "./authz/matrix.ts";

runMatrix("core: events", "authorisation-core-events", coreRows.events);
