import { defineConfig } from "vitest/config";

// The suites that talk HTTP to the production build (`node build/server.js`), each test file with
// its own server and its own copy of the seeded demo database: the authorisation matrix,
// cross-site refusals, the GET crawl, hostile input, XSS in Chromium, headers. They run after
// `npm run build` (scripts/test-all.sh; `npm run test:http`).
export default defineConfig({
  test: {
    include: ["tests/http/**/*.test.ts"],
    globalSetup: ["tests/http/global-setup.ts", "tests/http/authz/figures-setup.ts"],
    setupFiles: ["tests/http/setup.ts"],
    pool: "forks",
    // Each file runs a server process beside its own: two files at a time fill two cores.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
