import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// Issue 11: search everything, from the header box, with and without JavaScript, by keyboard, in
// Spanish, on a phone, with no accessibility violations. The words come from the demo seed:
// "Reúso de aguas residuales tratadas para riego" is a discussion and the subject of a webinar.

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

const hits = (page: Page) => page.locator("[data-hit-type]");

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search from the header, then narrow to one kind with the tabs", async ({ page }) => {
    await page.goto("/");
    const box = page.getByRole("search", { name: "Buscar en el sitio" }).getByLabel("Buscar en el sitio");
    await box.fill("reuso aguas");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=reuso\+aguas$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Resultados para «reuso aguas»");
    // Accents folded: "reuso" finds "Reúso", marked in the title.
    const thread = page.getByRole("link", { name: "Reúso de aguas residuales tratadas para riego: marco normativo" });
    await expect(thread).toBeVisible();
    await expect(thread.locator("mark").first()).toHaveText("Reúso");
    const kinds = page.getByRole("navigation", { name: "Tipo de resultado" });
    await expect(kinds.getByRole("link", { name: /^Todo \(\d+\)$/ })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 2, name: /^\d+ resultados?$/ })).toBeVisible();

    await kinds.getByRole("link", { name: /^Eventos \(\d+\)$/ }).click();
    await expect(page).toHaveURL(/type=events/);
    await expect(kinds.getByRole("link", { name: /^Eventos/ })).toHaveAttribute("aria-current", "page");
    await expect(hits(page).first()).toBeVisible();
    const types = await hits(page).evaluateAll((items) => items.map((item) => item.getAttribute("data-hit-type")));
    expect(new Set(types)).toEqual(new Set(["events"]));
    await expect(page.getByRole("link", { name: /reúso de aguas residuales tratadas para riego/i })).toBeVisible();
  });

  test("an empty search is a helpful page whose examples are searches", async ({ page }) => {
    await page.goto("/search?q=");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Buscar");
    await expect(page.getByRole("heading", { name: "Qué puedes buscar" })).toBeVisible();
    await page.getByRole("link", { name: "compost", exact: true }).click();
    await expect(page).toHaveURL(/\/search\?q=compost$/);
    await expect(hits(page).first()).toBeVisible();
    await expect(hits(page).getByRole("heading").getByRole("link", { name: "Compost de pulpa de café en San Martín" })).toBeVisible();
  });

  test("query syntax is plain text, never an error page", async ({ page }) => {
    for (const q of ['"compost', "compost*", "(compost", "compost NEAR café", "-compost", "compost OR agua", "title:compost", "x".repeat(300)]) {
      const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
      expect(response?.status(), q).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Resultados para");
    }
  });
});

// The help's searches must find something in the demo data, in either language: its examples are
// links, and the hint's pairs («reuso» encuentra «reúso») are a search and a word it marks.
for (const locale of ["es-PE", "en-GB"]) {
  test.describe(`the help's searches (${locale})`, () => {
    test.use({ locale });

    test("every example on the empty page, and each search in the hint, finds something", async ({ page }) => {
      await page.goto("/search");
      const examples = await page.locator('section[aria-labelledby="search-examples"] a').evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
      expect(examples.length).toBeGreaterThanOrEqual(3);
      const hint = (await page.locator("#search-hint").textContent())!;
      const pairs = [...hint.matchAll(/[«“]([^»”]+)[»”]\s+\S+\s+[«“]([^»”]+)[»”]/g)].map((match) => ({ q: match[1]!, marked: match[2]! }));
      expect(pairs.length, hint).toBe(2);
      for (const href of examples) {
        await page.goto(href);
        await expect(hits(page).first(), href).toBeVisible();
      }
      for (const { q, marked } of pairs) {
        await page.goto(`/search?q=${encodeURIComponent(q)}`);
        await expect(page.locator("[data-hit-type] mark").filter({ hasText: new RegExp(`^${marked}$`, "i") }).first(), q).toBeVisible();
      }
    });
  });
}

test("the query keeps its own text direction: isolated in <bdi> wherever the page repeats it", async ({ page }) => {
  const q = "\u202Eabc مرحبا بالعالم";
  await page.goto(`/search?q=${encodeURIComponent(q)}`);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading.locator("bdi")).toHaveText(q);
  expect(await heading.evaluate((h1) => h1.innerHTML)).toMatch(/^Resultados para «<bdi>[^<]+<\/bdi>»$/);
  const none = page.getByText(/^No encontramos nada para/);
  await expect(none.locator("bdi")).toHaveText(q);
  await expect(page).toHaveTitle(new RegExp(`\u2068${q}\u2069`));
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: "test-results/search-rtl-360.png" });
  // A category's text filter repeats the query when nothing matches: isolated there too.
  await page.goto(`/discussions/c/general?q=${encodeURIComponent(q)}`);
  await expect(page.getByText(/^Ninguna conversación/).locator("bdi")).toHaveText(q);
});

test("keyboard: from the header box to a result", async ({ page }) => {
  await page.goto("/");
  const box = page.locator("#site-search");
  for (let presses = 0; presses < 6 && !(await box.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press("Tab");
  await expect(box).toBeFocused();
  await page.keyboard.type("compost de pulpa");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=compost/);
  const first = hits(page).first().getByRole("heading").getByRole("link");
  await expect(first).toBeVisible();
  const title = (await first.textContent())!;
  // Tab on from the page's own search form to the first result's title.
  await page.locator("#search-q").focus();
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press("Tab");
    if (await first.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(first).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/\/search/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});

test("axe: /search empty, with results and on one kind has no violations", async ({ page }) => {
  for (const path of ["/search", "/search?q=compost", "/search?q=compost&type=posts", "/search?q=zzzqqq"]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the header with its search box and the results fit without sideways scrolling", async ({ page }) => {
    for (const path of ["/", "/search", "/search?q=compost"]) {
      await page.goto(path);
      await expect(page.getByRole("search", { name: "Buscar en el sitio" })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await page.goto("/");
    await page.locator("header").screenshot({ path: "test-results/search-header-360.png" });
  });
});
