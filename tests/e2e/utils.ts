import { expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";

const DATABASE = process.env.E2E_DATABASE ?? "data/e2e.sqlite";
export const DEMO_PASSWORD = "Economia-Circular-2026";

export function uniqueEmail(prefix = "persona") {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@correo.pe`;
}

/** Reads the newest message sent to an address from the app's outbox (the e2e server has no SMTP). */
export async function readLatestMail(to: string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const db = new Database(DATABASE, { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare("SELECT subject, text FROM mail_outbox WHERE \"to\" = ? ORDER BY id DESC LIMIT 1")
        .get(to) as { subject: string; text: string } | undefined;
      if (row) return row;
    } finally {
      db.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No email to ${to}`);
}

export function linkFrom(text: string) {
  const match = text.match(/https?:\/\/\S+/);
  if (!match) throw new Error(`No link in email: ${text}`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}

/**
 * Signs up and confirms the address through the emailed link (which signs the person in), then
 * opens /account. Sign-up itself signs nobody in: it only says to check the email.
 */
export async function signUp(page: Page, { name = "Rosa Ccori", email = uniqueEmail(), password = "maca-y-quinua-2026" } = {}) {
  await page.goto("/signup");
  await page.getByLabel("Nombre completo").fill(name);
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByLabel("Leí el aviso de privacidad").check();
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revisa tu correo");
  const mail = await readLatestMail(email);
  await page.goto(linkFrom(mail.text));
  await page.getByRole("button", { name: "Confirmar mi correo" }).click();
  await expect(page.getByRole("status")).toContainText("Tu correo está confirmado");
  await page.goto("/account");
  return { name, email, password };
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function logOut(page: Page, name: string) {
  await page.getByLabel(`Menú de la cuenta de ${name}`).click();
  await page.getByRole("button", { name: "Cerrar sesión" }).click();
  await expect(page.getByRole("status")).toContainText("Cerraste sesión");
}

/** Signs up and confirms the email through the link in the outbox, ending on /account. */
export async function signUpVerified(page: Page, options: { name?: string; email?: string; password?: string } = {}) {
  return signUp(page, options);
}
