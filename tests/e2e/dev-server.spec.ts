import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";

// `npm run dev` (tsx server/index.ts with Vite in middleware mode) must work in a browser:
// Vite's dependency optimiser once tried to bundle server-only packages (@node-rs/argon2) for the
// browser, failed, answered "504 Outdated Optimize Dep" and reloaded the page on every click.
// This starts the dev server as a newcomer would on a first run (own port, own seeded database,
// an empty Vite cache) and navigates by clicking the header links.

const PORT = 3110;
const ORIGIN = `http://localhost:${PORT}`;
const DATABASE = "test-results/dev-server.sqlite";
const VITE_CACHE = "node_modules/.vite-dev-server-test";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

let server: { pid: number; output: () => string; exited: Promise<unknown> } | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(DATABASE + suffix, { force: true });
  fs.rmSync(VITE_CACHE, { recursive: true, force: true });
  const env = { ...process.env, DATABASE_PATH: DATABASE, PORT: String(PORT), HOST: "127.0.0.1", APP_URL: ORIGIN, VITE_CACHE_DIR: VITE_CACHE };
  delete (env as Record<string, string | undefined>).NODE_ENV;
  execFileSync("./node_modules/.bin/tsx", ["db/seed.ts", "--force"], { env, stdio: "ignore" });
  const child = spawn("npm", ["run", "-s", "dev"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  server = { pid: child.pid!, output: () => output, exited: new Promise((resolve) => child.once("exit", resolve)) };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`${ORIGIN}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`dev server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
});

test.afterAll(async () => {
  if (!server) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000))]);
  fs.rmSync(VITE_CACHE, { recursive: true, force: true });
});

test("the dev server navigates by clicking, without full reloads, 504s or optimiser errors", async ({ page }) => {
  const failures: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on("pageerror", (error) => failures.push(`page error: ${error.message}`));
  let documentLoads = 0;
  page.on("load", () => (documentLoads += 1));

  await page.goto(`${ORIGIN}/`);
  // Hydrated: Remix's router is running in the page.
  await page.waitForFunction(() => "__remixRouter" in window, null, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const loadsBefore = documentLoads;

  const header = page.getByRole("navigation", { name: "Secciones principales" });
  for (const [name, path, heading] of [
    ["Organizaciones", "/organisations", /organizaciones/i],
    ["Iniciativas", "/initiatives", /iniciativas/i],
    ["Eventos", "/events", /eventos/i],
    ["El Pacto", "/pact", /pacto/i],
  ] as const) {
    await header.getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(`${ORIGIN}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    // A client-side navigation keeps the same document (and this flag); a reload would drop it.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  }
  expect(documentLoads).toBe(loadsBefore);
  expect(failures).toEqual([]);
  const log = server!.output();
  expect(log).not.toMatch(/Outdated Optimize Dep|error while updating dependencies|Could not resolve|optimized dependencies changed/);
});
