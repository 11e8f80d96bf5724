import { coreRows } from "./authz/core.rows.ts";
import { runMatrix } from "./authz/matrix.ts";

// The authorisation matrix (issue 14), second half: organisations and initiatives, on a server of
// this file's own (the first half is authz-core.test.ts).
runMatrix({ organisations: coreRows.organisations, initiatives: coreRows.initiatives });
