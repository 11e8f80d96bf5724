import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

// The resource exchange's listings (issue 12): a company posts a hazardous "have" and finds it by
// filtering /exchange, all without JavaScript; the form keeps what was typed when it refuses it;
// axe finds nothing on the list, the form, the map and a listing; nothing scrolls sideways at 360 px.

const OWNER = "miembro2@demo.pe"; // owner of Plásticos del Norte S.A.C. (seed)

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A word no other listing has, so the search finds exactly this test's listing. */
const uniqueWord = () => `lote${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A day `days` from today, "YYYY-MM-DD". */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function fillListing(page: Page, title: string, quantity: string) {
  await page.getByLabel("Ofrece").check();
  await page.getByLabel("Título").fill(title);
  await page.getByLabel("Categoría de material").selectOption("plastic_pet");
  await page.getByLabel("Descripción").fill("Botellas PET post consumo, prensadas en fardos.");
  await page.getByLabel("Cantidad").fill(quantity);
  await page.getByLabel("Unidad").selectOption("t");
  await page.getByLabel("Frecuencia").selectOption("monthly");
  await page.getByLabel("Región de recojo o entrega").selectOption("PIU");
  await page.getByLabel("Provincia").fill("Piura");
  await page.getByLabel("Disponible desde").fill(dayFromNow(0));
  await page.getByLabel("Disponible hasta").fill(dayFromNow(120));
  await page.getByLabel("Es un residuo peligroso").check();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a company posts a have, the form keeps the input on an error, and /exchange filters to it", async ({ page }) => {
    const word = uniqueWord();
    const title = `PET en fardos ${word}`;
    await logIn(page, OWNER, DEMO_PASSWORD);
    await page.goto("/exchange/new");
    await fillListing(page, title, "-3");
    await page.getByRole("button", { name: "Publicar" }).click();
    // Refused next to the field, everything typed still there.
    await expect(page.getByText("La cantidad debe ser mayor que cero.")).toBeVisible();
    await expect(page.getByLabel("Título")).toHaveValue(title);
    await expect(page.getByLabel("Región de recojo o entrega")).toHaveValue("PIU");
    await expect(page.getByLabel("Es un residuo peligroso")).toBeChecked();
    await page.getByLabel("Cantidad").fill("1,200.5");
    await page.getByRole("button", { name: "Publicar" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText("1,200.5 t")).toBeVisible();
    await expect(page.getByText("EO-RS").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Plásticos del Norte S.A.C." })).toBeVisible();

    await page.goto("/exchange");
    await page.getByLabel("Buscar en título, descripción y especificación").fill(word);
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${word}`));
    await expect(page.getByRole("heading", { name: "1 publicación" })).toBeVisible();
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    // A facet narrows it out: wants only.
    await page.getByRole("checkbox", { name: /^Necesita/ }).check();
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect(page.getByRole("heading", { name: "0 publicaciones" })).toBeVisible();
    // The site search finds it too, under its own tab.
    await page.goto(`/search?q=${word}&type=listings`);
    await expect(page.getByRole("link", { name: title })).toBeVisible();
  });
});

test("axe: the list, the map, the form (with errors), a listing, the profile and search have no violations", async ({ page }) => {
  for (const path of ["/exchange", "/exchange?kind=have&hazardous=no", "/exchange/map"]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
  await logIn(page, OWNER, DEMO_PASSWORD);
  await page.goto("/exchange/new");
  await expectNoViolations(page);
  const title = `PET en fardos ${uniqueWord()}`;
  await fillListing(page, title, "abc");
  await page.getByRole("button", { name: "Publicar" }).click();
  await expect(page.getByText("Escribe la cantidad como un número").first()).toBeVisible();
  await expectNoViolations(page);
  await page.getByLabel("Cantidad").fill("2.5");
  await page.getByRole("button", { name: "Publicar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectNoViolations(page);
  await page.getByRole("link", { name: "Editar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Editar publicación");
  await expectNoViolations(page);
  // The organisation's profile lists it; the site search finds it under its own tab.
  await page.goto("/organisations/plasticos-del-norte");
  await expect(page.getByRole("region", { name: "Intercambio de recursos" }).getByRole("link", { name: title })).toBeVisible();
  await expectNoViolations(page);
  await page.goto(`/search?q=${encodeURIComponent(title)}&type=listings`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expectNoViolations(page);
});

test("at 360 px nothing scrolls sideways: list, form, listing", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await logIn(page, OWNER, DEMO_PASSWORD);
  const title = `Tapas de polipropileno mezcladas con etiquetas ${uniqueWord()}${"x".repeat(40)}`;
  await page.goto("/exchange/new");
  await fillListing(page, title, "3");
  await page.getByRole("button", { name: "Publicar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const listingUrl = page.url();
  for (const path of ["/exchange", "/exchange/new", "/exchange/map", new URL(listingUrl).pathname]) {
    await page.goto(path);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll, path).toBeLessThanOrEqual(client);
  }
  // The header's new "Intercambio" link is there on a phone too.
  await expect(page.getByRole("navigation", { name: "Secciones principales" }).getByRole("link", { name: "Intercambio" })).toBeVisible();
});

// Break-it 12, fault 1: a photo or logo over the upload limit (the server refuses bodies over 3 MB
// before the app runs) never ends on a "500" page: with JavaScript the form says it by the field
// without sending; without it, the server's 413 page links back to the form.
const TOO_BIG = { name: "grande.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(10 * 1024 * 1024, 1) };

async function draftListing(page: Page) {
  const title = `PET en fardos ${uniqueWord()}`;
  await page.goto("/exchange/new");
  await fillListing(page, title, "3");
  await page.getByRole("button", { name: "Guardar borrador" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  // A draft is not "Publicado por" anyone yet (fault 11).
  await expect(page.getByText("Borrador de Plásticos del Norte S.A.C.")).toBeVisible();
  return new URL(page.url()).pathname;
}

test("with JavaScript, a photo or a logo over 2 MB is refused next to its field, not sent", async ({ page }) => {
  await logIn(page, OWNER, DEMO_PASSWORD);
  const listing = await draftListing(page);
  for (const [path, field, button] of [
    [`${listing}/edit`, "input#photo", "Subir foto"],
    ["/organisations/plasticos-del-norte/edit", "input#logo", "Subir logo"],
  ] as const) {
    await page.goto(path);
    await page.locator(field).setInputFiles(TOO_BIG);
    await page.getByRole("button", { name: button }).click();
    await expect(page.getByText("La imagen pesa más de 2 MB. Redúcela e inténtalo otra vez.")).toBeVisible();
    await expect(page.locator(field)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Tuvimos un problema")).toHaveCount(0);
    expect(new URL(page.url()).pathname).toBe(path);
  }
});

test.describe("without JavaScript, an oversized upload", () => {
  test.use({ javaScriptEnabled: false });

  test("gets a 413 page in the person's language with a link back to the form", async ({ page }) => {
    await logIn(page, OWNER, DEMO_PASSWORD);
    const listing = await draftListing(page);
    for (const [path, field, button, heading] of [
      [`${listing}/edit`, "input#photo", "Subir foto", "Editar publicación"],
      ["/organisations/plasticos-del-norte/edit", "input#logo", "Subir logo", /Editar/],
    ] as const) {
      await page.goto(path);
      await page.locator(field).setInputFiles(TOO_BIG);
      await page.getByRole("button", { name: button }).click();
      await expect(page.getByRole("heading", { name: "El envío es demasiado grande" })).toBeVisible();
      await page.getByRole("link", { name: "Volver a la página anterior" }).click();
      expect(new URL(page.url()).pathname).toBe(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    }
  });
});
