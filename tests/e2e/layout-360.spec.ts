import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./utils.ts";

// Layout, wording and findability on a 360 px phone (issue 8, section 6): long unbroken names
// wrap everywhere, the account menu closes on a choice and does not cover the page, wide tables
// scroll inside a box with a cue, roadmaps are reachable, reading notifications clears the badge,
// and rendered markdown keeps its list markers and heading sizes.

type Seeded = {
  email: string;
  password: string;
  userName: string;
  organisationName: string;
  organisationSlug: string;
  initiativeTitle: string;
  initiativeSlug: string;
  eventTitle: string;
  eventSlug: string;
};

const PHONE = { width: 360, height: 740 };

/** Creates the long-named person, organisation, initiative, event and notifications in the e2e database. */
function seedLongNames(): Seeded {
  // vite-node (not tsx) so that app modules written for Vite (import.meta.glob) load as in the app.
  const out = execFileSync("./node_modules/.bin/vite-node", ["--config", "vitest.config.ts", "tests/e2e/seed-long-names.ts"], {
    env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE ?? "data/e2e.sqlite", NODE_ENV: "test" },
    encoding: "utf8",
  });
  const line = out.trim().split("\n").findLast((l) => l.startsWith("{"));
  if (!line) throw new Error(`the seed printed nothing usable:\n${out}`);
  return JSON.parse(line) as Seeded;
}

async function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test.describe.configure({ mode: "serial" });
test.use({ viewport: PHONE });

let seeded: Seeded;
test.beforeAll(() => {
  seeded = seedLongNames();
});

// First: the later tests open /notifications as this person, which reads them.
test("reading notifications clears the badge", async ({ page }) => {
  await logIn(page, seeded.email, seeded.password);
  await page.goto("/events");
  const summary = page.getByTestId("account-menu").locator("summary");
  await expect(summary).toHaveAttribute("aria-label", /\(2 sin leer\)/);
  await summary.click();
  await expect(page.getByTestId("menu-unread")).toHaveText("2 sin leer");
  await page.getByRole("link", { name: /^Notificaciones/ }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  // This visit still marks what was new, while the header count drops to 0 without a reload.
  await expect(page.getByText("Nueva", { exact: true }).first()).toBeVisible();
  await expect(summary).not.toHaveAttribute("aria-label", /sin leer/);
  await expect(summary.getByText("2", { exact: true })).toHaveCount(0);
  // It is stored: another page, loaded afresh, shows no badge.
  await page.goto("/initiatives");
  await expect(summary).not.toHaveAttribute("aria-label", /sin leer/);
});

test("140-character unbroken names wrap on every page at 360 px", async ({ page }) => {
  const publicPages: Array<[path: string, shows: string]> = [
    ["/", seeded.initiativeTitle],
    [`/organisations?q=${encodeURIComponent(seeded.organisationName.slice(0, 40))}`, seeded.organisationName],
    [`/organisations/${seeded.organisationSlug}`, seeded.organisationName],
    ["/initiatives?sort=newest", seeded.initiativeTitle],
    [`/initiatives/${seeded.initiativeSlug}`, seeded.initiativeTitle],
    ["/events", seeded.eventTitle],
    [`/events/${seeded.eventSlug}`, seeded.eventTitle],
    ["/pact", seeded.organisationName],
  ];
  for (const [path, shows] of publicPages) {
    await page.goto(path);
    await expect(page.getByText(shows, { exact: true }).first(), path).toBeVisible();
    expect(await pageWidth(page), path).toBeLessThanOrEqual(PHONE.width);
  }

  await logIn(page, seeded.email, seeded.password);
  const ownPages: Array<[path: string, shows: string]> = [
    ["/my-work", seeded.initiativeTitle],
    ["/notifications", seeded.initiativeTitle],
    [`/organisations/${seeded.organisationSlug}`, seeded.eventTitle],
    ["/account/organisations", seeded.organisationName],
    ["/", seeded.eventTitle],
  ];
  for (const [path, shows] of ownPages) {
    await page.goto(path);
    await expect(page.getByText(shows).first(), path).toBeVisible();
    expect(await pageWidth(page), path).toBeLessThanOrEqual(PHONE.width);
  }
  // Forms and pages that show the long names in selects, tables and team lists.
  for (const path of [
    "/initiatives/new",
    `/events/${seeded.eventSlug}`,
    `/organisations/${seeded.organisationSlug}/team`,
    `/organisations/${seeded.organisationSlug}/pact`,
    `/organisations/${seeded.organisationSlug}/edit`,
    `/initiatives/${seeded.initiativeSlug}/edit`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(await pageWidth(page), path).toBeLessThanOrEqual(PHONE.width);
  }
});

test("rendered markdown keeps list markers and heading sizes", async ({ page }) => {
  for (const path of [`/organisations/${seeded.organisationSlug}`, `/initiatives/${seeded.initiativeSlug}`, `/events/${seeded.eventSlug}`]) {
    await page.goto(path);
    const description = page.getByTestId("description");
    await expect(description.getByRole("listitem").first(), path).toHaveText("Compostaje");
    // Polled: the page may still be hydrating, which can swap the nodes under a single read.
    await expect
      .poll(
        () =>
          description.evaluate((element) => {
            const heading = element.querySelector("h2")!;
            const paragraph = element.querySelector("p")!;
            return {
              bullet: getComputedStyle(element.querySelector("ul")!).listStyleType,
              numbered: getComputedStyle(element.querySelector("ol")!).listStyleType,
              headingLarger: parseFloat(getComputedStyle(heading).fontSize) > parseFloat(getComputedStyle(paragraph).fontSize),
            };
          }),
        { message: path },
      )
      .toEqual({ bullet: "disc", numbered: "decimal", headingLarger: true });
  }
});

test("the account menu closes on a choice and, open, covers neither the navigation nor the message", async ({ page }) => {
  await logIn(page, seeded.email, seeded.password);
  await page.goto("/account");
  await page.getByRole("button", { name: "Guardar cambios" }).click();
  const flash = page.getByRole("status").filter({ hasText: "Guardamos tus cambios" });
  await expect(flash).toBeVisible();

  const menu = page.getByTestId("account-menu");
  await menu.locator("summary").click();
  const panel = menu.getByRole("list");
  await expect(panel).toBeVisible();
  const panelBox = (await panel.boundingBox())!;
  const navBox = (await page.getByRole("navigation", { name: "Secciones principales" }).boundingBox())!;
  const flashBox = (await flash.boundingBox())!;
  expect(navBox.y).toBeGreaterThanOrEqual(panelBox.y + panelBox.height);
  expect(flashBox.y).toBeGreaterThanOrEqual(panelBox.y + panelBox.height);
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  // Next to the open menu the language button keeps its word whole (one line, not "Engl / ish").
  const languageLines = await page.getByRole("button", { name: "English" }).evaluate((button) => {
    const range = document.createRange();
    range.selectNodeContents(button);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });
  expect(languageLines).toBe(1);

  // A choice closes it (client-side navigation keeps the header mounted).
  await panel.getByRole("link", { name: "Mi trabajo" }).click();
  await expect(page).toHaveURL(/\/my-work$/);
  await expect(menu).toHaveJSProperty("open", false);
  await expect(panel).toBeHidden();

  // Escape and a click outside close it too.
  await menu.locator("summary").click();
  await expect(panel).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await menu.locator("summary").click();
  await page.getByRole("heading", { level: 1 }).click();
  await expect(panel).toBeHidden();

  // On a wide screen it still drops down at full width over the page.
  await page.setViewportSize({ width: 1024, height: 700 });
  await menu.locator("summary").click();
  expect((await panel.boundingBox())!.width).toBeGreaterThanOrEqual(220);
  await page.keyboard.press("Escape");
});

test("roadmaps are in the main navigation and the home page's roadmap tiles are links", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Secciones principales" });
  const roadmaps = nav.getByRole("link", { name: "Hojas de ruta" });
  await expect(roadmaps).toBeInViewport();
  await roadmaps.click();
  await expect(page).toHaveURL(/\/roadmaps$/);

  await page.goto("/");
  const tiles = page.getByRole("region", { name: "Hojas de ruta sectoriales" }).getByRole("link");
  await expect(tiles).toHaveCount(4);
  await tiles.filter({ hasText: "Agricultura" }).click();
  await expect(page).toHaveURL(/\/roadmaps\/agriculture$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Agricultura");
});

test("the Pact table scrolls inside its box with a cue, and the account tabs stay on screen", async ({ page }) => {
  await page.goto("/pact");
  const box = page.getByTestId("signatories-table");
  const sizes = await box.evaluate((element) => ({
    scroll: element.scrollWidth,
    client: element.clientWidth,
    overflow: getComputedStyle(element).overflowX,
    background: getComputedStyle(element).backgroundImage,
  }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  expect(sizes.overflow).toBe("auto");
  expect(sizes.background).toContain("gradient");
  await expect(page.getByText("Desliza la tabla hacia los lados para ver todas las columnas.")).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

  await logIn(page, seeded.email, seeded.password);
  await page.goto("/account");
  const tabs = page.getByRole("navigation", { name: "Secciones de la cuenta" }).getByRole("link");
  // Profile, email, password, sessions, notices, organisations, my data, close the account.
  await expect(tabs).toHaveCount(8);
  for (const tab of await tabs.all()) await expect(tab).toBeInViewport({ ratio: 1 });
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
});
