// Issue 8, section 6 (events): the event form shows the Forum edition year only for a Forum, the
// online link only for online or hybrid events and the venue only where there is one (with
// JavaScript); without JavaScript every field shows with a hint and the server ignores what does
// not apply. And a one-day event names its date once in «Cuándo».
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

const COORDINATOR = "coordinadora@demo.pe";

async function openNewEventForm(page: Page, baseURL: string) {
  await logIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.context().addCookies([{ name: "lang", value: "es", url: baseURL }]);
  await page.goto("/events/new");
  await expect(page.getByRole("heading", { level: 1, name: "Crear evento" })).toBeVisible();
}

const forumYear = (page: Page) => page.getByLabel("Edición del Foro (año)");
const onlineUrl = (page: Page) => page.getByLabel("Enlace para conectarse (solo lo ven las personas confirmadas)");
const venue = (page: Page) => page.getByLabel("Lugar", { exact: true });
const format = (page: Page, label: string) => page.getByRole("group", { name: "Formato" }).getByLabel(label, { exact: true });

/** The «Cuándo» entry of an event page. */
const when = (page: Page) => page.locator("dl > div").filter({ has: page.locator("dt", { hasText: "Cuándo" }) }).locator("dd").first();

async function fillCommon(page: Page, title: string) {
  await page.getByLabel("Título", { exact: true }).fill(title);
  await page.getByLabel("Resumen", { exact: true }).fill("Compostaje de residuos de mercado, práctica guiada.");
  await page.getByLabel("Inicio (hora de Lima)", { exact: true }).fill("2031-06-10T09:00");
  await page.getByLabel("Fin (hora de Lima)", { exact: true }).fill("2031-06-10T13:00");
}

test.describe("with JavaScript", () => {
  test("fields appear only when they apply, and a one-day event shows its date once", async ({ page, baseURL }) => {
    await openNewEventForm(page, baseURL!);
    // Nothing chosen yet, in person by default: no Forum year, no link, a venue.
    await expect(forumYear(page)).toBeHidden();
    await expect(onlineUrl(page)).toBeHidden();
    await expect(venue(page)).toBeVisible();

    await page.getByLabel("Tipo de evento").selectOption({ label: "Foro de Economía Circular" });
    await expect(forumYear(page)).toBeVisible();
    await forumYear(page).fill("2031");
    await page.getByLabel("Tipo de evento").selectOption({ label: "Taller o capacitación" });
    await expect(forumYear(page)).toBeHidden();

    await format(page, "En línea").check();
    await expect(onlineUrl(page)).toBeVisible();
    await expect(venue(page)).toBeHidden();
    await format(page, "Híbrido").check();
    await expect(onlineUrl(page)).toBeVisible();
    await expect(venue(page)).toBeVisible();
    await onlineUrl(page).fill("https://reunion.example.org/taller");
    await format(page, "Presencial").check();
    await expect(onlineUrl(page)).toBeHidden();

    const title = `Taller de compost con JS ${Date.now()}`;
    await fillCommon(page, title);
    await venue(page).fill("Mercado Central");
    await page.getByLabel("Ciudad", { exact: true }).fill("Lima");
    await page.getByLabel("Región", { exact: true }).selectOption({ label: "Lima Metropolitana" });
    await page.getByRole("button", { name: "Guardar borrador" }).click();
    await expect(page.getByRole("status")).toContainText("Guardamos el borrador del evento.");

    // The hidden Forum year and link were not kept.
    await expect(forumYear(page)).toBeHidden();
    await format(page, "Híbrido").check();
    await expect(onlineUrl(page)).toHaveValue("");
    await page.getByLabel("Tipo de evento").selectOption({ label: "Foro de Economía Circular" });
    await expect(forumYear(page)).toHaveValue("");

    await page.getByRole("link", { name: `← ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const text = (await when(page).textContent()) ?? "";
    expect(text.match(/2031/g), text).toHaveLength(1);
    expect(text.match(/junio/g), text).toHaveLength(1);
    await expect(page.getByText("Enlace para conectarse:")).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("every field shows with a hint, and what does not apply is ignored by the server", async ({ page, baseURL }) => {
    await openNewEventForm(page, baseURL!);
    await expect(forumYear(page)).toBeVisible();
    await expect(page.getByText("Solo para eventos del tipo «Foro de Economía Circular».")).toBeVisible();
    await expect(onlineUrl(page)).toBeVisible();
    await expect(page.getByText("Solo para eventos en línea o híbridos.")).toBeVisible();
    await expect(venue(page)).toBeVisible();

    const title = `Taller de compost sin JS ${Date.now()}`;
    await fillCommon(page, title);
    await page.getByLabel("Tipo de evento").selectOption({ label: "Taller o capacitación" });
    await format(page, "Presencial").check();
    await venue(page).fill("Mercado Central");
    await page.getByLabel("Ciudad", { exact: true }).fill("Lima");
    await page.getByLabel("Región", { exact: true }).selectOption({ label: "Lima Metropolitana" });
    // Typed into fields that do not apply to an in-person workshop (and not even valid there).
    await forumYear(page).fill("1999");
    await onlineUrl(page).fill("http://sala.example.org/taller");
    await page.getByRole("button", { name: "Guardar borrador" }).click();

    await expect(page).toHaveURL(/\/events\/[a-z0-9-]+\/edit$/);
    await expect(page.getByRole("status")).toContainText("Guardamos el borrador del evento.");
    await expect(forumYear(page)).toHaveValue("");
    await expect(onlineUrl(page)).toHaveValue("");

    await page.getByRole("link", { name: `← ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("sala.example.org")).toHaveCount(0);
    const text = (await when(page).textContent()) ?? "";
    expect(text.match(/2031/g), text).toHaveLength(1);
  });
});
