import type { InitiativeStatus } from "#app/features/initiatives/taxonomy.ts";
import { asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import type { InitiativeFilters } from "#app/features/initiatives/filters.ts";
import type { IndicatorCode } from "#app/features/initiatives/taxonomy.ts";
import type { MemberRole } from "#app/features/organisations/taxonomy.ts";
import { oncePerRequest } from "#app/.server/request-scope.ts";
import { ftsMatch } from "#app/.server/text-search.ts";
import { versionedCache } from "#app/.server/versioned-cache.ts";
import { mayActFor, organisationsOfUser, organisationsUserActsFor } from "#app/.server/organisations/index.ts";
import { workOf } from "./home.ts";

const i = schema.initiatives;

export function findInitiativeBySlug(slug: string) {
  return db
    .select({ initiative: i, lead: { id: schema.organisations.id, slug: schema.organisations.slug, name: schema.organisations.name, status: schema.organisations.status, actorType: schema.organisations.actorType } })
    .from(i)
    .innerJoin(schema.organisations, eq(schema.organisations.id, i.leadOrganisationId))
    .where(eq(i.slug, slug))
    .get();
}

/**
 * Every partnership of an initiative, oldest first, with the partner's name and slug. One query;
 * within one GET request (request-scope.ts) it runs once, as the permission check and the page
 * both need it.
 */
export function partnersOf(initiativeId: number) {
  return oncePerRequest(`initiative-partners:${initiativeId}`, () =>
    db
      .select({
        id: schema.initiativePartners.id,
        organisationId: schema.initiativePartners.organisationId,
        name: schema.organisations.name,
        slug: schema.organisations.slug,
        role: schema.initiativePartners.role,
        state: schema.initiativePartners.state,
        message: schema.initiativePartners.message,
        responseNote: schema.initiativePartners.responseNote,
        createdAt: schema.initiativePartners.createdAt,
        joinedAt: schema.initiativePartners.joinedAt,
      })
      .from(schema.initiativePartners)
      .innerJoin(schema.organisations, eq(schema.organisations.id, schema.initiativePartners.organisationId))
      .where(eq(schema.initiativePartners.initiativeId, initiativeId))
      .orderBy(asc(schema.initiativePartners.createdAt))
      .all(),
  );
}

/** Totals of every indicator reported for the given initiatives: one GROUP BY. */
export function indicatorTotals(initiativeIds: number[]) {
  if (initiativeIds.length === 0) return {} as Partial<Record<IndicatorCode, number>>;
  const rows = db
    .select({ indicator: schema.initiativeIndicatorValues.indicator, total: sql<number>`sum(${schema.initiativeIndicatorValues.value})` })
    .from(schema.initiativeIndicatorValues)
    .where(inArray(schema.initiativeIndicatorValues.initiativeId, initiativeIds))
    .groupBy(schema.initiativeIndicatorValues.indicator)
    .all();
  return Object.fromEntries(rows.map((r) => [r.indicator, r.total])) as Partial<Record<IndicatorCode, number>>;
}

type Need = typeof schema.initiativeNeeds.$inferSelect;
type IndicatorValue = { indicator: IndicatorCode; value: number };

/**
 * Everything the initiative page shows, in three queries whatever the initiative's size: value
 * chains, regions, needs, the status timeline and the viewer's follow in one; the progress
 * updates with their indicator values; the partners (shared with the permission check).
 * Indicator totals are summed from the updates' values. `extra`: a scalar SQL expression another
 * feature's section needs on the page (the exchange's confirmed tonnes, issue 12), returned as
 * `extra` from the first statement; NULL by default.
 */
export function initiativeDetail(initiativeId: number, userId: number | undefined, extra: SQL = sql`NULL`) {
  const lists = db.get<{ chains: string; regions: string; needs: string; timeline: string; following: number; extra: unknown }>(sql`
    SELECT ${extra} AS extra,
      (SELECT json_group_array(value_chain) FROM initiative_value_chains WHERE initiative_id = ${initiativeId}) AS chains,
      (SELECT json_group_array(region) FROM initiative_regions WHERE initiative_id = ${initiativeId}) AS regions,
      (SELECT json_group_array(json_object('initiativeId', initiative_id, 'kind', kind, 'note', note,
          'partnerActorTypes', json(partner_actor_types), 'amountCents', amount_cents, 'financingKind', financing_kind))
        FROM initiative_needs WHERE initiative_id = ${initiativeId}) AS needs,
      (SELECT json_group_array(json_object('from', from_status, 'to', to_status, 'at', changed_at, 'by', changed_by_name))
        FROM (SELECT sc.from_status, sc.to_status, sc.changed_at, u.name AS changed_by_name FROM initiative_status_changes sc
          LEFT JOIN users u ON u.id = sc.changed_by WHERE sc.initiative_id = ${initiativeId} ORDER BY sc.changed_at, sc.id)) AS timeline,
      EXISTS (SELECT 1 FROM initiative_follows WHERE initiative_id = ${initiativeId} AND user_id = ${userId ?? null}) AS following`)!;
  type Change = { from: InitiativeStatus | null; to: InitiativeStatus; at: number; by: string | null };
  const timeline = (JSON.parse(lists.timeline) as Change[]).map((change) => ({ ...change, at: new Date(change.at) }));
  const updates = db
    .select({
      id: schema.initiativeUpdates.id,
      reportedOn: schema.initiativeUpdates.reportedOn,
      body: schema.initiativeUpdates.body,
      organisation: schema.organisations.name,
      author: schema.users.name,
      indicators: sql<string>`(SELECT json_group_array(json_object('indicator', v.indicator, 'value', v.value)) FROM initiative_indicator_values v WHERE v.update_id = ${schema.initiativeUpdates.id})`,
    })
    .from(schema.initiativeUpdates)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.initiativeUpdates.organisationId))
    .leftJoin(schema.users, eq(schema.users.id, schema.initiativeUpdates.authorId))
    .where(eq(schema.initiativeUpdates.initiativeId, initiativeId))
    .orderBy(desc(schema.initiativeUpdates.reportedOn), desc(schema.initiativeUpdates.id))
    .all()
    .map((u) => ({ ...u, indicators: JSON.parse(u.indicators) as IndicatorValue[] }));
  const totals: Partial<Record<IndicatorCode, number>> = {};
  for (const update of updates) for (const v of update.indicators) totals[v.indicator] = (totals[v.indicator] ?? 0) + v.value;
  return {
    valueChains: JSON.parse(lists.chains) as Array<(typeof schema.initiativeValueChains.$inferSelect)["valueChain"]>,
    regions: JSON.parse(lists.regions) as Array<(typeof schema.initiativeRegions.$inferSelect)["region"]>,
    needs: JSON.parse(lists.needs) as Need[],
    timeline,
    updates,
    totals,
    partners: partnersOf(initiativeId),
    following: Boolean(lists.following),
    extra: lists.extra,
  };
}

/** The viewer's relation to an initiative, for permissions. */
export function viewerContext(initiative: { id: number; leadOrganisationId: number }, user: { id: number } | null) {
  const memberships = organisationsOfUser(user?.id);
  const leadRole: MemberRole | null = memberships.find((m) => m.id === initiative.leadOrganisationId)?.role ?? null;
  const partners = user ? partnersOf(initiative.id) : [];
  const activePartnerIds = new Set(partners.filter((p) => p.state === "active").map((p) => p.organisationId));
  const involvedIds = new Set(partners.filter((p) => p.state !== "declined" && p.state !== "left").map((p) => p.organisationId));
  const rank: Record<MemberRole, number> = { owner: 3, editor: 2, member: 1 };
  const partnerRole =
    memberships
      .filter((m) => activePartnerIds.has(m.id) && mayActFor(m))
      .map((m) => m.role)
      .sort((a, b) => rank[b] - rank[a])[0] ?? null;
  const candidates = memberships.filter(
    (m) => mayActFor(m) && m.id !== initiative.leadOrganisationId && !involvedIds.has(m.id),
  );
  // The organisations the viewer may act for here (approved ones), whether involved or not.
  const actsFor = memberships.filter(mayActFor);
  return { memberships, actsFor, leadRole, partnerRole, candidates };
}

// ---- Listing -------------------------------------------------------------------------------

export const INITIATIVES_PAGE_SIZE = 20;

type Group = "roadmap" | "approach" | "chain" | "region" | "status" | "seeks" | "leadType" | "gender";

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** WHERE for the public listing (published, lead approved) and its filters; also read by the API (api.ts). Needs the lead joined as `lead`. */
export function initiativesWhere(f: InitiativeFilters, except?: Group): SQL {
  const parts: SQL[] = [sql`initiatives.status <> 'draft'`, sql`lead.status = 'approved'`];
  if (f.q) {
    // Title or summary, or the lead organisation's name, through the FTS5 indexes.
    const own = ftsMatch(f.q);
    const leadName = ftsMatch(f.q, ["name"]);
    parts.push(
      own && leadName
        ? sql`(initiatives.id IN (SELECT rowid FROM initiatives_fts WHERE initiatives_fts MATCH ${own}) OR initiatives.lead_organisation_id IN (SELECT rowid FROM organisations_fts WHERE organisations_fts MATCH ${leadName}))`
        : sql`0`,
    );
  }
  if (except !== "roadmap" && f.roadmap.length) parts.push(sql`initiatives.roadmap IN (${list(f.roadmap)})`);
  if (except !== "approach" && f.approach.length) parts.push(sql`initiatives.approach IN (${list(f.approach)})`);
  if (except !== "status" && f.status.length) parts.push(sql`initiatives.status IN (${list(f.status)})`);
  if (except !== "leadType" && f.leadType.length) parts.push(sql`lead.actor_type IN (${list(f.leadType)})`);
  if (except !== "gender" && f.gender) parts.push(sql`initiatives.gender_perspective = 1`);
  if (except !== "chain" && f.chain.length)
    parts.push(sql`EXISTS (SELECT 1 FROM initiative_value_chains c WHERE c.initiative_id = initiatives.id AND c.value_chain IN (${list(f.chain)}))`);
  if (except !== "region" && f.region.length)
    parts.push(sql`EXISTS (SELECT 1 FROM initiative_regions r WHERE r.initiative_id = initiatives.id AND r.region IN (${list(f.region)}))`);
  if (except !== "seeks" && f.seeks.length)
    parts.push(sql`EXISTS (SELECT 1 FROM initiative_needs n WHERE n.initiative_id = initiatives.id AND n.kind IN (${list(f.seeks)}))`);
  return sql.join(parts, sql` AND `);
}

const JOIN_LEAD = sql`JOIN organisations lead ON lead.id = initiatives.lead_organisation_id`;
const FROM = sql`initiatives ${JOIN_LEAD}`;

/**
 * Counts per facet value, each group counted with the other groups' filters applied, in one
 * statement (a UNION ALL of one GROUP BY per group). Shape: `{ roadmap: { industry: 12, … }, … }`.
 */
function countInitiativeFacets(f: InitiativeFilters) {
  const simple = (group: Group, column: SQL) =>
    sql`SELECT ${group} AS facet, ${column} AS value, count(*) AS count FROM ${FROM} WHERE ${initiativesWhere(f, group)} AND ${column} IS NOT NULL GROUP BY 2`;
  const joined = (group: Group, table: string, column: string) =>
    sql`SELECT ${group} AS facet, t.${sql.raw(column)} AS value, count(*) AS count FROM ${sql.raw(table)} t JOIN initiatives ON initiatives.id = t.initiative_id ${JOIN_LEAD} WHERE ${initiativesWhere(f, group)} GROUP BY 2`;
  const parts = [
    simple("roadmap", sql`initiatives.roadmap`),
    simple("approach", sql`initiatives.approach`),
    simple("status", sql`initiatives.status`),
    simple("leadType", sql`lead.actor_type`),
    sql`SELECT 'gender' AS facet, 'yes' AS value, count(*) AS count FROM ${FROM} WHERE ${initiativesWhere(f, "gender")} AND initiatives.gender_perspective = 1`,
    joined("chain", "initiative_value_chains", "value_chain"),
    joined("region", "initiative_regions", "region"),
    joined("seeks", "initiative_needs", "kind"),
  ];
  const facets: Record<Group, Record<string, number>> = { roadmap: {}, approach: {}, status: {}, leadType: {}, gender: {}, chain: {}, region: {}, seeks: {} };
  for (const row of db.all<{ facet: Group; value: string; count: number }>(sql.join(parts, sql` UNION ALL `))) {
    facets[row.facet][row.value] = row.count;
  }
  return facets;
}

/**
 * The facet counts of the initiative listing for these filters (see countInitiativeFacets),
 * computed once per filter set and reused until initiatives or organisations change.
 */
export const initiativeFacets = versionedCache(["initiatives", "organisations"], countInitiativeFacets);

// Seeking partners first (open), then in progress, then the finished ones; newest first within.
// The same expression as initiatives_listing_order_idx (migration 0007), so the order is read from it.
const LISTING_ORDER = sql`CASE initiatives.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END, initiatives.published_at DESC, initiatives.id DESC`;
const NEWEST_ORDER = sql`initiatives.published_at DESC, initiatives.id DESC`;

// The rows are read in the listing's order from the index above, joining each lead by primary key:
// CROSS JOIN keeps SQLite (which has no statistics here: ANALYZE is never run) from starting at
// the approved organisations instead and sorting every public initiative (query-plans.test.ts).
function readInitiativesPage(f: InitiativeFilters) {
  const where = initiativesWhere(f);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${FROM} WHERE ${where}`)?.n ?? 0;
  const rows = db.all<{
    id: number;
    slug: string;
    title: string;
    summary: string;
    status: string;
    roadmap: string;
    approach: string | null;
    leadName: string;
    leadSlug: string;
    seeks: string | null;
    regions: string | null;
  }>(sql`
    SELECT initiatives.id, initiatives.slug, initiatives.title, initiatives.summary, initiatives.status,
      initiatives.roadmap, initiatives.approach, lead.name AS leadName, lead.slug AS leadSlug,
      (SELECT group_concat(kind, ';') FROM initiative_needs n WHERE n.initiative_id = initiatives.id) AS seeks,
      (SELECT group_concat(region, ';') FROM initiative_regions r WHERE r.initiative_id = initiatives.id) AS regions
    FROM initiatives CROSS JOIN organisations lead ON lead.id = initiatives.lead_organisation_id
    WHERE ${where}
    ORDER BY ${f.sort === "newest" ? NEWEST_ORDER : LISTING_ORDER}
    LIMIT ${INITIATIVES_PAGE_SIZE} OFFSET ${(f.page - 1) * INITIATIVES_PAGE_SIZE}`);
  return { rows, total, pages: Math.max(1, Math.ceil(total / INITIATIVES_PAGE_SIZE)) };
}

/**
 * One page of the public initiative listing (`{ rows, total, pages }`, 20 rows a page), computed
 * once per filter set and page and reused until initiatives or organisations change.
 */
export const initiativesPage = versionedCache(["initiatives", "organisations"], readInitiativesPage);

/**
 * Per roadmap (and, for industry, per approach): how many public initiatives and their indicator
 * totals. Computed once and reused until initiatives or organisations change.
 */
export const roadmapSummary = versionedCache(["initiatives", "organisations"], (_: void) => readRoadmapSummary());

/**
 * The roadmap summary uncached, in ONE statement: `{ counts: { roadmap, approach, count }[],
 * totals: { roadmap, approach, indicator, total }[] }` (totals as stored). For callers that cache it
 * together with figures of their own (the exchange's roadmap roll-up, issue 12).
 */
export function readRoadmapSummary() {
  const rows = db.all<{ facet: "count" | "total"; roadmap: string; approach: string | null; indicator: IndicatorCode | null; n: number }>(sql`
    SELECT 'count' AS facet, initiatives.roadmap AS roadmap, initiatives.approach AS approach, NULL AS indicator, count(*) AS n
    FROM ${FROM} WHERE initiatives.status <> 'draft' AND lead.status = 'approved'
    GROUP BY 2, 3
    UNION ALL
    SELECT 'total', initiatives.roadmap, initiatives.approach, v.indicator, sum(v.value)
    FROM initiative_indicator_values v JOIN initiatives ON initiatives.id = v.initiative_id ${JOIN_LEAD}
    WHERE initiatives.status <> 'draft' AND lead.status = 'approved'
    GROUP BY 2, 3, 4`);
  return {
    counts: rows.filter((r) => r.facet === "count").map((r) => ({ roadmap: r.roadmap, approach: r.approach, count: r.n })),
    totals: rows.filter((r) => r.facet === "total").map((r) => ({ roadmap: r.roadmap, approach: r.approach, indicator: r.indicator!, total: r.n })),
  };
}

/**
 * A user's dashboard: their organisations' initiatives, requests to answer, invitations to answer
 * (see workOf in home.ts). Two statements: their organisations, then their work.
 */
export function myWork(userId: number) {
  const memberships = organisationsUserActsFor(userId);
  if (memberships.length === 0) return { memberships, initiatives: [], requests: [], invitations: [] };
  const work = workOf(
    memberships.map((m) => m.id),
    memberships.filter((m) => m.role !== "member").map((m) => m.id),
  );
  return { memberships, ...work };
}

/** Public initiatives an organisation leads or partners (`{ slug, title, status, relation, id }`), for its profile page and the exchange's initiative link. One query. */
export function initiativesOfOrganisation(organisationId: number) {
  return db.all<{ slug: string; title: string; status: string; relation: "lead" | "partner"; id: number }>(sql`
    SELECT initiatives.slug, initiatives.title, initiatives.status, 'lead' AS relation, initiatives.id AS id
    FROM initiatives WHERE initiatives.lead_organisation_id = ${organisationId} AND initiatives.status <> 'draft'
    UNION ALL
    SELECT initiatives.slug, initiatives.title, initiatives.status, 'partner' AS relation, initiatives.id
    FROM initiative_partners p JOIN initiatives ON initiatives.id = p.initiative_id ${JOIN_LEAD}
    WHERE p.organisation_id = ${organisationId} AND p.state = 'active' AND initiatives.status <> 'draft' AND lead.status = 'approved'
    ORDER BY 2`);
}
