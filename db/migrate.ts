import { databasePath, migrateDatabase, openDatabase } from "./connection.ts";

const file = databasePath();
const { db, sqlite } = openDatabase(file);
migrateDatabase(db);
sqlite.close();
console.log(`Migrations applied to ${file}`);
