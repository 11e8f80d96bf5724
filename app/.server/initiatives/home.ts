import { sql, type SQL } from "drizzle-orm";
import { db } from "#app/.server/db.ts";
import type { InitiativeStatus, PartnerRole } from "#app/features/initiatives/taxonomy.ts";

/** How many initiatives seeking partners the home page lists. */
export const HOME_SEEKING = 3;

/** An initiative of the viewer's organisations: `relation` says whether the organisation leads it or partners. */
export type WorkInitiative = { slug: string; title: string; status: InitiativeStatus; relation: "lead" | "partner"; organisation: string };
/** A pending partnership: a request to answer (on an initiative the viewer's organisation leads) or an invitation to answer. */
export type WorkRequest = { partnerId: number; slug: string; title: string; organisation: string; role: PartnerRole; message: string };

const ids = (values: number[]) => (values.length ? sql.join(values.map((v) => sql`${v}`), sql`, `) : sql`NULL`);
const PUBLIC = sql`initiatives.status <> 'draft' AND lead.status = 'approved'`;

/**
 * A person's work as three JSON-array subqueries (for one statement): `initiatives` (led by one of
 * `orgIds`, drafts included, or partnered actively by one, public only; by title), `requests`
 * (requests to join initiatives led by one of `managerOrgIds`) and `invitations` (invitations
 * made to one of `managerOrgIds`), oldest first. `orgIds` are the organisations the person may
 * act for; `managerOrgIds` those among them where they are owner or manager.
 */
function workColumns(orgIds: number[], managerOrgIds: number[]): SQL {
  const pending = (state: "requested" | "invited", column: SQL) => sql`(
    SELECT json_group_array(json_object('partnerId', partnerId, 'slug', slug, 'title', title, 'organisation', organisation, 'role', role, 'message', message))
    FROM (SELECT p.id AS partnerId, initiatives.slug, initiatives.title, o.name AS organisation, p.role, p.message
          FROM initiative_partners p JOIN initiatives ON initiatives.id = p.initiative_id
            JOIN organisations lead ON lead.id = initiatives.lead_organisation_id JOIN organisations o ON o.id = p.organisation_id
          WHERE p.state = ${state} AND ${column} IN (${ids(managerOrgIds)}) AND ${PUBLIC}
          ORDER BY p.created_at))`;
  return sql`
    (SELECT json_group_array(json_object('slug', slug, 'title', title, 'status', status, 'relation', relation, 'organisation', organisation))
     FROM (SELECT initiatives.slug, initiatives.title, initiatives.status, 'lead' AS relation, lead.name AS organisation
           FROM initiatives JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
           WHERE initiatives.lead_organisation_id IN (${ids(orgIds)})
           UNION ALL
           SELECT initiatives.slug, initiatives.title, initiatives.status, 'partner', o.name
           FROM initiative_partners p JOIN initiatives ON initiatives.id = p.initiative_id
             JOIN organisations lead ON lead.id = initiatives.lead_organisation_id JOIN organisations o ON o.id = p.organisation_id
           WHERE p.state = 'active' AND p.organisation_id IN (${ids(orgIds)}) AND ${PUBLIC}
           ORDER BY 2)) AS initiatives,
    ${pending("requested", sql`initiatives.lead_organisation_id`)} AS requests,
    ${pending("invited", sql`p.organisation_id`)} AS invitations`;
}

type WorkJson = { initiatives: string; requests: string; invitations: string };
const parseWork = (row: WorkJson) => ({
  initiatives: JSON.parse(row.initiatives) as WorkInitiative[],
  requests: JSON.parse(row.requests) as WorkRequest[],
  invitations: JSON.parse(row.invitations) as WorkRequest[],
});

/**
 * The work of a person acting for `orgIds` (managing `managerOrgIds`): their initiatives,
 * requests and invitations to answer, as `myWork` describes them. One statement.
 */
export function workOf(orgIds: number[], managerOrgIds: number[]) {
  return parseWork(db.get<WorkJson>(sql`SELECT ${workColumns(orgIds, managerOrgIds)}`)!);
}

/**
 * The home page's share of the initiatives feature, in ONE statement: how many public
 * initiatives are open (seeking partners; lead approved), the newest HOME_SEEKING of them
 * (`{ slug, title, leadName, leadSlug }`), and, given the organisations a signed-in viewer acts
 * for, their work as `workOf` gives it (empty arrays without a viewer). The count and the rows are
 * read through initiatives_status_idx (status, published_at).
 */
export function homeInitiatives(viewer: { orgIds: number[]; managerOrgIds: number[] } | null) {
  const row = db.get<{ open: number; seeking: string } & WorkJson>(sql`
    SELECT
      (SELECT count(*) FROM initiatives CROSS JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
        WHERE initiatives.status = 'open' AND lead.status = 'approved') AS open,
      (SELECT json_group_array(json_object('slug', slug, 'title', title, 'leadName', leadName, 'leadSlug', leadSlug))
        FROM (SELECT initiatives.slug, initiatives.title, lead.name AS leadName, lead.slug AS leadSlug
              FROM initiatives CROSS JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
              WHERE initiatives.status = 'open' AND lead.status = 'approved'
              ORDER BY initiatives.published_at DESC, initiatives.id DESC LIMIT ${HOME_SEEKING})) AS seeking,
      ${viewer ? workColumns(viewer.orgIds, viewer.managerOrgIds) : sql`'[]' AS initiatives, '[]' AS requests, '[]' AS invitations`}`)!;
  return {
    open: row.open,
    seeking: JSON.parse(row.seeking) as Array<{ slug: string; title: string; leadName: string; leadSlug: string }>,
    ...parseWork(row),
  };
}
