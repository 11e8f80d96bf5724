import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn } from "./utils.ts";

test("a write from a foreign origin is refused with 403", async ({ request }) => {
  const response = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: "admin@demo.pe", password: "x" },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("No tienes permiso");
});

test("a same-origin write passes the origin check", async ({ request, baseURL }) => {
  const response = await request.post("/login", {
    headers: { Origin: baseURL! },
    form: { email: "admin@demo.pe", password: "x" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
});

test("an oversized body is refused with 413", async ({ request, baseURL }) => {
  const response = await request.post("/signup", {
    headers: { Origin: baseURL!, "Accept-Language": "en" },
    form: { name: "x".repeat(4 * 1024 * 1024), email: "a@b.pe", password: "abcdefgh1" },
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("What you sent is too large");
});

test("security headers on every response, and a health check", async ({ request }) => {
  const page = await request.get("/");
  const headers = page.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toContain("max-age=");

  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", database: "ok" });
});

test("the session cookie is HttpOnly, SameSite=Lax, Secure and __Host- prefixed in production", async ({ page, context }) => {
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill("miembro1@demo.pe");
  await page.getByLabel("Contraseña").fill("Economia-Circular-2026");
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByLabel(/Menú de la cuenta/)).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "__Host-session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true, path: "/" });
});

test("logging out is never a GET", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill("miembro2@demo.pe");
  await page.getByLabel("Contraseña").fill("Economia-Circular-2026");
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByLabel(/Menú de la cuenta/)).toBeVisible();
  await page.goto("/logout");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
});

test("roles: a member gets 403 on the admin and review pages", async ({ page }) => {
  await logIn(page, "miembro3@demo.pe", DEMO_PASSWORD);
  await expect(page.getByLabel(/Account menu|Menú de la cuenta/)).toBeVisible();
  expect((await page.goto("/coordination/organisations"))?.status()).toBe(403);
  const forbidden = await page.goto("/admin/users");
  expect(forbidden?.status()).toBe(403);
});
