// The home page (issue 11): the visitors' page in Spanish with its live figures, the signed-in
// dashboard, 360 px without horizontal overflow, and axe with 0 violations both ways.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test("a visitor sees the platform's figures in Spanish, the next events and the latest discussions", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Perú País Circular");
  await expect(page.getByRole("heading", { level: 1, name: "Juntos hacia un Perú circular" })).toBeVisible();
  const figures = page.getByRole("region", { name: "La alianza en cifras" });
  await expect(figures.getByRole("link", { name: /organizaci(ón|ones) miembro/ })).toBeVisible();
  await expect(figures.getByRole("link", { name: /firmantes? del Pacto/ })).toBeVisible();
  const members = Number((await figures.locator('[data-figure="members"] dd').innerText()).replace(/\D/g, ""));
  expect(members).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Últimas conversaciones del foro" })).toBeVisible();
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute("content", "es_PE");
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og-default\.png$/);
  await expect(page.getByTestId("dashboard")).toHaveCount(0);
  await expectNoViolations(page);
});

test("a signed-in member sees their dashboard at the top", async ({ page }) => {
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/");
  const dashboard = page.getByTestId("dashboard");
  await expect(dashboard.getByRole("heading", { level: 1, name: /^Hola, / })).toBeVisible();
  for (const name of ["Por resolver", "Iniciativas de mis organizaciones", "Mis inscripciones", "Conversaciones que sigo con mensajes nuevos"]) {
    await expect(dashboard.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  // The visitors' part follows it.
  await expect(page.getByRole("region", { name: "La alianza en cifras" })).toBeVisible();
  await expectNoViolations(page);
});

test("360 px wide: nothing overflows, visitor and signed in", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/");
  await expectNoHorizontalOverflow(page);
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/");
  await expect(page.getByTestId("dashboard")).toBeVisible();
  await expectNoHorizontalOverflow(page);
});

const figureOf = async (page: Page, key: string) => Number((await page.locator(`[data-figure="${key}"] dd`).innerText()).replace(/\D/g, ""));

test("the upcoming events figure agrees with the listing it links to", async ({ page }) => {
  await page.goto("/");
  const upcoming = await figureOf(page, "upcomingEvents");
  await page.locator('[data-figure="upcomingEvents"]').getByRole("link").click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole("heading", { level: 2, name: upcoming === 1 ? "1 evento" : `${upcoming} eventos` })).toBeVisible();
});

test("a member's initiatives: at most five, active ones first, and a link to all of them in My work", async ({ page }) => {
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/");
  const card = page.getByTestId("dash-initiatives");
  const shown = card.getByRole("listitem");
  expect(await shown.count()).toBeLessThanOrEqual(5);
  await expect(shown.first()).toContainText(/Buscando socios|En ejecución/);
  const all = card.getByRole("link", { name: /Mi trabajo \((\d+)\)/ });
  const total = Number((await all.innerText()).replace(/\D/g, ""));
  await all.click();
  await expect(page).toHaveURL(/\/my-work$/);
  await expect(page.locator('section[aria-labelledby="mine-heading"] li')).toHaveCount(total);
});

test("a coordinator's list of things to resolve counts the posts in the moderation queue", async ({ page }) => {
  await logIn(page, "coordinadora@demo.pe", DEMO_PASSWORD);
  await page.goto("/discussions/moderation");
  const queued = await page.getByTestId("queued-post").count();
  await page.goto("/");
  const link = page.getByTestId("dash-awaiting").getByRole("link", { name: /esperan? moderación/ });
  if (queued === 0) {
    await expect(link).toHaveCount(0);
    return;
  }
  await expect(link).toHaveText(queued === 1 ? "1 mensaje espera moderación" : `${queued} mensajes esperan moderación`);
  await expectNoViolations(page);
  await link.click();
  await expect(page).toHaveURL(/\/discussions\/moderation$/);
});
