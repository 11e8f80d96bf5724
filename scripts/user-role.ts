import { eq } from "drizzle-orm";
import { migrateDatabase, openDatabase } from "../db/connection.ts";
import { PLATFORM_ROLES, users, type PlatformRole } from "../db/schema/auth.ts";

// Usage: npm run user:role -- EMAIL ROLE   (for the first admin; later, admins use /admin/users)
const [email, role] = process.argv.slice(2);
if (!email || !role || !(PLATFORM_ROLES as readonly string[]).includes(role)) {
  console.error(`Usage: npm run user:role -- EMAIL ${PLATFORM_ROLES.join("|")}`);
  process.exit(2);
}
const { db, sqlite } = openDatabase();
migrateDatabase(db);
const result = db
  .update(users)
  .set({ role: role as PlatformRole })
  .where(eq(users.email, email.trim().toLowerCase()))
  .run();
sqlite.close();
if (result.changes === 0) {
  console.error(`No account with the email ${email}. Sign up first, then run this again.`);
  process.exit(1);
}
console.log(`${email} is now ${role}.`);
