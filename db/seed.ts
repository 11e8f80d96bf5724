import { assignMissingHandles } from "../app/.server/auth/handles.ts";
import { hashPassword } from "../app/.server/auth/password.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../tests/factories/users.ts";
import { databasePath, migrateDatabase, openDatabase } from "./connection.ts";
import { users } from "./schema/auth.ts";
import { seedOrganisations } from "./seed-organisations.ts";
import { seedInitiatives } from "./seed-initiatives.ts";
import { seedEvents } from "./seed-events.ts";
import { PRIVACY_NOTICE_VERSION } from "../app/features/privacy/version.ts";
import { register } from "node:module";

// Demo data only. Idempotent: running it again updates the same people instead of adding more.
if (process.env.NODE_ENV === "production" && !process.argv.includes("--force")) {
  console.error("Refusing to seed a production database. Pass --force if you really mean it.");
  process.exit(1);
}

// The discussion feature's modules reach auth's list of common passwords, a `?raw` import that only
// Vite understands: these hooks give it its text here too. Imported after registering them.
register("./raw-imports.mjs", import.meta.url);
const { DEMO_ACCOUNTS_SINCE, seedDiscussions } = await import("./seed-discussions.ts");
const { seedExchange } = await import("./seed-exchange.ts");

const { db, sqlite } = openDatabase();
migrateDatabase(db);

const passwordHash = await hashPassword(DEMO_PASSWORD);
const now = new Date();
for (const person of DEMO_USERS) {
  const locale = "locale" in person ? person.locale : "es";
  db.insert(users)
    // Accounts as old as the platform: the demo discussions go back years (and new accounts' posting is limited).
    .values({ email: person.email, name: person.name, role: person.role, locale, passwordHash, emailVerifiedAt: now, createdAt: DEMO_ACCOUNTS_SINCE })
    .onConflictDoUpdate({ target: users.email, set: { name: person.name, role: person.role, passwordHash, createdAt: DEMO_ACCOUNTS_SINCE } })
    .run();
}
// The demo people are inserted directly: they get their @mention handles here.
assignMissingHandles(db);
const organisationCount = seedOrganisations(db);
const initiativeCount = seedInitiatives(db);
const eventCount = seedEvents(db);
const discussions = seedDiscussions(db, passwordHash);
const exchange = seedExchange(db);
// Every demo person has accepted the privacy notice in force (issue 13), as sign-up records it.
sqlite
  .prepare(
    `INSERT INTO privacy_consents (user_id, notice_version, accepted_at)
       SELECT id, ?, unixepoch('subsec') * 1000 FROM users WHERE privacy_notice_version IS NULL AND password_hash <> '!'`,
  )
  .run(PRIVACY_NOTICE_VERSION);
sqlite.prepare("UPDATE users SET privacy_notice_version = ? WHERE privacy_notice_version IS NULL AND password_hash <> '!'").run(PRIVACY_NOTICE_VERSION);
sqlite.close();

console.log(`Seeded ${databasePath()}. Demo accounts (password "${DEMO_PASSWORD}"):`);
for (const person of DEMO_USERS) console.log(`  ${person.role.padEnd(11)} ${person.email}`);
console.log(`Seeded ${organisationCount} demo organisations (one pending review).`);
console.log(`Seeded ${initiativeCount} demo initiatives.`);
console.log(`Seeded ${eventCount} demo events (Forum 2018–2026 and more).`);
console.log(
  discussions.threads
    ? `Seeded ${discussions.threads} demo discussion threads with ${discussions.posts} posts.`
    : "Demo discussions were there already; left as they are.",
);
console.log(`Seeded ${exchange.listings} demo exchange listings (${exchange.conversations} new conversations, ${exchange.exchanges} new exchanges).`);
