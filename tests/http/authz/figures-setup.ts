import { recordCoreFigures } from "./core-figures.ts";

// A global setup of the HTTP suites (vitest.http.config.ts) with nothing to set up: when the run
// ends, it records the core authorisation matrix's figures from the areas' tallies. Listed after
// tests/http/global-setup.ts, so its teardown runs first, while the run's directory still exists.
export default function setup() {
  return () => recordCoreFigures();
}
