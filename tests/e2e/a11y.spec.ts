import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn, logOut, signUp } from "./utils.ts";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

for (const path of [
  "/",
  "/login",
  "/signup",
  "/forgot-password",
  "/organisations",
  "/organisations?roadmap=agriculture&region=SAM",
  "/organisations/map",
  "/organisations/ministerio-del-ambiente",
  "/pact",
  "/no-existe",
]) {
  test(`axe: ${path} has no violations`, async ({ page }) => {
    await page.goto(path);
    await expectNoViolations(page);
  });
}

test("axe: the account pages have no violations, with and without errors", async ({ page }) => {
  await signUp(page);
  for (const path of ["/account", "/account/email", "/account/password", "/account/sessions"]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
  await page.goto("/account/password");
  await page.getByLabel("Contraseña actual").fill("x");
  await page.getByLabel("Nueva contraseña").fill("123");
  await page.getByRole("button", { name: "Cambiar contraseña" }).click();
  await expect(page.getByText("La contraseña debe tener al menos 8 caracteres.")).toBeVisible();
  await expectNoViolations(page);
});

test("axe: the admin page in English has no violations", async ({ page }) => {
  await logIn(page, "admin@demo.pe", DEMO_PASSWORD);
  await page.getByRole("button", { name: "English" }).click();
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users and roles");
  await expectNoViolations(page);
});

test("keyboard: skip link, main navigation and the log-in form work without a mouse", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Saltar al contenido principal" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  await page.goto("/login");
  await page.getByLabel("Correo electrónico").focus();
  await page.keyboard.type("miembro1@demo.pe");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Contraseña")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByLabel(/Menú de la cuenta/)).toBeVisible();

  // The account menu opens from the keyboard.
  await page.getByLabel(/Menú de la cuenta/).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Sesiones activas" })).toBeVisible();
});

test("admin changes a member's role on the admin page", async ({ page, baseURL }) => {
  const person = await signUp(page, { name: "Futura Coordinadora" });
  await logOut(page, person.name);

  await logIn(page, "admin@demo.pe", DEMO_PASSWORD);
  // Another test switches the admin to English; this one reads the Spanish page.
  await page.context().addCookies([{ name: "lang", value: "es", url: baseURL! }]);
  await page.goto(`/admin/users?q=${encodeURIComponent(person.email)}`);
  await page.getByLabel(`Rol de ${person.name}`).selectOption("coordinator");
  await page.getByRole("button", { name: "Guardar rol" }).click();
  await expect(page.getByRole("status")).toContainText(`El rol de ${person.email} ahora es «Coordinador(a)»`);
  await expect(page.getByLabel(`Rol de ${person.name}`)).toHaveValue("coordinator");
});

test("axe: organisation forms and coordination pages have no violations", async ({ page }) => {
  await logIn(page, "coordinadora@demo.pe", DEMO_PASSWORD);
  await page.context().addCookies([{ name: "lang", value: "es", url: page.url() }]);
  for (const path of ["/organisations/new", "/coordination/organisations", "/pact", "/organisations/acuicultores-del-titicaca", "/notifications", "/account/organisations"]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
  // The application form showing errors.
  await page.goto("/organisations/new");
  await page.getByRole("button", { name: "Enviar solicitud" }).click();
  await expect(page.getByText("Este campo es obligatorio.").first()).toBeVisible();
  await expectNoViolations(page);
});

test("axe: the owner's edit, team and Pact pages have no violations", async ({ page }) => {
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  for (const path of ["edit", "team", "pact"]) {
    await page.goto(`/organisations/cooperativa-agraria-cafetalera-del-alto-mayo/${path}`);
    await expectNoViolations(page);
  }
});

for (const path of ["/discussions", "/discussions/code-of-conduct", "/discussions/c/general"]) {
  test(`axe: ${path} has no violations`, async ({ page }) => {
    await page.goto(path);
    await expectNoViolations(page);
  });
}

test("axe: a discussion thread (with its reply box and its errors) and the coordinators' discussion pages have no violations", async ({ page }) => {
  await logIn(page, "coordinadora@demo.pe", DEMO_PASSWORD);
  await page.context().addCookies([{ name: "lang", value: "es", url: page.url() }]);
  await page.goto("/discussions");
  await page.getByRole("region", { name: "Últimas conversaciones" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Responder" })).toBeVisible();
  await expectNoViolations(page);
  // The mention suggestions open under the box.
  await page.getByLabel("Tu respuesta").fill("Hola ");
  await page.getByLabel("Tu respuesta").press("End");
  await page.keyboard.type("@luc");
  await expect(page.getByRole("listbox")).toBeVisible();
  await expectNoViolations(page);
  await page.keyboard.press("Escape");
  await page.getByLabel("Tu respuesta").fill("");
  await page.getByRole("button", { name: "Publicar respuesta" }).click();
  await expect(page.getByText("Escribe un mensaje.")).toBeVisible();
  await expectNoViolations(page);
  for (const path of ["/discussions/moderation", "/discussions/categories"]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
});
