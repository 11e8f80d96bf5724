import { expect, test } from "@playwright/test";
import { uniqueEmail } from "./utils.ts";

test.use({ javaScriptEnabled: false });

test("sign-up works without JavaScript, including server-side errors", async ({ page }) => {
  const email = uniqueEmail("sinjs");
  await page.goto("/signup");
  await page.getByLabel("Nombre completo").fill("Julia Chávez");
  await page.getByLabel("Correo electrónico").fill(email);
  // Long enough for the browser, but on the common-password list: only the server can say no.
  await page.getByLabel("Contraseña").fill("password123");
  await page.getByLabel("Leí el aviso de privacidad").check();
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page.getByText("Esta contraseña es de las más usadas")).toBeVisible();
  await expect(page.getByLabel("Correo electrónico")).toHaveValue(email);
  await expect(page.getByLabel("Nombre completo")).toHaveValue("Julia Chávez");
  await expect(page.getByLabel("Contraseña")).toHaveValue("");

  await page.getByLabel("Contraseña").fill("papa-amarilla-huancaina");
  await page.getByLabel("Leí el aviso de privacidad").check();
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page).toHaveURL(/\/signup\?sent=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revisa tu correo");
});

test("the language switch works without JavaScript", async ({ page }) => {
  await page.goto("/events");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Events");
  await expect(page.getByRole("link", { name: "Upcoming" })).toBeVisible();
});
