import { and, eq, gte, inArray, isNull, lt, lte } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { notify } from "#app/.server/notifications/index.ts";
import { approvedOrganisationSql, managerIds } from "#app/.server/organisations/index.ts";
import { addDays } from "#app/features/exchange/schemas.ts";
import { limaDay } from "#app/i18n.ts";
import { EXCHANGE_NOTICES } from "./notification-kinds.ts";

// A listing's availability ends (issue 12): its owners are reminded a week before, and the day
// after its available-until day (in Lima) it expires unless renewed. Both run from the server's
// hourly housekeeping (server/index.ts); `now` is a parameter so tests use fixed dates.

const l = schema.exchangeListings;

/** Days before the available-until day when the owners are reminded. */
export const EXPIRY_REMINDER_DAYS = 7;

/**
 * Published and matched listings whose available-until day is before today in Lima become
 * "expired" (they leave /exchange and search; their exchanges stay). Returns how many. One
 * statement through exchange_listings_until_idx.
 */
export function expireListings(now = new Date()): number {
  return db
    .update(l)
    .set({ status: "expired", updatedAt: now })
    .where(and(inArray(l.status, ["published", "matched"]), lt(l.availableUntil, limaDay(now))))
    .run().changes;
}

/**
 * Tells the owners and editors of each published listing whose available-until day is today or
 * within the next 7 days (Lima) and not yet reminded, once: the listing is marked reminded in one
 * immediate transaction, then each organisation's managers are notified (kind
 * "exchange.listing_expiring", data { until }). Renewing clears the mark. Returns the listing ids
 * reminded.
 */
export function remindExpiringListings(now = new Date()): number[] {
  const today = limaDay(now);
  const due = db.transaction(
    (tx) => {
      const rows = tx
        .select({ id: l.id, organisationId: l.organisationId, until: l.availableUntil })
        .from(l)
        .where(
          and(
            eq(l.status, "published"),
            gte(l.availableUntil, today),
            lte(l.availableUntil, addDays(today, EXPIRY_REMINDER_DAYS)),
            isNull(l.expiryReminderSentAt),
            isNull(l.hiddenAt),
            // A suspended organisation's team cannot renew: nothing to remind them of.
            approvedOrganisationSql(l.organisationId),
          ),
        )
        .all();
      if (rows.length) tx.update(l).set({ expiryReminderSentAt: now }).where(inArray(l.id, rows.map((r) => r.id))).run();
      return rows;
    },
    { behavior: "immediate" },
  );
  for (const row of due) {
    notify({
      type: EXCHANGE_NOTICES.expiring,
      recipients: managerIds([row.organisationId]),
      subject: { type: "exchange_listing", id: row.id },
      data: { until: row.until },
    });
  }
  return due.map((r) => r.id);
}
