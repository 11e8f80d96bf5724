// Public figures about the alliance's members for the progress dashboard and the coordinators'
// report (issue 11). Only approved organisations count; a Pact signature counts while it is in
// force (not withdrawn) and its organisation is approved, as on /pact.
import { sql, type SQL } from "drizzle-orm";
import { db } from "#app/.server/db.ts";

/** An interval of instants, UTC ms, `from` included and `to` excluded. */
export type InstantRange = { from: number; to: number };

/** SQL: the calendar month in Lima ("YYYY-MM") of a UTC-ms column. Lima is UTC−5 all year. */
export const limaMonth = (column: SQL) => sql`strftime('%Y-%m', ${column} / 1000 - 18000, 'unixepoch')`;

/** SQL: a UTC-ms column lies in the range (always true without one). */
export const inRange = (column: SQL, range?: InstantRange) => (range ? sql`${column} >= ${range.from} AND ${column} < ${range.to}` : sql`1`);

// When an organisation joined: its approval (older rows without one, e.g. imported, count from submission).
const JOINED_AT = sql`coalesce(organisations.approved_at, organisations.submitted_at)`;

export type OrganisationStats = {
  /** New approved organisations per month (Lima) and actor type, oldest month first. */
  joined: Array<{ month: string; actorType: string; count: number }>;
  /** New Pact signatures in force per month signed (Lima), oldest first. */
  signatures: Array<{ month: string; count: number }>;
  /**
   * Approved organisations per region: head office and operating regions, each organisation once
   * per region. With a range: the members as of its end (joined before `range.to`).
   */
  regions: Array<{ region: string; count: number }>;
  /**
   * With a range, what was already there when it began (joined or signed before `range.from`):
   * members per actor type and signatures in force. Without one, empty and 0.
   */
  before: { members: Array<{ actorType: string; count: number }>; signatures: number };
};

/**
 * Member figures in ONE statement (a UNION ALL of GROUP BYs with a facet column): approved
 * organisations by month joined and actor type, Pact signatures in force by month signed, and
 * approved organisations per region (as the directory's map counts them). With `range`, only
 * organisations that joined in it (and signatures made in it) count by month, `before` carries
 * what was there when it began (so cumulative series start from it), and regions count the
 * members as of its end; months are calendar months in Lima. Counts, not cumulative: the
 * reporting module adds them up.
 */
export function organisationStats(range?: InstantRange): OrganisationStats {
  const joinedIn = inRange(JOINED_AT, range);
  const memberAtEnd = range ? sql`${JOINED_AT} < ${range.to}` : sql`1`;
  const before = range
    ? sql`
    UNION ALL
    SELECT 'memberBefore', NULL, organisations.actor_type, count(*)
    FROM organisations WHERE organisations.status = 'approved' AND ${JOINED_AT} < ${range.from} GROUP BY 3
    UNION ALL
    SELECT 'signatureBefore', NULL, NULL, count(*)
    FROM pact_signatures ps JOIN organisations ON organisations.id = ps.organisation_id
    WHERE ps.withdrawn_at IS NULL AND organisations.status = 'approved' AND ps.signed_at < ${range.from}`
    : sql``;
  type Facet = "joined" | "signature" | "region" | "memberBefore" | "signatureBefore";
  const rows = db.all<{ facet: Facet; k1: string; k2: string | null; n: number }>(sql`
    SELECT 'joined' AS facet, ${limaMonth(JOINED_AT)} AS k1, organisations.actor_type AS k2, count(*) AS n
    FROM organisations WHERE organisations.status = 'approved' AND ${joinedIn} GROUP BY 2, 3
    UNION ALL
    SELECT 'signature', ${limaMonth(sql`ps.signed_at`)}, NULL, count(*)
    FROM pact_signatures ps JOIN organisations ON organisations.id = ps.organisation_id
    WHERE ps.withdrawn_at IS NULL AND organisations.status = 'approved' AND ${inRange(sql`ps.signed_at`, range)} GROUP BY 2
    UNION ALL
    SELECT 'region', region, NULL, count(*) FROM (
      SELECT organisations.id, organisations.hq_region AS region FROM organisations WHERE organisations.status = 'approved' AND ${memberAtEnd}
      UNION
      SELECT organisations.id, r.region FROM organisation_regions r JOIN organisations ON organisations.id = r.organisation_id
      WHERE organisations.status = 'approved' AND ${memberAtEnd}
    ) GROUP BY 2${before}
    ORDER BY 1, 2, 3`);
  const stats: OrganisationStats = { joined: [], signatures: [], regions: [], before: { members: [], signatures: 0 } };
  for (const row of rows) {
    if (row.facet === "joined") stats.joined.push({ month: row.k1, actorType: row.k2!, count: row.n });
    else if (row.facet === "signature") stats.signatures.push({ month: row.k1, count: row.n });
    else if (row.facet === "region") stats.regions.push({ region: row.k1, count: row.n });
    else if (row.facet === "memberBefore") stats.before.members.push({ actorType: row.k2!, count: row.n });
    else stats.before.signatures = row.n;
  }
  return stats;
}

export type NewMember = { kind: "member" | "signatory"; slug: string; name: string; actorType: string; hqRegion: string; at: number };

/**
 * Organisations that joined (were approved) in `range`, and Pact signatures in force made in it by
 * approved organisations, for the coordinators' report: one statement, each list oldest first.
 * `at` is the approval or signature instant (UTC ms).
 */
export function newMembersIn(range: InstantRange): NewMember[] {
  return db.all<NewMember>(sql`
    SELECT 'member' AS kind, organisations.slug, organisations.name, organisations.actor_type AS actorType,
      organisations.hq_region AS hqRegion, ${JOINED_AT} AS at
    FROM organisations WHERE organisations.status = 'approved' AND ${inRange(JOINED_AT, range)}
    UNION ALL
    SELECT 'signatory', organisations.slug, organisations.name, organisations.actor_type, organisations.hq_region, ps.signed_at
    FROM pact_signatures ps JOIN organisations ON organisations.id = ps.organisation_id
    WHERE ps.withdrawn_at IS NULL AND organisations.status = 'approved' AND ${inRange(sql`ps.signed_at`, range)}
    ORDER BY 1, 6, 3`);
}
