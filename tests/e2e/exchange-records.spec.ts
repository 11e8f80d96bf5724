import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

// Recording an exchange, the coordinators' overview and hiding a listing (issue 12), on the demo
// data, with axe scans of each page and its error states.

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The id of a demo listing found by a word of its title on /exchange. */
async function openListing(page: Page, query: string, title: string) {
  await page.goto(`/exchange?q=${encodeURIComponent(query)}`);
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return Number(new URL(page.url()).pathname.split("/")[2]);
}

test("a counterpart's owner records an exchange: errors by the field, then pending on the listing", async ({ page }) => {
  await logIn(page, "miembro2@demo.pe", DEMO_PASSWORD);
  const id = await openListing(page, "Botellas", "Botellas PET post consumo prensadas");
  await page.getByRole("link", { name: "Registrar un intercambio" }).click();
  await expect(page).toHaveURL(`/exchange/${id}/exchanges`);
  await expectNoViolations(page);

  await page.getByLabel("Fecha del intercambio").fill("2099-01-01");
  await page.getByLabel("Cantidad movida").fill("-3");
  await page.getByRole("button", { name: "Registrar" }).click();
  await expect(page.getByText("La fecha no puede ser futura.")).toBeVisible();
  await expect(page.getByText("La cantidad debe ser mayor que cero.")).toBeVisible();
  await expectNoViolations(page);

  await page.getByLabel("Fecha del intercambio").fill("2025-10-01");
  await page.getByLabel("Cantidad movida").fill("1.25");
  await page.getByLabel("Ahorro o ingreso (S/, opcional)").fill("300");
  await page.getByRole("button", { name: "Registrar" }).click();
  await expect(page).toHaveURL(new RegExp(`/exchange/${id}#exchanges$`));
  await expect(page.getByText("Intercambio registrado.", { exact: false })).toBeVisible();
  const row = page.locator("#exchanges tr", { hasText: "Plásticos del Norte" }).filter({ hasText: "1.25 t" });
  await expect(row.first()).toContainText("Por confirmar");
  await expectNoViolations(page);
});

test("coordinators: the overview, then hiding a listing with a reason (logged) and showing it again", async ({ page }) => {
  await logIn(page, "coordinadora@demo.pe", DEMO_PASSWORD);
  await page.goto("/exchange/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Intercambio de recursos: vista de coordinación" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Búsquedas sin oferta" })).toBeVisible();
  await expectNoViolations(page);

  const id = await openListing(page, "agroquímicos", "Envases de agroquímicos con triple lavado");
  await page.goto(`/exchange/${id}/hide`);
  await expectNoViolations(page);
  await page.getByRole("button", { name: "Ocultar la publicación" }).click();
  await expect(page.getByText("Este campo es obligatorio.")).toBeVisible();
  await expectNoViolations(page);
  await page.getByLabel("Motivo").fill("Falta indicar la EO-RS que maneja los envases");
  await page.getByRole("button", { name: "Ocultar la publicación" }).click();
  await expect(page).toHaveURL(`/exchange/${id}`);
  await expect(page.getByText("La publicación quedó oculta.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Registro de coordinación" })).toBeVisible();
  await expect(page.getByText("Falta indicar la EO-RS que maneja los envases", { exact: false })).toBeVisible();
  await expectNoViolations(page);

  await page.goto("/exchange?q=agroqu%C3%ADmicos");
  await expect(page.getByRole("link", { name: "Envases de agroquímicos con triple lavado" })).toHaveCount(0);

  await page.goto(`/exchange/${id}/hide`);
  await page.getByLabel("Motivo").fill("Ya indica su EO-RS");
  await page.getByRole("button", { name: "Volver a mostrarla" }).click();
  await expect(page.getByText("La publicación vuelve a ser visible.")).toBeVisible();
});

test("/progress shows the resource exchanges with their CO₂e estimate and its source", async ({ page }) => {
  await page.goto("/progress");
  await expect(page.getByRole("heading", { name: "Intercambios de recursos" })).toBeVisible();
  await expect(page.getByText("US EPA", { exact: false }).first()).toBeVisible();
  await expectNoViolations(page);
});

test("organisation and roadmap pages show confirmed exchanges beside their figures, without axe violations", async ({ page }) => {
  await page.goto("/organisations/plasticos-del-norte");
  await expect(page.getByRole("heading", { name: "Intercambios de recursos confirmados" })).toBeVisible();
  await expect(page.getByText("CO₂e evitado (estimación)")).toBeVisible();
  await expectNoViolations(page);
  for (const sector of ["agriculture", "industry"]) {
    await page.goto(`/roadmaps/${sector}`);
    await expectNoViolations(page);
  }
});
