import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./utils.ts";

// README command (1) serves the production build in the explicit demo mail mode
// (MAIL_TRANSPORT=outbox, as the e2e server does): mail is not sent, so a newcomer must reach
// their confirmation link in the browser, without any account, from the page that says
// "check your email".

test("a newcomer signs up, opens the outbox from the check-your-email page, follows the link and is confirmed", async ({ page }) => {
  const email = uniqueEmail("demo");
  await page.goto("/signup");
  await page.getByLabel("Nombre completo").fill("Valeria Condori");
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill("maca-y-quinua-2026");
  await page.getByLabel("Leí el aviso de privacidad").check();
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revisa tu correo");
  await expect(page.getByText("Modo demostración: los correos no se envían.")).toBeVisible();

  // Still signed out: the outbox opens anyway and says that this is a demo.
  await page.getByRole("link", { name: "Abre la bandeja de correos para ver el mensaje y su enlace." }).click();
  await expect(page).toHaveURL(/\/dev\/outbox$/);
  await expect(page.getByRole("note")).toContainText("Modo demostración: los correos no se envían.");
  await expect(page.getByRole("link", { name: "Ingresar" })).toBeVisible();

  const message = page.getByRole("listitem").filter({ hasText: email }).first();
  await expect(message).toContainText("Confirma tu correo");
  await message.getByRole("link", { name: /\/verify-email\?token=/ }).click();

  await page.getByRole("button", { name: "Confirmar mi correo" }).click();
  await expect(page.getByRole("status")).toContainText("Tu correo está confirmado");
  // Confirmed and signed in.
  await expect(page.getByLabel("Menú de la cuenta de Valeria Condori")).toBeVisible();
});

test("the outbox shows a registration's calendar attachment, downloadable and readable", async ({ page, baseURL }) => {
  const { email } = await signUp(page, { name: "Tomás Calendario" });
  const registered = await page.request.post("/events/webinar-financiamiento-verde-para-la-mype-circular?index", {
    headers: { Origin: baseURL! },
    form: { intent: "register" },
    maxRedirects: 0,
  });
  expect(registered.status()).toBeLessThan(400);

  await page.goto("/dev/outbox");
  const message = page.getByRole("listitem").filter({ hasText: `Para: ${email}` }).filter({ hasText: ".ics" }).first();
  const download = message.getByRole("link", { name: "Descargar webinar-financiamiento-verde-para-la-mype-circular.ics" });
  await expect(download).toHaveAttribute("download", "webinar-financiamiento-verde-para-la-mype-circular.ics");
  await message.getByText("Ver el contenido").click();
  await expect(message.getByText(/BEGIN:VCALENDAR/)).toBeVisible();
  // Links in the text are links.
  await expect(message.getByRole("link", { name: /^http:\/\/localhost:\d+\/events\// }).first()).toBeVisible();
});
