import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import {
  expect,
  test,
  type Browser,
  type Download,
  type Page,
} from "@playwright/test";
import Database from "better-sqlite3";
import { PRIVACY_NOTICE_VERSION } from "../../app/features/privacy/version.ts";
import {
  DEMO_PASSWORD,
  linkFrom,
  logIn,
  readLatestMail,
  signUp,
  uniqueEmail,
} from "./utils.ts";

// People's rights over their data (issue 13), in Spanish unless said otherwise: consent at sign-up
// (with and without JavaScript), the privacy notice in both languages, the download of one's data,
// closing the account (wrong password, last owner, done: log-in fails, confirmation email), the
// one-click unsubscribe link without a session (used, forged), the consent gate for a new notice,
// the coordinators' log, the keyboard path, axe and the 360 px width.

/** The notice's version (a day) as readers see it: Intl's long date, as the app's formatDay. */
const noticeDay = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${PRIVACY_NOTICE_VERSION}T00:00:00Z`)).replace(/[\u2009\u202F]/g, " ");

const DATABASE = process.env.E2E_DATABASE ?? "data/e2e.sqlite";
const PHONE = { width: 360, height: 740 };
const CLOSED_FLASH = "Tu cuenta fue cerrada y tus datos personales, borrados.";
const PASSWORD_LABEL = "Tu contraseña, para confirmar";
const CLOSE_BUTTON = "Cerrar mi cuenta definitivamente";
const REPLIES_GROUP = "Respuestas en conversaciones que iniciaste o sigues";

async function expectNoViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
  );
  expect(summary, where).toEqual([]);
}

/** The page is no wider than the 360 px viewport (nothing scrolls sideways). */
async function expectFitsPhone(page: Page, where: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, where).toBeLessThanOrEqual(PHONE.width);
}

/** Reads one row (or all rows) of the e2e database, read-only. */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(DATABASE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The newest email to `to` whose text matches `pattern`, waiting for it to arrive. */
async function mailMatching(to: string, pattern: RegExp) {
  let found: { subject: string; text: string } | undefined;
  await expect
    .poll(
      () => {
        found = query<{ subject: string; text: string }>(
          'SELECT subject, text FROM mail_outbox WHERE "to" = ? ORDER BY id DESC',
          to
        ).find((m) => pattern.test(m.text));
        return Boolean(found);
      },
      { message: `an email to ${to} matching ${pattern}`, timeout: 15_000 }
    )
    .toBe(true);
  return found!;
}

/** Clicks `button` and returns the file the browser downloads, with its contents. */
async function download(
  page: Page,
  button: string
): Promise<{ file: Download; body: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  return { file, body: readFileSync((await file.path())!, "utf8") };
}

/** A new browser context of its own, signed in as `email`. */
async function signedInPage(
  browser: Browser,
  email: string,
  password = DEMO_PASSWORD,
  options: { javaScriptEnabled?: boolean } = {}
) {
  const context = await browser.newContext({
    locale: "es-PE",
    javaScriptEnabled: options.javaScriptEnabled,
  });
  const page = await context.newPage();
  await logIn(page, email, password);
  return page;
}

/** Makes the person the only owner of a new organisation (through the app's own mutation). */
function makeSoleOwner(email: string): { slug: string; name: string } {
  const out = execFileSync(
    "./node_modules/.bin/vite-node",
    ["--config", "vitest.config.ts", "tests/e2e/data-rights-state.ts"],
    {
      env: {
        ...process.env,
        DATABASE_PATH: DATABASE,
        NODE_ENV: "test",
        DR_EMAIL: email,
      },
      encoding: "utf8",
    }
  );
  const line = out
    .trim()
    .split("\n")
    .findLast((l) => l.startsWith("{"));
  if (!line) throw new Error(`the helper printed nothing usable:\n${out}`);
  return JSON.parse(line) as { slug: string; name: string };
}

/** Forgets which version of the notice the person accepted, as if the notice had changed since. */
function forgetConsent(email: string) {
  const db = new Database(DATABASE, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const changed = db
      .prepare("UPDATE users SET privacy_notice_version = NULL WHERE email = ?")
      .run(email).changes;
    expect(changed).toBe(1);
  } finally {
    db.close();
  }
}

/** Per kind, the count the coordinators' log shows for the last 12 months. */
async function loggedCounts(page: Page) {
  await page.goto("/coordination/data-requests");
  const year = page.getByRole("region", { name: "Últimos 12 meses" });
  const counts: Record<string, number> = {};
  for (const label of [
    "Descarga de datos (JSON)",
    "Descarga de datos (HTML)",
    "Cierre de cuenta",
  ]) {
    const text = await year
      .getByRole("listitem")
      .filter({ hasText: label })
      .textContent();
    const match = text?.match(/:\s*(\d+) solicitud/);
    if (!match) throw new Error(`no count for ${label}: ${text}`);
    counts[label] = Number(match[1]);
  }
  return counts;
}

// ——— 4. Closing the account ———

test("closing the account: a wrong password changes nothing; the right one closes it, signs out, and logging in again fails", async ({
  page,
}) => {
  const person = await signUp(page, {
    name: "Teodora Quispe Mamani",
    email: uniqueEmail("cierre"),
  });
  await page.goto("/account/close");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Cerrar mi cuenta"
  );
  await expect(
    page.getByRole("link", { name: "Descargar mis datos" }).first()
  ).toBeVisible();

  // A wrong password: 400, the message beside the field, the account untouched.
  await page.getByLabel(PASSWORD_LABEL).fill("no-es-mi-clave-2026");
  const refused = page.waitForResponse(
    (r) =>
      r.request().method() === "POST" &&
      new URL(r.url()).pathname.startsWith("/account/close")
  );
  await page.getByRole("button", { name: CLOSE_BUTTON }).click();
  expect((await refused).status()).toBe(400);
  const field = page.getByLabel(PASSWORD_LABEL);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.getByText("La contraseña no es correcta.")
  ).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
  expect(
    query("SELECT id FROM users WHERE email = ?", person.email)
  ).toHaveLength(1);

  // The right password: closed, signed out, told so on the home page.
  await page.goto("/account/close");
  await page.getByLabel(PASSWORD_LABEL).fill(person.password);
  await page.getByRole("button", { name: CLOSE_BUTTON }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("status")).toContainText(CLOSED_FLASH);
  await expect(
    page.getByRole("link", { name: "Ingresar" }).first()
  ).toBeVisible();
  await expect(
    page.getByLabel(`Menú de la cuenta de ${person.name}`)
  ).toHaveCount(0);
  // The account's pages now ask to log in.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);

  // Logging in again with the same address and password fails.
  await page.getByLabel("Correo electrónico").fill(person.email);
  await page.getByLabel("Contraseña").fill(person.password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(
    page.getByText("El correo o la contraseña no son correctos.")
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  // The confirmation email went to the old address (and is the only mail left for it).
  const mail = await readLatestMail(person.email);
  expect(mail.subject).toBe("Tu cuenta de Perú País Circular fue cerrada");
  expect(mail.text).toContain(person.name);
  expect(mail.text).toContain("/privacy");
  expect(
    query('SELECT id FROM mail_outbox WHERE "to" = ?', person.email)
  ).toHaveLength(1);
  expect(
    query(
      "SELECT id FROM users WHERE email = ? OR name = ?",
      person.email,
      person.name
    )
  ).toHaveLength(0);
});

test("closing the account without JavaScript: wrong password answered by the field, then closed", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "es-PE" });
  const person = await signUp(await context.newPage(), {
    name: "Hilario Condori",
    email: uniqueEmail("cierre-sinjs"),
  });
  const state = await context.storageState();
  await context.close();
  const noJs = await browser.newContext({
    locale: "es-PE",
    javaScriptEnabled: false,
    storageState: state,
  });
  const page = await noJs.newPage();
  await page.goto("/account/close");
  await page.getByLabel(PASSWORD_LABEL).fill("otra-clave-equivocada");
  const refused = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: CLOSE_BUTTON }).click();
  expect((await refused).status()).toBe(400);
  await expect(
    page.getByText("La contraseña no es correcta.")
  ).toBeVisible();
  // The server's answer never echoes the password.
  await expect(page.getByLabel(PASSWORD_LABEL)).toHaveValue("");
  await expect(page.getByLabel(PASSWORD_LABEL)).toHaveAccessibleDescription(
    "La contraseña no es correcta."
  );

  await page.getByLabel(PASSWORD_LABEL).fill(person.password);
  await page.getByRole("button", { name: CLOSE_BUTTON }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("status")).toContainText(CLOSED_FLASH);
  await noJs.close();
});

test("the only owner of an organisation is asked to hand it over first, with a link to its team and no password form", async ({
  page,
}) => {
  const person = await signUp(page, {
    name: "Casimira Huanca",
    email: uniqueEmail("duena"),
  });
  const organisation = makeSoleOwner(person.email);
  await page.goto("/account/close");
  const refusal = page.getByRole("alert");
  await expect(refusal).toContainText(
    "Eres la única persona responsable de estas organizaciones."
  );
  const team = refusal.getByRole("link", {
    name: `Equipo de ${organisation.name}`,
  });
  await expect(team).toHaveAttribute(
    "href",
    `/organisations/${organisation.slug}/team`
  );
  await expect(page.getByLabel(PASSWORD_LABEL)).toHaveCount(0);
  await expect(page.getByRole("button", { name: CLOSE_BUTTON })).toHaveCount(0);
  await expectNoViolations(page, "/account/close (last owner)");
  await page.setViewportSize(PHONE);
  await expectFitsPhone(page, "/account/close (last owner)");
  await page.setViewportSize({ width: 1280, height: 720 });

  // The link leads to the team page, where ownership is handed over.
  await team.click();
  await expect(page).toHaveURL(`/organisations/${organisation.slug}/team`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // A crafted POST is refused too (409), and the account stays.
  const answer = await page.request.post("/account/close", {
    form: { password: person.password },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(answer.status()).toBe(409);
  expect(
    query("SELECT id FROM users WHERE email = ?", person.email)
  ).toHaveLength(1);
});

// ——— 3. Downloading one's data ———

test("download my data: the JSON holds the address, the consent and the session; the HTML is a readable document", async ({
  page,
}) => {
  const person = await signUp(page, {
    name: "Eusebia Ccama Llanos",
    email: uniqueEmail("datos"),
  });
  await page.goto("/account");
  await page
    .getByRole("navigation", { name: "Secciones de la cuenta" })
    .getByRole("link", { name: "Mis datos" })
    .click();
  await expect(page).toHaveURL(/\/account\/data$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mis datos");
  // The page says which version of the notice the person accepted.
  await expect(
    page.getByText(
      `Aceptaste el aviso de privacidad (versión del ${noticeDay("es-PE")})`
    )
  ).toBeVisible();

  const json = await download(page, "Descargar en JSON");
  expect(json.file.suggestedFilename()).toMatch(/\.json$/);
  const data = JSON.parse(json.body) as {
    person: { email: string; name: string };
    privacyNoticeVersion: string;
    sections: Record<string, Record<string, Array<Record<string, unknown>>>>;
  };
  expect(data.person).toMatchObject({ email: person.email, name: person.name });
  expect(data.privacyNoticeVersion).toBe(PRIVACY_NOTICE_VERSION);
  const account = data.sections.account ?? {};
  const consents = account["privacy_consents.user_id"] ?? [];
  expect(consents).toHaveLength(1);
  expect(Object.values(consents[0] ?? {})).toContain(PRIVACY_NOTICE_VERSION);
  const sessions = account["sessions.user_id"] ?? [];
  expect(sessions.length).toBeGreaterThanOrEqual(1);
  // No secrets: neither the password hash nor a session's secret hash.
  expect(json.body).not.toMatch(
    /passwordHash|password_hash|secretHash|secret_hash/
  );
  const users = account.users ?? [];
  expect(users.map((u) => u.email)).toEqual([person.email]);

  const html = await download(page, "Descargar resumen legible (HTML)");
  expect(html.file.suggestedFilename()).toMatch(/\.html$/);
  expect(html.body).toMatch(/^<!doctype html>/i);
  expect(html.body).not.toContain("<script");
  // Opened in the browser, it reads as a document about the person.
  const reader = await page.context().newPage();
  await reader.setContent(html.body);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(
    `Datos personales de ${person.name} en Perú País Circular`
  );
  await expect(
    reader.getByText(`Titular: ${person.name} (${person.email}).`)
  ).toBeVisible();
  await expect(
    reader.getByRole("heading", {
      level: 2,
      name: "Cuenta, sesiones y consentimientos",
    })
  ).toBeVisible();
  await expect(reader.getByRole("table").first()).toBeVisible();
  await reader.close();
});

test("download my data works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-PE" });
  const person = await signUp(await context.newPage(), {
    name: "Nicanor Apaza",
    email: uniqueEmail("datos-sinjs"),
  });
  const state = await context.storageState();
  await context.close();
  const noJs = await browser.newContext({
    locale: "es-PE",
    javaScriptEnabled: false,
    storageState: state,
  });
  const page = await noJs.newPage();
  await page.goto("/account/data");
  const json = await download(page, "Descargar en JSON");
  expect(
    (JSON.parse(json.body) as { person: { email: string } }).person.email
  ).toBe(person.email);
  const html = await download(page, "Descargar resumen legible (HTML)");
  expect(html.body).toContain(person.name);
  // The page is still there, ready for another download.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mis datos");
  await noJs.close();
});

// ——— 5. Unsubscribing from a kind of email ———

test("the unsubscribe link in a notification email works once, without a session; a forged one is refused", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const person = await signUp(page, {
    name: "Florentina Choque",
    email: uniqueEmail("baja"),
  });
  const title = `¿Dónde llevar aceite usado en Arequipa? ${Date.now()}`;
  await page.goto("/discussions/c/general");
  const form = page.locator("form#new-thread");
  await form.getByLabel("Título").fill(title);
  await form
    .getByLabel("Mensaje")
    .fill("Busco un punto de acopio de aceite de cocina usado.");
  await form.getByRole("button", { name: "Publicar conversación" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: title })
  ).toBeVisible();
  const threadPath = new URL(page.url()).pathname;

  // Someone replies; the author follows her thread, and replies come by email by default.
  const luis = await signedInPage(browser, "miembro2@demo.pe");
  await luis.goto(threadPath);
  await luis
    .getByLabel("Tu respuesta")
    .fill("En la municipalidad de Cayma reciben aceite los sábados.");
  await luis.getByRole("button", { name: "Publicar respuesta" }).click();
  await expect(luis.getByRole("status")).toContainText(
    "Publicamos tu respuesta."
  );
  await luis.context().close();

  const mail = await mailMatching(person.email, /\/unsubscribe\?token=/);
  expect(mail.text).toContain(title);
  const link = linkFrom(
    mail.text.slice(mail.text.search(/https?:\/\/\S+\/unsubscribe\?token=/))
  );
  expect(link).toMatch(/^\/unsubscribe\?token=/);
  // The email carries the RFC 8058 headers for mail clients' own button.
  const queued = query<{ headers: string }>(
    'SELECT headers FROM mail_queue WHERE "to" = ? AND headers IS NOT NULL ORDER BY id DESC LIMIT 1',
    person.email
  );
  expect(queued).toHaveLength(1);
  const headers = JSON.parse(queued[0]!.headers) as Record<string, string>;
  expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  expect(headers["List-Unsubscribe"]).toContain(link);

  // Opened in a browser with no session: it asks first, then stops that kind of email.
  const anonymous = await browser.newContext({
    locale: "es-PE",
    viewport: PHONE,
  });
  const stranger = await anonymous.newPage();
  const asked = await stranger.goto(link);
  expect(asked?.status()).toBe(200);
  await expect(
    stranger.getByText(
      `¿Dejar de recibir por correo los avisos de «${REPLIES_GROUP}»?`
    )
  ).toBeVisible();
  await expectNoViolations(stranger, "/unsubscribe (ask)");
  await expectFitsPhone(stranger, "/unsubscribe (ask)");
  // Every answer to pressing the button is a success (mail providers read a 4xx as failure).
  const answers: number[] = [];
  stranger.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/unsubscribe")) answers.push(response.status());
  });
  await stranger.getByRole("button", { name: "Dejar de recibirlos" }).click();
  await expect(stranger.getByRole("status")).toHaveText(
    `Listo: ya no te enviaremos por correo los avisos de «${REPLIES_GROUP}».`
  );
  await expectNoViolations(stranger, "/unsubscribe (done)");
  await expectFitsPhone(stranger, "/unsubscribe (done)");

  expect(answers.length).toBeGreaterThan(0);
  expect(answers.filter((status) => status >= 400)).toEqual([]);

  // The same link again: opening it says it was used; using it again is refused with 400.
  const again = await stranger.goto(link);
  expect(again?.status()).toBe(200);
  await expect(stranger.getByRole("status")).toContainText(
    "Este enlace ya se usó"
  );
  const reused = await anonymous.request.post(link, {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(reused.status()).toBe(400);

  // One character changed: not valid, 400, nothing changed (and the one-click POST too).
  const token = new URL(link, "http://x").searchParams.get("token")!;
  const last = token.at(-1)!;
  const forged = `/unsubscribe?token=${encodeURIComponent(
    token.slice(0, -1) + (last === "A" ? "B" : "A")
  )}`;
  const invalid = await stranger.goto(forged);
  expect(invalid?.status()).toBe(400);
  await expect(stranger.getByRole("alert")).toContainText("no es válido");
  await expectNoViolations(stranger, "/unsubscribe (invalid)");
  const oneClick = await anonymous.request.post(forged, {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(oneClick.status()).toBe(400);
  await anonymous.close();

  // Her preferences now say replies stay on the platform.
  await page.goto("/account/notifications");
  const group = page.getByRole("group", { name: REPLIES_GROUP });
  await expect(
    group.getByRole("radio", { name: "Solo en la plataforma" })
  ).toBeChecked();
  // The other groups are untouched.
  await expect(
    page
      .getByRole("group", { name: "Menciones y citas de tus mensajes" })
      .getByRole("radio", { name: "Por correo al momento" })
  ).toBeChecked();
});

// ——— 1. Consent at sign-up ———

test("sign-up asks for consent: the browser stops an unticked box; without JavaScript the server says why and keeps the form", async ({
  page,
  browser,
}) => {
  const name = "Saturnina Yupanqui";
  const email = uniqueEmail("consentimiento");
  const password = "quinua-y-kiwicha-2026";
  await page.goto("/signup");
  await page.getByLabel("Nombre completo").fill(name);
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  const box = page.getByLabel("Leí el aviso de privacidad");
  await expect(box).toHaveAttribute("required", "");
  // The notice is linked beside the box.
  await expect(
    page.getByRole("link", {
      name: "Leer el aviso de privacidad (se abre en otra pestaña)",
    })
  ).toHaveAttribute("href", "/privacy");
  // With JavaScript the form checks itself (the same schema as the server): nothing is sent.
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(
    page.getByText(
      "Para crear una cuenta debes aceptar el aviso de privacidad."
    )
  ).toBeVisible();
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(box).toBeFocused();
  expect(posts).toEqual([]);
  expect(
    query('SELECT id FROM mail_outbox WHERE "to" = ?', email)
  ).toHaveLength(0);

  // Without JavaScript, the server answers (400) with the message beside the box, keeping name and address.
  const noJs = await browser.newContext({
    locale: "es-PE",
    javaScriptEnabled: false,
  });
  const plain = await noJs.newPage();
  await plain.goto("/signup");
  await plain.getByLabel("Nombre completo").fill(name);
  await plain.getByLabel("Correo electrónico").fill(email);
  await plain.getByLabel("Contraseña").fill(password);
  const refused = plain.waitForResponse((r) => r.request().method() === "POST");
  await plain.getByRole("button", { name: "Crear cuenta" }).click();
  expect((await refused).status()).toBe(400);
  const plainBox = plain.getByLabel("Leí el aviso de privacidad");
  await expect(
    plain.getByText(
      "Para crear una cuenta debes aceptar el aviso de privacidad."
    )
  ).toBeVisible();
  await expect(plainBox).toHaveAttribute("aria-invalid", "true");
  await expect(plainBox).toHaveAccessibleDescription(
    "Para crear una cuenta debes aceptar el aviso de privacidad."
  );
  await expect(plain.getByLabel("Nombre completo")).toHaveValue(name);
  await expect(plain.getByLabel("Correo electrónico")).toHaveValue(email);
  await expect(plain.getByLabel("Contraseña")).toHaveValue("");
  expect(
    query('SELECT id FROM mail_outbox WHERE "to" = ?', email)
  ).toHaveLength(0);

  // Ticked: the account is created and confirmed through the emailed link.
  await plain.getByLabel("Contraseña").fill(password);
  await plainBox.check();
  await plain.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(plain.getByRole("heading", { level: 1 })).toHaveText(
    "Revisa tu correo"
  );
  await noJs.close();
  const mail = await readLatestMail(email);
  await page.goto(linkFrom(mail.text));
  await page.getByRole("button", { name: "Confirmar mi correo" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Tu correo está confirmado"
  );
  // The consent is recorded with the notice's version.
  const consents = query<{ notice_version: string }>(
    "SELECT c.notice_version FROM privacy_consents c JOIN users u ON u.id = c.user_id WHERE u.email = ?",
    email
  );
  expect(consents).toEqual([{ notice_version: PRIVACY_NOTICE_VERSION }]);
});

// ——— 2. The privacy notice ———

test("the privacy notice is linked from the footer and shows its version, in Spanish", async ({
  page,
}) => {
  await page.goto("/");
  await page
    .getByRole("contentinfo")
    .getByRole("link", { name: "Privacidad" })
    .click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Aviso de privacidad"
  );
  await expect(
    page.getByText(`Versión del ${noticeDay("es-PE")}`)
  ).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 2, name: "Quién es responsable" })
  ).toBeVisible();
  await expect(page.getByText("Ley 29733").first()).toBeVisible();
  const rights = page.getByRole("navigation", {
    name: "Ejerce tus derechos aquí",
  });
  await expect(
    rights.getByRole("link", { name: "Descargar mis datos" })
  ).toHaveAttribute("href", "/account/data");
  await expect(
    rights.getByRole("link", { name: "Cerrar mi cuenta" })
  ).toHaveAttribute("href", "/account/close");
  await expectNoViolations(page, "/privacy");
  await page.setViewportSize(PHONE);
  await expectFitsPhone(page, "/privacy");
});

test.describe("in English", () => {
  test.use({ locale: "en-GB" });
  test("the privacy notice and the consent box read in English", async ({
    page,
  }) => {
    await page.goto("/signup");
    await expect(
      page.getByLabel("I have read the privacy notice")
    ).toBeVisible();
    await expect(
      page.getByRole("link", {
        name: "Read the privacy notice (opens in a new tab)",
      })
    ).toHaveAttribute("href", "/privacy");
    await page.goto("/");
    await page
      .getByRole("contentinfo")
      .getByRole("link", { name: "Privacy" })
      .click();
    await expect(page).toHaveURL(/\/privacy$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Privacy notice"
    );
    await expect(
      page.getByText(`Version of ${noticeDay("en")}`)
    ).toBeVisible();
    await expect(
      page.getByRole("heading", { level: 2, name: "Who is responsible" })
    ).toBeVisible();
    await expect(page.getByText("Quién es responsable")).toHaveCount(0);
    await expectNoViolations(page, "/privacy (English)");
  });
});

// ——— 6. The consent gate ———

test("a person who has not accepted the notice in force is asked first, and after accepting goes on where they were going", async ({
  page,
}) => {
  const person = await signUp(page, {
    name: "Gumercinda Tito",
    email: uniqueEmail("aviso"),
  });
  forgetConsent(person.email);

  // Any page sends them to /privacy/accept, remembering where they were going.
  await page.goto("/initiatives");
  await expect(page).toHaveURL(/\/privacy\/accept\?redirectTo=%2Finitiatives$/);
  await page.goto("/account/sessions");
  await expect(page).toHaveURL(
    /\/privacy\/accept\?redirectTo=%2Faccount%2Fsessions$/
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Actualizamos el aviso de privacidad"
  );
  await expect(
    page.getByText(
      "Todavía no aceptaste el aviso de privacidad de la plataforma."
    )
  ).toBeVisible();
  await expectNoViolations(page, "/privacy/accept");
  await page.setViewportSize(PHONE);
  await expectFitsPhone(page, "/privacy/accept");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Their rights stay open without accepting: the data page opens.
  await page.getByRole("link", { name: "Descargar mis datos" }).click();
  await expect(page).toHaveURL(/\/account\/data$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mis datos");

  // Accepting leads on to where they were going.
  await page.goto("/account/sessions");
  await expect(page).toHaveURL(/\/privacy\/accept/);
  await page.getByLabel("Leí el aviso de privacidad").check();
  await page.getByRole("button", { name: "Aceptar y continuar" }).click();
  await expect(page).toHaveURL(/\/account\/sessions$/);
  await expect(page.getByRole("status")).toContainText(
    "Gracias: aceptaste el aviso de privacidad."
  );
  await page.goto("/initiatives");
  await expect(page).toHaveURL(/\/initiatives$/);
  const consents = query<{ notice_version: string }>(
    "SELECT c.notice_version FROM privacy_consents c JOIN users u ON u.id = c.user_id WHERE u.email = ? ORDER BY c.id",
    person.email
  );
  expect(consents).toEqual([
    { notice_version: PRIVACY_NOTICE_VERSION },
    { notice_version: PRIVACY_NOTICE_VERSION },
  ]);
});

test("a person who has not accepted the notice in force can still download their data", async ({
  page,
}) => {
  const person = await signUp(page, {
    name: "Anacleto Vilca",
    email: uniqueEmail("aviso-datos"),
  });
  forgetConsent(person.email);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/privacy\/accept/);
  await page.goto("/account/data");
  await expect(page).toHaveURL(/\/account\/data$/);
  const json = await download(page, "Descargar en JSON");
  const data = JSON.parse(json.body) as { person: { email: string } };
  expect(data.person.email).toBe(person.email);
  // Still not accepted: nothing was recorded on their behalf.
  expect(
    query(
      "SELECT privacy_notice_version AS v FROM users WHERE email = ?",
      person.email
    )
  ).toEqual([{ v: null }]);
});

// ——— 7. The coordinators' log ———

test("coordinators see closures counted, with no names or addresses; members get 403", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const coordinator = await signedInPage(browser, "coordinadora@demo.pe");
  const before = await loggedCounts(coordinator);

  const person = await signUp(page, {
    name: "Melchora Sulca",
    email: uniqueEmail("registro"),
  });
  await page.goto("/account/close");
  await page.getByLabel(PASSWORD_LABEL).fill(person.password);
  await page.getByRole("button", { name: CLOSE_BUTTON }).click();
  await expect(page.getByRole("status")).toContainText(CLOSED_FLASH);

  const after = await loggedCounts(coordinator);
  // Other tests close accounts alongside, so at least ours was added.
  expect(after["Cierre de cuenta"]).toBeGreaterThanOrEqual(
    before["Cierre de cuenta"]! + 1
  );
  await expect(
    coordinator
      .getByRole("table")
      .getByRole("row")
      .filter({ hasText: "Cierre de cuenta" })
      .first()
  ).toBeVisible();
  const text = (await coordinator.locator("main").textContent()) ?? "";
  expect(text).not.toContain(person.email);
  expect(text).not.toContain(person.name);
  expect(text).not.toMatch(/@correo\.pe|@demo\.pe/);
  await expectNoViolations(coordinator, "/coordination/data-requests");
  await coordinator.setViewportSize(PHONE);
  await expectFitsPhone(coordinator, "/coordination/data-requests");
  await coordinator.context().close();

  const member = await signedInPage(browser, "miembro1@demo.pe");
  const refused = await member.goto("/coordination/data-requests");
  expect(refused?.status()).toBe(403);
  await member.context().close();
});

test("coordinators see each kind of download counted", async ({
  page,
  browser,
}) => {
  const coordinator = await signedInPage(browser, "coordinadora@demo.pe");
  const before = await loggedCounts(coordinator);
  await signUp(page, {
    name: "Baltazar Ccori",
    email: uniqueEmail("registro-datos"),
  });
  await page.goto("/account/data");
  await download(page, "Descargar en JSON");
  await download(page, "Descargar resumen legible (HTML)");
  const after = await loggedCounts(coordinator);
  for (const label of ["Descarga de datos (JSON)", "Descarga de datos (HTML)"])
    expect(after[label], label).toBeGreaterThanOrEqual(before[label]! + 1);
  await coordinator.context().close();
});

// ——— 8. Keyboard ———

test("keyboard: the consent box and the closing form work with Tab, Space and Enter only", async ({
  page,
}) => {
  const person = await signUp(page, {
    name: "Wenceslao Mayta",
    email: uniqueEmail("teclado"),
  });
  forgetConsent(person.email);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/privacy\/accept/);
  const box = page.getByLabel("Leí el aviso de privacidad");
  await page
    .locator("main")
    .focus()
    .catch(() => undefined);
  for (
    let i = 0;
    i < 40 && !(await box.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press("Tab");
  await expect(box).toBeFocused();
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  const accept = page.getByRole("button", { name: "Aceptar y continuar" });
  for (
    let i = 0;
    i < 5 && !(await accept.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press("Tab");
  await expect(accept).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/account$/);

  await page.goto("/account/close");
  const field = page.getByLabel(PASSWORD_LABEL);
  for (
    let i = 0;
    i < 60 && !(await field.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press("Tab");
  await expect(field).toBeFocused();
  await page.keyboard.type(person.password);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: CLOSE_BUTTON })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText(CLOSED_FLASH);
});

// ——— 9. axe and 360 px on the remaining pages ———

test("axe and 360 px: my data and the closing form (empty and with an error)", async ({
  page,
}) => {
  await signUp(page, { name: "Rosalía Ticona", email: uniqueEmail("axe") });
  for (const viewport of [{ width: 1280, height: 720 }, PHONE]) {
    await page.setViewportSize(viewport);
    for (const path of ["/account/data", "/account/close"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      if (viewport === PHONE) await expectFitsPhone(page, path);
      else await expectNoViolations(page, path);
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByLabel(PASSWORD_LABEL).fill("clave-equivocada-123");
  await page.getByRole("button", { name: CLOSE_BUTTON }).click();
  await expect(
    page.getByText("La contraseña no es correcta.")
  ).toBeVisible();
  await expectNoViolations(page, "/account/close (wrong password)");
});

test("360 px: the unsubscribe page without a valid token fits the phone and answers 400", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  const invalid = await page.goto("/unsubscribe?token=abc.def");
  expect(invalid?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("no es válido");
  await expectFitsPhone(page, "/unsubscribe (invalid)");
  const missing = await page.goto("/unsubscribe");
  expect(missing?.status()).toBe(400);
  await expectFitsPhone(page, "/unsubscribe (no token)");
});
