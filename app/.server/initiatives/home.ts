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

/** At most how many of each of a person's lists (initiatives, requests, invitations) the home page shows. */
export const HOME_WORK = 5;

/**
 * Rows as one JSON object `{ total, rows }`: how many rows `from` gives, and the first `limit` of
 * them in `order` (all of them when `limit` is null). `from` names its columns as `fields` does.
 */
function jsonPage(fields: string[], from: SQL, order: SQL, limit: number | null): SQL {
  const object = sql.raw(`json_object(${fields.map((f) => `'${f}', ${f}`).join(", ")})`);
  const first = limit === null ? sql`` : sql` FILTER (WHERE n <= ${limit})`;
  return sql`(SELECT json_object('total', count(*), 'rows', json_group_array(${object})${first})
    FROM (SELECT *, row_number() OVER (ORDER BY ${order}) AS n FROM (${from}) ORDER BY n))`;
}

/**
 * A person's work as three JSON-object subqueries (for one statement), each `{ total, rows }`
 * with at most `limit` rows (all when null): `initiatives` (led by one of `orgIds`, drafts
 * included, or partnered actively by one, public only; the active ones — seeking partners or in
 * progress — first, then drafts, completed and cancelled ones, each by latest change, newest
 * first), `requests` (requests to join initiatives led by one of `managerOrgIds`) and
 * `invitations` (invitations made to one of `managerOrgIds`), oldest first. `orgIds` are the
 * organisations the person may act for; `managerOrgIds` those among them where they are owner or
 * manager.
 */
function workColumns(orgIds: number[], managerOrgIds: number[], limit: number | null): SQL {
  const pending = (state: "requested" | "invited", column: SQL) =>
    jsonPage(
      ["partnerId", "slug", "title", "organisation", "role", "message"],
      sql`SELECT p.id AS partnerId, initiatives.slug, initiatives.title, o.name AS organisation, p.role, p.message, p.created_at AS createdAt
          FROM initiative_partners p JOIN initiatives ON initiatives.id = p.initiative_id
            JOIN organisations lead ON lead.id = initiatives.lead_organisation_id JOIN organisations o ON o.id = p.organisation_id
          WHERE p.state = ${state} AND ${column} IN (${ids(managerOrgIds)}) AND ${PUBLIC}`,
      sql`createdAt, partnerId`,
      limit,
    );
  const initiatives = jsonPage(
    ["slug", "title", "status", "relation", "organisation"],
    sql`SELECT initiatives.slug, initiatives.title, initiatives.status, 'lead' AS relation, lead.name AS organisation, initiatives.updated_at AS changed, initiatives.id
        FROM initiatives JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
        WHERE initiatives.lead_organisation_id IN (${ids(orgIds)})
        UNION ALL
        SELECT initiatives.slug, initiatives.title, initiatives.status, 'partner', o.name, initiatives.updated_at, initiatives.id
        FROM initiative_partners p JOIN initiatives ON initiatives.id = p.initiative_id
          JOIN organisations lead ON lead.id = initiatives.lead_organisation_id JOIN organisations o ON o.id = p.organisation_id
        WHERE p.state = 'active' AND p.organisation_id IN (${ids(orgIds)}) AND ${PUBLIC}`,
    sql`CASE status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 0 WHEN 'draft' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END, changed DESC, id DESC, relation`,
    limit,
  );
  return sql`${initiatives} AS initiatives, ${pending("requested", sql`initiatives.lead_organisation_id`)} AS requests,
    ${pending("invited", sql`p.organisation_id`)} AS invitations`;
}

const NO_ROWS = sql`'{"rows":[],"total":0}'`;
type WorkJson = { initiatives: string; requests: string; invitations: string };
type Page<T> = { total: number; rows: T[] };
const parseWork = (row: WorkJson) => {
  const initiatives = JSON.parse(row.initiatives) as Page<WorkInitiative>;
  const requests = JSON.parse(row.requests) as Page<WorkRequest>;
  const invitations = JSON.parse(row.invitations) as Page<WorkRequest>;
  return {
    initiatives: initiatives.rows,
    requests: requests.rows,
    invitations: invitations.rows,
    counts: { initiatives: initiatives.total, requests: requests.total, invitations: invitations.total },
  };
};

/**
 * The work of a person acting for `orgIds` (managing `managerOrgIds`): their initiatives,
 * requests and invitations to answer, as `myWork` describes them. One statement.
 */
export function workOf(orgIds: number[], managerOrgIds: number[]) {
  return parseWork(db.get<WorkJson>(sql`SELECT ${workColumns(orgIds, managerOrgIds, null)}`)!);
}

/**
 * The home page's share of the initiatives feature, in ONE statement: how many public
 * initiatives are open (seeking partners; lead approved), the newest HOME_SEEKING of them
 * (`{ slug, title, leadName, leadSlug }`), and, given the organisations a signed-in viewer acts
 * for, their work as `workOf` gives it but at most HOME_WORK rows a list, with `counts`, how many
 * each list holds in all (as /my-work lists them; empty without a viewer). The count and the rows are
 * read through initiatives_status_idx (status, published_at). `overview: false` leaves out `open`
 * (0) and `seeking` (empty), for a caller that has them cached.
 */
export function homeInitiatives(viewer: { orgIds: number[]; managerOrgIds: number[] } | null, { overview = true } = {}) {
  const row = db.get<{ open: number; seeking: string } & WorkJson>(sql`
    SELECT ${overview ? sql`
      (SELECT count(*) FROM initiatives CROSS JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
        WHERE initiatives.status = 'open' AND lead.status = 'approved') AS open,
      (SELECT json_group_array(json_object('slug', slug, 'title', title, 'leadName', leadName, 'leadSlug', leadSlug))
        FROM (SELECT initiatives.slug, initiatives.title, lead.name AS leadName, lead.slug AS leadSlug
              FROM initiatives CROSS JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
              WHERE initiatives.status = 'open' AND lead.status = 'approved'
              ORDER BY initiatives.published_at DESC, initiatives.id DESC LIMIT ${HOME_SEEKING})) AS seeking,` : sql`0 AS open, '[]' AS seeking,`}
      ${viewer ? workColumns(viewer.orgIds, viewer.managerOrgIds, HOME_WORK) : sql`${NO_ROWS} AS initiatives, ${NO_ROWS} AS requests, ${NO_ROWS} AS invitations`}`)!;
  return {
    open: row.open,
    seeking: JSON.parse(row.seeking) as Array<{ slug: string; title: string; leadName: string; leadSlug: string }>,
    ...parseWork(row),
  };
}
