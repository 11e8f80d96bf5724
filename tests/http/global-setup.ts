import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

// The HTTP suites run against the production build (`build/server.js`), so `npm run build` must
// have run first (scripts/test-all.sh runs them after the build step). One seeded demo database is
// made per run — the same `db/seed.ts` command (1) uses — and each test file starts from a copy.
const TMP = path.resolve("tests/.tmp-http", `run-${process.pid}`);
const TEMPLATE = path.join(TMP, "seeded.sqlite");

export default function setup() {
  if (!fs.existsSync("build/server.js") || !fs.existsSync("build/server/index.js")) {
    throw new Error("The HTTP suites need the production build: run `npm run build` first.");
  }
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  execFileSync("./node_modules/.bin/tsx", ["db/seed.ts", "--force"], {
    env: { ...process.env, DATABASE_PATH: TEMPLATE, NODE_ENV: "development", MAIL_TRANSPORT: "outbox" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // One self-contained file: copies of it need no -wal beside them.
  const sqlite = new Database(TEMPLATE);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  process.env.HTTP_TEST_TMP_DIR = TMP;
  return () => fs.rmSync(TMP, { recursive: true, force: true });
}
