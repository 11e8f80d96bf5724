import { migrateDatabase, openDatabase } from "../db/connection.ts";
import { rebuildSearchIndexesOf } from "../app/.server/search/rebuild.ts";

// Usage: npm run search:rebuild
// Rebuilds the full-text indexes of search and the listings' text filters from their tables and
// checks them (issue 11). Triggers keep them in step with every write; this is for after a
// restore or a bulk load made with the triggers off. Safe to run while the server runs: the
// rebuild is one immediate transaction, which waits for writers (busy_timeout) and blocks none
// of the readers.
const { db, sqlite } = openDatabase();
migrateDatabase(db);
const started = Date.now();
const rebuilt = rebuildSearchIndexesOf(sqlite);
sqlite.close();
console.log(`Rebuilt and checked ${rebuilt.join(", ")} in ${Date.now() - started} ms.`);
