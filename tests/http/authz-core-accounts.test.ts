import { coreRows } from "./authz/core.rows.ts";
import { runMatrix } from "./authz/matrix.ts";

runMatrix("core: accounts", "authorisation-core-accounts", coreRows.accounts);
