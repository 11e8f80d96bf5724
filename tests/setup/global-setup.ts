import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "#db/connection.ts";

export const TEST_TMP = path.resolve("tests/.tmp");
export const BASE_DATABASE = path.join(TEST_TMP, "base.sqlite");

// Migrates one base database per run; each test file then starts from a fresh copy of it.
export default function setup() {
  fs.rmSync(TEST_TMP, { recursive: true, force: true });
  fs.mkdirSync(TEST_TMP, { recursive: true });
  const { db, sqlite } = openDatabase(BASE_DATABASE);
  migrateDatabase(db);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  return () => fs.rmSync(TEST_TMP, { recursive: true, force: true });
}
