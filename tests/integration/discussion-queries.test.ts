// Issue 10: a thread page and a category's thread list run the same SQL statements whatever the
// length of the thread or the number of threads, on their first, middle and last pages, and read
// the discussion tables through indexes, never by scanning them. Statements are counted where
// better-sqlite3 executes them, while the root loader and the page's loader run as Remix runs them
// for a document request (as tests/integration/query-counts.test.ts does), on rows made by the
// benchmark's own generator (scripts/bench-data.ts). Counts and plans, never timings.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, schema, sqlite } from "#app/.server/db.ts";
import "#app/.server/discussion-parents.ts";
import { createCategory, ensureDefaultCategories, startThread } from "#app/.server/discussions/index.ts";
import { runInRequestScope } from "#app/.server/request-scope.ts";
import { POSTS_PER_PAGE, THREADS_PER_PAGE } from "#app/features/discussions/taxonomy.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { loader as categoryLoader } from "#app/routes/discussions.c.$slug.tsx";
import { loader as threadLoader } from "#app/routes/discussions.threads.$id.tsx";
import { generateBulk } from "../../scripts/bench-data.ts";
import { recordStatements, type ExecutedStatement } from "./query-audit.ts";
import { makeOrganisation, makePerson, type Person } from "./world.ts";

const LONG = 2_000;

type Viewer = "anonymous" | "signed in";
type Loader = (args: LoaderFunctionArgs) => unknown;

let member: Person;
let longThread: number;
let shortThread: number;
let busyCategory: { slug: string; threads: number };
let quietCategory: string;
const table: Record<string, number> = {};

beforeAll(() => {
  ensureDefaultCategories();
  member = makePerson();
  // 3,000 threads with 40,000 posts, one of them 2,000 long, in the standing categories and on
  // generated initiatives and events; the member has read part of the first category.
  generateBulk(
    sqlite,
    {
      organisations: 60,
      initiatives: 150,
      events: 40,
      discussions: { threads: 3_000, posts: 40_000, longThread: LONG, authors: 60, reader: member.user.email },
    },
    7,
    Date.now(),
  );
  const threads = schema.discussionThreads;
  const long = db.select({ id: threads.id }).from(threads).where(eq(threads.lastPostNumber, LONG)).get();
  const short = db.select({ id: threads.id }).from(threads).where(eq(threads.lastPostNumber, POSTS_PER_PAGE)).get();
  if (!long || !short) throw new Error("the generator made no 2,000-post or no 20-post thread");
  longThread = long.id;
  shortThread = short.id;
  const categories = schema.discussionCategories;
  const busy = db.select({ slug: categories.slug, threads: categories.threadCount }).from(categories).where(eq(categories.slug, "general")).get()!;
  busyCategory = busy;
  // A new category with two threads, written for an organisation as many generated ones are.
  const coordinator = makePerson("coordinator");
  const created = createCategory(coordinator.user, {
    nameEs: "Compras públicas",
    nameEn: "Public procurement",
    descriptionEs: "",
    descriptionEn: "",
    coordinatorsOnly: false,
    position: 20,
  });
  if (!created.ok) throw new Error(`could not create a category: ${JSON.stringify(created)}`);
  const owner = makePerson();
  const organisation = makeOrganisation(owner);
  for (const title of ["Criterios circulares en licitaciones", "Mobiliario como servicio en el Estado"]) {
    const started = startThread(owner.user, { kind: "category", categoryId: created.id }, { title, body: "¿Qué **experiencias** hay?", organisationId: organisation.id });
    if (!started.ok) throw new Error(`could not start a thread: ${JSON.stringify(started)}`);
  }
  quietCategory = created.slug;
  // No ANALYZE, as in production: the plans must hold without statistics.
  expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'sqlite_stat1'").get()).toEqual({ n: 0 });
});

/** The root loader and the page's loader for one document GET, with the statements they ran. */
async function documentRequest(loader: Loader, path: string, params: Record<string, string>, viewer: Viewer) {
  const headers: Record<string, string> = { "Accept-Language": "es-PE" };
  if (viewer === "signed in") headers.Cookie = member.cookie;
  const args = (p: Record<string, string>): LoaderFunctionArgs => ({
    request: new Request(`http://localhost:3000${path}`, { headers }),
    params: p,
    context: { clientIp: "203.0.113.7" },
  });
  const { result, statements } = await recordStatements(() =>
    runInRequestScope("GET", () => Promise.all([rootLoader(args({})), loader(args(params))])).catch((thrown: unknown) => {
      if (thrown instanceof Response) throw new Error(`${path} (${viewer}) answered ${thrown.status} ${thrown.headers.get("Location") ?? ""}`);
      throw thrown;
    }),
  );
  return { data: result[1] as Record<string, unknown>, statements };
}

const listing = (statements: ExecutedStatement[]) => statements.map((s, n) => `  ${n + 1}. ${s.source.replace(/\s+/g, " ").slice(0, 200)}`).join("\n");

/** The thread page `page` of thread `id`: its statements, after checking it shows that page's posts. */
async function threadPageStatements(id: number, page: number, viewer: Viewer) {
  const { data, statements } = await documentRequest(threadLoader, `/discussions/threads/${id}?page=${page}`, { id: String(id) }, viewer);
  const numbers = (data.posts as Array<{ number: number }>).map((post) => post.number);
  expect(numbers).toEqual(Array.from({ length: POSTS_PER_PAGE }, (_, n) => (page - 1) * POSTS_PER_PAGE + n + 1));
  return statements;
}

/** The category page `page`: its statements, after checking it lists a page of threads. */
async function categoryPageStatements(slug: string, page: number, viewer: Viewer) {
  const { data, statements } = await documentRequest(categoryLoader, `/discussions/c/${slug}?page=${page}`, { slug }, viewer);
  const rows = data.rows as Array<{ unread: unknown }>;
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThanOrEqual(THREADS_PER_PAGE);
  if (viewer === "signed in" && slug === busyCategory.slug) expect(rows.some((row) => row.unread !== null)).toBe(true);
  return statements;
}

describe.each<Viewer>(["anonymous", "signed in"])("%s", (viewer) => {
  test("a thread page: as many statements on the 2,000-post thread's first, middle and last pages as on a 20-post thread", async () => {
    const short = await threadPageStatements(shortThread, 1, viewer);
    const pages = LONG / POSTS_PER_PAGE;
    table[`thread of ${POSTS_PER_PAGE} posts, page 1 (${viewer})`] = short.length;
    for (const page of [1, pages / 2, pages]) {
      const long = await threadPageStatements(longThread, page, viewer);
      table[`thread of ${LONG} posts, page ${page} (${viewer})`] = long.length;
      expect(long.length, `page ${page} of ${pages}:\n${listing(long)}\nagainst the short thread's\n${listing(short)}`).toBe(short.length);
    }
  });

  test(`a category's threads: as many statements with ${THREADS_PER_PAGE * 8}+ threads, on the first, middle and last page, as with two`, async () => {
    expect(busyCategory.threads).toBeGreaterThan(THREADS_PER_PAGE * 8);
    const quiet = await categoryPageStatements(quietCategory, 1, viewer);
    const last = Math.ceil(busyCategory.threads / THREADS_PER_PAGE);
    table[`category of 2 threads, page 1 (${viewer})`] = quiet.length;
    for (const page of [1, Math.ceil(last / 2), last]) {
      const busy = await categoryPageStatements(busyCategory.slug, page, viewer);
      table[`category of ${busyCategory.threads} threads, page ${page} (${viewer})`] = busy.length;
      expect(busy.length, `page ${page} of ${last}:\n${listing(busy)}\nagainst the quiet category's\n${listing(quiet)}`).toBe(quiet.length);
    }
  });
});

// ---- Plans -------------------------------------------------------------------------------------

/** The `detail` lines of EXPLAIN QUERY PLAN for a captured statement, with its own bound values. */
function planOf(statement: ExecutedStatement) {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...statement.params) as Array<{ detail: string }>;
  return rows.map((row) => row.detail);
}

/** "SCAN <table>" lines of a plan (whole table, or a whole index of it), subqueries it runs as co-routines or materialises aside. */
function tableScans(plan: string[]) {
  const subqueries = new Set(plan.flatMap((line) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(line)?.[1] ?? []));
  return plan.filter((line) => {
    const scanned = /^SCAN (\S+)/.exec(line)?.[1];
    return scanned !== undefined && line !== "SCAN CONSTANT ROW" && !subqueries.has(scanned);
  });
}

describe("plans: the discussion tables are searched, never scanned", () => {
  const pages: Array<[string, () => Promise<ExecutedStatement[]>]> = [
    ["the 2,000-post thread's last page, signed in", () => threadPageStatements(longThread, LONG / POSTS_PER_PAGE, "signed in")],
    ["the 2,000-post thread's first page, anonymous", () => threadPageStatements(longThread, 1, "anonymous")],
    ["the busiest category's last page, signed in", () => categoryPageStatements(busyCategory.slug, Math.ceil(busyCategory.threads / THREADS_PER_PAGE), "signed in")],
    ["the busiest category's first page, anonymous", () => categoryPageStatements(busyCategory.slug, 1, "anonymous")],
  ];

  test.each(pages)("%s", async (_name, run) => {
    const statements = (await run()).filter((s) => /discussion_/.test(s.source));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const plan = planOf(statement);
      const shown = `${statement.source.replace(/\s+/g, " ")}\n  params: ${JSON.stringify(statement.params)}\n  plan:\n${plan.map((l) => `    ${l}`).join("\n")}`;
      expect(tableScans(plan), shown).toEqual([]);
    }
  });

  test("the check sees a scan of a discussion table", () => {
    expect(tableScans(planOf({ source: "SELECT id FROM discussion_posts WHERE body LIKE ?", params: ["%compost%"] }))).toEqual(["SCAN discussion_posts"]);
    expect(tableScans(planOf({ source: "SELECT id FROM discussion_posts WHERE thread_id = ? AND number BETWEEN ? AND ?", params: [longThread, 1, 20] }))).toEqual([]);
  });
});

test("the counts, for the record", () => {
  // Printed for whoever reads the run (issue 10 asks for these figures).
  expect(Object.keys(table).length).toBeGreaterThan(0);
  console.table(table);
});
