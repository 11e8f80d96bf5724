import { coreRows } from "./authz/core.rows.ts";
import { runMatrix } from "./authz/matrix.ts";

runMatrix("core: initiatives", "authorisation-core-initiatives", coreRows.initiatives);
