// Run by tests/e2e/data-rights.spec.ts with vite-node against the e2e database (DATABASE_PATH):
// makes the person with the address DR_EMAIL the only owner of a new (pending) organisation,
// through the app's own mutation, and prints the organisation as JSON ({ slug, name }).
import { eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { applyForMembership } from "#app/.server/organisations/index.ts";
import { makeOrganisationProfile } from "#tests/factories/organisations.ts";

const email = process.env.DR_EMAIL;
if (!email) throw new Error("DR_EMAIL is not set");
const user = db
  .select({ id: schema.users.id })
  .from(schema.users)
  .where(eq(schema.users.email, email))
  .get();
if (!user) throw new Error(`no account for ${email}`);
const profile = makeOrganisationProfile({
  name: `Asociación de Recicladores ${Date.now().toString(36)}`,
});
const applied = applyForMembership(user.id, profile);
if (!applied.ok) throw new Error(`could not apply: ${applied.error}`);
console.log(
  JSON.stringify({ slug: applied.organisation.slug, name: profile.name })
);
