import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, logIn, signUp } from "./utils.ts";

const DATABASE = process.env.E2E_DATABASE ?? "data/e2e.sqlite";
const COORDINATOR = "coordinadora@demo.pe";
const FORUM_2026 = "/events/foro-de-economia-circular-2026";
// An event that stays upcoming and open whatever the date the tests run on (the seeded 2026 Forum
// will not). Inserted straight into the test database before the tests.
const OPEN_EVENT = "/events/encuentro-abierto-de-prueba";
const OPEN_EVENT_TITLE = "Encuentro abierto de prueba";

test.beforeAll(() => {
  const db = new Database(DATABASE, { fileMustExist: true });
  try {
    db.prepare(
      `INSERT OR IGNORE INTO events (slug, title, type, summary, description, starts_at, ends_at, format, venue_name, city, region,
        capacity, questions, status, sequence, created_at, updated_at)
       VALUES ('encuentro-abierto-de-prueba', ?, 'pairing', 'Un encuentro que siempre admite inscripciones.', '', ?, ?, 'in_person',
        'Centro de convenciones', 'Lima', 'LMA', 300, '["Necesidades alimentarias"]', 'published', 0, ?, ?)`,
    ).run(OPEN_EVENT_TITLE, Date.parse("2031-12-10T14:00:00Z"), Date.parse("2031-12-10T22:00:00Z"), Date.now(), Date.now());
  } finally {
    db.close();
  }
});
const CITE = "CITE Textil Camélidos Cusco";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

type Attachment = { filename: string; contentType: string; content: string };
type Mail = { subject: string; text: string; attachments: Attachment[] };

/** The newest message to an address whose text contains `needle`, with its attachments (polls the outbox). */
async function readMailContaining(to: string, needle: string): Promise<Mail> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const db = new Database(DATABASE, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare('SELECT subject, text, attachments FROM mail_outbox WHERE "to" = ? ORDER BY id DESC')
        .all(to) as Array<{ subject: string; text: string; attachments: string | null }>;
      const row = rows.find((r) => r.text.includes(needle));
      if (row) return { subject: row.subject, text: row.text, attachments: row.attachments ? (JSON.parse(row.attachments) as Attachment[]) : [] };
    } finally {
      db.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No email to ${to} containing «${needle}»`);
}

async function logInCoordinator(page: Page, baseURL: string) {
  await logIn(page, COORDINATOR, DEMO_PASSWORD);
  // Other tests may switch the interface language; this file reads the Spanish pages.
  await page.context().addCookies([{ name: "lang", value: "es", url: baseURL }]);
}

/** A new person in their own browser context, signed in (email confirmation is not needed to register). */
async function newPerson(browser: Browser, name: string) {
  const context = await browser.newContext({ locale: "es-PE", timezoneId: "America/Lima" });
  const page = await context.newPage();
  const person = await signUp(page, { name });
  return { context, page, ...person };
}

async function register(page: Page, path: string, title: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByLabel("¿Con qué fibra trabajas?").fill("Alpaca");
  await page.getByRole("button", { name: "Inscribirme" }).click();
}

test("a coordinator creates and publishes an event; people register, wait, get promoted and are checked in", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const title = `Taller de tintes naturales ${Date.now()}`;

  // The coordinator creates the event as a draft.
  await logInCoordinator(page, baseURL!);
  await page.goto("/events/new");
  await expect(page.getByRole("heading", { level: 1, name: "Crear evento" })).toBeVisible();
  await page.getByLabel("Título", { exact: true }).fill(title);
  await page.getByLabel("Tipo de evento").selectOption({ label: "Taller o capacitación" });
  await page.getByLabel("Resumen", { exact: true }).fill("Tintes de plantas andinas para fibra de alpaca, sin químicos.");
  await page.getByLabel("Descripción", { exact: true }).fill("Práctica con **cochinilla**, chilca y nogal.");
  await page.getByLabel("Inicio (hora de Lima)", { exact: true }).fill("2031-03-10T09:00");
  await page.getByLabel("Fin (hora de Lima)", { exact: true }).fill("2031-03-10T13:00");
  await page.getByRole("group", { name: "Formato" }).getByLabel("Presencial", { exact: true }).check();
  await page.getByLabel("Lugar", { exact: true }).fill("Centro de Innovación Textil");
  await page.getByLabel("Dirección", { exact: true }).fill("Av. de la Cultura 1020");
  await page.getByLabel("Ciudad", { exact: true }).fill("Cusco");
  await page.getByLabel("Región", { exact: true }).selectOption({ label: "Cusco" });
  await page.getByLabel("Aforo (opcional)").fill("2");
  await page.getByLabel("Preguntas para inscribirse (una por línea, opcionales)").fill("¿Con qué fibra trabajas?");
  await page.getByRole("button", { name: "Guardar borrador" }).click();

  // Redirected to the edit page, where the agenda is built.
  await expect(page.getByRole("heading", { level: 1, name: "Editar evento" })).toBeVisible();
  await expect(page).toHaveURL(/\/events\/[a-z0-9-]+\/edit$/);
  await expect(page.getByRole("status")).toContainText("Guardamos el borrador del evento.");
  const path = new URL(page.url()).pathname.replace(/\/edit$/, "");
  const slug = path.split("/").pop()!;

  const session = page.locator("form#add-session");
  await session.getByLabel("Inicio (hora de Lima)", { exact: true }).fill("2031-03-10T09:30");
  await session.getByLabel("Fin (hora de Lima)", { exact: true }).fill("2031-03-10T11:00");
  await session.getByLabel("Título de la sesión").fill("Tintes de cochinilla paso a paso");
  await session.getByLabel("Descripción", { exact: true }).fill("Del insecto al color: fijado y lavado.");
  await session.getByLabel("Sala o bloque").fill("Laboratorio 2");
  await session.getByLabel("Ponentes (uno por línea: Nombre | Cargo | Organización)").fill(`Ana Quispe | Gerenta | ${CITE}`);
  await session.getByRole("button", { name: "Agregar sesión" }).click();
  await expect(page.getByRole("status")).toContainText("Agregamos la sesión al programa.");
  await expect(page.getByRole("region", { name: "Programa" }).getByText("Tintes de cochinilla paso a paso")).toBeVisible();

  // To the event page, and publish.
  await page.getByRole("link", { name: `← ${title}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Borrador: solo coordinación puede verlo.");
  await page.getByRole("button", { name: "Publicar", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("El evento está publicado.");
  await expect(page.getByRole("note")).toHaveCount(0);

  // Three people register for two seats.
  const first = await newPerson(browser, "Rosa Mamani");
  const second = await newPerson(browser, "Teófilo Condori");
  const third = await newPerson(browser, "Nilda Huanca");

  for (const person of [first, second]) {
    await register(person.page, path, title);
    await expect(person.page.getByRole("status")).toContainText("Tu inscripción está confirmada");
    await expect(person.page.getByTestId("my-registration")).toContainText("Tu inscripción está confirmada.");
  }
  await third.page.goto(path);
  await expect(third.page.getByText("El aforo está completo: si te inscribes, quedarás en lista de espera.")).toBeVisible();
  await register(third.page, path, title);
  await expect(third.page.getByRole("status")).toContainText("quedaste en la lista de espera");
  await expect(third.page.getByTestId("my-registration")).toContainText("Estás en la lista de espera, en el puesto 1");
  await expect(third.page.getByTestId("seats")).toContainText("2 de 2 cupos ocupados");

  // The first cancels; the third takes the seat and is told by email, with the calendar file.
  await first.page.reload();
  await first.page.getByRole("button", { name: "Cancelar mi inscripción" }).click();
  await expect(first.page.getByRole("status")).toContainText("Cancelamos tu inscripción.");
  await expect(first.page.getByRole("button", { name: "Inscribirme" })).toBeVisible();

  await third.page.reload();
  await expect(third.page.getByTestId("my-registration")).toContainText("Tu inscripción está confirmada");
  const mail = await readMailContaining(third.email, "Se liberó un cupo");
  expect(mail.text).toContain(title);
  const ics = mail.attachments.find((a) => a.filename.endsWith(".ics"));
  expect(ics, "the promotion email carries an .ics attachment").toBeTruthy();
  expect(ics!.contentType).toContain("text/calendar");
  expect(ics!.content).toContain("BEGIN:VCALENDAR");
  expect(ics!.content).toContain("DTSTART:20310310T140000Z");

  // The programme shows the session and links the speaker's organisation.
  const programme = third.page.getByRole("region", { name: "Programa", exact: true });
  await expect(programme).toContainText("Tintes de cochinilla paso a paso");
  await expect(programme).toContainText("Ana Quispe, Gerenta");
  await expect(programme.getByRole("link", { name: CITE })).toHaveAttribute("href", "/organisations/cite-textil-camelidos-cusco");

  // "Add to my calendar" downloads an .ics for this event (09:00 in Lima is 14:00 UTC).
  const downloadPromise = third.page.waitForEvent("download");
  await third.page.getByRole("link", { name: "Añadir a mi calendario (.ics)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${slug}.ics`);
  const calendar = await readFile((await download.path())!, "utf8");
  expect(calendar).toContain("BEGIN:VCALENDAR");
  expect(calendar).toContain(title);
  expect(calendar).toContain("DTSTART:20310310T140000Z");
  expect(calendar).toContain("DTEND:20310310T180000Z");

  // The coordinator's attendee list: three registrants, check-in for a confirmed one.
  await page.goto(`${path}/attendees`);
  await expect(page.getByRole("heading", { level: 1, name: `Inscritos en ${title}` })).toBeVisible();
  const rows = page.locator('li[id^="registration-"]');
  await expect(rows).toHaveCount(3);
  const row = (email: string) => rows.filter({ hasText: email });
  await expect(row(first.email)).toContainText("Cancelada");
  await expect(row(second.email)).toContainText("Confirmada");
  await expect(row(third.email)).toContainText("Confirmada");
  await expect(row(second.email)).toContainText("¿Con qué fibra trabajas?: Alpaca");
  await expect(row(first.email).getByRole("button")).toHaveCount(0);

  await row(second.email).getByRole("button", { name: "Marcar asistencia" }).click();
  await expect(page.getByRole("status")).toContainText("Registramos la asistencia.");
  await expect(row(second.email)).toContainText("Asistió");
  await expect(row(second.email).getByRole("button", { name: "Deshacer" })).toBeVisible();
  await expect(row(third.email)).toContainText("Confirmada");

  // The attendee sees it on the event page.
  await second.page.reload();
  await expect(second.page.getByTestId("my-registration")).toContainText("Registramos tu asistencia.");

  for (const person of [first, second, third]) await person.context.close();
});

test("bad input: end before start keeps the form, a second registration answers 409, a cancelled event takes none", async ({ page, baseURL }) => {
  const title = `Taller de compostaje ${Date.now()}`;
  await logInCoordinator(page, baseURL!);
  await page.goto("/events/new");
  await expect(page.getByRole("heading", { level: 1, name: "Crear evento" })).toBeVisible();
  await page.getByLabel("Título", { exact: true }).fill(title);
  await page.getByLabel("Tipo de evento").selectOption({ label: "Taller o capacitación" });
  await page.getByLabel("Resumen", { exact: true }).fill("Compostaje doméstico para vecinos del distrito.");
  await page.getByLabel("Inicio (hora de Lima)", { exact: true }).fill("2031-04-10T13:00");
  await page.getByLabel("Fin (hora de Lima)", { exact: true }).fill("2031-04-10T09:00");
  await page.getByLabel("Lugar", { exact: true }).fill("Parque zonal");
  await page.getByLabel("Ciudad", { exact: true }).fill("Lima");
  await page.getByLabel("Región", { exact: true }).selectOption({ label: "Lima Metropolitana" });
  await page.getByRole("button", { name: "Guardar borrador" }).click();
  await expect(page.getByText("El fin debe ser después del inicio.")).toBeVisible();
  await expect(page.getByLabel("Fin (hora de Lima)", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Título", { exact: true })).toHaveValue(title);
  await expect(page).toHaveURL(/\/events\/new$/);

  // A member registers twice for an open event by posting the form directly.
  await page.context().clearCookies();
  await signUp(page, { name: "Doble Inscripción" });
  const post = () =>
    page.request.post(`${OPEN_EVENT}?index`, {
      headers: { Origin: baseURL! },
      form: { intent: "register" },
      maxRedirects: 0,
    });
  const firstTry = await post();
  expect(firstTry.status()).toBeLessThan(400);
  const secondTry = await post();
  expect(secondTry.status()).toBe(409);
  await page.goto(OPEN_EVENT);
  await expect(page.getByTestId("my-registration")).toContainText("Tu inscripción está confirmada.");

  // The cancelled event (found on the list) shows why and takes no registrations.
  await page.goto("/events");
  const cancelled = page.getByRole("listitem").filter({ hasText: "· Cancelado" }).filter({ hasText: "Moyobamba" });
  await expect(cancelled).toHaveCount(1);
  await cancelled.getByRole("link").click();
  await expect(page).toHaveURL(/\/events\/jornada-de-campo-compost-de-pulpa-de-cafe-moyobamba$/);
  await expect(page.getByRole("heading", { level: 1, name: "Jornada de campo: compost de pulpa de café en Moyobamba" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Este evento fue cancelado: La cooperativa reprograma la jornada");
  await expect(page.getByRole("button", { name: "Inscribirme" })).toHaveCount(0);
  await expect(page.getByText("Las inscripciones no están abiertas.")).toBeVisible();
  const refused = await page.request.post("/events/jornada-de-campo-compost-de-pulpa-de-cafe-moyobamba?index", {
    headers: { Origin: baseURL! },
    form: { intent: "register" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(400);
});

test("/forum lists every edition newest first, and /events has upcoming and past tabs", async ({ page }) => {
  await page.goto("/forum");
  await expect(page.getByRole("heading", { level: 1, name: "Foro de Economía Circular" })).toBeVisible();
  const editions = page.getByRole("main").getByRole("listitem");
  const years = [2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018];
  await expect(editions).toHaveCount(years.length);
  for (const [i, year] of years.entries()) {
    const edition = editions.nth(i);
    await expect(edition.locator("p").first()).toHaveText(String(year));
    await expect(edition.getByRole("link")).toHaveAttribute("href", `/events/foro-de-economia-circular-${year}`);
  }
  await editions.nth(0).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`${FORUM_2026}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Foro de Economía Circular 2026" })).toBeVisible();

  await page.goto("/events");
  const tabs = page.getByRole("navigation", { name: "Momento" });
  await expect(tabs.getByRole("link", { name: "Próximos" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: OPEN_EVENT_TITLE, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /Foro de Economía Circular 2018/ })).toHaveCount(0);
  await tabs.getByRole("link", { name: "Pasados" }).click();
  await expect(page).toHaveURL(/\/events\?tab=past$/);
  await expect(tabs.getByRole("link", { name: "Pasados" })).toHaveAttribute("aria-current", "page");
  const forum2018 = page.getByRole("link", { name: "Foro de Economía Circular 2018: «Producción del Futuro»" });
  await expect(forum2018).toHaveAttribute("href", "/events/foro-de-economia-circular-2018");
  await expect(page.getByRole("link", { name: OPEN_EVENT_TITLE, exact: true })).toHaveCount(0);

  await page.goto("/events?tab=past");
  await expect(forum2018).toBeVisible();
});

for (const path of ["/events", "/events?tab=past", "/forum", FORUM_2026]) {
  test(`axe: ${path} has no violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoViolations(page);
  });
}

test("axe: an event page with the registration form has no violations", async ({ page }) => {
  await signUp(page, { name: "Miembro Axe" });
  await page.goto(OPEN_EVENT);
  await expect(page.getByRole("button", { name: "Inscribirme" })).toBeVisible();
  await expect(page.getByLabel("Necesidades alimentarias")).toBeVisible();
  await expectNoViolations(page);
});

test("axe: the coordinator's event form and attendee list have no violations", async ({ page, baseURL }) => {
  await logInCoordinator(page, baseURL!);
  await page.goto("/events/new");
  await expect(page.getByRole("heading", { level: 1, name: "Crear evento" })).toBeVisible();
  await expectNoViolations(page);
  // The form showing errors.
  await page.getByRole("button", { name: "Guardar borrador" }).click();
  await expect(page.getByText("Este campo es obligatorio.").first()).toBeVisible();
  await expectNoViolations(page);

  await page.goto(`${FORUM_2026}/attendees`);
  await expect(page.getByRole("heading", { level: 1, name: "Inscritos en Foro de Economía Circular 2026" })).toBeVisible();
  await expectNoViolations(page);
});
