import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

// Each expected failure shows the text for its own status, not the 500 text, in the page's
// language: thrown 400 and 409 answers used to read "Tuvimos un problema".

/**
 * Posts a form the way a browser without JavaScript does, with the given encoding; returns the
 * response once the resulting page has loaded.
 */
async function postNatively(page: Page, action: string, fields: Record<string, string>, enctype: string) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === action && r.request().method() === "POST"),
    page.evaluate(
      ({ action, fields, enctype }) => {
        const form = document.createElement("form");
        form.method = "post";
        form.action = action;
        form.enctype = enctype;
        for (const [name, value] of Object.entries(fields)) {
          const input = document.createElement("input");
          input.type = "hidden";
          input.name = name;
          input.value = value;
          form.append(input);
        }
        document.body.append(form);
        form.submit();
      },
      { action, fields, enctype },
    ),
  ]);
  await page.waitForLoadState();
  return response;
}

test("a thrown 400 shows the bad-request text, in Spanish and in English", async ({ page }) => {
  // A body that is not a form at all (text/plain) is a malformed request.
  const notAForm = { email: "ana@correo.pe", password: "quinua-y-maca" };
  await page.goto("/login");
  expect((await postNatively(page, "/login", notAForm, "text/plain")).status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No pudimos entender la solicitud");
  await expect(page.getByText("Tuvimos un problema")).toHaveCount(0);

  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in to your account");
  expect((await postNatively(page, "/login", notAForm, "text/plain")).status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not understand that request");
});

test("a thrown 409 shows the conflict text, on a client-side submission and on a full page", async ({ page, context, baseURL }) => {
  await logIn(page, "coordinadora@demo.pe", DEMO_PASSWORD);
  const attendees = "/events/webinar-financiamiento-verde-para-la-mype-circular/attendees";
  // The same list open in two tabs at the door: one checks a person in, the other is now stale.
  const stale = await context.newPage();
  await stale.goto(attendees);
  await page.goto(attendees);
  const firstCheckIn = (p: Page) => p.getByRole("button", { name: "Marcar asistencia" }).first();
  const registrationId = await stale
    .locator("form")
    .filter({ has: firstCheckIn(stale) })
    .first()
    .locator('input[name="registrationId"]')
    .inputValue();
  await firstCheckIn(page).click();
  await expect(page.getByRole("status")).toContainText("Registramos la asistencia");

  await firstCheckIn(stale).click();
  await expect(stale.getByRole("heading", { level: 1 })).toHaveText("Esto ya cambió");
  await expect(stale.getByText("Tuvimos un problema")).toHaveCount(0);
  // The header and navigation stay: the route's own boundary renders inside the layout.
  await expect(stale.getByRole("navigation", { name: "Secciones principales" })).toBeVisible();

  // The same conflict as a full page load (as without JavaScript).
  const document = await page.request.post(attendees, {
    form: { registrationId, intent: "check-in" },
    headers: { Origin: baseURL! },
  });
  expect(document.status()).toBe(409);
  const html = await document.text();
  expect(html).toContain("Esto ya cambió");
  expect(html).not.toContain("Tuvimos un problema");

  // Leave the list as it was for other tests.
  const undone = await page.request.post(attendees, { form: { registrationId, intent: "undo" }, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(undone.status()).toBe(302);
});

test("403 and 404 keep their own texts", async ({ page }) => {
  await logIn(page, "miembro1@demo.pe", DEMO_PASSWORD);
  expect((await page.goto("/admin/users"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No tienes permiso para ver esto");
  expect((await page.goto("/organisations/no-existe-esta-organizacion"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No encontramos esta página");
});
