import { sql } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import { REGION_CODES, type MemberRole, type OrganisationStatus } from "#app/features/organisations/taxonomy.ts";

/** The home page's figures of the alliance's members. */
export type OrganisationFigures = {
  /** Approved organisations. */
  members: number;
  /** Approved organisations with a Pact signature in force. */
  signatories: number;
  /** Regions (of the 25 + Callao) where an approved organisation operates or has its head office. */
  regions: number;
};

/** One of the viewer's organisations on their dashboard. */
export type HomeMembership = {
  id: number;
  slug: string;
  name: string;
  status: OrganisationStatus;
  role: MemberRole;
  /** Whether it has a Pact signature in force. */
  pactSigned: boolean;
};

/**
 * The home page's share of the organisations feature, in ONE statement (the page's budget is 8,
 * signed in included): the members' figures and, for a signed-in viewer, their organisations
 * (any status, by name) and, for coordinators and admins (`reviewer`), how many applications wait
 * for a decision. Regions are counted per region code through the region indexes, so the cost
 * does not grow with the number of organisations. Without a viewer `mine` is empty and
 * `applicationsWaiting` 0. `overview: false` leaves the figures out (all 0), for a caller that has
 * them cached.
 */
export function homeOrganisations(viewer: { userId: number; reviewer: boolean } | null, { overview = true } = {}): {
  figures: OrganisationFigures;
  mine: HomeMembership[];
  applicationsWaiting: number;
} {
  const row = db.get<{ members: number; signatories: number; regions: number; mine: string; waiting: number }>(sql`
    SELECT ${overview ? sql`
      (SELECT count(*) FROM organisations WHERE status = 'approved') AS members,
      (SELECT count(*) FROM pact_signatures ps JOIN organisations o ON o.id = ps.organisation_id
        WHERE ps.withdrawn_at IS NULL AND o.status = 'approved') AS signatories,
      (SELECT count(*) FROM (VALUES ${sql.join(REGION_CODES.map((code) => sql`(${code})`), sql`, `)}) code
        WHERE EXISTS (SELECT 1 FROM organisations o WHERE o.hq_region = code.column1 AND o.status = 'approved')
           OR EXISTS (SELECT 1 FROM organisation_regions r JOIN organisations o ON o.id = r.organisation_id
                      WHERE r.region = code.column1 AND o.status = 'approved')) AS regions,` : sql`0 AS members, 0 AS signatories, 0 AS regions,`}
      ${viewer ? sql`(SELECT json_group_array(json_object('id', id, 'slug', slug, 'name', name, 'status', status, 'role', role, 'pactSigned', signed))
        FROM (SELECT organisations.id, organisations.slug, organisations.name, organisations.status, m.role,
                EXISTS (SELECT 1 FROM pact_signatures ps WHERE ps.organisation_id = organisations.id AND ps.withdrawn_at IS NULL) AS signed
              FROM organisation_members m JOIN organisations ON organisations.id = m.organisation_id
              WHERE m.user_id = ${viewer.userId} ORDER BY organisations.name_key))` : sql`'[]'`} AS mine,
      ${viewer?.reviewer ? sql`(SELECT count(*) FROM organisations WHERE status = 'pending')` : sql`0`} AS waiting`)!;
  const mine = (JSON.parse(row.mine) as Array<Omit<HomeMembership, "pactSigned"> & { pactSigned: number }>).map((m) => ({ ...m, pactSigned: Boolean(m.pactSigned) }));
  return { figures: { members: row.members, signatories: row.signatories, regions: row.regions }, mine, applicationsWaiting: row.waiting };
}
