import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema/index.ts";

// db/migrations, from this file and equally from build/server.js, where the server bundles it:
// both sit one folder below the project root.
const MIGRATIONS_FOLDER = fileURLToPath(new URL("../db/migrations", import.meta.url));
export const DEFAULT_DATABASE_PATH = "data/app.sqlite";

export function databasePath() {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

/** Opens a SQLite file with the pragmas every connection of this app uses. */
export function openDatabase(file: string = databasePath()) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  return { sqlite, db };
}

export type AppDatabase = ReturnType<typeof openDatabase>["db"];

/** Applies pending migrations from db/migrations. */
export function migrateDatabase(db: AppDatabase) {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
