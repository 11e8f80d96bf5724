import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

// Discussions (issue 10): threads on initiatives and in categories, replies that quote and
// mention, the mentioned person's notification, flags that hide a post until a coordinator
// restores it, and the whole posting path without JavaScript. In Spanish, the default language.

/**
 * A signed-in page of its own (a separate browser context), optionally without JavaScript.
 * `spanish`: read in Spanish whatever the account's language (miembro3's is English).
 */
async function personPage(browser: Browser, email: string, options: { javaScriptEnabled?: boolean; spanish?: boolean } = {}) {
  const context = await browser.newContext({ locale: "es-PE", javaScriptEnabled: options.javaScriptEnabled });
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  if (options.spanish) await context.addCookies([{ name: "lang", value: "es", url: page.url() }]);
  return page;
}

/** Fills and sends the "start a discussion" form on the current page; ends on the new thread. */
async function startThread(page: Page, title: string, body: string) {
  const form = page.locator("form#new-thread");
  await form.getByLabel("Título").fill(title);
  await form.getByLabel("Mensaje").fill(body);
  await form.getByRole("button", { name: "Publicar conversación" }).click();
  await expect(page.getByRole("status")).toContainText("Publicamos tu conversación.");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("a thread on an initiative: a reply quotes and @mentions from the keyboard, and the mentioned person is told", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `¿Quién recoge PET en Lima Norte? ${Date.now()}`;

  // Carmen starts a thread on the first public initiative.
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/initiatives");
  await page.locator('main a[href^="/initiatives/"]:not([href="/initiatives/new"])').first().click();
  await expect(page).toHaveURL(/\/initiatives\/[^/]+$/);
  const initiativePath = new URL(page.url()).pathname;
  const initiativeTitle = (await page.getByRole("heading", { level: 1 }).textContent())!;
  await expect(page.getByRole("region", { name: "Conversaciones" })).toBeVisible();
  const threadPath = await startThread(page, title, "Buscamos acopiadores de **PET** en Lima Norte.");
  expect(threadPath).toMatch(/^\/discussions\/threads\/\d+$/);
  // The breadcrumb leads back to the initiative, whose page lists the thread.
  await page.getByRole("navigation", { name: "Ruta de navegación" }).getByRole("link", { name: initiativeTitle }).click();
  await expect(page).toHaveURL(initiativePath);
  await expect(page.getByRole("region", { name: "Conversaciones" }).getByRole("link", { name: title })).toBeVisible();

  // Luis quotes Carmen's post and mentions Ana, choosing her from the suggestions with the keyboard.
  const luis = await personPage(browser, "miembro2@demo.pe");
  await luis.goto(threadPath);
  await luis.locator("#post-1").getByRole("link", { name: /Citar/ }).click();
  const box = luis.getByLabel("Tu respuesta");
  await expect(box).toBeFocused();
  // The quote keeps the markdown of the post (bold stays bold).
  await expect(box).toHaveValue(/^> Buscamos acopiadores de \*\*PET\*\* en Lima Norte\.\n\n$/);
  await luis.keyboard.type("Nosotros, con @ana-tor");
  await expect(luis.getByRole("listbox").getByRole("option").first()).toContainText("Ana Torres");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await luis.keyboard.press("Enter");
  await expect(box).toHaveValue(/@ana-torres(-\d+)? $/);
  await expect(luis.getByRole("listbox")).toHaveCount(0);
  await luis.keyboard.type("lo recogemos cada semana.");
  const submit = luis.getByRole("button", { name: "Publicar respuesta" });
  for (let i = 0; i < 5 && !(await submit.evaluate((el) => el === document.activeElement)); i++) await luis.keyboard.press("Tab");
  await expect(submit).toBeFocused();
  await luis.keyboard.press("Enter");
  await expect(luis.getByRole("status")).toContainText("Publicamos tu respuesta.");
  await expect(luis).toHaveURL(/#post-2$/);
  const reply = luis.locator("#post-2");
  await expect(reply.locator("blockquote")).toContainText("Buscamos acopiadores de PET en Lima Norte.");
  await expect(reply.getByRole("link", { name: "↩ Carmen Flores #1" })).toBeVisible();
  await expect(reply.getByRole("link", { name: /^@ana-torres/ })).toBeVisible();

  // Ana sees the mention among her notifications (her account is in English).
  const ana = await personPage(browser, "miembro3@demo.pe");
  await ana.goto("/notifications");
  await expect(ana.getByRole("listitem").filter({ hasText: title }).first()).toContainText("Luis Ramírez mentioned you");

  // Carmen follows her thread: it shows as unread for her, and the link jumps to the new post.
  await page.goto(initiativePath);
  const row = page.getByRole("region", { name: "Conversaciones" }).getByRole("listitem").filter({ hasText: title });
  await expect(row).toContainText("1 nuevo");
  await row.getByRole("link", { name: /Ir al primer mensaje sin leer/ }).click();
  await expect(page).toHaveURL(new RegExp(`${threadPath}#post-2$`));
});

test("three people flag a post: it is hidden until a coordinator restores it from the moderation queue", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const title = `Vendo chatarra barata ${Date.now()}`;
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  await page.goto("/discussions/c/general");
  const threadPath = await startThread(page, title, "Llame ya al 999 999 999.");

  for (const [email, thanks] of [
    ["miembro2@demo.pe", "la coordinación revisará el mensaje"],
    ["miembro3@demo.pe", "la coordinación revisará el mensaje"],
    ["coordinador@demo.pe", "el mensaje quedó oculto"],
  ] as const) {
    const flagger = await personPage(browser, email, { spanish: true });
    await flagger.goto(threadPath);
    const post = flagger.locator("#post-1");
    await post.getByText("Reportar").click();
    await post.getByLabel("Motivo del reporte").selectOption({ label: "Spam o publicidad" });
    await post.getByRole("button", { name: "Enviar reporte" }).click();
    await expect(flagger.getByRole("status")).toContainText(thanks);
    await expect(flagger.locator("#post-1")).toContainText("Reportaste este mensaje.");
    await flagger.context().close();
  }

  const visitor = await (await browser.newContext({ locale: "es-PE" })).newPage();
  await visitor.goto(threadPath);
  await expect(visitor.locator("#post-1")).toContainText("Este mensaje está oculto mientras la coordinación lo revisa.");
  await expect(visitor.locator("#post-1")).not.toContainText("999 999 999");
  // Its author still reads it, with a notice.
  await page.goto(threadPath);
  await expect(page.locator("#post-1")).toContainText("Llame ya al 999 999 999.");
  await expect(page.locator("#post-1").getByRole("note")).toContainText("solo lo ven su autor y la coordinación");

  // The coordinator finds it in the queue (the newest waits on the last page) and restores it.
  const coordinator = await personPage(browser, "coordinadora@demo.pe");
  await coordinator.goto("/discussions/moderation?page=99999");
  const queued = coordinator.getByTestId("queued-post").filter({ hasText: title });
  await expect(queued).toContainText("3 reportes abiertos");
  await expect(queued).toContainText("oculto por reportes");
  await queued.getByRole("button", { name: "Restaurar mensaje" }).click();
  await expect(coordinator.getByRole("status")).toContainText("Restauramos el mensaje.");
  await expect(coordinator.getByTestId("queued-post").filter({ hasText: title })).toHaveCount(0);
  await coordinator.goto("/discussions/moderation");
  await expect(coordinator.getByRole("region", { name: "Registro de moderación" })).toContainText("Mensaje restaurado");

  await visitor.goto(threadPath);
  await expect(visitor.locator("#post-1")).toContainText("Llame ya al 999 999 999.");
});

test("without JavaScript: start a thread, a refused empty reply, quote, edit and delete", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await personPage(browser, "miembro2@demo.pe", { javaScriptEnabled: false });
  const title = `Compostaje en mercados ${Date.now()}`;
  await page.goto("/discussions/c/general");
  const threadPath = await startThread(page, title, "¿Algún mercado composta sus residuos orgánicos?");

  // An empty reply is refused at the form, which says why.
  await page.getByRole("button", { name: "Publicar respuesta" }).click();
  await expect(page).toHaveURL(/#reply$/);
  await expect(page.locator("form#reply")).toContainText("Escribe un mensaje.");

  // Quoting without JavaScript: the link reloads the page with the quotation in the box.
  await page.locator("#post-1").getByRole("link", { name: /Citar/ }).click();
  await expect(page).toHaveURL(/\?quote=\d+#reply$/);
  const box = page.getByLabel("Tu respuesta");
  await expect(box).toHaveValue("> ¿Algún mercado composta sus residuos orgánicos?\n\n");
  await box.fill(`${await box.inputValue()}El de Magdalena, con lombrices.`);
  await page.getByRole("button", { name: "Publicar respuesta" }).click();
  await expect(page.getByRole("status")).toContainText("Publicamos tu respuesta.");
  const reply = page.locator("#post-2");
  await expect(reply.locator("blockquote")).toContainText("¿Algún mercado composta");

  // Editing and deleting one's own post.
  await reply.getByRole("link", { name: "Editar" }).click();
  await page.locator("#post-2").getByLabel("Editar mensaje").fill("El mercado de Magdalena composta con lombrices.");
  await page.getByRole("button", { name: "Guardar cambios" }).click();
  await expect(page.getByRole("status")).toContainText("Guardamos los cambios");
  await expect(page.locator("#post-2")).toContainText("editado");
  await expect(page.locator("#post-2")).toContainText("El mercado de Magdalena composta con lombrices.");
  await page.locator("#post-2").getByText("Eliminar", { exact: true }).click();
  await page.locator("#post-2").getByRole("button", { name: "Sí, eliminar" }).click();
  await expect(page.getByRole("status")).toContainText("Eliminamos tu mensaje.");
  await expect(page.locator("#post-2")).toContainText("Este mensaje fue eliminado.");
  expect(new URL(page.url()).pathname).toBe(threadPath);

  // Reacting and following work as plain forms too.
  await page.locator("#post-1").getByRole("button", { name: /Me gusta/ }).click();
  await expect(page.locator("#post-1").getByRole("button", { name: "Me gusta: 1" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Dejar de seguir" }).click();
  await expect(page.getByRole("status")).toContainText("Ya no te avisaremos");
  await page.context().close();
});

test("the discussions index lists categories and links the code of conduct and the feed", async ({ page, request }) => {
  await page.goto("/discussions");
  await expect(page.getByRole("heading", { level: 1, name: "Conversaciones" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Categorías" }).getByRole("link", { name: "General" })).toBeVisible();
  await page.getByRole("link", { name: "Código de conducta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Código de conducta de las conversaciones");
  const feed = await request.get("/discussions.atom");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain("<feed");
});

test("at 360 px wide the discussion pages fit the screen, for a coordinator with every tool shown", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-PE", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await logIn(page, "coordinadora@demo.pe", DEMO_PASSWORD);
  await context.addCookies([{ name: "lang", value: "es", url: page.url() }]);
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  for (const path of ["/discussions", "/discussions/c/general", "/discussions/moderation", "/discussions/categories", "/discussions/code-of-conduct"]) {
    await page.goto(path);
    expect(await width(), path).toBeLessThanOrEqual(360);
  }
  await page.goto("/discussions");
  await page.getByRole("region", { name: "Últimas conversaciones" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Moderar la conversación" })).toBeVisible();
  await page.locator("article[id^=post-]").first().getByText("Suspender al autor").click();
  expect(await width(), page.url()).toBeLessThanOrEqual(360);
  await context.close();
});
