import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import type { InitiativeFilters } from "#app/features/initiatives/filters.ts";
import type { IndicatorCode } from "#app/features/initiatives/taxonomy.ts";
import type { MemberRole } from "#app/features/organisations/taxonomy.ts";
import { mayActFor, organisationsOfUser, organisationsUserActsFor } from "#app/.server/organisations/index.ts";

const i = schema.initiatives;

export function findInitiativeBySlug(slug: string) {
  return db
    .select({ initiative: i, lead: { id: schema.organisations.id, slug: schema.organisations.slug, name: schema.organisations.name, status: schema.organisations.status, actorType: schema.organisations.actorType } })
    .from(i)
    .innerJoin(schema.organisations, eq(schema.organisations.id, i.leadOrganisationId))
    .where(eq(i.slug, slug))
    .get();
}

export function partnersOf(initiativeId: number) {
  return db
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
    .all();
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

/** Everything the initiative page shows, in a fixed handful of queries. */
export function initiativeDetail(initiativeId: number, userId: number | undefined) {
  const chains = db.select().from(schema.initiativeValueChains).where(eq(schema.initiativeValueChains.initiativeId, initiativeId)).all();
  const regions = db.select().from(schema.initiativeRegions).where(eq(schema.initiativeRegions.initiativeId, initiativeId)).all();
  const needs = db.select().from(schema.initiativeNeeds).where(eq(schema.initiativeNeeds.initiativeId, initiativeId)).all();
  const timeline = db
    .select({ from: schema.initiativeStatusChanges.fromStatus, to: schema.initiativeStatusChanges.toStatus, at: schema.initiativeStatusChanges.changedAt, by: schema.users.name })
    .from(schema.initiativeStatusChanges)
    .leftJoin(schema.users, eq(schema.users.id, schema.initiativeStatusChanges.changedBy))
    .where(eq(schema.initiativeStatusChanges.initiativeId, initiativeId))
    .orderBy(asc(schema.initiativeStatusChanges.changedAt), asc(schema.initiativeStatusChanges.id))
    .all();
  const updates = db
    .select({
      id: schema.initiativeUpdates.id,
      reportedOn: schema.initiativeUpdates.reportedOn,
      body: schema.initiativeUpdates.body,
      organisation: schema.organisations.name,
      author: schema.users.name,
    })
    .from(schema.initiativeUpdates)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.initiativeUpdates.organisationId))
    .leftJoin(schema.users, eq(schema.users.id, schema.initiativeUpdates.authorId))
    .where(eq(schema.initiativeUpdates.initiativeId, initiativeId))
    .orderBy(desc(schema.initiativeUpdates.reportedOn), desc(schema.initiativeUpdates.id))
    .all();
  const values = db
    .select()
    .from(schema.initiativeIndicatorValues)
    .where(eq(schema.initiativeIndicatorValues.initiativeId, initiativeId))
    .all();
  const following = userId
    ? Boolean(
        db
          .select()
          .from(schema.initiativeFollows)
          .where(and(eq(schema.initiativeFollows.initiativeId, initiativeId), eq(schema.initiativeFollows.userId, userId)))
          .get(),
      )
    : false;
  const totals: Partial<Record<IndicatorCode, number>> = {};
  for (const v of values) totals[v.indicator] = (totals[v.indicator] ?? 0) + v.value;
  return {
    valueChains: chains.map((c) => c.valueChain),
    regions: regions.map((r) => r.region),
    needs,
    timeline,
    updates: updates.map((u) => ({ ...u, indicators: values.filter((v) => v.updateId === u.id).map((v) => ({ indicator: v.indicator, value: v.value })) })),
    totals,
    partners: partnersOf(initiativeId),
    following,
  };
}

/** The viewer's relation to an initiative, for permissions. */
export function viewerContext(initiative: { id: number; leadOrganisationId: number }, user: { id: number } | null) {
  const memberships = organisationsOfUser(user?.id);
  const leadRole: MemberRole | null = memberships.find((m) => m.id === initiative.leadOrganisationId)?.role ?? null;
  const partners = user
    ? db
        .select({ organisationId: schema.initiativePartners.organisationId, state: schema.initiativePartners.state })
        .from(schema.initiativePartners)
        .where(eq(schema.initiativePartners.initiativeId, initiative.id))
        .all()
    : [];
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

function initiativesWhere(f: InitiativeFilters, except?: Group): SQL {
  const parts: SQL[] = [sql`initiatives.status <> 'draft'`, sql`lead.status = 'approved'`];
  if (f.q) {
    const needle = `%${f.q.toLowerCase()}%`;
    parts.push(sql`(lower(initiatives.title) LIKE ${needle} OR lower(initiatives.summary) LIKE ${needle} OR lower(lead.name) LIKE ${needle})`);
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

type Count = { value: string; count: number };

/** Counts per facet value, one query per group, each with the other groups' filters applied. */
export function initiativeFacets(f: InitiativeFilters) {
  const counts = (query: SQL) => Object.fromEntries(db.all<Count>(query).map((r) => [r.value, r.count]));
  const simple = (column: SQL, group: Group) =>
    counts(sql`SELECT ${column} AS value, count(*) AS count FROM ${FROM} WHERE ${initiativesWhere(f, group)} AND ${column} IS NOT NULL GROUP BY 1`);
  const joined = (table: string, column: string, group: Group) =>
    counts(
      sql`SELECT t.${sql.raw(column)} AS value, count(*) AS count FROM ${sql.raw(table)} t JOIN initiatives ON initiatives.id = t.initiative_id ${JOIN_LEAD} WHERE ${initiativesWhere(f, group)} GROUP BY 1`,
    );
  return {
    roadmap: simple(sql`initiatives.roadmap`, "roadmap"),
    approach: simple(sql`initiatives.approach`, "approach"),
    status: simple(sql`initiatives.status`, "status"),
    leadType: simple(sql`lead.actor_type`, "leadType"),
    gender: counts(
      sql`SELECT 'yes' AS value, count(*) AS count FROM ${FROM} WHERE ${initiativesWhere(f, "gender")} AND initiatives.gender_perspective = 1`,
    ),
    chain: joined("initiative_value_chains", "value_chain", "chain"),
    region: joined("initiative_regions", "region", "region"),
    seeks: joined("initiative_needs", "kind", "seeks"),
  };
}

export function initiativesPage(f: InitiativeFilters) {
  const where = initiativesWhere(f);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${FROM} WHERE ${where}`)?.n ?? 0;
  // Seeking partners first (open), then in progress, then the finished ones; newest first within.
  const order =
    f.sort === "newest"
      ? sql`initiatives.published_at DESC, initiatives.id DESC`
      : sql`CASE initiatives.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END, initiatives.published_at DESC, initiatives.id DESC`;
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
    FROM ${FROM}
    WHERE ${where}
    ORDER BY ${order}
    LIMIT ${INITIATIVES_PAGE_SIZE} OFFSET ${(f.page - 1) * INITIATIVES_PAGE_SIZE}`);
  return { rows, total, pages: Math.max(1, Math.ceil(total / INITIATIVES_PAGE_SIZE)) };
}

/** Per roadmap (and, for industry, per approach): how many public initiatives and their indicator totals. */
export function roadmapSummary() {
  const counts = db.all<{ roadmap: string; approach: string | null; count: number }>(sql`
    SELECT initiatives.roadmap AS roadmap, initiatives.approach AS approach, count(*) AS count
    FROM ${FROM} WHERE initiatives.status <> 'draft' AND lead.status = 'approved'
    GROUP BY 1, 2`);
  const totals = db.all<{ roadmap: string; approach: string | null; indicator: IndicatorCode; total: number }>(sql`
    SELECT initiatives.roadmap AS roadmap, initiatives.approach AS approach, v.indicator AS indicator, sum(v.value) AS total
    FROM initiative_indicator_values v JOIN initiatives ON initiatives.id = v.initiative_id ${JOIN_LEAD}
    WHERE initiatives.status <> 'draft' AND lead.status = 'approved'
    GROUP BY 1, 2, 3`);
  return { counts, totals };
}

/** A user's dashboard: their organisations' initiatives, requests to answer, invitations to answer. */
export function myWork(userId: number) {
  const memberships = organisationsUserActsFor(userId);
  const orgIds = memberships.map((m) => m.id);
  const managerOrgIds = memberships.filter((m) => m.role !== "member").map((m) => m.id);
  if (orgIds.length === 0) return { memberships, initiatives: [], requests: [], invitations: [] };
  const initiatives = db.all<{ slug: string; title: string; status: string; relation: string; organisation: string }>(sql`
    SELECT initiatives.slug, initiatives.title, initiatives.status, 'lead' AS relation, lead.name AS organisation
    FROM ${FROM} WHERE initiatives.lead_organisation_id IN (${list(orgIds)})
    UNION ALL
    SELECT initiatives.slug, initiatives.title, initiatives.status, 'partner' AS relation, o.name AS organisation
    FROM initiative_partners p JOIN initiatives ON initiatives.id = p.initiative_id ${JOIN_LEAD} JOIN organisations o ON o.id = p.organisation_id
    WHERE p.state = 'active' AND p.organisation_id IN (${list(orgIds)}) AND initiatives.status <> 'draft' AND lead.status = 'approved' 
    ORDER BY 2`);
  const pending = (state: "requested" | "invited", column: SQL) =>
    managerOrgIds.length === 0
      ? []
      : db.all<{ partnerId: number; slug: string; title: string; organisation: string; role: string; message: string }>(sql`
          SELECT p.id AS partnerId, initiatives.slug, initiatives.title, o.name AS organisation, p.role, p.message
          FROM initiative_partners p JOIN initiatives ON initiatives.id = p.initiative_id ${JOIN_LEAD} JOIN organisations o ON o.id = p.organisation_id
          WHERE p.state = ${state} AND ${column} IN (${list(managerOrgIds)}) AND initiatives.status <> 'draft' AND lead.status = 'approved' 
          ORDER BY p.created_at`);
  return {
    memberships,
    initiatives,
    requests: pending("requested", sql`initiatives.lead_organisation_id`),
    invitations: pending("invited", sql`p.organisation_id`),
  };
}

/** Public initiatives an organisation leads or partners, for its profile page. One query. */
export function initiativesOfOrganisation(organisationId: number) {
  return db.all<{ slug: string; title: string; status: string; relation: "lead" | "partner" }>(sql`
    SELECT initiatives.slug, initiatives.title, initiatives.status, 'lead' AS relation
    FROM initiatives WHERE initiatives.lead_organisation_id = ${organisationId} AND initiatives.status <> 'draft'
    UNION ALL
    SELECT initiatives.slug, initiatives.title, initiatives.status, 'partner' AS relation
    FROM initiative_partners p JOIN initiatives ON initiatives.id = p.initiative_id ${JOIN_LEAD}
    WHERE p.organisation_id = ${organisationId} AND p.state = 'active' AND initiatives.status <> 'draft' AND lead.status = 'approved'
    ORDER BY 2`);
}
