// The resource exchange's journey (issue 12), in Spanish: a company posts a have (rice husk in
// Lambayeque), a cooperative posts a want, both see the match, the company opens a private
// conversation ("Me interesa"), records the exchange, the cooperative confirms it, and the totals
// move on both organisations' pages and on the roadmap page. Also: the listing and its filters
// without JavaScript, the listing form with the keyboard only, and axe (best practices included)
// on every page the journey touches.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

// Demo owners (db/seed.ts): the company and the cooperative, each with its own initiatives.
const COMPANY = { email: "miembro2@demo.pe", slug: "plasticos-del-norte", name: "Plásticos del Norte S.A.C." };
const COOPERATIVE = {
  email: "miembro1@demo.pe",
  slug: "cooperativa-agraria-cafetalera-del-alto-mayo",
  name: "Cooperativa Agraria Cafetalera del Alto Mayo",
  // An open agriculture initiative the cooperative leads: exchanges on listings linked to it add
  // to the agriculture roadmap.
  initiative: "Sustrato de cascarilla de café para viveros en Jaén",
  initiativeSlug: "sustrato-de-cascarilla-de-cafe-para-viveros-en-jaen",
};

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

async function personPage(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "es-PE", timezoneId: "America/Lima" });
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  return page;
}

/** The Lima day `days` from today, as a date field takes it. */
function limaDay(days = 0) {
  return new Date(Date.now() - 5 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Tonnes written as the pages write them in Spanish ("1,234.5 t") → a number; 0 when absent. */
function tonnes(text: string, label: string) {
  const match = new RegExp(`${label}[^0-9]*([0-9][0-9,]*(?:\\.[0-9]+)?) t`).exec(text);
  return match ? Number(match[1]!.replace(/,/g, "")) : 0;
}

type ListingInput = {
  kind: "Ofrece" | "Necesita";
  title: string;
  quantity: string;
  region: string;
  province: string;
  initiative?: string;
};

/** Fills the new-listing form (rice husk, tonnes, monthly, three months) and publishes it; returns its path. */
async function postListing(page: Page, listing: ListingInput) {
  await page.goto("/exchange/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nueva publicación");
  await page.getByRole("radio", { name: listing.kind }).check();
  await page.getByLabel("Título").fill(listing.title);
  await page.getByLabel("Categoría de material").selectOption({ label: "Residuos agrícolas y agroindustriales" });
  await page.getByLabel("Descripción").fill("Cascarilla de arroz seca de la molienda, en sacos de 25 kg.");
  await page.getByLabel("Cantidad").fill(listing.quantity);
  await page.getByLabel("Unidad").selectOption({ label: "t" });
  await page.getByLabel("Frecuencia").selectOption({ label: "Mensual" });
  await page.getByLabel("Región de recojo o entrega").selectOption({ label: listing.region });
  await page.getByLabel("Provincia").fill(listing.province);
  await page.getByLabel("Disponible hasta").fill(limaDay(90));
  if (listing.initiative) await page.getByLabel("Iniciativa vinculada (opcional)").selectOption({ label: listing.initiative });
  await page.getByRole("button", { name: "Publicar", exact: true }).click();
  await expect(page).toHaveURL(/\/exchange\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(listing.title);
  return new URL(page.url()).pathname;
}

/** The text of a page's main part, or of its region (a section) by heading: "" when it has none. */
async function textOf(page: Page, path: string, region?: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const part = region ? page.getByRole("region", { name: region, exact: true }) : page.getByRole("main");
  return (await part.count()) > 0 ? part.innerText() : "";
}

/** The confirmed-exchange figures on an organisation's page: tonnes diverted (supplied) and used (received). */
async function organisationTotals(page: Page, slug: string) {
  const text = await textOf(page, `/organisations/${slug}`, "Intercambios de recursos confirmados");
  return { diverted: tonnes(text, "Residuos desviados o valorizados"), used: tonnes(text, "Materia prima secundaria usada") };
}

/**
 * The tonnes an indicator total owes to confirmed exchanges: on an initiative page the sentence
 * beside its total ("Incluye 25 t de 1 intercambio confirmado"), on a roadmap page the grams its
 * exchanges block carries (data-roadmap-exchanges); 0 when there are none.
 */
async function fromExchanges(page: Page, path: string) {
  const text = await textOf(page, path);
  const block = page.locator("[data-roadmap-exchanges]");
  if (path.startsWith("/roadmaps/")) return (await block.count()) ? Number(await block.getAttribute("data-roadmap-exchanges")) / 1_000_000 : 0;
  return tonnes(text, "Incluye");
}

test("a company's rice husk meets a cooperative's want: match, conversation, exchange confirmed, totals up", async ({ browser }) => {
  test.slow();
  const run = Date.now().toString(36);
  const company = await personPage(browser, COMPANY.email);
  const cooperative = await personPage(browser, COOPERATIVE.email);
  const initiativePath = `/initiatives/${COOPERATIVE.initiativeSlug}`;

  const before = {
    company: await organisationTotals(company, COMPANY.slug),
    cooperative: await organisationTotals(cooperative, COOPERATIVE.slug),
    initiative: await fromExchanges(company, initiativePath),
    roadmap: await fromExchanges(company, "/roadmaps/agriculture"),
  };

  // The company offers rice husk in Lambayeque; the cooperative needs it there for its nurseries.
  const haveTitle = `Cascarilla de arroz de molino en Lambayeque ${run}`;
  const wantTitle = `Cascarilla de arroz para viveros ${run}`;
  const have = await postListing(company, { kind: "Ofrece", title: haveTitle, quantity: "40", region: "Lambayeque", province: "Chiclayo" });
  await expectNoViolations(company);
  const want = await postListing(cooperative, {
    kind: "Necesita",
    title: wantTitle,
    quantity: "25",
    region: "Lambayeque",
    province: "Lambayeque",
    initiative: COOPERATIVE.initiative,
  });

  // Both see the match on their listing, the nearest first (same region).
  const matches = (page: Page) => page.getByRole("region", { name: "Coincidencias", exact: true });
  await cooperative.goto(want);
  await expect(matches(cooperative).getByRole("link", { name: haveTitle })).toBeVisible();
  await expect(matches(cooperative)).toContainText("Misma región");
  await expectNoViolations(cooperative);
  await company.goto(have);
  await expect(matches(company).getByRole("link", { name: wantTitle })).toBeVisible();

  // The company follows the match and says it is interested: a private conversation opens.
  await matches(company).getByRole("link", { name: wantTitle }).click();
  await expect(company.getByRole("heading", { level: 1 })).toHaveText(wantTitle);
  await company.getByLabel("Tu mensaje").fill("Tenemos 40 t al mes de cascarilla en Chiclayo. ¿Les sirven 25 t este mes?");
  await company.getByRole("button", { name: "Me interesa" }).click();
  await expect(company.getByText("Tenemos 40 t al mes de cascarilla en Chiclayo.")).toBeVisible();
  await expect(company.getByText(`Conversación privada`).first()).toBeVisible();
  await expectNoViolations(company);

  // The cooperative reads it among its listing's conversations.
  await cooperative.goto(want);
  const conversations = cooperative.getByRole("region", { name: "Conversaciones privadas", exact: true });
  const conversationTitle = `${COMPANY.name} · ${wantTitle}`;
  await conversations.getByRole("link", { name: conversationTitle }).click();
  // The conversation's page lists its thread (one, opened by "Me interesa").
  await expect(cooperative).toHaveURL(/\/discussions\/on\/exchange_conversation\/\d+$/);
  await cooperative.getByTestId("thread-list").getByRole("link", { name: conversationTitle, exact: true }).click();
  await expect(cooperative.getByText("Tenemos 40 t al mes de cascarilla en Chiclayo.")).toBeVisible();
  await expectNoViolations(cooperative);

  // The company records what moved; the cooperative confirms it.
  await company.goto(want);
  await company.getByRole("link", { name: "Registrar un intercambio" }).click();
  await expect(company.getByRole("heading", { level: 1 })).toHaveText("Registrar un intercambio");
  await expectNoViolations(company);
  await company.getByLabel("Fecha del intercambio").fill(limaDay(0));
  await company.getByLabel("Cantidad movida").fill("25");
  await company.getByLabel("Unidad").selectOption({ label: "t" });
  await company.getByLabel("Ahorro o ingreso (S/, opcional)").fill("1,500");
  await company.getByRole("button", { name: "Registrar", exact: true }).click();
  await expect(company.getByRole("status")).toContainText("Intercambio registrado");

  await cooperative.goto(want);
  const recorded = cooperative.getByRole("region", { name: "Intercambios registrados", exact: true });
  await expect(recorded).toContainText("Por confirmar");
  await expectNoViolations(cooperative);
  await recorded.getByRole("button", { name: "Confirmar", exact: true }).click();
  await expect(cooperative.getByRole("status")).toContainText("Confirmaste el intercambio");
  await expect(recorded).toContainText("Confirmado");

  // The 25 t count as waste diverted for the company, secondary material for the cooperative, and
  // on the cooperative's initiative and the agriculture roadmap it belongs to.
  const after = {
    company: await organisationTotals(company, COMPANY.slug),
    cooperative: await organisationTotals(cooperative, COOPERATIVE.slug),
    initiative: await fromExchanges(company, initiativePath),
    roadmap: await fromExchanges(company, "/roadmaps/agriculture"),
  };
  expect(after.company.diverted).toBeCloseTo(before.company.diverted + 25, 3);
  expect(after.cooperative.used).toBeCloseTo(before.cooperative.used + 25, 3);
  expect(after.initiative).toBeCloseTo(before.initiative + 25, 3);
  expect(after.roadmap).toBeCloseTo(before.roadmap + 25, 3);
  await company.goto(initiativePath);
  await expectNoViolations(company);
  await company.goto(`/organisations/${COMPANY.slug}`);
  await expectNoViolations(company);
  await company.goto("/roadmaps/agriculture");
  await expectNoViolations(company);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the listing and its filters work: category and region, then a text search", async ({ page }) => {
    await page.goto("/exchange");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Intercambio de recursos");
    await page.locator("summary").filter({ hasText: /^Categoría de material$/ }).click();
    await page.getByRole("checkbox", { name: /^Residuos agrícolas y agroindustriales/ }).check();
    await page.locator("summary").filter({ hasText: /^Región$/ }).click();
    await page.getByRole("checkbox", { name: /^Lambayeque/ }).check();
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect(page).toHaveURL(/category=agro_residues/);
    await expect(page).toHaveURL(/region=LAM/);
    // The demo's rice husk from Chiclayo mills (db/seed-exchange.ts).
    await expect(page.getByRole("link", { name: "Cascarilla de arroz de molinos de Chiclayo" })).toBeVisible();

    await page.goto("/exchange");
    await page.getByLabel("Buscar en título, descripción y especificación").fill("bagazo");
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect(page).toHaveURL(/q=bagazo/);
    await expect(page.getByRole("link", { name: "Bagazo de caña del valle Chicama" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Cascarilla de arroz de molinos de Chiclayo" })).toHaveCount(0);
  });
});

// axe runs in the page, so with JavaScript: the public pages, filtered and not, and a demo listing.
for (const path of ["/exchange", "/exchange?category=agro_residues&region=LAM&hazardous=no", "/exchange?q=cascarilla", "/exchange/map"]) {
  test(`axe: ${path} has no violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoViolations(page);
  });
}

test("axe: a hazardous demo listing, anonymous and signed in, has no violations", async ({ page }) => {
  await page.goto("/exchange?q=lubricante");
  await page.getByRole("link", { name: "Aceite lubricante usado de la flota municipal" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aceite lubricante usado de la flota municipal");
  await expect(page.getByText("EO-RS").first()).toBeVisible();
  await expectNoViolations(page);
  const listing = page.url();
  await logIn(page, COOPERATIVE.email, DEMO_PASSWORD);
  await page.goto(listing);
  await expect(page.getByRole("button", { name: "Me interesa" })).toBeVisible();
  await expectNoViolations(page);
});

test("keyboard: a want is posted without a mouse", async ({ page }) => {
  await logIn(page, COOPERATIVE.email, DEMO_PASSWORD);
  await page.goto("/exchange/new");
  const title = `Sacos de yute para café ${Date.now().toString(36)}`;
  // From the first field of the form, Tab moves through the fields in order; radios take arrows,
  // selects take the first letters of an option. (The date fields are filled: Tab walks their parts.)
  await page.getByRole("radio", { name: "Ofrece" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Necesita" })).toBeChecked();
  // Each field in turn, reached with Tab, and what is typed in it ("" for nothing).
  const steps: Array<[label: string, typed: string]> = [
    ["Título", title],
    ["Categoría de material", "Textiles"],
    ["Descripción", "Sacos de yute usados para el acopio de café pergamino."],
    ["Estado o especificación", ""],
    ["Cantidad", "300"],
    ["Unidad", "kg"],
    ["Frecuencia", "Anual"],
    ["Región de recojo o entrega", "San Mart"],
    ["Provincia", "Moyobamba"],
    ["Disponible desde", ""],
  ];
  for (const [label, typed] of steps) {
    await page.keyboard.press("Tab");
    await expect(page.getByLabel(label, { exact: true })).toBeFocused();
    if (typed) await page.keyboard.type(typed);
  }
  // Date fields move between their day, month and year with Tab too: this one is typed in.
  await page.getByLabel("Disponible hasta").fill(limaDay(120));
  await expect(page.getByLabel("Categoría de material")).toHaveValue("textiles_fibres");
  await expect(page.getByLabel("Unidad")).toHaveValue("kg");
  await expect(page.getByLabel("Región de recojo o entrega")).toHaveValue("SAM");
  await expectNoViolations(page);
  // Enter in a text field submits the form with its first button: Publicar.
  await page.getByLabel("Provincia").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/exchange\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectNoViolations(page);
});
