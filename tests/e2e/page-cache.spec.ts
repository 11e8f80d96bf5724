// The anonymous page cache (app/.server/page-cache.ts) in the production build: a repeat visit is
// served from it, hydrates under its own CSP nonce, and a change shows at once. Also the invite
// field that replaced a list of every organisation on the initiative page.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

const COOPERATIVE = "/organisations/cooperativa-agraria-cafetalera-del-alto-mayo";
const INITIATIVE = "/initiatives/sustrato-de-cascarilla-de-cafe-para-viveros-en-jaen";

// Other specs write to the database while this one runs (workers in parallel), and any write
// rightly empties the cache: a hit is waited for rather than expected on the second visit.
const HIT_WITHIN = { timeout: 20_000, intervals: [100, 250, 500] };

test("a repeat anonymous visit comes from the cache, with the page's own nonce, and hydrates", async ({ browser, request }) => {
  let cached: Awaited<ReturnType<typeof request.get>> | undefined;
  await expect
    .poll(async () => {
      cached = await request.get("/roadmaps");
      return cached.headers()["x-page-cache"];
    }, HIT_WITHIN)
    .toBe("hit");
  const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(cached!.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(await cached!.text()).toContain(`nonce="${nonce}"`);

  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await expect.poll(async () => (await page.goto("/roadmaps"))?.headers()["x-page-cache"], HIT_WITHIN).toBe("hit");
  await expect.poll(() => page.evaluate(() => "__remixRouter" in window)).toBe(true);
  expect(problems).toEqual([]);
  // Signed-in visitors are never served from it.
  await logIn(page, "miembro2@demo.pe", DEMO_PASSWORD);
  const signedIn = await page.goto("/roadmaps");
  expect(signedIn?.headers()["x-page-cache"]).toBeUndefined();
  await context.close();
});

test("an edit shows at once to anonymous visitors of a cached page", async ({ browser, page }) => {
  const visitor = await (await browser.newContext()).newPage();
  await expect.poll(async () => (await visitor.goto(COOPERATIVE))?.headers()["x-page-cache"], HIT_WITHIN).toBe("hit");

  const description = `Cooperativa cafetalera que composta la pulpa de café. Edición ${Date.now()}.`;
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto(`${COOPERATIVE}/edit`);
  await page.getByLabel("Descripción").fill(description);
  await page.getByRole("button", { name: /Guardar/ }).click();
  await expect(page.getByRole("status")).toBeVisible();

  // The very next anonymous load shows the edit (rendered afresh, or cached again since by another
  // visitor's load after the edit: never the page from before it).
  await visitor.goto(COOPERATIVE);
  await expect(visitor.getByText(description)).toBeVisible();
  await visitor.context().close();
});

test("an owner invites a partner by typing its name: suggestions with JavaScript, an exact name without", async ({ page, browser }) => {
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto(INITIATIVE);
  // Typing before hydration would reach no handler: wait until scripts and the dictionary are in.
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.evaluate(() => "__remixRouter" in window)).toBe(true);
  const field = page.getByLabel("Organización", { exact: true });
  await field.pressSequentially("plasticos del nor", { delay: 20 });
  await expect(page.locator("datalist option[value='Plásticos del Norte S.A.C.']")).toHaveCount(1);

  // Without JavaScript: an unknown name is refused next to the field, and what was typed stays.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await logIn(plain, "miembro1@demo.pe", DEMO_PASSWORD);
  await plain.goto(INITIATIVE);
  await plain.getByLabel("Organización", { exact: true }).fill("Asociación que no existe");
  await plain.getByRole("button", { name: "Enviar invitación" }).click();
  await expect(plain.getByText("No hay una organización aprobada con ese nombre en el directorio.")).toBeVisible();
  // The answer opens at the form, not at the top of the long page.
  expect(new URL(plain.url()).hash).toBe("#partner-invite");
  await expect(plain.getByText("No hay una organización aprobada con ese nombre en el directorio.")).toBeInViewport();
  await expect(plain.getByLabel("Organización", { exact: true })).toHaveValue("Asociación que no existe");
  // Case and accents do not matter.
  await plain.getByLabel("Organización", { exact: true }).fill("plasticos del norte s.a.c.");
  await plain.getByRole("button", { name: "Enviar invitación" }).click();
  await expect(plain.getByRole("status")).toContainText("Enviamos la invitación.");
  await expect(plain.getByRole("region", { name: "Socios" }).getByText("Plásticos del Norte S.A.C.")).toBeVisible();
  await noJs.close();
});
