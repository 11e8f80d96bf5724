import { expect, test } from "@playwright/test";
import { linkFrom, logIn, logOut, readLatestMail, signUp, uniqueEmail } from "./utils.ts";

test("sign up, verify from the emailed link, log out, log in, and end another session", async ({ page, browser }) => {
  const person = { name: "Rosa Ccori", email: uniqueEmail(), password: "maca-y-quinua-2026" };
  await page.goto("/signup");
  await page.getByLabel("Nombre completo").fill(person.name);
  await page.getByLabel("Correo electrónico").fill(person.email);
  await page.getByLabel("Contraseña").fill(person.password);
  await page.getByLabel("Leí el aviso de privacidad").check();
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revisa tu correo");
  await expect(page.getByLabel(/Menú de la cuenta/)).toHaveCount(0);

  const mail = await readLatestMail(person.email);
  expect(mail.subject).toBe("Confirma tu correo en Perú País Circular");
  await page.goto(linkFrom(mail.text));
  await page.getByRole("button", { name: "Confirmar mi correo" }).click();
  await expect(page.getByRole("status")).toContainText("Tu correo está confirmado");
  await expect(page.getByLabel(`Menú de la cuenta de ${person.name}`)).toBeVisible();

  // Log out through the account menu.
  await logOut(page, person.name);
  await expect(page.getByRole("status")).toContainText("Cerraste sesión");
  await expect(page.getByRole("link", { name: "Ingresar" })).toBeVisible();

  await logIn(page, person.email, person.password);

  // A second device signs in too.
  const otherDevice = await browser.newContext({ locale: "es-PE" });
  const otherPage = await otherDevice.newPage();
  await logIn(otherPage, person.email, person.password);

  await page.goto("/account/sessions");
  await expect(page.locator("[data-session]")).toHaveCount(2);
  await expect(page.locator('[data-session="current"]')).toContainText("Esta sesión");
  await page.locator('[data-session="other"]').getByRole("button", { name: "Cerrar esta sesión" }).click();
  await expect(page.getByRole("status")).toContainText("Cerramos la sesión");
  await expect(page.locator("[data-session]")).toHaveCount(1);

  // The other device is signed out on its next request.
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await otherDevice.close();
});

test("a wrong password shows a translated error and keeps the email typed", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill("coordinadora@demo.pe");
  await page.getByLabel("Contraseña").fill("no-es-la-clave");
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByRole("alert")).toContainText("El correo o la contraseña no son correctos.");
  await expect(page.getByLabel("Correo electrónico")).toHaveValue("coordinadora@demo.pe");

  // Correcting the password and sending again works (no stale error blocks the second try).
  await page.getByLabel("Contraseña").fill("Economia-Circular-2026");
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByLabel(/Menú de la cuenta/)).toBeVisible();
});

test("forgot password: the emailed link sets a new password and logs in", async ({ page }) => {
  const person = await signUp(page);
  await logOut(page, person.name);

  await page.goto("/login");
  await page.getByRole("link", { name: "¿Olvidaste tu contraseña?" }).click();
  // The log-in page stays on screen until the next one is ready; wait for it.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Recupera tu contraseña");
  await page.getByLabel("Correo electrónico").fill(person.email);
  await page.getByRole("button", { name: "Enviar enlace" }).click();
  await expect(page.getByRole("status")).toContainText("Si hay una cuenta con ese correo");

  const mail = await readLatestMail(person.email);
  await page.goto(linkFrom(mail.text));
  await page.getByLabel("Nueva contraseña").fill("chirimoya-dulce-del-valle");
  await page.getByRole("button", { name: "Guardar contraseña" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("status")).toContainText("Tu contraseña se cambió");

  // The link works only once.
  await page.goto(linkFrom(mail.text));
  await expect(page.getByText("Este enlace no es válido o ya venció")).toBeVisible();
});

test("profile: change name and preferred language", async ({ page }) => {
  await signUp(page, { name: "Pedro Condori", email: uniqueEmail("perfil") });
  await page.getByLabel("Nombre completo").fill("Pedro Condori Apaza");
  await page.getByLabel("Idioma preferido").selectOption("en");
  await page.getByRole("button", { name: "Guardar cambios" }).click();
  await expect(page.getByRole("status")).toHaveText("Your changes were saved.");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByLabel("Full name")).toHaveValue("Pedro Condori Apaza");
});

test("change email: the link sent to the new address makes the change", async ({ page }) => {
  const person = await signUp(page);
  await page.getByRole("link", { name: "Correo electrónico" }).click();
  const newEmail = uniqueEmail("nuevo");
  await page.getByLabel("Nuevo correo electrónico").fill(newEmail);
  await page.getByLabel("Contraseña actual").fill("equivocada-123");
  await page.getByRole("button", { name: "Cambiar correo" }).click();
  await expect(page.getByText("La contraseña actual no es correcta.")).toBeVisible();
  await expect(page.getByLabel("Nuevo correo electrónico")).toHaveValue(newEmail);

  await page.getByLabel("Contraseña actual").fill(person.password);
  await page.getByRole("button", { name: "Cambiar correo" }).click();
  await expect(page.getByRole("status")).toContainText(newEmail);
  const mail = await readLatestMail(newEmail);
  await page.goto(linkFrom(mail.text));
  await page.getByRole("button", { name: "Confirmar mi correo" }).click();
  await expect(page.getByRole("status")).toContainText(`Tu correo ahora es ${newEmail}`);
});
