import { hashPassword } from "../app/.server/auth/password.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../tests/factories/users.ts";
import { databasePath, migrateDatabase, openDatabase } from "./connection.ts";
import { users } from "./schema/auth.ts";
import { seedOrganisations } from "./seed-organisations.ts";
import { seedInitiatives } from "./seed-initiatives.ts";
import { seedEvents } from "./seed-events.ts";

// Demo data only. Idempotent: running it again updates the same people instead of adding more.
if (process.env.NODE_ENV === "production" && !process.argv.includes("--force")) {
  console.error("Refusing to seed a production database. Pass --force if you really mean it.");
  process.exit(1);
}

const { db, sqlite } = openDatabase();
migrateDatabase(db);

const passwordHash = await hashPassword(DEMO_PASSWORD);
const now = new Date();
for (const person of DEMO_USERS) {
  const locale = "locale" in person ? person.locale : "es";
  db.insert(users)
    .values({ email: person.email, name: person.name, role: person.role, locale, passwordHash, emailVerifiedAt: now })
    .onConflictDoUpdate({ target: users.email, set: { name: person.name, role: person.role, passwordHash } })
    .run();
}
const organisationCount = seedOrganisations(db);
const initiativeCount = seedInitiatives(db);
const eventCount = seedEvents(db);
sqlite.close();

console.log(`Seeded ${databasePath()}. Demo accounts (password "${DEMO_PASSWORD}"):`);
for (const person of DEMO_USERS) console.log(`  ${person.role.padEnd(11)} ${person.email}`);
console.log(`Seeded ${organisationCount} demo organisations (one pending review).`);
console.log(`Seeded ${initiativeCount} demo initiatives.`);
console.log(`Seeded ${eventCount} demo events (Forum 2018–2026 and more).`);
