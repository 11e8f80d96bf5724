import { eq, or, sql } from "drizzle-orm";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";
import { schema } from "#app/.server/db.ts";
import { RATE_LIMITS } from "./rate-limit.ts";

/**
 * The account's own data (issue 13): the profile (users row, without the password hash), sessions
 * with their device and IP address, emailed links (without their secrets), one-time form tokens,
 * consents to the privacy notice (version and date).
 * On closure sessions, links and form tokens go with the users row (ON DELETE CASCADE); rate
 * limits keyed by the address are erased here.
 */
export const authPersonalData: PersonalDataSource = {
  section: "account",
  references: [
    { table: schema.sessions, column: schema.sessions.userId, onClosure: "cascade" },
    { table: schema.emailTokens, column: schema.emailTokens.userId, onClosure: "cascade" },
    // The answer kept may name someone else ("invited ana@…"): which form and when only.
    { table: schema.formSubmissions, column: schema.formSubmissions.userId, onClosure: "cascade", exportColumns: { form: schema.formSubmissions.form, createdAt: schema.formSubmissions.createdAt } },
    { table: schema.privacyConsents, column: schema.privacyConsents.userId, onClosure: "cascade" },
  ],
  more: (reader, person) => ({
    users: reader.select().from(schema.users).where(eq(schema.users.id, person.id)).all(),
    // Counters of attempts keyed by the address (log-in, reset links) or the account (confirmation resends).
    rate_limits: reader
      .select()
      .from(schema.rateLimits)
      .where(or(sql`instr(${schema.rateLimits.key}, ${`:${person.email}`}) > 0`, eq(schema.rateLimits.key, `${RATE_LIMITS.verifyPerAccount.name}:${person.id}`)))
      .all(),
  }),
  erase(tx, person) {
    // Answers kept against double submissions may repeat an address in their message ("invited
    // ana@…"); they serve no one once the form is days old, and not this one.
    tx.delete(schema.formSubmissions).where(sql`instr(${schema.formSubmissions.flash}, ${person.email}) > 0`).run();
    // Log-in and reset throttles are keyed "<rule>:<address>" or "<rule>:<address>|<ip>";
    // confirmation resends by "<rule>:<user id>".
    tx.delete(schema.rateLimits).where(sql`instr(${schema.rateLimits.key}, ${`:${person.email}`}) > 0`).run();
    tx.delete(schema.rateLimits).where(eq(schema.rateLimits.key, `${RATE_LIMITS.verifyPerAccount.name}:${person.id}`)).run();
  },
};
