import { expect, test, type Page } from "@playwright/test";
import { firstLoadJs } from "../../scripts/first-load-js.ts";
import { signUp, uniqueEmail } from "./utils.ts";

// Issue 9: a page ships only its reader's language. Each dictionary is a chunk of its own that the
// browser downloads before hydrating; the other language is never fetched. The JavaScript the page
// loads is also exactly what scripts/first-load-js.ts counts for the route, so the benchmark's
// first-load figures measure what browsers really download.

const SPANISH_ONLY = "Saltar al contenido principal";
const ENGLISH_ONLY = "Skip to main content";

/** Opens a page and returns the JavaScript it loaded (path → body) and the errors the browser reported. */
async function openPage(page: Page, path: string) {
  const scripts = new Map<string, Promise<string>>();
  const problems: string[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith(".js")) scripts.set(url.pathname, response.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await page.goto(path);
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.waitForLoadState("networkidle");
  const bodies = new Map<string, string>();
  for (const [file, body] of scripts) bodies.set(file, await body);
  return { bodies, problems };
}

function assetsOf(bodies: Map<string, string>) {
  return [...bodies.keys()].map((pathname) => pathname.replace(/^\//, "")).sort();
}

test.describe("a Spanish reader", () => {
  test.use({ locale: "es-PE" });

  test("downloads the Spanish dictionary and never the English one", async ({ page }) => {
    const { bodies, problems } = await openPage(page, "/");
    const scripts = [...bodies.values()];
    expect(scripts.some((body) => body.includes(SPANISH_ONLY))).toBe(true);
    expect(scripts.filter((body) => body.includes(ENGLISH_ONLY))).toEqual([]);
    await expect(page.locator("html")).toHaveAttribute("lang", "es-PE");
    expect(problems).toEqual([]);

    // What first-load-js.ts counts for the home page is what the browser fetched.
    const [home] = firstLoadJs("build/client", ["routes/_index"]);
    const expected = home!.files.filter((file) => !Object.values(home!.dictionaryFiles).includes(file));
    expect(assetsOf(bodies)).toEqual([...expected, home!.dictionaryFiles.es].sort());
  });

  test("saving English as the account's language switches a hydrated page to English without a reload", async ({ page }) => {
    await signUp(page, { email: uniqueEmail("idioma") });
    await page.waitForFunction(() => "__remixRouter" in window);
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    const englishChunk = page.waitForResponse(
      async (response) => new URL(response.url()).pathname.endsWith(".js") && (await response.text()).includes(ENGLISH_ONLY),
    );
    // Marks this document: a full reload would lose the mark.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.getByLabel("Idioma preferido").selectOption("en");
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await expect(page.getByRole("status")).toHaveText("Your changes were saved.");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("link", { name: ENGLISH_ONLY })).toBeAttached();
    expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
    await englishChunk;
    expect(problems).toEqual([]);
  });
});

test.describe("an English reader", () => {
  test.use({ locale: "en-GB" });

  test("downloads the English dictionary only, and reads English after hydration", async ({ page }) => {
    const { bodies, problems } = await openPage(page, "/organisations");
    const scripts = [...bodies.values()];
    expect(scripts.some((body) => body.includes(ENGLISH_ONLY))).toBe(true);
    expect(scripts.filter((body) => body.includes(SPANISH_ONLY))).toEqual([]);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("navigation", { name: "Main sections" })).toContainText("Organisations");
    expect(problems).toEqual([]);

    // A client-side navigation after hydration still reads English (no dictionary missing).
    await page.getByRole("navigation", { name: "Main sections" }).getByRole("link", { name: "Initiatives" }).click();
    await expect(page).toHaveURL(/\/initiatives$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Joint initiatives");
    expect(problems).toEqual([]);
  });

  test("switching to Spanish with JavaScript loads the Spanish dictionary and renders Spanish", async ({ page }) => {
    const { problems } = await openPage(page, "/");
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es-PE");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Juntos hacia un Perú circular");
    await page.waitForFunction(() => "__remixRouter" in window);
    expect(problems).toEqual([]);
  });
});
