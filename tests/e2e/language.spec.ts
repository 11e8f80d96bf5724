import { expect, test } from "@playwright/test";

test("Spanish by default; English one click away, and back", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "es-PE");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Juntos hacia un Perú circular");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Together towards a circular Peru");
  await expect(page.getByRole("navigation", { name: "Main sections" })).toContainText("Organisations");

  // The choice sticks on other pages.
  await page.getByRole("link", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in to your account");

  await page.getByRole("button", { name: "Español" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ingresa a tu cuenta");
});

test.describe("an English browser", () => {
  test.use({ locale: "en-GB" });
  test("gets English from Accept-Language", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test("the home page tells the story 2014–2022", async ({ page }) => {
  await page.goto("/");
  const timeline = page.getByRole("region", { name: "Un camino que empezó hace más de una década" });
  for (const year of ["2014", "2018", "2019", "2020", "2021", "2022"]) {
    await expect(timeline.getByText(year, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "El Pacto Peruano por una Economía Circular" })).toBeVisible();
});

test("unknown pages answer a translated 404", async ({ page }) => {
  const response = await page.goto("/no-existe");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No encontramos esta página");
});
