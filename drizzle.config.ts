import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_PATH ?? "data/app.sqlite" },
  // FTS tables are created in custom migrations; keep drizzle-kit from trying to drop them.
  tablesFilter: ["!*_fts*"],
});
