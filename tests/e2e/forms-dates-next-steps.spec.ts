// Issue 8, §6: fields shown only when they apply, readable initiative dates, rendered markdown in
// the review queue, and the next step (signing the Pact) after an organisation is approved.
import { expect, test, type Page } from "@playwright/test";
import { rucCheckDigit } from "../../app/features/organisations/ruc.ts";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

const COOPERATIVE = "Cooperativa Agraria Cafetalera del Alto Mayo";
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;

function freshRuc() {
  const firstTen = `20${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  return `${firstTen}${rucCheckDigit(firstTen)}`;
}

const sizeGroup = (page: Page) => page.getByRole("group", { name: "Tamaño de empresa" });
const approachGroup = (page: Page) => page.getByRole("group", { name: "Enfoque de la hoja de ruta de industria" });

test.describe("with JavaScript, fields show only when they apply", () => {
  test("company size shows for companies only, and keeps its choice across changes", async ({ page }) => {
    await logIn(page, "miembro2@demo.pe", DEMO_PASSWORD);
    await page.goto("/organisations/new");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // No actor type chosen yet: nothing to size.
    await expect(sizeGroup(page)).toBeHidden();
    await page.getByLabel("Tipo de actor").selectOption("company");
    await expect(sizeGroup(page)).toBeVisible();
    await sizeGroup(page).getByLabel("Pequeña empresa").check();
    for (const other of ["cooperative", "business_association", "academia", "civil_society", "service_provider", "local_government"]) {
      await page.getByLabel("Tipo de actor").selectOption(other);
      await expect(sizeGroup(page)).toBeHidden();
    }
    await page.getByLabel("Tipo de actor").selectOption("company");
    await expect(sizeGroup(page).getByLabel("Pequeña empresa")).toBeChecked();
  });

  test("the industry approach shows on the industry roadmap only", async ({ page }) => {
    await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
    await page.goto("/initiatives/new");
    await expect(page.getByRole("heading", { level: 1, name: "Proponer una iniciativa" })).toBeVisible();
    await expect(approachGroup(page)).toBeHidden();
    await page.getByLabel("Hoja de ruta", { exact: true }).selectOption("industry");
    await expect(approachGroup(page)).toBeVisible();
    for (const other of ["agriculture", "fisheries", "services"]) {
      await page.getByLabel("Hoja de ruta", { exact: true }).selectOption(other);
      await expect(approachGroup(page)).toBeHidden();
    }
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("company size shows, with its hint saying when it applies", async ({ page }) => {
    await logIn(page, "miembro2@demo.pe", DEMO_PASSWORD);
    await page.goto("/organisations/new");
    await expect(sizeGroup(page)).toBeVisible();
    await expect(sizeGroup(page)).toContainText("Solo para empresas.");
  });

  test("the approach shows with its hint; a proposal on another roadmap saves without it, and dates read in Spanish", async ({ page }) => {
    await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
    await page.goto("/initiatives/new");
    await expect(approachGroup(page)).toBeVisible();
    await expect(approachGroup(page)).toContainText("Solo para la hoja de ruta de industria.");
    const title = `Secado solar de café ${Date.now()}`;
    await page.getByLabel("Organización que lidera").selectOption({ label: COOPERATIVE });
    await page.getByLabel("Título", { exact: true }).fill(title);
    await page.getByLabel("Resumen", { exact: true }).fill("Secadores solares compartidos para familias productoras.");
    await page.getByLabel("Hoja de ruta", { exact: true }).selectOption("agriculture");
    // Chosen before switching roadmap, as happens without JavaScript: ignored, not an error.
    await approachGroup(page).getByLabel("Consumo sostenible").check();
    await page.getByLabel("Inicio previsto").fill("2027-01-15");
    await page.getByLabel("Fin previsto").fill("2028-06-30");
    await page.getByRole("button", { name: "Guardar borrador" }).click();
    await expect(page.getByRole("status")).toContainText("Guardamos el borrador");
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const dates = page.locator("p", { hasText: "Fechas previstas:" });
    await expect(dates).toHaveText(/^Fechas previstas:\s*15 de enero de 2027\s*–\s*30 de junio de 2028$/);
    await expect(page.locator("main")).not.toContainText("Consumo sostenible");
    await expect(page.locator("main")).not.toContainText(ISO_DAY);
  });
});

test("no page shows an initiative's dates as ISO days", async ({ page }) => {
  test.setTimeout(120_000);
  const paths = ["/initiatives", "/roadmaps", "/roadmaps/industry", "/roadmaps/agriculture"];
  await page.goto("/initiatives");
  const links = page.getByRole("region", { name: /iniciativas/ }).locator(":scope > ul > li").getByRole("heading").getByRole("link");
  const details = (await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))).slice(0, 8);
  expect(details.length).toBeGreaterThan(0);
  paths.push(...details);
  let datedPages = 0;
  for (const path of paths) {
    await page.goto(path);
    const text = await page.locator("main").innerText();
    expect(text, path).not.toMatch(ISO_DAY);
    if (/Fechas previstas:/.test(text)) datedPages += 1;
  }
  // The seeded initiatives carry dates, so the check above did meet some.
  expect(datedPages).toBeGreaterThan(0);

  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  for (const path of ["/my-work", "/organisations/cooperativa-agraria-cafetalera-del-alto-mayo", "/notifications"]) {
    await page.goto(path);
    expect(await page.locator("main").innerText(), path).not.toMatch(ISO_DAY);
  }
});

test("markdown reads rendered in the review queue; after approval the owner is pointed to the Pact until it is signed", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const name = `Castañeros del Tambopata ${Date.now().toString(36)}`;
  // A member of the demo data (its own organisation is unrelated) applies for a new one.
  await logIn(page, "miembro2@demo.pe", DEMO_PASSWORD);
  await page.goto("/organisations/new");
  await page.getByLabel("Nombre de la organización").fill(name);
  await page.getByLabel("Tipo de actor").selectOption("cooperative");
  await page.getByLabel("RUC", { exact: true }).fill(freshRuc());
  await page.getByLabel("Región de la sede principal").selectOption("MDD");
  await page.getByLabel("Descripción").fill("Aprovechamos la cáscara como **biomasa**.\n\n- Acopio comunal\n- Secado solar");
  await page.getByRole("button", { name: "Enviar solicitud" }).click();
  await expect(page.getByRole("status")).toContainText(`Recibimos la solicitud de ${name}`);
  const profilePath = new URL(page.url()).pathname;
  // Not approved yet: no Pact step.
  await expect(page.getByTestId("next-step-pact")).toHaveCount(0);

  const coordinatorContext = await browser.newContext({ locale: "es-PE" });
  const coordinator = await coordinatorContext.newPage();
  await logIn(coordinator, "coordinadora@demo.pe", DEMO_PASSWORD);
  await coordinator.goto("/coordination/organisations");
  const application = coordinator.getByRole("listitem").filter({ has: coordinator.getByRole("heading", { name }) });
  const description = application.getByTestId("application-description");
  await expect(description.locator("strong")).toHaveText("biomasa");
  await expect(description.getByRole("listitem")).toHaveText(["Acopio comunal", "Secado solar"]);
  await expect(description).not.toContainText("**");
  await expect(description).not.toContainText("- Acopio");
  await application.getByRole("button", { name: "Aprobar" }).click();
  await expect(coordinator.getByRole("status")).toContainText(`Aprobamos ${name}`);
  await coordinatorContext.close();

  // The notification names the next step and leads to the Pact.
  await page.goto("/notifications");
  const notice = page.getByRole("listitem").filter({ hasText: `${name} ya es miembro` });
  await expect(notice).toContainText(`Siguiente paso: firma el Pacto Peruano por una Economía Circular en nombre de ${name}.`);
  await notice.getByRole("link", { name: "Ver" }).click();
  await expect(page).toHaveURL(new RegExp(`${profilePath}/pact$`));

  // So does the organisation page, for its owner, while the Pact is unsigned.
  await page.goto(profilePath);
  const nextStep = page.getByTestId("next-step-pact");
  await expect(nextStep.getByRole("heading", { name: "Siguiente paso: firmar el Pacto" })).toBeVisible();
  await nextStep.getByRole("link", { name: "Revisar y firmar el Pacto" }).click();
  await expect(page).toHaveURL(new RegExp(`${profilePath}/pact$`));
  await page.getByLabel("Cargo").fill("Presidenta");
  await page.getByLabel(/He leído los compromisos/).check();
  await page.getByRole("button", { name: "Firmar el Pacto" }).click();
  await expect(page.getByTestId("pact-badge")).toBeVisible();
  await expect(page.getByTestId("next-step-pact")).toHaveCount(0);

  // The public never sees the step.
  const visitorContext = await browser.newContext({ locale: "es-PE" });
  const visitor = await visitorContext.newPage();
  await visitor.goto(profilePath);
  await expect(visitor.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(visitor.getByTestId("next-step-pact")).toHaveCount(0);
  await visitorContext.close();
});
