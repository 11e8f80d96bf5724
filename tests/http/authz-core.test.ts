import { coreRows } from "./authz/core.rows.ts";
import { runMatrix } from "./authz/matrix.ts";

// The authorisation matrix (issue 14), first half: one's account and signing in and out, events,
// and the API's writes, on a server of this file's own. Organisations and initiatives run in
// authz-core-organisations.test.ts beside it, so each file stays well under two minutes.
runMatrix({ accounts: coreRows.accounts, events: coreRows.events, api: coreRows.api });
