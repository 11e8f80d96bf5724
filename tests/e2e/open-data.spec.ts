// The open data page and the API through the real server (issue 11): the footer link, both
// languages, axe, JavaScript off; the API's CORS, preflight and read-only answers as the Express
// server (security headers, same-origin check) delivers them.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the footer leads to the open data page, which explains the API in Spanish", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Datos abiertos" }).click();
    await expect(page).toHaveURL(/\/open-data$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Datos abiertos");
    await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toHaveAttribute("href", "/api/v1/openapi.json");
    await expect(page.getByRole("cell", { name: "GET /api/v1/initiatives", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Conversaciones (Atom)" })).toHaveAttribute("href", "/discussions.atom");
    // The example's query string is the listing page's own: the page's link and the API's curl share it.
    const listing = page.getByRole("link", { name: "/initiatives?roadmap=industry&status=open" });
    await expect(listing).toHaveAttribute("href", "/initiatives?roadmap=industry&status=open");
    await expect(page.getByText('/api/v1/initiatives?roadmap=industry&status=open&limit=2"')).toBeVisible();
  });
});

test("axe: the open data page has no violations", async ({ page }) => {
  await page.goto("/open-data");
  await expectNoViolations(page);
});

test.describe("an English browser", () => {
  test.use({ locale: "en-GB" });
  test("reads the open data page in English", async ({ page }) => {
    await page.goto("/open-data");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open data");
    await expect(page.getByRole("heading", { name: "Pagination" })).toBeVisible();
    await expectNoViolations(page);
  });
});

test("the API answers JSON with CORS, preflights, and refuses writes with a JSON 405 even from another site", async ({ request }) => {
  const list = await request.get("/api/v1/organisations?limit=2", { headers: { Origin: "https://example.org" } });
  expect(list.status()).toBe(200);
  expect(list.headers()["access-control-allow-origin"]).toBe("*");
  expect(list.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await list.json()) as { data: unknown[]; next_cursor: string | null };
  expect(body.data).toHaveLength(2);
  expect(body.next_cursor).toEqual(expect.any(String));

  const preflight = await request.fetch("/api/v1/organisations", {
    method: "OPTIONS",
    headers: { Origin: "https://example.org", "Access-Control-Request-Method": "GET" },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()["access-control-allow-methods"]).toBe("GET, HEAD, OPTIONS");

  const write = await request.post("/api/v1/organisations", { headers: { Origin: "https://example.org" }, data: "{}" });
  expect(write.status()).toBe(405);
  expect(write.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  expect(((await write.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");

  // The API's exemption from the same-origin check does not reach other pages through dot segments.
  const sneaky = await request.post("/api/v1/%2e%2e/%2e%2e/logout", { headers: { Origin: "https://example.org" }, maxRedirects: 0 });
  expect(sneaky.status()).toBe(403);

  const missing = await request.get("/api/v1/no-such-endpoint");
  expect(missing.status()).toBe(404);
  expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");

  // A listing's query string works as it is on its API list; the API's old names are refused by name.
  const copied = await request.get("/api/v1/events?tab=past&type=forum");
  expect(copied.status()).toBe(200);
  const renamed = await request.get("/api/v1/events?when=past");
  expect(renamed.status()).toBe(400);
  expect(((await renamed.json()) as { error: { code: string; parameter: string } }).error).toMatchObject({ code: "unknown_parameter", parameter: "when" });

  const head = await request.head("/api/v1/events");
  expect(head.status()).toBe(200);
  expect(head.headers()["access-control-allow-origin"]).toBe("*");
});
