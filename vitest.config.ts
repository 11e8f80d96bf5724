import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts: the Remix plugin must not run under Vitest, and Playwright's
// *.spec.ts files must not be collected here.
export default defineConfig({
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/**/*.test.ts"],
    // The HTTP suites need the production build and their own setup (vitest.http.config.ts).
    exclude: ["**/node_modules/**", "tests/http/**"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-test-env.ts"],
    pool: "forks",
    testTimeout: 20_000,
  },
});
