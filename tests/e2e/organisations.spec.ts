import { expect, test } from "@playwright/test";
import { rucCheckDigit } from "../../app/features/organisations/ruc.ts";
import { DEMO_PASSWORD, linkFrom, logIn, readLatestMail, signUpVerified, uniqueEmail } from "./utils.ts";

function freshRuc() {
  const firstTen = `20${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  return `${firstTen}${rucCheckDigit(firstTen)}`;
}

test("apply → a coordinator approves → the organisation is in the directory and on the map", async ({ page, browser }) => {
  const name = `Cooperativa Castañera ${Date.now().toString(36)}`;
  await signUpVerified(page, { name: "Julia Huaman" });

  await page.goto("/organisations/new");
  await page.getByLabel("Nombre de la organización").fill(name);
  await page.getByLabel("Tipo de actor").selectOption("cooperative");
  await page.getByLabel("RUC", { exact: true }).fill("20131312954");
  await page.getByLabel("Región de la sede principal").selectOption("MDD");
  await page.getByRole("group", { name: "Hojas de ruta sectoriales" }).getByLabel("Agricultura").check();
  await page.getByLabel("Descripción").fill("Recolectores de castaña que aprovechan la cáscara como **biomasa**.");
  await page.getByRole("button", { name: "Enviar solicitud" }).click();
  // A wrong check digit is caught; everything typed stays.
  await expect(page.getByText("Este RUC no es válido")).toBeVisible();
  await expect(page.getByLabel("Nombre de la organización")).toHaveValue(name);
  await page.getByLabel("RUC", { exact: true }).fill(freshRuc());
  await page.getByRole("button", { name: "Enviar solicitud" }).click();
  await expect(page.getByRole("status")).toContainText(`Recibimos la solicitud de ${name}`);
  await expect(page.getByRole("note")).toContainText("En revisión");
  const profileUrl = new URL(page.url()).pathname;

  // Not public yet.
  const anonymous = await browser.newContext({ locale: "es-PE" });
  const visitor = await anonymous.newPage();
  expect((await visitor.goto(profileUrl))?.status()).toBe(404);

  const coordinatorContext = await browser.newContext({ locale: "es-PE" });
  const coordinator = await coordinatorContext.newPage();
  await logIn(coordinator, "coordinadora@demo.pe", DEMO_PASSWORD);
  await coordinator.goto("/coordination/organisations");
  const application = coordinator.getByRole("listitem").filter({ has: coordinator.getByRole("heading", { name }) });
  await expect(application).toContainText("Julia Huaman");
  await application.getByRole("button", { name: "Aprobar" }).click();
  await expect(coordinator.getByRole("status")).toContainText(`Aprobamos ${name}`);

  // The applicant is told by email and in the app.
  await page.goto("/notifications");
  await expect(page.getByText(`¡Buenas noticias! ${name} ya es miembro`)).toBeVisible();

  await visitor.goto(`/organisations?q=${encodeURIComponent(name)}`);
  await expect(visitor.getByRole("link", { name })).toBeVisible();
  await visitor.goto("/organisations/map");
  const tile = visitor.locator('[data-region="MDD"]');
  expect(Number(await tile.getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
  await tile.click();
  await expect(visitor).toHaveURL(/\/organisations\?region=MDD/);
  await expect(visitor.getByRole("link", { name })).toBeVisible();
  await anonymous.close();
  await coordinatorContext.close();
});

test("an owner invites a colleague, who signs up from the emailed link and joins", async ({ page, browser }) => {
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/organisations/cooperativa-agraria-cafetalera-del-alto-mayo/team");
  const colleagueEmail = uniqueEmail("colega");
  await page.getByLabel("Correo de la persona").fill(colleagueEmail);
  await page.getByLabel("Rol", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Enviar invitación" }).click();
  await expect(page.getByRole("status")).toContainText(`Enviamos la invitación a ${colleagueEmail}`);

  const mail = await readLatestMail(colleagueEmail);
  expect(mail.subject).toContain("Cooperativa Agraria Cafetalera del Alto Mayo");
  const context = await browser.newContext({ locale: "es-PE" });
  const colleague = await context.newPage();
  await colleague.goto(linkFrom(mail.text));
  await expect(colleague.getByText("te invita a su equipo")).toBeVisible();
  await colleague.getByRole("link", { name: "Crear cuenta" }).last().click();
  await colleague.getByLabel("Nombre completo").fill("Pedro Colega");
  await colleague.getByLabel("Correo electrónico").fill(colleagueEmail);
  await colleague.getByLabel("Contraseña").fill("cafe-de-altura-2026");
  await colleague.getByLabel("Leí el aviso de privacidad").check();
  await colleague.getByRole("button", { name: "Crear cuenta" }).click();
  // The confirmation link signs the colleague in and brings them back to the invitation.
  await expect(colleague.getByRole("heading", { level: 1 })).toHaveText("Revisa tu correo");
  const confirmation = await readLatestMail(colleagueEmail);
  expect(confirmation.subject).toBe("Confirma tu correo en Perú País Circular");
  await colleague.goto(linkFrom(confirmation.text));
  await colleague.getByRole("button", { name: "Confirmar mi correo" }).click();
  await expect(colleague.getByRole("button", { name: "Unirme al equipo" })).toBeVisible();
  await colleague.getByRole("button", { name: "Unirme al equipo" }).click();
  await expect(colleague.getByRole("status")).toContainText("Ahora eres parte del equipo");
  // As an editor, the colleague can edit the profile.
  await expect(colleague.getByRole("link", { name: "Editar perfil" })).toBeVisible();

  // The link cannot be used again.
  await colleague.goto(linkFrom(mail.text));
  await expect(colleague.getByText("Esta invitación no es válida")).toBeVisible();

  await page.reload();
  await expect(page.getByText("Pedro Colega")).toBeVisible();
  await context.close();
});

test("an owner signs the Pact; the badge shows on the profile and in the public list", async ({ page }) => {
  await logIn(page, "miembro2@demo.pe", DEMO_PASSWORD);
  await page.goto("/organisations/plasticos-del-norte/pact");
  await expect(page.getByRole("heading", { name: "Los compromisos" })).toBeVisible();
  await page.getByLabel("Cargo").fill("Gerente general");
  await page.getByRole("button", { name: "Firmar el Pacto" }).click();
  await expect(page.getByText("Marca la casilla para confirmar")).toBeVisible();
  await page.getByLabel("He leído los compromisos").check();
  await page.getByRole("button", { name: "Firmar el Pacto" }).click();
  await expect(page.getByRole("status")).toContainText("Plásticos del Norte S.A.C. ya figura entre las organizaciones firmantes");
  await expect(page.getByTestId("pact-badge")).toContainText("Firmante del Pacto desde el");

  await page.goto("/pact");
  const row = page.getByRole("row").filter({ hasText: "Plásticos del Norte S.A.C." });
  await expect(row).toContainText("Gerente general");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("directory filters combine and are shareable URLs", async ({ page }) => {
    await page.goto("/organisations");
    await page.getByRole("group", { name: "Tipo de actor" }).getByLabel(/Gobierno nacional/).check();
    await page.getByRole("group", { name: "Hoja de ruta" }).getByLabel(/Industria/).check();
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect(page).toHaveURL(/actorType=national_government/);
    await expect(page).toHaveURL(/roadmap=industry/);
    await expect(page.getByRole("heading", { name: /2 organizaciones/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /Ministerio de la Producción/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /Ministerio del Ambiente/ })).toBeVisible();

    // The same URL, opened fresh, shows the same result.
    const shared = page.url();
    await page.goto("/");
    await page.goto(shared);
    await expect(page.getByRole("heading", { name: /2 organizaciones/ })).toBeVisible();

    await page.goto("/organisations?pact=yes&region=LMA");
    await expect(page.getByRole("radio", { name: /^Sí/ })).toBeChecked();
  });
});

test("exports follow the filters", async ({ request }) => {
  const json = await (await request.get("/organisations.json?actorType=business_association")).json();
  expect(json.organisations.map((o: { name: string }) => o.name).sort()).toEqual([
    "Cámara de Comercio de Lima",
    "Sociedad Nacional de Industrias",
  ]);
  const csv = await request.get("/organisations.csv?actorType=business_association");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(3);
});

test("an owner uploads a logo; a file that is not an image is refused", async ({ page }) => {
  const sharp = (await import("sharp")).default;
  const png = await sharp({ create: { width: 400, height: 400, channels: 3, background: "#196540" } }).png().toBuffer();
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/organisations/cooperativa-agraria-cafetalera-del-alto-mayo/edit");
  await page.locator("input#logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("no soy una imagen") });
  await page.getByRole("button", { name: "Subir logo" }).click();
  await expect(page.getByText("El archivo debe ser una imagen PNG, JPEG o WebP.")).toBeVisible();

  await page.locator("input#logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Subir logo" }).click();
  await expect(page.getByRole("status")).toContainText("Actualizamos el logo");
  const logo = page.getByRole("img", { name: "Logo de Cooperativa Agraria Cafetalera del Alto Mayo" });
  await expect(logo).toBeVisible();
  const response = await page.request.get((await logo.getAttribute("src"))!);
  expect(response.headers()["content-type"]).toBe("image/webp");
  expect(response.headers()["cache-control"]).toContain("max-age=31536000");
});
