import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "data/e2e.sqlite";

// Debian's Chromium: Playwright cannot download its own browser on these machines.
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "es-PE",
    timezoneId: "America/Lima",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // A fresh, seeded database and the production build, as users get it.
    // The server runs as `npm run start:demo` runs it: compiled, under node, mail in the outbox.
    command: `rm -f ${E2E_DATABASE} ${E2E_DATABASE}-wal ${E2E_DATABASE}-shm && ./node_modules/.bin/tsx db/seed.ts --force && exec node build/server.js`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NODE_ENV: "production",
      // The explicit demo mail mode: without it (or SMTP_URL) production refuses to start.
      MAIL_TRANSPORT: "outbox",
      SMTP_URL: "",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_PATH: E2E_DATABASE,
      APP_URL: `http://localhost:${PORT}`,
      // Every test user shares 127.0.0.1; the limits themselves are tested in Vitest.
      RATE_LIMIT_SCALE: "50",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
