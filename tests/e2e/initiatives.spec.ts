import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

const COOPERATIVE = "Cooperativa Agraria Cafetalera del Alto Mayo";
const PLASTICS = "Plásticos del Norte S.A.C.";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

/** "1,234.5" (es-PE) → 1234.5 */
function parseShownNumber(text: string | null) {
  return Number((text ?? "").replace(/[^\d.,-]/g, "").replace(/,/g, ""));
}

/** Fills the parts of the proposal form every test needs. */
async function fillBasics(page: Page, title: string) {
  await expect(page.getByRole("heading", { level: 1, name: "Proponer una iniciativa" })).toBeVisible();
  await page.getByLabel("Organización que lidera").selectOption({ label: COOPERATIVE });
  await page.getByLabel("Título", { exact: true }).fill(title);
  await page.getByLabel("Resumen", { exact: true }).fill("Compost de pulpa de café con familias productoras del Alto Mayo.");
  await page.getByLabel("Descripción", { exact: true }).fill("Planta de **compostaje** comunal y capacitación a productoras.");
  await page.getByLabel("Hoja de ruta", { exact: true }).selectOption("agriculture");
}

test("propose → publish → a partner joins → in progress → progress report shows on the roadmap", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `Compost de pulpa de café ${Date.now()}`;
  const roadmapWaste = (p: Page) => p.locator('[data-line="agriculture"] [data-indicator="waste_diverted_t"]');

  // What the agriculture roadmap shows before (no other test in this file reports progress).
  await page.goto("/roadmaps/agriculture");
  await expect(page.getByRole("heading", { level: 1, name: "Agricultura" })).toBeVisible();
  const wasteBefore = (await roadmapWaste(page).count()) ? parseShownNumber(await roadmapWaste(page).textContent()) : 0;

  // miembro1 proposes the initiative as the cooperative.
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/initiatives/new");
  await fillBasics(page, title);
  await page.getByRole("group", { name: "Cadenas de valor" }).getByLabel("Agrícola", { exact: true }).check();
  await page.getByRole("group", { name: "Regiones donde se realiza" }).getByLabel("San Martín", { exact: true }).check();
  await page.getByLabel("Inicio previsto").fill("2026-03-01");
  await page.getByLabel("Fin previsto").fill("2027-02-28");
  await page.getByRole("group", { name: "Qué busca" }).getByLabel("Financiamiento", { exact: true }).check();
  await page.getByLabel("Monto buscado (S/)").fill("150000.50");
  await page.getByRole("group", { name: "Tipo de financiamiento" }).getByLabel("Crédito", { exact: true }).check();
  await page.getByRole("button", { name: "Guardar borrador" }).click();

  await expect(page.getByRole("status")).toContainText("Guardamos el borrador");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Borrador: solo tu organización puede verlo");
  await expect(page.getByTestId("initiative-status")).toHaveText("Borrador");
  const seeks = page.getByRole("region", { name: "Qué busca" });
  await expect(seeks).toContainText("Financiamiento");
  await expect(seeks).toContainText("S/ 150,000.50");
  await expect(seeks).toContainText("Crédito");
  const path = new URL(page.url()).pathname;
  expect(path).toMatch(/^\/initiatives\/[a-z0-9-]+$/);

  // A draft is not public.
  const anonymousContext = await browser.newContext({ locale: "es-PE" });
  const visitor = await anonymousContext.newPage();
  expect((await visitor.goto(path))?.status()).toBe(404);
  await anonymousContext.close();

  await page.getByRole("button", { name: "Publicar y buscar socios" }).click();
  await expect(page.getByRole("status")).toContainText("«Buscando socios»");
  await expect(page.getByTestId("initiative-status")).toHaveText("Buscando socios");
  await expect(page.getByRole("note")).toHaveCount(0);

  // miembro2 asks to join as Plásticos del Norte.
  const partnerContext = await browser.newContext({ locale: "es-PE" });
  const partner = await partnerContext.newPage();
  await logIn(partner, "miembro2@demo.pe", DEMO_PASSWORD);
  await partner.goto(path);
  await expect(partner.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await partner.getByLabel("En nombre de").selectOption({ label: PLASTICS });
  await partner.getByLabel("Rol propuesto").selectOption({ label: "Socio técnico" });
  await partner.getByLabel("Mensaje para la organización líder").fill("Podemos aportar costales de PET reciclado para el compost.");
  await partner.getByRole("button", { name: "Enviar solicitud" }).click();
  await expect(partner.getByRole("status")).toContainText("Enviamos tu solicitud a la organización líder");

  // miembro1 accepts.
  await page.reload();
  const partners = page.getByRole("region", { name: "Socios", exact: true });
  const request = partners.getByRole("listitem").filter({ hasText: PLASTICS });
  await expect(request).toContainText("Solicitud pendiente");
  await expect(request).toContainText("Podemos aportar costales de PET reciclado");
  await request.getByRole("button", { name: "Aceptar", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Aceptamos la participación");

  for (const viewer of [page, partner]) {
    if (viewer === partner) await partner.reload();
    const row = viewer.getByRole("region", { name: "Socios", exact: true }).getByRole("listitem").filter({ hasText: PLASTICS });
    await expect(row).toContainText("Socio técnico");
    await expect(row).toContainText("desde");
  }

  // In progress, then a progress report with indicators.
  await page.getByRole("button", { name: "Marcar en ejecución" }).click();
  await expect(page.getByRole("status")).toContainText("«En ejecución»");
  await expect(page.getByTestId("initiative-status")).toHaveText("En ejecución");

  const report = page.locator("form").filter({ has: page.getByRole("heading", { name: "Reportar avance" }) });
  await expect(report).toBeVisible();
  await report.getByLabel("Reporta").selectOption({ label: COOPERATIVE });
  await report.getByLabel("Qué se avanzó").fill("Primera campaña de compostaje con 40 familias.");
  await report.getByLabel("Residuos desviados o valorizados (t)", { exact: true }).fill("12.5");
  await report.getByLabel("Empleos creados", { exact: true }).fill("3");
  await report.getByRole("button", { name: "Publicar avance" }).click();
  await expect(page.getByRole("status")).toContainText("Publicamos el avance");

  const totals = page.getByTestId("indicator-totals");
  await expect(totals.locator('[data-indicator="waste_diverted_t"]')).toHaveText("12.5");
  await expect(totals.locator('[data-indicator="jobs_created"]')).toHaveText("3");
  await expect(page.getByRole("region", { name: "Reportes de avance" })).toContainText("Primera campaña de compostaje");

  // The roadmap adds it up.
  await page.goto("/roadmaps/agriculture");
  await expect(page.getByRole("heading", { level: 1, name: "Agricultura" })).toBeVisible();
  const waste = roadmapWaste(page);
  await expect(waste).toBeVisible();
  const wasteAfter = parseShownNumber(await waste.textContent());
  expect(wasteAfter).toBeGreaterThanOrEqual(12.5);
  expect(wasteAfter).toBeCloseTo(wasteBefore + 12.5, 2);

  // The partner's "My work" lists it.
  await partner.goto("/my-work");
  await expect(partner.getByRole("heading", { level: 1, name: "Mi trabajo" })).toBeVisible();
  const mine = partner.getByRole("region", { name: "Iniciativas de mis organizaciones" }).getByRole("listitem").filter({
    has: partner.getByRole("link", { name: title }),
  });
  await expect(mine).toContainText(`Socia: ${PLASTICS}`);
  await expect(mine).toContainText("En ejecución");
  await partnerContext.close();
});

test("the proposal form explains bad input and keeps it; an illegal status change answers 409", async ({ page, baseURL }) => {
  const title = `Biol de residuos de cacao ${Date.now()}`;
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/initiatives/new");
  await fillBasics(page, title);
  await page.getByLabel("Inicio previsto").fill("2026-06-01");
  await page.getByLabel("Fin previsto").fill("2026-05-01");
  await page.getByRole("group", { name: "Qué busca" }).getByLabel("Financiamiento", { exact: true }).check();
  await page.getByLabel("Monto buscado (S/)").fill("-5");
  await page.getByRole("group", { name: "Tipo de financiamiento" }).getByLabel("Donación o fondo no reembolsable").check();
  await page.getByRole("button", { name: "Guardar borrador" }).click();

  await expect(page.getByText("El fin no puede ser antes del inicio.")).toBeVisible();
  await expect(page.getByText("Escribe un monto en soles mayor que cero")).toBeVisible();
  await expect(page.getByLabel("Título", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Monto buscado (S/)")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/initiatives\/new$/);

  // Fixed, it saves as a draft.
  await page.getByLabel("Fin previsto").fill("2026-12-01");
  await page.getByLabel("Monto buscado (S/)").fill("5000");
  await page.getByRole("button", { name: "Guardar borrador" }).click();
  await expect(page.getByRole("status")).toContainText("Guardamos el borrador");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const path = new URL(page.url()).pathname;

  // A draft cannot jump to "completed".
  const response = await page.request.post(`${path}?index`, {
    headers: { Origin: baseURL! },
    form: { intent: "status", status: "completed" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(409);
  await page.reload();
  await expect(page.getByTestId("initiative-status")).toHaveText("Borrador");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the initiative filters work with the Apply button", async ({ page }) => {
    await page.goto("/initiatives");
    await page.getByRole("group", { name: "Busca", exact: true }).getByLabel(/^Financiamiento/).check();
    await page.getByRole("group", { name: "Hoja de ruta", exact: true }).getByLabel(/^Agricultura/).check();
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect(page).toHaveURL(/seeks=financing/);
    await expect(page).toHaveURL(/roadmap=agriculture/);

    const cards = page.getByRole("region", { name: /iniciativas/ }).locator(":scope > ul > li");
    const count = await cards.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      await expect(cards.nth(i)).toContainText("Financiamiento");
      await expect(cards.nth(i)).toContainText("Agricultura");
    }
    await expect(page.getByRole("group", { name: "Busca", exact: true }).getByLabel(/^Financiamiento/)).toBeChecked();
  });
});

for (const path of ["/initiatives", "/roadmaps", "/roadmaps/industry"]) {
  test(`axe: ${path} has no violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoViolations(page);
  });
}

test("axe: a public initiative page has no violations", async ({ page }) => {
  await page.goto("/initiatives");
  const first = page.getByRole("region", { name: /iniciativas/ }).locator(":scope > ul > li").first().getByRole("heading").getByRole("link");
  const title = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/initiatives\/[a-z0-9-]+$/);
  await expectNoViolations(page);
});

test("axe: the proposal form and My work have no violations", async ({ page }) => {
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/initiatives/new");
  await expect(page.getByRole("heading", { level: 1, name: "Proponer una iniciativa" })).toBeVisible();
  await expectNoViolations(page);
  await page.goto("/my-work");
  await expect(page.getByRole("heading", { level: 1, name: "Mi trabajo" })).toBeVisible();
  await expectNoViolations(page);
});
