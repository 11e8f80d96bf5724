import { coreRows } from "./authz/core.rows.ts";
import { runMatrix } from "./authz/matrix.ts";

// The authorisation matrix's rows for organisations (tests/http/authz/core/), on a server of this file's own.
runMatrix("organisations", coreRows.organisations);
