import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "#db/connection.ts";

// Each Vitest run gets its own folder, so two runs at once (two terminals, or a run beside the
// Playwright server) never delete each other's databases.
const TEST_TMP = path.resolve("tests/.tmp", `run-${process.pid}`);
const BASE_DATABASE = path.join(TEST_TMP, "base.sqlite");

// Migrates one base database per run; each test file then starts from a fresh copy of it.
export default function setup() {
  fs.rmSync(TEST_TMP, { recursive: true, force: true });
  fs.mkdirSync(TEST_TMP, { recursive: true });
  const { db, sqlite } = openDatabase(BASE_DATABASE);
  migrateDatabase(db);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  // Workers are forked after global setup and inherit this.
  process.env.TEST_TMP_DIR = TEST_TMP;
  return () => fs.rmSync(TEST_TMP, { recursive: true, force: true });
}
