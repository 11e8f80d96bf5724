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
  reusePreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  return { sqlite, db };
}

/** How many distinct SQL texts keep their prepared statement (least recently used dropped first). */
export const PREPARED_STATEMENT_CACHE_SIZE = 1000;

/**
 * Makes `sqlite.prepare(sql)` return the statement already prepared for the same SQL text.
 *
 * Drizzle prepares every query it runs, on every call; compiling SQL is a measurable share of a
 * page's time (issue 9). Queries are built from fixed text with `?` parameters, so the distinct
 * texts are few (a filter's IN-list length makes a new text; the cache is bounded anyway). A
 * reused statement is reset to the default row mode first, because Drizzle switches a statement
 * to raw (array) rows by calling `raw()` on it and never switches it back. A statement still
 * being iterated (`busy`) is not handed out twice: a fresh one is prepared instead.
 */
export function reusePreparedStatements(sqlite: Database.Database, size = PREPARED_STATEMENT_CACHE_SIZE) {
  const prepareNew = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const known = statements.get(source);
    if (known && !known.busy) {
      // Map order is insertion order: re-inserting marks it as the most recently used.
      statements.delete(source);
      statements.set(source, known);
      if (known.reader) known.raw(false).pluck(false).expand(false);
      return known;
    }
    const statement = prepareNew(source);
    if (!known) {
      statements.set(source, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value!);
    }
    return statement;
  }) as Database.Database["prepare"];
}

export type AppDatabase = ReturnType<typeof openDatabase>["db"];

/** Applies pending migrations from db/migrations. */
export function migrateDatabase(db: AppDatabase) {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
