import { expect, test, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import { signUpVerified } from "./utils.ts";

// Pages must be valid UTF-8 with no stray bytes. React 18's Node renderer wrote NUL bytes where a
// multi-byte character straddled its 2,048-byte buffer (about 1 public page in 16 here), and a
// browser turns a NUL inside a form field into U+FFFD, which a save then stored.

const E2E_DATABASE = process.env.E2E_DATABASE ?? "data/e2e.sqlite";

function readDatabase<T>(query: (db: Database.Database) => T): T {
  const db = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

/** Problems in one response body: NUL bytes, invalid UTF-8, or U+FFFD. */
function encodingProblems(bytes: Buffer): string[] {
  const problems: string[] = [];
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const around = bytes.subarray(Math.max(0, nul - 40), nul + 40).toString("utf8").replace(/\0/g, "\\0");
    problems.push(`NUL byte at ${nul}: …${around}…`);
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const replacement = text.indexOf("\uFFFD");
    if (replacement !== -1) problems.push(`U+FFFD at ${replacement}: …${text.slice(replacement - 40, replacement + 40)}…`);
  } catch {
    problems.push("not valid UTF-8");
  }
  return problems;
}

const PUBLIC_SECTIONS = /^\/(?:$|organisations(?:\/|$)|initiatives(?:\/|$)|events(?:\/|$)|roadmaps(?:\/|$)|pact$|forum$)/;
// Downloads, images and pages behind a log-in are not public HTML pages.
const NOT_PAGES = /\.(?:csv|json|ics|svg|png|webp|jpe?g)$|\/(?:logo|cover|edit|new|team|attendees|calendar\.ics)$/;

/** The public HTML pages a link points to, normalised; filter combinations are not followed. */
function followable(href: string, base: URL): string | null {
  let url: URL;
  try {
    url = new URL(href.replace(/&amp;/g, "&"), base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  if (!PUBLIC_SECTIONS.test(url.pathname) || NOT_PAGES.test(url.pathname)) return null;
  if ([...url.searchParams.keys()].length > 1) return null;
  url.hash = "";
  return url.pathname + url.search;
}

async function crawl(request: APIRequestContext, baseURL: string, start: string[]) {
  const base = new URL(baseURL);
  const queue = [...start];
  const visited = new Set<string>(queue);
  const problems: string[] = [];
  while (queue.length > 0) {
    const path = queue.shift()!;
    const response = await request.get(path, { maxRedirects: 0 });
    if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) continue;
    const bytes = await response.body();
    for (const problem of encodingProblems(bytes)) problems.push(`${path}: ${problem}`);
    for (const match of bytes.toString("utf8").matchAll(/<a\s[^>]*?href="([^"]+)"/g)) {
      const next = followable(match[1]!, base);
      if (next && !visited.has(next) && visited.size < 1500) {
        visited.add(next);
        queue.push(next);
      }
    }
  }
  return { visited, problems };
}

test("no public page carries a NUL byte, invalid UTF-8 or U+FFFD", async ({ request, baseURL }) => {
  test.setTimeout(180_000);
  const expected = readDatabase((db) => [
    ...db
      .prepare("SELECT slug FROM organisations WHERE status = 'approved'")
      .pluck()
      .all()
      .map((slug) => `/organisations/${slug as string}`),
    ...db
      .prepare(
        `SELECT i.slug FROM initiatives i JOIN organisations o ON o.id = i.lead_organisation_id
         WHERE i.status <> 'draft' AND o.status = 'approved'`,
      )
      .pluck()
      .all()
      .map((slug) => `/initiatives/${slug as string}`),
    ...db
      .prepare("SELECT slug FROM events WHERE status IN ('published', 'cancelled')")
      .pluck()
      .all()
      .map((slug) => `/events/${slug as string}`),
  ]);
  expect(expected.length).toBeGreaterThan(50);

  const start = ["/", "/organisations", "/organisations/map", "/initiatives", "/events", "/roadmaps", "/pact", "/forum"];
  const { visited, problems } = await crawl(request, baseURL!, start);

  // Every organisation, initiative and event page was reached by following links.
  expect(expected.filter((path) => !visited.has(path))).toEqual([]);
  expect(problems).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("saving an organisation's edit form unchanged stores name and description byte for byte", async ({ page }) => {
    test.setTimeout(120_000);
    await signUpVerified(page, { name: "Maribel Ñahui" });
    const name = `Asociación Ñandú Café 🌱🇵🇪 ${Date.now().toString(36)}`;
    await page.goto("/organisations/new");
    await page.getByLabel("Nombre de la organización").fill(name);
    await page.getByLabel("Tipo de actor").selectOption("civil_society");
    await page.getByLabel("Región de la sede principal").selectOption("CUS");
    await page.getByRole("group", { name: "Hojas de ruta sectoriales" }).getByLabel("Agricultura").check();
    await page.getByLabel("Descripción").fill("Reciclaje en Cusco.");
    await page.getByRole("button", { name: "Enviar solicitud" }).click();
    await expect(page.getByRole("status")).toContainText("Recibimos la solicitud");
    const profile = new URL(page.url()).pathname;
    const slug = profile.split("/").pop()!;
    const stored = () =>
      readDatabase((db) => db.prepare("SELECT name, description FROM organisations WHERE slug = ?").get(slug)) as {
        name: string;
        description: string;
      };

    // Descriptions of 680 or so UTF-16 units (React writes a text of at most 682 into its buffer
    // directly) that are dense in 2-, 3- and 4-byte characters; the three offsets put character
    // boundaries in every position relative to a buffer boundary somewhere in the text.
    const body = "Economía circular en Cusco: ñandú, café, acción 🌱🇵🇪 — 森林協会と林業 ";
    for (const offset of [0, 1, 2]) {
      let description = "x".repeat(offset);
      for (const character of body.repeat(20)) {
        if (description.length + character.length > 680) break;
        description += character;
      }
      description = description.trim();
      await page.goto(`${profile}/edit`);
      await page.getByLabel("Descripción").fill(description);
      await page.getByRole("button", { name: "Guardar perfil" }).click();
      await expect(page.getByRole("status")).toContainText(/Guardamos/);
      expect(stored()).toEqual({ name, description });

      // Open the form again and save it as it comes.
      await page.goto(`${profile}/edit`);
      await page.getByRole("button", { name: "Guardar perfil" }).click();
      await expect(page.getByRole("status")).toContainText(/Guardamos/);
      const after = stored();
      expect(Buffer.from(after.name)).toEqual(Buffer.from(name));
      expect(Buffer.from(after.description)).toEqual(Buffer.from(description));
    }
  });
});
