// Matches and private conversations of the resource exchange (issue 12), in Spanish, on the demo
// data: "Me interesa" with JavaScript off (an error keeps what was typed), the conversation that
// opens is a 404 for anyone outside the two organisations until a party invites a coordinator as
// facilitator; "My work" lists the organisation's listings with their matches; axe on each page.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

// Demo people (db/seed.ts): the owner of Plásticos del Norte, the owner of the coffee cooperative
// (an outsider to this conversation) and a coordinator.
const COMPANY = { email: "miembro2@demo.pe", name: "Plásticos del Norte S.A.C." };
const OUTSIDER = "miembro1@demo.pe";
const COORDINATOR = { email: "coordinador@demo.pe", name: "Jorge Mamani" };
// A demo "have" of the Cámara de Comercio de Lima that the company never wrote about.
const LISTING = "Film stretch de embalaje en el parque industrial de Lurín";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

async function personPage(browser: Browser, email: string | null, javaScriptEnabled = true) {
  const context = await browser.newContext({ locale: "es-PE", timezoneId: "America/Lima", javaScriptEnabled });
  const page = await context.newPage();
  if (email) await logIn(page, email, DEMO_PASSWORD);
  return page;
}

test("Me interesa without JavaScript, then the conversation is private until a coordinator is invited", async ({ browser }) => {
  const withoutJs = await personPage(browser, COMPANY.email, false);
  await withoutJs.goto(`/exchange?q=${encodeURIComponent("film stretch Lurín")}`);
  await withoutJs.getByRole("link", { name: LISTING }).first().click();
  await expect(withoutJs.getByRole("heading", { level: 1 })).toHaveText(LISTING);
  const interest = withoutJs.getByRole("region", { name: "¿Te interesa?" });
  await expect(interest).toBeVisible();
  const listingUrl = new URL(withoutJs.url()).pathname;

  // An empty message (spaces pass the browser's "required"): refused, on the form's own page.
  await interest.getByLabel("Tu mensaje").fill("   ");
  await interest.getByRole("button", { name: "Me interesa" }).click();
  await expect(withoutJs.getByText("Escribe un mensaje.")).toBeVisible();

  const message = `Compramos film limpio para peletizar, unas 2 t al mes. (${Date.now().toString(36)})`;
  await withoutJs.getByLabel("Tu mensaje").fill(message);
  await withoutJs.getByRole("button", { name: "Me interesa" }).click();
  await expect(withoutJs).toHaveURL(/\/discussions\/threads\/\d+/);
  await expect(withoutJs.getByText(message)).toBeVisible();
  await expect(withoutJs.getByRole("status")).toContainText("Conversación privada");
  const threadUrl = new URL(withoutJs.url()).pathname;

  // With JavaScript (axe needs it): the listing with its sections, the form's errors. (The thread page
  // is the discussions feature's; axe reports heading-order on its posts there, told to the lead.)
  const company = await personPage(browser, COMPANY.email);
  await company.goto(threadUrl);
  await expect(company.getByText(message)).toBeVisible();
  await company.goto(listingUrl);
  await expect(company.getByRole("region", { name: "Conversaciones privadas", exact: true })).toBeVisible();
  await expect(company.getByText("Tu organización ya conversa sobre esta publicación.")).toBeVisible();
  await expectNoViolations(company);
  await company.getByLabel("Tu mensaje").fill("   ");
  await company.getByRole("button", { name: "Me interesa" }).click();
  await expect(company.getByText("Escribe un mensaje.")).toBeVisible();
  await expectNoViolations(company);

  // Nobody outside the two organisations finds it: not another member, not a coordinator, not a visitor.
  const outsider = await personPage(browser, OUTSIDER);
  const coordinator = await personPage(browser, COORDINATOR.email);
  const visitor = await personPage(browser, null);
  for (const page of [outsider, coordinator, visitor]) {
    const response = await page.goto(threadUrl);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(message)).toHaveCount(0);
  }

  // The company invites the coordinator from its listing page's conversations.
  await company.goto(listingUrl);
  const conversations = company.getByRole("region", { name: "Conversaciones privadas", exact: true });
  await conversations.getByRole("link", { name: "Invitar a la coordinación" }).click();
  await expect(company.getByRole("heading", { level: 1 })).toHaveText("Invitar a la coordinación a la conversación");
  await expectNoViolations(company);
  await company.getByLabel("Persona de la coordinación").selectOption({ label: COORDINATOR.name });
  await company.getByRole("button", { name: "Invitar" }).click();
  await expect(company.getByRole("status")).toContainText(`Invitaste a ${COORDINATOR.name}`);

  // Now the coordinator sees it (and was told); the outsider still does not.
  expect((await coordinator.goto(threadUrl))?.status()).toBe(200);
  await expect(coordinator.getByText(message)).toBeVisible();
  expect((await outsider.goto(threadUrl))?.status()).toBe(404);
  await coordinator.goto("/notifications");
  await expect(coordinator.getByText(/te invitó a facilitar la conversación privada/).first()).toBeVisible();
});

test("My work lists the organisation's listings with their matches and its conversations", async ({ browser }) => {
  const company = await personPage(browser, COMPANY.email);
  await company.goto("/my-work");
  const listings = company.getByRole("region", { name: "Publicaciones de intercambio de tus organizaciones" });
  await expect(listings).toBeVisible();
  // The demo's PET want of the company matches the recyclers' PET.
  await expect(listings.getByRole("link", { name: "PET post consumo transparente para láminas" })).toBeVisible();
  await expect(listings.getByRole("link", { name: "Botellas PET post consumo prensadas" }).first()).toBeVisible();
  await expect(company.getByRole("region", { name: "Conversaciones de intercambio" }).getByRole("link").first()).toBeVisible();
  await expectNoViolations(company);
});
