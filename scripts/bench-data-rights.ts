/**
 * `npx tsx scripts/bench-data-rights.ts [data/bench-100x.sqlite]`: times the data-rights work of
 * issue 13 on a large data set — the export (`readPersonalData`, and the JSON and HTML files) and
 * the closure (`closeAccount`, one immediate transaction) — for the five people with the most
 * posts, in-process, on a copy of the given database (by default the 100× set that `npm run bench`
 * generates; run that first). Prints per person the rows exported, the file sizes and the times
 * (ms). Not run in CI: numbers are read by people, never asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { register } from "node:module";
import { performance } from "node:perf_hooks";

register("../db/raw-imports.mjs", import.meta.url);
const source = path.resolve(process.argv[2] ?? "data/bench-100x.sqlite");
if (!fs.existsSync(source)) throw new Error(`${source} does not exist: run \`npm run bench\` first (it generates it).`);
const file = path.join(os.tmpdir(), `bench-data-rights-${process.pid}.sqlite`);
fs.copyFileSync(source, file);
process.env.DATABASE_PATH = file;
process.env.MAIL_TRANSPORT = "outbox";
process.env.NODE_ENV = "test";

const { migrateDatabase, openDatabase } = await import("../db/connection.ts");
const opened = openDatabase(file);
migrateDatabase(opened.db);
opened.sqlite.close();

const { sqlite } = await import("../app/.server/db.ts");
const { hashPassword } = await import("../app/.server/auth/password.ts");
const privacy = await import("../app/.server/privacy/index.ts");

const password = "banco-de-pruebas-2026";
const hash = await hashPassword(password);
const heaviest = sqlite
  .prepare("SELECT author_id AS id, count(*) AS posts FROM discussion_posts GROUP BY author_id ORDER BY posts DESC LIMIT 5")
  .all() as Array<{ id: number; posts: number }>;
const counts = sqlite.prepare("SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM discussion_posts) AS posts, (SELECT count(*) FROM exchange_listings) AS listings, (SELECT count(*) FROM initiatives) AS initiatives").get();
console.log("data:", counts);
console.log("| person | posts | rows exported | JSON KB | HTML KB | read ms | JSON ms | HTML ms | close ms |");
console.log("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
for (const { id, posts } of heaviest) {
  sqlite.prepare("UPDATE users SET password_hash = ? WHERE id = ?").run(hash, id);
  // Nobody is an organisation's only owner in this run: give each of their organisations another owner.
  sqlite.prepare("INSERT OR IGNORE INTO organisation_members (organisation_id, user_id, role) SELECT organisation_id, (SELECT min(id) FROM users WHERE id <> ?), 'owner' FROM organisation_members WHERE user_id = ? AND role = 'owner'").run(id, id);
  let started = performance.now();
  const data = privacy.readPersonalData(id)!;
  const readMs = performance.now() - started;
  const rows = Object.values(data.sections).reduce((sum, tables) => sum + Object.values(tables).reduce((s, r) => s + r.length, 0), 0);
  started = performance.now();
  const json = privacy.exportPersonalData(id, "json", "es")!;
  const jsonMs = performance.now() - started;
  started = performance.now();
  const html = privacy.exportPersonalData(id, "html", "es")!;
  const htmlMs = performance.now() - started;
  started = performance.now();
  const closed = await privacy.closeAccount(id, password);
  const closeMs = performance.now() - started;
  if (!closed.ok) throw new Error(`closure refused: ${closed.error}`);
  const kb = (text: string) => (Buffer.byteLength(text) / 1024).toFixed(0);
  console.log(`| ${id} | ${posts} | ${rows} | ${kb(json.body)} | ${kb(html.body)} | ${readMs.toFixed(0)} | ${jsonMs.toFixed(0)} | ${htmlMs.toFixed(0)} | ${closeMs.toFixed(0)} |`);
}
sqlite.close();
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
