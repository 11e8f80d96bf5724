import { oncePerRequest } from "#app/.server/request-scope.ts";
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { db, schema, type Tx } from "#app/.server/db.ts";
import type { DirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import { governmentActorType, type MemberRole, type OrganisationStatus } from "#app/features/organisations/taxonomy.ts";
import { nameKey } from "#app/.server/names.ts";
import { ftsMatch } from "#app/.server/text-search.ts";
import { versionedCache } from "#app/.server/versioned-cache.ts";
import { canOnOrganisation } from "./permissions.ts";

const o = schema.organisations;

/** SQL: the organisation in the query (`organisations`) has a Pact signature in force (not withdrawn). */
const activeSignatureExists = sql`EXISTS (SELECT 1 FROM pact_signatures ps WHERE ps.organisation_id = organisations.id AND ps.withdrawn_at IS NULL)`;

/** Whether an organisation has a Pact signature in force. One query. */
export function hasActiveSignature(organisationId: number): boolean {
  return db.select({ id: o.id }).from(o).where(and(eq(o.id, organisationId), activeSignatureExists)).get() !== undefined;
}

/**
 * Approved organisations without a signature in force, by name: those coordinators may record a
 * historical signature for. One query. Shape: `{ id, name }[]`.
 */
export function approvedOrganisationsWithoutSignature() {
  return db
    .select({ id: o.id, name: o.name })
    .from(o)
    .where(and(eq(o.status, "approved"), sql`NOT ${activeSignatureExists}`))
    .orderBy(asc(o.nameKey))
    .all();
}

export function findOrganisationBySlug(slug: string) {
  return db.select().from(o).where(eq(o.slug, slug)).get();
}

export function findOrganisationById(id: number) {
  return db.select().from(o).where(eq(o.id, id)).get();
}

// ---- Membership -----------------------------------------------------------------------------
// The one place that answers "which organisations is this person in" and "may this person act for
// this organisation". Other features (initiatives, events) call these instead of reading
// organisation_members themselves; the rule itself is `canOnOrganisation("actFor", ...)`.

/** The database, or the caller's transaction so a check inside it reads under the same lock. */
type Reader = Pick<Tx, "select">;

/** A person's role in one organisation whatever its status, or null (also for no user). */
export function membershipOf(organisationId: number, userId: number | undefined): MemberRole | null {
  if (!userId) return null;
  const row = db
    .select({ role: schema.organisationMembers.role })
    .from(schema.organisationMembers)
    .where(
      and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.userId, userId)),
    )
    .get();
  return row?.role ?? null;
}

/**
 * Every organisation a person belongs to, whatever its status, ordered by name: `{ id, slug, name,
 * status, role }`. Empty without a user. For "my organisations" and permission contexts.
 */
export function organisationsOfUser(userId: number | undefined) {
  if (!userId) return [];
  // Several parts of one page ask (the initiative's permissions, its discussions): once per GET.
  return oncePerRequest(`organisations-of-user:${userId}`, () =>
    db
      .select({ id: o.id, slug: o.slug, name: o.name, status: o.status, role: schema.organisationMembers.role })
      .from(schema.organisationMembers)
      .innerJoin(o, eq(o.id, schema.organisationMembers.organisationId))
      .where(eq(schema.organisationMembers.userId, userId))
      .orderBy(asc(o.nameKey))
      .all(),
  );
}

/**
 * The approved organisations a person belongs to that have not signed the Pact (no active
 * signature): the next step after approval, for "my work". One query over the person's
 * memberships. Shape: `{ slug, name, role }[]`, by name; `role` "owner" may sign, others may not.
 */
export function organisationsAwaitingPact(userId: number) {
  return db
    .select({ slug: o.slug, name: o.name, role: schema.organisationMembers.role })
    .from(schema.organisationMembers)
    .innerJoin(o, eq(o.id, schema.organisationMembers.organisationId))
    .where(
      and(
        eq(schema.organisationMembers.userId, userId),
        eq(o.status, "approved"),
        sql`NOT ${activeSignatureExists}`,
      ),
    )
    .orderBy(asc(o.nameKey))
    .all();
}

/** Whether a member with this role may act for an organisation with this status. */
export function mayActFor(membership: { status: OrganisationStatus; role: MemberRole | null }) {
  return canOnOrganisation("actFor", null, membership, membership.role);
}

/**
 * The organisations a person may act for (propose an initiative, partner, register on behalf
 * of): the approved ones they belong to, ordered by name, with their role.
 */
export function organisationsUserActsFor(userId: number | undefined) {
  return organisationsOfUser(userId).filter(mayActFor);
}

/**
 * The person's role in an organisation they may act for, or null when they are not a member or
 * the organisation is not approved (pending, rejected, suspended). Pass the transaction when the
 * answer guards a write in it.
 */
export function actingRole(userId: number, organisationId: number, reader: Reader = db): MemberRole | null {
  const row = reader
    .select({ role: schema.organisationMembers.role, status: o.status })
    .from(schema.organisationMembers)
    .innerJoin(o, eq(o.id, schema.organisationMembers.organisationId))
    .where(and(eq(schema.organisationMembers.userId, userId), eq(schema.organisationMembers.organisationId, organisationId)))
    .get();
  return row && mayActFor(row) ? row.role : null;
}

/** User ids of the owners and editors of the given organisations (each once); [] for no ids. */
export function managerIds(organisationIds: number[]): number[] {
  if (organisationIds.length === 0) return [];
  const rows = db
    .select({ userId: schema.organisationMembers.userId })
    .from(schema.organisationMembers)
    .where(
      and(
        inArray(schema.organisationMembers.organisationId, organisationIds),
        inArray(schema.organisationMembers.role, ["owner", "editor"]),
      ),
    )
    .all();
  return [...new Set(rows.map((r) => r.userId))];
}

/** User ids of every member (any role) of the given organisations, each once; [] for no ids. */
export function memberIds(organisationIds: number[]): number[] {
  if (organisationIds.length === 0) return [];
  const rows = db
    .select({ userId: schema.organisationMembers.userId })
    .from(schema.organisationMembers)
    .where(inArray(schema.organisationMembers.organisationId, organisationIds))
    .all();
  return [...new Set(rows.map((r) => r.userId))];
}

/** The user ids of an organisation's owners. */
export function ownerIds(organisationId: number) {
  return db
    .select({ userId: schema.organisationMembers.userId })
    .from(schema.organisationMembers)
    .where(
      and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.role, "owner")),
    )
    .all()
    .map((r) => r.userId);
}

/** Those of `organisationIds` that are approved (public and able to take part), in no order. */
export function approvedOrganisationIds(organisationIds: number[], reader: Reader = db): number[] {
  if (organisationIds.length === 0) return [];
  return reader
    .select({ id: o.id })
    .from(o)
    .where(and(inArray(o.id, organisationIds), eq(o.status, "approved")))
    .all()
    .map((r) => r.id);
}

/**
 * The approved organisation someone means by `name`: its name compared as name keys (case,
 * accents and punctuation ignored: "camara de comercio" finds "Cámara de Comercio"; name keys
 * are unique), else its acronym ignoring case ("sni"), when exactly one approved organisation
 * has it, also written as the directory shows it: "Sociedad Nacional de Industrias (SNI)".
 * `{ id, name }` or undefined. Two indexed queries, whatever the number of organisations.
 */
export function approvedOrganisationNamed(name: string): { id: number; name: string } | undefined {
  return resolveOrganisationNamings([name])[0];
}

/**
 * For each line, the approved organisation it names (see approvedOrganisationNamed) or undefined,
 * in the same order. Two indexed queries (approvedOrganisationsNamed) whatever the number of lines.
 */
function resolveOrganisationNamings(lines: string[]) {
  const namings = lines.map((line) => {
    const written = line.trim();
    // "Sociedad Nacional de Industrias (SNI)", as the directory shows a name with its acronym.
    const shown = /^(.*\S)\s*\(([^()]+)\)$/.exec(written);
    return { names: shown ? [written, shown[1]!] : [written], acronym: (shown ? shown[2]! : written).toLowerCase() };
  });
  const rows = approvedOrganisationsNamed(namings.flatMap((naming) => [...naming.names, naming.acronym]));
  return namings.map(({ names, acronym }) => {
    const keys = names.map(nameKey).filter(Boolean);
    const byName = rows.find((row) => keys.includes(nameKey(row.name)));
    const byAcronym = rows.filter((row) => row.acronym?.toLowerCase() === acronym);
    const match = byName ?? (byAcronym.length === 1 ? byAcronym[0] : undefined);
    return match ? { id: match.id, name: match.name } : undefined;
  });
}

/** Lines read from a list of organisation names; more are refused by the form's length limit. */
export const MAX_NAMED_ORGANISATIONS = 30;

/**
 * The approved organisations meant by a list typed one per line (names or acronyms, see
 * approvedOrganisationNamed): `{ found: { id, name }[], unknown: string[] }`, each line once, in
 * the order typed. Two indexed queries whatever the number of lines (at most MAX_NAMED_ORGANISATIONS).
 */
export function approvedOrganisationsListed(text: string) {
  const lines = [...new Set(text.split("\n").map((line) => line.trim()).filter(Boolean))].slice(0, MAX_NAMED_ORGANISATIONS);
  const resolved = resolveOrganisationNamings(lines);
  const found = resolved.filter((organisation) => organisation !== undefined);
  const unknown = lines.filter((_, index) => resolved[index] === undefined);
  return { found, unknown };
}

/** How many names `organisationNameSuggestions` offers. */
export const NAME_SUGGESTIONS = 8;

/**
 * Names of approved organisations for a name or acronym typed so far (every word, the last as a
 * prefix; case and accents folded by the FTS5 index), best bm25 match first, at most
 * NAME_SUGGESTIONS.
 * An empty list for text without a word.
 */
export function organisationNameSuggestions(typed: string): string[] {
  const match = ftsMatch(typed, ["name", "acronym"]);
  if (!match) return [];
  return db
    .all<{ name: string }>(sql`
      SELECT organisations.name FROM organisations_fts JOIN organisations ON organisations.id = organisations_fts.rowid
      WHERE organisations_fts MATCH ${match} AND organisations.status = 'approved'
      ORDER BY organisations_fts.rank LIMIT ${NAME_SUGGESTIONS}`)
    .map((row) => row.name);
}

/**
 * Approved organisations whose name (compared as name keys: case, accents and punctuation
 * ignored) or acronym (case ignored) equals one of `names`: `{ id, name, acronym }` rows, for
 * linking free-text mentions (a speaker's organisation) to profiles. Indexed lookups.
 */
export function approvedOrganisationsNamed(names: string[], reader: Reader = db) {
  const keys = [...new Set(names.map(nameKey).filter(Boolean))];
  const lowered = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  const columns = { id: o.id, name: o.name, acronym: o.acronym };
  // Two lookups, each by its own index (an OR of both would make SQLite scan the approved rows).
  const byName = keys.length ? reader.select(columns).from(o).where(and(inArray(o.nameKey, keys), eq(o.status, "approved"))).all() : [];
  const byAcronym = lowered.length
    ? // `+status`: the status index must not be chosen over the acronym one (no statistics here).
      reader.select(columns).from(o).where(and(inArray(sql`lower(${o.acronym})`, lowered), sql`+${o.status} = 'approved'`)).all()
    : [];
  return [...byName, ...byAcronym.filter((row) => !byName.some((named) => named.id === row.id))];
}

/**
 * What the profile page shows besides the row itself: operating regions, roadmaps, value chains and
 * Pact signatures (newest first) in one query (the profile page is near its statement budget).
 * `extra`: a scalar SQL expression another feature's section needs on the page (the exchange's
 * confirmed totals, issue 12), returned as `extra` from the same statement; NULL by default.
 */
export function organisationProfile(organisationId: number, extra: SQL = sql`NULL`) {
  const tags = db.get<{ regions: string; roadmaps: string; valueChains: string; signatures: string; extra: unknown }>(sql`
    SELECT ${extra} AS extra,
      (SELECT json_group_array(region) FROM organisation_regions WHERE organisation_id = ${organisationId}) AS regions,
      (SELECT json_group_array(roadmap) FROM organisation_roadmaps WHERE organisation_id = ${organisationId}) AS roadmaps,
      (SELECT json_group_array(value_chain) FROM organisation_value_chains WHERE organisation_id = ${organisationId}) AS valueChains,
      (SELECT json_group_array(json_object('id', id, 'organisationId', organisation_id, 'signerName', signer_name, 'signerPosition', signer_position,
          'signedAt', signed_at, 'recordedBy', recorded_by, 'signedBy', signed_by, 'withdrawnAt', withdrawn_at, 'withdrawnBy', withdrawn_by))
        FROM (SELECT * FROM pact_signatures WHERE organisation_id = ${organisationId} ORDER BY signed_at DESC)) AS signatures`)!;
  const regions = JSON.parse(tags.regions) as Array<(typeof schema.organisationRegions.$inferSelect)["region"]>;
  const roadmaps = JSON.parse(tags.roadmaps) as Array<(typeof schema.organisationRoadmaps.$inferSelect)["roadmap"]>;
  const valueChains = JSON.parse(tags.valueChains) as Array<(typeof schema.organisationValueChains.$inferSelect)["valueChain"]>;
  type Signature = typeof schema.pactSignatures.$inferSelect;
  const signatures: Signature[] = (JSON.parse(tags.signatures) as Array<Omit<Signature, "signedAt" | "withdrawnAt"> & { signedAt: number; withdrawnAt: number | null }>).map((row) => ({
    ...row,
    signedAt: new Date(row.signedAt),
    withdrawnAt: row.withdrawnAt === null ? null : new Date(row.withdrawnAt),
  }));
  return {
    operatingRegions: regions,
    roadmaps,
    valueChains,
    activeSignature: signatures.find((s) => !s.withdrawnAt) ?? null,
    signatureHistory: signatures,
    extra: tags.extra,
  };
}

export function teamOf(organisationId: number) {
  const members = db
    .select({
      userId: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.organisationMembers.role,
      since: schema.organisationMembers.createdAt,
    })
    .from(schema.organisationMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.organisationMembers.userId))
    .where(eq(schema.organisationMembers.organisationId, organisationId))
    .orderBy(asc(schema.users.name))
    .all();
  const invitations = db
    .select({
      id: schema.organisationInvitations.id,
      email: schema.organisationInvitations.email,
      role: schema.organisationInvitations.role,
      expiresAt: schema.organisationInvitations.expiresAt,
    })
    .from(schema.organisationInvitations)
    .where(
      and(
        eq(schema.organisationInvitations.organisationId, organisationId),
        isNull(schema.organisationInvitations.acceptedAt),
        sql`${schema.organisationInvitations.expiresAt} > ${Date.now()}`,
      ),
    )
    .all();
  return { members, invitations };
}

/** Applications waiting for a coordinator, oldest first, with who applied. */
export function reviewQueue() {
  return db
    .select({
      id: o.id,
      slug: o.slug,
      name: o.name,
      acronym: o.acronym,
      ruc: o.ruc,
      actorType: o.actorType,
      companySize: o.companySize,
      hqRegion: o.hqRegion,
      description: o.description,
      website: o.website,
      submittedAt: o.submittedAt,
      applicantName: schema.users.name,
      applicantEmail: schema.users.email,
    })
    .from(o)
    .leftJoin(
      schema.organisationMembers,
      and(eq(schema.organisationMembers.organisationId, o.id), eq(schema.organisationMembers.role, "owner")),
    )
    .leftJoin(schema.users, eq(schema.users.id, schema.organisationMembers.userId))
    .where(eq(o.status, "pending"))
    .groupBy(o.id)
    .orderBy(asc(o.submittedAt), asc(o.id))
    .all();
}

export const BY_STATUS_PAGE_SIZE = 50;

/** One page (1-based) of the organisations in the given states, by name, with the total and page count. */
export function organisationsByStatusPage(statuses: Array<"approved" | "suspended" | "rejected">, page: number) {
  const total = db.select({ n: sql<number>`count(*)` }).from(o).where(inArray(o.status, statuses)).get()?.n ?? 0;
  const rows = db
    .select({ id: o.id, slug: o.slug, name: o.name, status: o.status })
    .from(o)
    .where(inArray(o.status, statuses))
    .orderBy(asc(o.nameKey))
    .limit(BY_STATUS_PAGE_SIZE)
    .offset((page - 1) * BY_STATUS_PAGE_SIZE)
    .all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / BY_STATUS_PAGE_SIZE)) };
}

export function auditLog(organisationId: number) {
  return db
    .select({
      id: schema.organisationAudit.id,
      action: schema.organisationAudit.action,
      changes: schema.organisationAudit.changes,
      createdAt: schema.organisationAudit.createdAt,
      actorName: schema.users.name,
    })
    .from(schema.organisationAudit)
    .leftJoin(schema.users, eq(schema.users.id, schema.organisationAudit.actorId))
    .where(eq(schema.organisationAudit.organisationId, organisationId))
    .orderBy(desc(schema.organisationAudit.createdAt), desc(schema.organisationAudit.id))
    .all();
}

/**
 * SQL for other features' public lists (the exchange's listings): JOIN the organisation whose id is
 * `organisationId` as `alias`, only when it is approved (public), so rows of pending, rejected and
 * suspended organisations drop out. The list may read `alias`.id, slug, name and actor_type.
 * Read through the primary key.
 */
export function joinApprovedOrganisation(alias: string, organisationId: SQL): SQL {
  const a = sql.raw(alias);
  return sql`JOIN organisations ${a} ON ${a}.id = ${organisationId} AND ${a}.status = 'approved'`;
}

// ---- Directory -----------------------------------------------------------------------------

export const DIRECTORY_PAGE_SIZE = 20;

type FacetGroup = "actorType" | "level" | "size" | "region" | "roadmap" | "chain" | "pact";


/** WHERE for the directory: approved only, every filter combined with AND, values within a filter with OR. Also read by the API (api.ts). */
export function directoryWhere(filters: DirectoryFilters, except?: FacetGroup): SQL {
  const parts: SQL[] = [sql`organisations.status = 'approved'`];
  if (filters.q) {
    // Name, acronym or description, through the FTS5 index (case and accents folded).
    const match = ftsMatch(filters.q);
    parts.push(match ? sql`organisations.id IN (SELECT rowid FROM organisations_fts WHERE organisations_fts MATCH ${match})` : sql`0`);
  }
  if (except !== "actorType" && filters.actorType.length) {
    parts.push(sql`organisations.actor_type IN (${sql.join(filters.actorType.map((v) => sql`${v}`), sql`, `)})`);
  }
  if (except !== "level" && filters.level.length) {
    const types = filters.level.map(governmentActorType);
    parts.push(sql`organisations.actor_type IN (${sql.join(types.map((v) => sql`${v}`), sql`, `)})`);
  }
  if (except !== "size" && filters.size.length) {
    parts.push(sql`organisations.company_size IN (${sql.join(filters.size.map((v) => sql`${v}`), sql`, `)})`);
  }
  if (except !== "region" && filters.region.length) {
    const list = sql.join(filters.region.map((v) => sql`${v}`), sql`, `);
    parts.push(
      sql`(organisations.hq_region IN (${list}) OR EXISTS (SELECT 1 FROM organisation_regions r WHERE r.organisation_id = organisations.id AND r.region IN (${list})))`,
    );
  }
  if (except !== "roadmap" && filters.roadmap.length) {
    const list = sql.join(filters.roadmap.map((v) => sql`${v}`), sql`, `);
    parts.push(
      sql`EXISTS (SELECT 1 FROM organisation_roadmaps rm WHERE rm.organisation_id = organisations.id AND rm.roadmap IN (${list}))`,
    );
  }
  if (except !== "chain" && filters.chain.length) {
    const list = sql.join(filters.chain.map((v) => sql`${v}`), sql`, `);
    parts.push(
      sql`EXISTS (SELECT 1 FROM organisation_value_chains vc WHERE vc.organisation_id = organisations.id AND vc.value_chain IN (${list}))`,
    );
  }
  if (except !== "pact" && filters.pact) {
    parts.push(filters.pact === "yes" ? activeSignatureExists : sql`NOT ${activeSignatureExists}`);
  }
  return sql.join(parts, sql` AND `);
}

type Count = { value: string; count: number };

/** The SELECT counting organisations per region (head office and operating regions, each once). */
function regionCountsQuery(filters: DirectoryFilters, facet: SQL) {
  const where = directoryWhere(filters, "region");
  return sql`
    SELECT ${facet} AS facet, region AS value, count(*) AS count FROM (
      SELECT organisations.id AS id, organisations.hq_region AS region FROM organisations WHERE ${where}
      UNION
      SELECT organisations.id, r.region FROM organisation_regions r JOIN organisations ON organisations.id = r.organisation_id WHERE ${where}
    ) GROUP BY region`;
}

/**
 * Counts per facet value, each group counted with every other filter applied, in one statement
 * (a UNION ALL of one GROUP BY per group). Shape: `{ actorType: { company: 40, … }, … }`.
 */
function countDirectoryFacets(filters: DirectoryFilters) {
  const parts = [
    sql`SELECT 'actorType' AS facet, actor_type AS value, count(*) AS count FROM organisations WHERE ${directoryWhere(filters, "actorType")} GROUP BY actor_type`,
    sql`SELECT 'level' AS facet, replace(actor_type, '_government', '') AS value, count(*) AS count FROM organisations WHERE ${directoryWhere(filters, "level")} AND actor_type LIKE '%\_government' ESCAPE '\\' GROUP BY actor_type`,
    sql`SELECT 'size' AS facet, company_size AS value, count(*) AS count FROM organisations WHERE ${directoryWhere(filters, "size")} AND company_size IS NOT NULL GROUP BY company_size`,
    regionCountsQuery(filters, sql`'region'`),
    sql`SELECT 'roadmap' AS facet, rm.roadmap AS value, count(*) AS count FROM organisation_roadmaps rm JOIN organisations ON organisations.id = rm.organisation_id WHERE ${directoryWhere(filters, "roadmap")} GROUP BY rm.roadmap`,
    sql`SELECT 'chain' AS facet, vc.value_chain AS value, count(*) AS count FROM organisation_value_chains vc JOIN organisations ON organisations.id = vc.organisation_id WHERE ${directoryWhere(filters, "chain")} GROUP BY vc.value_chain`,
    sql`SELECT 'pact' AS facet, CASE WHEN ${activeSignatureExists} THEN 'yes' ELSE 'no' END AS value, count(*) AS count FROM organisations WHERE ${directoryWhere(filters, "pact")} GROUP BY 2`,
  ];
  const facets: Record<FacetGroup, Record<string, number>> = { actorType: {}, level: {}, size: {}, region: {}, roadmap: {}, chain: {}, pact: {} };
  for (const row of db.all<Count & { facet: FacetGroup }>(sql.join(parts, sql` UNION ALL `))) facets[row.facet][row.value] = row.count;
  return facets;
}

/**
 * The directory's facet counts for these filters (see countDirectoryFacets), computed once per
 * filter set and reused until organisations change.
 */
export const directoryFacets = versionedCache(["organisations"], countDirectoryFacets);

/**
 * Organisations per region (`{ LMA: 120, … }`), counting the head office and every operating
 * region once each, with the other filters applied. Computed once per filter set and reused until
 * organisations change.
 */
export const regionCounts = versionedCache(["organisations"], (filters: DirectoryFilters): Record<string, number> => {
  const rows = db.all<Count>(regionCountsQuery(filters, sql`'region'`));
  return Object.fromEntries(rows.map((r) => [r.value, r.count]));
});

/**
 * One page of the directory (`{ rows, total, pages }`, 20 rows a page), computed once per filter
 * set and page and reused until organisations change.
 */
export const directoryPage = versionedCache(["organisations"], readDirectoryPage);

function readDirectoryPage(filters: DirectoryFilters) {
  const where = directoryWhere(filters);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM organisations WHERE ${where}`)?.n ?? 0;
  const order = filters.sort === "newest" ? sql`organisations.approved_at DESC, organisations.id DESC` : sql`organisations.name_key ASC`;
  const rows = db.all<{
    id: number;
    slug: string;
    name: string;
    acronym: string | null;
    actorType: string;
    companySize: string | null;
    hqRegion: string;
    description: string;
    logoHash: string | null;
    pactSignedAt: number | null;
  }>(sql`
    SELECT organisations.id, organisations.slug, organisations.name, organisations.acronym,
      organisations.actor_type AS actorType, organisations.company_size AS companySize,
      organisations.hq_region AS hqRegion, substr(organisations.description, 1, 240) AS description,
      organisations.logo_hash AS logoHash, ps.signed_at AS pactSignedAt
    FROM organisations
    LEFT JOIN pact_signatures ps ON ps.organisation_id = organisations.id AND ps.withdrawn_at IS NULL
    WHERE ${where}
    ORDER BY ${order}
    LIMIT ${DIRECTORY_PAGE_SIZE} OFFSET ${(filters.page - 1) * DIRECTORY_PAGE_SIZE}`);
  return { rows, total, pages: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)) };
}

/** Public fields of every matching organisation, for CSV/JSON export. One query. */
export function directoryExport(filters: DirectoryFilters, limit = 10_000) {
  return db.all<{
    slug: string;
    name: string;
    acronym: string | null;
    ruc: string | null;
    actorType: string;
    companySize: string | null;
    hqRegion: string;
    operatingRegions: string | null;
    roadmaps: string | null;
    valueChains: string | null;
    website: string | null;
    contactEmail: string | null;
    foundedYear: number | null;
    pactSignedAt: number | null;
  }>(sql`
    SELECT organisations.slug, organisations.name, organisations.acronym, organisations.ruc,
      organisations.actor_type AS actorType, organisations.company_size AS companySize,
      organisations.hq_region AS hqRegion,
      (SELECT group_concat(region, ';') FROM organisation_regions r WHERE r.organisation_id = organisations.id) AS operatingRegions,
      (SELECT group_concat(roadmap, ';') FROM organisation_roadmaps rm WHERE rm.organisation_id = organisations.id) AS roadmaps,
      (SELECT group_concat(value_chain, ';') FROM organisation_value_chains vc WHERE vc.organisation_id = organisations.id) AS valueChains,
      organisations.website, organisations.contact_email AS contactEmail, organisations.founded_year AS foundedYear,
      ps.signed_at AS pactSignedAt
    FROM organisations
    LEFT JOIN pact_signatures ps ON ps.organisation_id = organisations.id AND ps.withdrawn_at IS NULL
    WHERE ${directoryWhere(filters)}
    ORDER BY organisations.name_key
    LIMIT ${limit}`);
}

/** The public list of Pact signatories: approved organisations with a signature in force. */
export const PACT_SIGNATORIES_PAGE_SIZE = 50;

/** One page (1-based) of the Pact's current signatories, oldest signature first, with the total and page count. */
export function pactSignatoriesPage(page: number) {
  const current = and(isNull(schema.pactSignatures.withdrawnAt), eq(o.status, "approved"));
  const total =
    db.select({ n: sql<number>`count(*)` }).from(schema.pactSignatures).innerJoin(o, eq(o.id, schema.pactSignatures.organisationId)).where(current).get()?.n ?? 0;
  const rows = pactSignatoriesQuery()
    .limit(PACT_SIGNATORIES_PAGE_SIZE)
    .offset((page - 1) * PACT_SIGNATORIES_PAGE_SIZE)
    .all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / PACT_SIGNATORIES_PAGE_SIZE)) };
}

/** Every current signatory of the Pact (approved organisations, signature not withdrawn), oldest first. */
export function pactSignatories() {
  return pactSignatoriesQuery().all();
}

function pactSignatoriesQuery() {
  return db
    .select({
      slug: o.slug,
      name: o.name,
      actorType: o.actorType,
      hqRegion: o.hqRegion,
      signedAt: schema.pactSignatures.signedAt,
      signerName: schema.pactSignatures.signerName,
      signerPosition: schema.pactSignatures.signerPosition,
    })
    .from(schema.pactSignatures)
    .innerJoin(o, eq(o.id, schema.pactSignatures.organisationId))
    .where(and(isNull(schema.pactSignatures.withdrawnAt), eq(o.status, "approved")))
    .orderBy(asc(schema.pactSignatures.signedAt), asc(o.nameKey))
    .$dynamic();
}

export function logoOf(organisationId: number) {
  return db.select().from(schema.organisationLogos).where(eq(schema.organisationLogos.organisationId, organisationId)).get();
}
