import { expect, test } from "@playwright/test";
import { linkFrom, logIn, logOut, readLatestMail, signUp, uniqueEmail } from "./utils.ts";

test("after confirming the email, the new member is pointed to registering an organisation", async ({ page }) => {
  const email = uniqueEmail("siguiente");
  await page.goto("/signup");
  await page.getByLabel("Nombre completo").fill("Lucía Mamani");
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill("tarwi-y-kiwicha-2026");
  await page.getByLabel("Leí el aviso de privacidad").check();
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revisa tu correo");

  await page.goto(linkFrom((await readLatestMail(email)).text));
  await page.getByRole("button", { name: "Confirmar mi correo" }).click();
  await expect(page).toHaveURL(/\/verify-email\?welcome=1$/);
  await expect(page.getByRole("status")).toContainText("Tu correo está confirmado");
  await expect(page.getByText(/Pide a su responsable que te invite/)).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Registra tu organización" }).click();
  await expect(page).toHaveURL(/\/organisations\/new$/);
  await expect(page.getByLabel(/Nombre/).first()).toBeVisible();
});

test("signing up with a registered address shows the same page, creates nothing and tells the owner", async ({ page }) => {
  const owner = await signUp(page, { name: "Dueña Registrada" });
  await logOut(page, owner.name);
  await page.goto("/signup");
  await page.getByLabel("Nombre completo").fill("Otra Persona");
  await page.getByLabel("Correo electrónico").fill(owner.email.toUpperCase());
  await page.getByLabel("Contraseña").fill("tarwi-y-kiwicha-2026");
  await page.getByLabel("Leí el aviso de privacidad").check();
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revisa tu correo");
  await expect(page.getByText(/Ya existe una cuenta/)).toHaveCount(0);
  const mail = await readLatestMail(owner.email);
  expect(mail.subject).toBe("Alguien intentó crear una cuenta con tu correo en Perú País Circular");
  // The owner's password still works; the one typed at the second sign-up does not.
  await logIn(page, owner.email, owner.password);
  await expect(page.getByLabel(`Menú de la cuenta de ${owner.name}`)).toBeVisible();
});
