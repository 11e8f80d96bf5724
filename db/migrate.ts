import { assignMissingHandles } from "../app/.server/auth/handles.ts";
import { databasePath, migrateDatabase, openDatabase } from "./connection.ts";

const file = databasePath();
const { db, sqlite } = openDatabase(file);
migrateDatabase(db);
// Accounts older than issue 10 (or added by scripts) get their @mention handle.
const handles = assignMissingHandles(db);
sqlite.close();
console.log(`Migrations applied to ${file}${handles ? `; ${handles} accounts given a handle` : ""}`);
