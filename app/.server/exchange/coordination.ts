// What coordinators do with the resource exchange (issue 12): hide a listing that breaks the rules
// (or show it again), logged in exchange_audit; and their overview of the exchange.
import { desc, eq, isNotNull, sql } from "drizzle-orm";
import { peopleByIds } from "#app/.server/auth/handles.ts";
import type { SessionUser } from "#app/.server/auth/index.ts";
import { db, schema } from "#app/.server/db.ts";
import { notify } from "#app/.server/notifications/index.ts";
import { approvedOrganisationSql, managerIds, organisationNameSql } from "#app/.server/organisations/index.ts";
import { versionedCache } from "#app/.server/versioned-cache.ts";
import { QUANTITY_UNITS, type MaterialCategory } from "#app/features/exchange/taxonomy.ts";
import { EXCHANGE_NOTICES } from "./notification-kinds.ts";
import { canOnListing } from "./permissions.ts";
import { exchangeFigures } from "./rollups.ts";

const l = schema.exchangeListings;

export type HideRefusal = "notFound" | "forbidden" | "alreadyInState";

/**
 * Hides a listing (`intent` "hide": sets hidden_at; it leaves every list and search) or shows it
 * again ("show"), for coordinators and admins (canOnListing "hide"), with a required `reason`. In
 * one immediate transaction: the change and an exchange_audit row (actor, action, `changes`:
 * `{ reason, before: { hiddenAt }, after: { hiddenAt } }`, UTC ms or null). Then the listing's
 * owners and editors are told, with the reason. "alreadyInState" (409) when it already is.
 */
export function setListingHidden(
  user: SessionUser,
  listingId: number,
  intent: "hide" | "show",
  reason: string,
  now = new Date(),
): { ok: true } | { ok: false; error: HideRefusal } {
  if (!canOnListing("hide", user, { status: "published", hiddenAt: null, organisationStatus: "approved" }, null)) return { ok: false, error: "forbidden" };
  const result = db.transaction(
    (tx): { ok: true; organisationId: number } | { ok: false; error: HideRefusal } => {
      const listing = tx.select({ hiddenAt: l.hiddenAt, organisationId: l.organisationId }).from(l).where(eq(l.id, listingId)).get();
      if (!listing) return { ok: false, error: "notFound" };
      if ((intent === "hide") === (listing.hiddenAt !== null)) return { ok: false, error: "alreadyInState" };
      const after = intent === "hide" ? now : null;
      tx.update(l).set({ hiddenAt: after, updatedAt: now }).where(eq(l.id, listingId)).run();
      tx.insert(schema.exchangeAudit)
        .values({
          listingId,
          actorId: user.id,
          action: intent,
          changes: { reason, before: { hiddenAt: listing.hiddenAt?.getTime() ?? null }, after: { hiddenAt: after?.getTime() ?? null } },
          createdAt: now,
        })
        .run();
      return { ok: true, organisationId: listing.organisationId };
    },
    { behavior: "immediate" },
  );
  if (!result.ok) return result;
  notify({
    type: intent === "hide" ? EXCHANGE_NOTICES.hidden : EXCHANGE_NOTICES.shown,
    recipients: managerIds([result.organisationId]),
    actorId: user.id,
    subject: { type: "exchange_listing", id: listingId },
    data: { reason },
  });
  return { ok: true };
}

/**
 * A listing's coordination log, newest first: `{ id, action ("hide" | "show"), reason, actor
 * (name or null), createdAt (Date) }[]`. Two queries (the rows; the actors' names). For
 * coordinators and admins only: the caller checks.
 */
export function listingAudit(listingId: number) {
  const rows = db
    .select({ id: schema.exchangeAudit.id, action: schema.exchangeAudit.action, changes: schema.exchangeAudit.changes, actorId: schema.exchangeAudit.actorId, createdAt: schema.exchangeAudit.createdAt })
    .from(schema.exchangeAudit)
    .where(eq(schema.exchangeAudit.listingId, listingId))
    .orderBy(desc(schema.exchangeAudit.createdAt), desc(schema.exchangeAudit.id))
    .all();
  const actors = rows.length ? peopleByIds(rows.flatMap((r) => (r.actorId ? [r.actorId] : []))) : new Map<number, { name: string }>();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    reason: typeof r.changes.reason === "string" ? r.changes.reason : "",
    actor: r.actorId ? (actors.get(r.actorId)?.name ?? null) : null,
    createdAt: r.createdAt,
  }));
}

/** How many rows each list of the overview shows. */
export const OVERVIEW_ROWS = 50;

/** SQL: the dimension of a listing's unit ('mass', 'volume'…), from QUANTITY_UNITS. */
function dimensionOf(unit: string) {
  const cases = Object.entries(QUANTITY_UNITS).map(([code, u]) => sql`WHEN ${code} THEN ${u.dimension}`);
  return sql`CASE ${sql.raw(unit)} ${sql.join(cases, sql` `)} END`;
}

/** SQL: a listing (alias `alias`) is open: published, not hidden, its organisation approved. */
const openListing = (alias: string) =>
  sql`${sql.raw(alias)}.status = 'published' AND ${sql.raw(alias)}.hidden_at IS NULL AND ${approvedOrganisationSql(sql.raw(`${alias}.organisation_id`))}`;

/**
 * The coordinators' overview (/exchange/overview), in four statements whatever the data size:
 * - `open`: open listings (published, not hidden, organisation approved) per category, region and
 *   kind: `{ category, region, haves, wants }[]`, most first;
 * - `unmatched`: published wants with no open "have" of another organisation in the same category
 *   and unit dimension — what the alliance should look for — `{ rows: { id, title, category,
 *   region, organisation }[] (oldest first, at most OVERVIEW_ROWS), total }`;
 * - `exchanges`: confirmed exchanges that count in the indicators, per month of the day they
 *   moved, with CO₂e (rollups.ts exchangeFigures);
 * - `hidden`: hidden listings, most recently hidden first (at most OVERVIEW_ROWS).
 * Cached until the exchange or organisations change (the version read is then the only statement).
 */
export const exchangeOverview = versionedCache(["exchange", "organisations"], (_: void) => {
  const open = db.all<{ category: MaterialCategory; region: string; haves: number; wants: number }>(sql`
    SELECT w.category AS category, w.region AS region,
      sum(w.kind = 'have') AS haves, sum(w.kind = 'want') AS wants
    FROM exchange_listings w WHERE ${openListing("w")}
    GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2`);
  const unmatched = db.all<{ id: number; title: string; category: MaterialCategory; region: string; organisation: string; total: number }>(sql`
    SELECT w.id AS id, w.title AS title, w.category AS category, w.region AS region,
      ${organisationNameSql(sql.raw("w.organisation_id"))} AS organisation, count(*) OVER () AS total
    FROM exchange_listings w
    WHERE w.kind = 'want' AND ${openListing("w")} AND NOT EXISTS (
      SELECT 1 FROM exchange_listings h
      WHERE h.status = 'published' AND h.category = w.category AND h.kind = 'have' AND h.hidden_at IS NULL
        AND h.organisation_id <> w.organisation_id AND ${dimensionOf("h.unit")} = ${dimensionOf("w.unit")}
        AND ${approvedOrganisationSql(sql.raw("h.organisation_id"))})
    ORDER BY w.published_at, w.id LIMIT ${OVERVIEW_ROWS}`);
  const hidden = db
    .select({ id: l.id, title: l.title, hiddenAt: l.hiddenAt, organisation: organisationNameSql(l.organisationId) })
    .from(l)
    .where(isNotNull(l.hiddenAt))
    .orderBy(desc(l.hiddenAt))
    .limit(OVERVIEW_ROWS)
    .all();
  return {
    open,
    unmatched: { rows: unmatched.map(({ total: _, ...row }) => row), total: unmatched[0]?.total ?? 0 },
    exchanges: exchangeFigures(),
    hidden,
  };
});
