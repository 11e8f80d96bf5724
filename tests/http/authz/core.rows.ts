import { accountRows } from "./core/account.ts";
import { apiRows } from "./core/api.ts";
import { eventRows } from "./core/events.ts";
import { initiativeRows } from "./core/initiatives.ts";
import { organisationRows } from "./core/organisations.ts";
import type { Row } from "./matrix.ts";
import { actionKeyText, type ActionKey } from "./types.ts";

// The core of the authorisation matrix (issue 14): every action except the discussions' and the
// exchange's (their own rows file beside this one). Rows live by area in ./core/; two test files run
// them (tests/http/authz-core.test.ts and authz-core-organisations.test.ts), each on its own server.

/** The rows of each area, as its test file runs them. */
export const coreRows = {
  accounts: accountRows,
  organisations: organisationRows,
  events: eventRows,
  initiatives: initiativeRows,
  api: apiRows,
} satisfies Record<string, Row[]>;

/** Every action key these rows try (tests/http/authz-completeness.test.ts checks them against the routes). */
export const covered: ActionKey[] = [
  ...new Map(
    Object.values(coreRows)
      .flat()
      .map((row) => [actionKeyText(row.key), row.key] as const),
  ).values(),
];
