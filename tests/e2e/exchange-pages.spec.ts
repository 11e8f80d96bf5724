import { expect, test, type Page } from "@playwright/test";

// Issue 12, faults a tester found on the demo data: the exchange map's table named what it counts,
// the exchange figures' sentences on /progress and a roadmap page, and the recorded exchanges'
// table at 360 px with no word broken inside.

/** Words of a table's cells that the layout broke across lines ("Plás/tico/s"). */
async function brokenWords(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const broken: string[] = [];
    const lines = (range: Range) => new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    for (const cell of document.querySelectorAll(`${selector} th, ${selector} td`)) {
      for (const node of [...cell.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)) {
        for (const word of (node.textContent ?? "").matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          if (lines(range) > 1) broken.push(word[0]);
        }
      }
    }
    return broken;
  }, selector);
}

test("the exchange map's table and tiles count listings, not organisations", async ({ page }) => {
  await page.goto("/exchange/map");
  await expect(page.locator("caption", { hasText: "Publicaciones por región" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Publicaciones" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Lambayeque: \d+ publicaci(ón|ones)$/ }).first()).toBeVisible();
  await expect(page.getByText("Organizaciones por región")).toHaveCount(0);
});

test("the part from exchanges reads as a sentence on /progress, and a roadmap page shows both sides' tonnes", async ({ page }) => {
  await page.goto("/progress");
  const description = page.locator("[data-chart='indicator-waste_diverted_t']");
  await expect(description).toContainText(/\. Incluye [\d.,]+ t de \d+ intercambios? confirmados?\./);
  await expect(page.getByText(/\. de las cuales/)).toHaveCount(0);

  for (const roadmap of ["industry", "agriculture", "fishing", "cities", "energy"]) {
    await page.goto(`/roadmaps/${roadmap}`);
    const block = page.locator("[data-roadmap-exchanges]");
    if ((await block.count()) === 0) continue;
    await expect(block.locator("dt", { hasText: "Residuos desviados o valorizados" })).toBeVisible();
    await expect(block.locator("dt", { hasText: "Materia prima secundaria usada" })).toBeVisible();
    await expect(block.getByText(/^[\d.,]+ t$/).first()).toBeVisible();
    await expect(block.getByText(/de las cuales/)).toHaveCount(0);
    return;
  }
  throw new Error("no roadmap page shows confirmed exchanges in the demo data");
});

test("at 360 px the recorded exchanges' table breaks no word; it scrolls in its own box", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/exchange?q=${encodeURIComponent("Botellas")}`);
  await page.getByRole("link", { name: "Botellas PET post consumo prensadas" }).first().click();
  const table = page.locator("#exchanges table");
  await expect(table).toBeVisible();
  expect(await brokenWords(page, "#exchanges table")).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
