import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

const DATABASE = process.env.E2E_DATABASE ?? "data/e2e.sqlite";

/** Pages opened directly (not by a client-side link), so React hydrates the server's HTML. */
function mainPages() {
  const db = new Database(DATABASE, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { slug: string }).slug;
    return [
      "/",
      "/organisations",
      `/organisations/${one("SELECT slug FROM organisations WHERE status = 'approved' ORDER BY id LIMIT 1")}`,
      "/organisations/map",
      "/initiatives",
      // Both planned dates: their range is written with Intl's formatRange.
      `/initiatives/${one("SELECT slug FROM initiatives WHERE status = 'in_progress' AND start_on IS NOT NULL AND end_on IS NOT NULL ORDER BY id LIMIT 1")}`,
      "/events",
      `/events/${one("SELECT slug FROM events WHERE status = 'published' AND type = 'forum' ORDER BY starts_at DESC LIMIT 1")}`,
      `/events/${one("SELECT slug FROM events WHERE status = 'published' AND type != 'forum' ORDER BY starts_at DESC LIMIT 1")}`,
      "/roadmaps",
      "/pact",
      "/forum",
    ];
  } finally {
    db.close();
  }
}

/** Opens each page and collects what the browser reports: React's hydration errors, failed loads. */
async function problemsOn(page: Page, paths: string[]) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${page.url()}: ${message.text()}`);
  });
  for (const path of paths) {
    await page.goto(path);
    // Hydration has finished once the app's scripts ran and the page answers to the router.
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.waitForLoadState("networkidle");
  }
  return problems;
}

for (const locale of ["es-PE", "en"] as const) {
  test(`every main page hydrates without errors (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    expect(await problemsOn(page, mainPages())).toEqual([]);
    await context.close();
  });
}

test("signed in, the initiative and event pages with forms hydrate without errors", async ({ page }) => {
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  const paths = mainPages().filter((path) => /^\/(initiatives|events)\/./.test(path));
  expect(await problemsOn(page, paths)).toEqual([]);
});
