// The progress dashboard and the coordinators' printable report (issue 11), on the seeded demo data.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
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

/**
 * What makes tables hard to read, measured on the page: a word broken across lines ("A ñ o",
 * "Buscand o"), a year, month or number wrapped onto several lines, a table wider than its box
 * that does not scroll in it. Cells of the tables inside `scope`.
 */
async function tableFaults(page: Page, scope = "body") {
  return page.evaluate((scope) => {
    const faults: string[] = [];
    const lineCount = (range: Range) => new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    for (const table of document.querySelectorAll<HTMLTableElement>(`${scope} table`)) {
      const id = table.dataset.table;
      for (const cell of table.querySelectorAll("th, td")) {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const value = cell.textContent ?? "";
        if (/^[\d.,\s-]+$|^\p{L}{3,4}\.? \d{4}$/u.test(value) && lineCount(range) > 1) faults.push(`${id}: "${value}" wraps`);
        for (const node of [...cell.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)) {
          for (const word of (node.textContent ?? "").matchAll(/\S+/g)) {
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            if (lineCount(range) > 1) faults.push(`${id}: "${word[0]}" broken`);
          }
        }
      }
      const box = table.parentElement!;
      if (table.offsetWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "auto") faults.push(`${id}: overflows`);
    }
    return faults;
  }, scope);
}

/** Chart text under 11 px on screen, or drawn outside its chart (a clipped value). */
async function chartFaults(page: Page) {
  return page.evaluate(() => {
    const faults: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>("[data-chart] svg[role=img]")) {
      const box = svg.getBoundingClientRect();
      const scale = box.width / svg.viewBox.baseVal.width;
      const chart = svg.closest("[data-chart]")!.getAttribute("data-chart");
      for (const text of svg.querySelectorAll("text")) {
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < 11) faults.push(`${chart}: "${text.textContent}" at ${size.toFixed(1)} px`);
        const r = text.getBoundingClientRect();
        if (r.left < box.left - 1 || r.right > box.right + 1) faults.push(`${chart}: "${text.textContent}" clipped`);
      }
    }
    return faults;
  });
}

for (const width of [360, 1280]) {
  test(`/progress at ${width} px: readable charts and tables, scrolling inside their boxes only`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/progress");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await chartFaults(page)).toEqual([]);
    expect(await tableFaults(page)).toEqual([]);
    for (const chart of ["members-by-type-over-time", "indicator-waste_diverted_t", "indicator-water_saved_m3", "indicators-by-roadmap"]) {
      await page.locator(`[data-chart="${chart}"]`).screenshot({ path: testInfo.outputPath(`${chart}-${width}.png`) });
    }
  });
}

test("every chart and table on /progress links its own CSV", async ({ page, request }) => {
  await page.goto("/progress");
  const charts = page.locator("[data-chart]");
  const count = await charts.count();
  expect(count).toBeGreaterThan(9);
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i);
    const id = await chart.getAttribute("data-chart");
    const link = chart.getByRole("link", { name: "Descargar CSV" });
    await expect(link, id!).toHaveAttribute("href", `/progress/${id}.csv`);
  }
  const water = await request.get("/progress/indicator-water_saved_m3.csv", { headers: { "Accept-Language": "es" } });
  expect(water.status()).toBe(200);
  expect((await water.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("Año,Agua ahorrada (m³)");
  expect((await request.get("/progress/indicator-nothing.csv")).status()).toBe(404);
});

test("a chart's CSV downloads with its table's header and values", async ({ page }) => {
  await page.goto("/progress");
  const link = page.locator('[data-chart="members-by-type"]').getByRole("link", { name: "Descargar CSV" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("avances-miembros-por-tipo-de-actor.csv");
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

  await expect(page.locator("h1")).toHaveCount(1);

  await page.emulateMedia({ media: "print" });
  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Informe de avances");
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

test("the report for two years: cumulative series carried in, agreeing empty states, compact on A4", async ({ page }, testInfo) => {
  await logIn(page, "coordinadora@demo.pe", DEMO_PASSWORD);
  const year = new Date().getFullYear();
  await page.goto(`/progress/report?from=${year - 2}-01&to=${year - 1}-12`);
  const report = page.getByTestId("report");
  // Members joined before the period: the cumulative charts start from them instead of "no data".
  for (const chart of ["members-over-time", "signatories-over-time", "members-by-type-over-time", "members-by-type", "members-by-region"]) {
    await expect(report.locator(`[data-chart="${chart}"] svg[role=img]`), chart).toBeVisible();
    await expect(report.locator(`[data-chart="${chart}"] table tbody tr`), chart).not.toHaveCount(0);
  }
  // Regions listed are those with members; no row of zeros.
  const regionCounts = await report.locator('[data-table="members-by-region"] tbody td').allTextContents();
  expect(regionCounts.filter((n) => n.trim() === "0")).toEqual([]);
  // Empty lists say so in words that agree with them.
  for (const [id, none] of [["report-new-members", "Ninguno en el periodo."], ["report-new-signatories", "Ninguno en el periodo."]]) {
    const section = report.locator(`section[aria-labelledby="${id}"]`);
    if ((await section.locator("table").count()) === 0) await expect(section.locator("p")).toHaveText(none!);
  }
  await expect(report.locator("details")).toHaveCount(0);

  // A4 less the default margins is about 718 CSS px wide.
  await page.setViewportSize({ width: 718, height: 1000 });
  await page.emulateMedia({ media: "print" });
  // On paper, no word is broken inside (a status such as "En ejecución" wraps at spaces only).
  expect(await tableFaults(page, "[data-testid=report]")).toEqual([]);
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(testInfo.outputPath("report.pdf"), pdf);
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  expect(pages).toBeGreaterThan(0);
  expect(pages).toBeLessThanOrEqual(11);
  await page.screenshot({ path: testInfo.outputPath("report-print.png"), fullPage: true });
});

test("a report of one month: the cumulative series is one point with one label", async ({ page }, testInfo) => {
  await logIn(page, "coordinadora@demo.pe", DEMO_PASSWORD);
  const month = `${new Date().getFullYear() - 1}-06`;
  await page.goto(`/progress/report?from=${month}&to=${month}`);
  const chart = page.locator('[data-chart="members-over-time"] svg[role=img]');
  await expect(chart.locator("circle")).toHaveCount(1);
  await expect(chart.locator("path")).toHaveCount(0);
  const labels = await chart.locator("text").allTextContents();
  // The total and the month, each once.
  expect(labels).toHaveLength(2);
  expect(new Set(labels).size).toBe(2);
  await page.locator('[data-chart="members-over-time"]').screenshot({ path: testInfo.outputPath("one-month.png") });
});
