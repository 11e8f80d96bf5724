// The progress dashboard and the coordinators' printable report (issue 11), on the seeded demo data.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

test("/progress renders its charts with their tables, in Spanish, and has no axe violations", async ({ page }) => {
  await page.goto("/progress");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Avances de la transición");
  // Each chart is an image named by its visible heading, with its data table.
  const members = page.locator('[data-chart="members-by-type"]');
  await expect(members.getByRole("img", { name: "Miembros por tipo de actor" })).toBeVisible();
  await expect(members.locator("table th[scope=col]").first()).toHaveText("Tipo de actor");
  await expect(page.getByRole("img", { name: "Iniciativas por región" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Miembros a lo largo del tiempo" })).toBeVisible();
  // Members over time by actor type: a stacked chart by year with its legend and table.
  const byType = page.locator('[data-chart="members-by-type-over-time"]');
  await expect(byType.getByRole("img", { name: "Miembros por tipo de actor a lo largo del tiempo" })).toBeVisible();
  await expect(byType.locator("table tbody tr")).not.toHaveCount(0);
  await expect(byType.locator("ul li")).not.toHaveCount(0);
  await expect(page.locator('[data-chart="initiatives-by-roadmap"] table tbody tr')).not.toHaveCount(0);
  await expect(page.locator('[data-chart="event-attendance"] h3')).toHaveText("Asistencia a eventos por año");
  await expectNoViolations(page);
});

test("/progress fits a 360 px screen", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/progress");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});

test("a chart's CSV downloads with its table's header and values", async ({ page }) => {
  await page.goto("/progress");
  const link = page.locator('[data-chart="members-by-type"]').getByRole("link", { name: "Descargar CSV" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("avances-members-by-type.csv");
  const text = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const [header, ...rows] = text.trim().split("\r\n");
  expect(header).toBe("Tipo de actor,Miembros");
  // The seeded members by type, as the page's own table shows them.
  const firstRow = page.locator('[data-chart="members-by-type"] table tbody tr').first();
  const type = await firstRow.locator("th").textContent();
  expect(rows[0]).toMatch(new RegExp(`^"?${type}"?,\\d+$`));
});

test("the report: coordinators only; prints without the site header; no axe violations", async ({ page }) => {
  await page.goto("/progress/report");
  await expect(page).toHaveURL(/\/login/);
  await logIn(page, "coordinadora@demo.pe", DEMO_PASSWORD);
  // Up to December of this year, at most ten years: the widest period a report accepts.
  const year = new Date().getFullYear();
  await page.goto(`/progress/report?from=${year - 9}-01&to=${year}-12`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Informe de avances");
  await expect(page.getByTestId("report")).toBeVisible();
  await expect(page.getByRole("button", { name: "Imprimir o guardar como PDF" })).toBeVisible();
  await expect(page.locator('[data-table="report-new-members"] tbody tr')).not.toHaveCount(0);
  await expectNoViolations(page);

  await page.emulateMedia({ media: "print" });
  await expect(page.locator("body > header")).toBeHidden();
  await expect(page.locator("body > footer")).toBeHidden();
  await expect(page.getByRole("button", { name: "Imprimir o guardar como PDF" })).toBeHidden();
  await expect(page.getByTestId("report")).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // A bad period: the message by its field, and no report.
  const answer = await page.goto("/progress/report?from=2025-13&to=2025-01");
  expect(answer?.status()).toBe(400);
  await expect(page.locator("#report-from-error")).toHaveText("Escribe un mes con el formato AAAA-MM (por ejemplo 2025-01), desde 2000-01.");
  await expect(page.getByLabel("Desde (mes)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("report")).toHaveCount(0);
  await expectNoViolations(page);
});
