// Issue 9: the hot queries are read from indexes. Each statement is captured as the app really
// runs it (SQL text and bound values, recorded where better-sqlite3 executes it), then explained
// with EXPLAIN QUERY PLAN on a database of a few hundred organisations and a thousand initiatives.
// No ANALYZE, as in production: the plans must hold without statistics. Plans, never timings.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { validateSessionToken } from "#app/.server/auth/session.ts";
import { db, schema, sqlite } from "#app/.server/db.ts";
import { eventDetail, eventsPage, findEventBySlug, upcomingEvents } from "#app/.server/events/index.ts";
import { findInitiativeBySlug, initiativeDetail, initiativesPage } from "#app/.server/initiatives/index.ts";
import { countUnread } from "#app/.server/notifications/index.ts";
import { directoryPage, findOrganisationBySlug, organisationProfile, approvedOrganisationNamed, approvedOrganisationsNamed, organisationNameSuggestions } from "#app/.server/organisations/index.ts";
import { parseEventFilters } from "#app/features/events/filters.ts";
import { parseInitiativeFilters } from "#app/features/initiatives/filters.ts";
import { parseDirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import { addGeneratedRows, makePageWorld, recordStatements, type ExecutedStatement, type PageWorld } from "./query-audit.ts";

let world: PageWorld;

beforeAll(() => {
  addGeneratedRows({ organisations: 400, initiatives: 1200, events: 300, people: 300 });
  world = makePageWorld();
  expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'sqlite_stat1'").get()).toEqual({ n: 0 });
});

/** A write to both cached groups, so the next listing call misses its cache and runs its SQL. */
function bumpData() {
  db.update(schema.initiatives).set({ updatedAt: new Date() }).where(eq(schema.initiatives.id, world.initiative.id)).run();
  db.update(schema.organisations)
    .set({ website: `https://example.pe/${Date.now()}` })
    .where(eq(schema.organisations.id, world.organisation.id))
    .run();
}

/** The statements `run` executes, as better-sqlite3 saw them. */
async function captured(run: () => unknown) {
  return (await recordStatements(run)).statements;
}

/** The `detail` lines of EXPLAIN QUERY PLAN for a captured statement, with its own bound values. */
function planOf(statement: ExecutedStatement) {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...statement.params) as Array<{ detail: string }>;
  return rows.map((row) => row.detail);
}

/** The one captured statement whose SQL matches. */
function only(statements: ExecutedStatement[], pattern: RegExp) {
  const matching = statements.filter((s) => pattern.test(s.source));
  expect(matching, `one statement matching ${pattern} among:\n${statements.map((s) => s.source).join("\n")}`).toHaveLength(1);
  return matching[0]!;
}

/**
 * Lines that read a whole table (or a whole index of it): "SCAN <name>", with or without "USING
 * (COVERING) INDEX", when <name> is a table rather than a subquery or CTE the plan materialises or
 * runs as a co-routine, and not "SCAN CONSTANT ROW" or an FTS5 virtual-table lookup.
 */
function fullScans(plan: string[]) {
  const subqueries = new Set(plan.flatMap((line) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(line)?.[1] ?? []));
  return plan.filter((line) => {
    const scanned = /^SCAN (\S+)/.exec(line)?.[1];
    return scanned !== undefined && line !== "SCAN CONSTANT ROW" && !subqueries.has(scanned) && !line.includes("VIRTUAL TABLE");
  });
}

const show = (statement: ExecutedStatement, plan: string[]) =>
  `${statement.source.replace(/\s+/g, " ").trim()}\n  params: ${JSON.stringify(statement.params)}\n  plan:\n${plan.map((l) => `    ${l}`).join("\n")}`;

const ROWS_QUERY = /\bLIMIT\b/i;
const TEMP_SORT = "USE TEMP B-TREE FOR ORDER BY";

describe("initiative listing: the rows query", () => {
  async function rowsPlan(query: string) {
    bumpData();
    const filters = parseInitiativeFilters(new URLSearchParams(query));
    const statements = await captured(() => initiativesPage(filters));
    const rows = only(statements, ROWS_QUERY);
    return { rows, plan: planOf(rows) };
  }

  test("unfiltered: read in order from initiatives_listing_order_idx, no sort", async () => {
    const { rows, plan } = await rowsPlan("");
    expect(plan.some((l) => l.includes("initiatives_listing_order_idx")), show(rows, plan)).toBe(true);
    expect(plan, show(rows, plan)).not.toContain(TEMP_SORT);
  });

  test("sort=newest: read in order from initiatives_published_idx, no sort", async () => {
    const { rows, plan } = await rowsPlan("sort=newest");
    expect(plan.some((l) => l.includes("initiatives_published_idx")), show(rows, plan)).toBe(true);
    expect(plan, show(rows, plan)).not.toContain(TEMP_SORT);
  });

  test("with a text query: matched through the FTS5 index", async () => {
    const { rows, plan } = await rowsPlan("q=reciclaje");
    expect(plan.some((l) => l.includes("VIRTUAL TABLE INDEX")), show(rows, plan)).toBe(true);
    expect(fullScans(plan).filter((l) => !l.includes("initiatives_listing_order_idx")), show(rows, plan)).toEqual([]);
  });
});

describe("directory: the rows query", () => {
  async function rowsPlan(query: string) {
    bumpData();
    const filters = parseDirectoryFilters(new URLSearchParams(query));
    const statements = await captured(() => directoryPage(filters));
    const rows = only(statements, ROWS_QUERY);
    return { rows, plan: planOf(rows) };
  }

  test("unfiltered: approved organisations by name from organisations_status_name_idx, no sort", async () => {
    const { rows, plan } = await rowsPlan("");
    expect(plan.some((l) => l.includes("organisations_status_name_idx")), show(rows, plan)).toBe(true);
    expect(plan, show(rows, plan)).not.toContain(TEMP_SORT);
    expect(fullScans(plan), show(rows, plan)).toEqual([]);
  });

  test("sort=newest: by approval date from organisations_status_approved_idx, no sort", async () => {
    const { rows, plan } = await rowsPlan("sort=newest");
    expect(plan.some((l) => l.includes("organisations_status_approved_idx")), show(rows, plan)).toBe(true);
    expect(plan, show(rows, plan)).not.toContain(TEMP_SORT);
    expect(fullScans(plan), show(rows, plan)).toEqual([]);
  });

  test("with a text query: matched through the FTS5 index", async () => {
    const { rows, plan } = await rowsPlan("q=reciclaje");
    expect(plan.some((l) => l.includes("VIRTUAL TABLE INDEX")), show(rows, plan)).toBe(true);
    expect(fullScans(plan), show(rows, plan)).toEqual([]);
  });
});

describe("events", () => {
  test("the listing's rows come from events_status_starts_idx, without a full scan", async () => {
    const statements = await captured(() => eventsPage(parseEventFilters(new URLSearchParams(""))));
    const rows = only(statements, ROWS_QUERY);
    const plan = planOf(rows);
    expect(plan.some((l) => l.includes("events_status_starts_idx")), show(rows, plan)).toBe(true);
    expect(fullScans(plan), show(rows, plan)).toEqual([]);
  });

  test("the home page's upcoming events are read in order from events_status_starts_idx", async () => {
    const statements = await captured(() => upcomingEvents(3));
    const rows = only(statements, ROWS_QUERY);
    const plan = planOf(rows);
    expect(plan.some((l) => l.includes("events_status_starts_idx")), show(rows, plan)).toBe(true);
    expect(plan, show(rows, plan)).not.toContain(TEMP_SORT);
    expect(fullScans(plan), show(rows, plan)).toEqual([]);
  });
});

describe("finding an organisation by what someone typed", () => {
  // Each statement must be read from the index named, not from the approved-status one, which
  // without statistics SQLite could prefer and then walk every approved organisation.
  const expectIndex = (statement: ExecutedStatement, index: RegExp) => {
    const plan = planOf(statement);
    expect(plan.some((l) => index.test(l)), show(statement, plan)).toBe(true);
    expect(fullScans(plan), show(statement, plan)).toEqual([]);
  };

  test("the invite field's name and acronym lookups", async () => {
    const byName = await captured(() => approvedOrganisationNamed(world.organisation.name));
    expectIndex(only(byName, /name_key/), /organisations_name_key_idx|organisations_status_name_idx/);
    const byAcronym = await captured(() => approvedOrganisationNamed("zzz-no-such-acronym"));
    expectIndex(only(byAcronym, /lower\("organisations"\."acronym"\)/), /organisations_acronym_lower_idx/);
  });

  test("linking speakers' organisations: one lookup per index", async () => {
    const statements = await captured(() => approvedOrganisationsNamed([world.organisation.name, "SNI", "Otra entidad"]));
    expectIndex(only(statements, /name_key/), /organisations_name_key_idx|organisations_status_name_idx/);
    expectIndex(only(statements, /lower\("organisations"\."acronym"\)/), /organisations_acronym_lower_idx/);
  });

  test("suggestions come from the FTS5 index", async () => {
    const statements = await captured(() => organisationNameSuggestions("coop agr"));
    const plan = planOf(only(statements, /organisations_fts/));
    expect(plan.some((l) => l.includes("VIRTUAL TABLE INDEX")), plan.join("\n")).toBe(true);
  });
});

test("the scan check catches a full scan (of a table, also through an index) and lets searches through", () => {
  const plain = planOf({ source: "SELECT id FROM organisations WHERE description LIKE ?", params: ["%compost%"] });
  const ordered = planOf({ source: "SELECT id FROM initiatives ORDER BY published_at DESC, id DESC", params: [] });
  const searched = planOf({ source: "SELECT id FROM organisations WHERE slug = ?", params: [world.organisation.slug] });
  expect(fullScans(plain)).toEqual(["SCAN organisations"]);
  expect(fullScans(ordered)).toEqual([expect.stringMatching(/^SCAN initiatives USING (COVERING )?INDEX initiatives_published_idx$/)]);
  expect(fullScans(searched)).toEqual([]);
});

describe("detail pages, the session and the badge: every table is searched, none scanned", () => {
  const cases: Array<[string, () => unknown, number]> = [
    ["findInitiativeBySlug", () => findInitiativeBySlug(world.initiative.slug), 1],
    ["initiativeDetail", () => initiativeDetail(world.initiative.id, world.member.user.id), 3],
    ["findEventBySlug", () => findEventBySlug(world.event.slug), 1],
    ["eventDetail", () => eventDetail(world.event.id), 2],
    ["findOrganisationBySlug", () => findOrganisationBySlug(world.organisation.slug), 1],
    ["organisationProfile", () => organisationProfile(world.organisation.id), 1],
    ["validateSessionToken", () => validateSessionToken(world.member.cookie.replace(/^session=/, "")), 1],
    ["countUnread (root loader)", () => countUnread(world.member.user.id), 1],
  ];

  test.each(cases)("%s", async (_name, run, expected) => {
    const statements = await captured(run);
    // The function ran its real queries (a cached or empty answer would prove nothing).
    expect(statements, statements.map((s) => s.source).join("\n")).toHaveLength(expected);
    for (const statement of statements) {
      const plan = planOf(statement);
      expect(plan.some((l) => /^SEARCH /.test(l)), show(statement, plan)).toBe(true);
      expect(fullScans(plan), show(statement, plan)).toEqual([]);
    }
  });
});

describe("resource exchange: a listing's matches", () => {
  test("the candidates are one statement read through a listing index on status, kind and category, organisations by primary key; no scan, bounded", async () => {
    const { makeListingRow } = await import("#tests/factories/exchange.ts");
    const { matchesForListing, MATCHES_SHOWN } = await import("#app/.server/exchange/matches.ts");
    const organisationIds = db.select({ id: schema.organisations.id }).from(schema.organisations).where(eq(schema.organisations.status, "approved")).limit(50).all().map((r) => r.id);
    const categories = ["agro_residues", "plastic_pet", "glass", "metals", "wood"] as const;
    const regions = ["LAM", "PIU", "LAL", "LIM", "CUS", "ARE"] as const;
    db.transaction(() => {
      for (let n = 0; n < 3000; n++) {
        makeListingRow(organisationIds[n % organisationIds.length]!, { kind: n % 2 ? "have" : "want", category: categories[n % categories.length], region: regions[n % regions.length] });
      }
    });
    const listing = makeListingRow(world.organisation.id, { kind: "want", category: "agro_residues", region: "LAM" });
    const statements = await captured(() => matchesForListing(listing.id));
    expect(matchesForListing(listing.id).matches).toHaveLength(MATCHES_SHOWN);
    const candidates = only(statements, ROWS_QUERY);
    const plan = planOf(candidates);
    // Either listing index narrowing to the status, kind and category (the facets index also has hidden_at).
    expect(plan.some((l) => /USING INDEX exchange_listings_(category|facets)_idx \(status=\? AND .*category=\?/.test(l)), show(candidates, plan)).toBe(true);
    expect(plan.filter((l) => /organisations/.test(l)).every((l) => /SEARCH organisations (EXISTS )?USING INTEGER PRIMARY KEY/.test(l)), show(candidates, plan)).toBe(true);
    expect(fullScans(plan), show(candidates, plan)).toEqual([]);
    // The version, the listing, its candidates.
    expect(statements).toHaveLength(3);

    // The listing's page reads its conversations and its candidates in one statement, both from indexes.
    const { listingSections } = await import("#app/.server/exchange/conversations.ts");
    const page = await captured(() => listingSections(listing as Parameters<typeof listingSections>[0], true, world.member.user, true));
    const both = only(page, /exchange_conversations/);
    const pagePlan = planOf(both);
    expect(pagePlan.some((l) => /USING INDEX exchange_listings_(category|facets)_idx \(status=\? AND .*category=\?/.test(l)), show(both, pagePlan)).toBe(true);
    expect(pagePlan.some((l) => /exchange_conversations_pair_idx/.test(l)), show(both, pagePlan)).toBe(true);
    expect(fullScans(pagePlan), show(both, pagePlan)).toEqual([]);
  });
});

describe("resource exchange: My work's conversations", () => {
  test("the person's conversations through three indexed selects (memberships, their listings, facilitations), conversations by primary key; no scan", async () => {
    const { makeListingRow } = await import("#tests/factories/exchange.ts");
    const { myConversations } = await import("#app/.server/exchange/conversations.ts");
    const organisationIds = db.select({ id: schema.organisations.id }).from(schema.organisations).where(eq(schema.organisations.status, "approved")).limit(40).all().map((r) => r.id);
    db.transaction(() => {
      for (let n = 0; n < 400; n++) {
        const listing = makeListingRow(organisationIds[n % organisationIds.length]!);
        const interested = organisationIds[(n + 1) % organisationIds.length]!;
        db.insert(schema.exchangeConversations).values({ listingId: listing.id, organisationId: interested, startedBy: world.owner.user.id, createdAt: new Date() }).run();
      }
    });
    const statements = await captured(() => myConversations(world.member.user.id));
    const rows = only(statements, /exchange_conversations/);
    const plan = planOf(rows);
    expect(fullScans(plan), show(rows, plan)).toEqual([]);
    expect(plan.some((l) => /exchange_conversations_org_idx/.test(l)), show(rows, plan)).toBe(true);
    expect(plan.some((l) => /exchange_conversations_pair_idx/.test(l)), show(rows, plan)).toBe(true);
    expect(plan.some((l) => /exchange_conversation_facilitators_user_idx|SEARCH f USING (COVERING )?INDEX/.test(l)), show(rows, plan)).toBe(true);
  });
});

describe("resource exchange: /exchange", () => {
  async function exchangePlans(query: string) {
    const { makeListingRow } = await import("#tests/factories/exchange.ts");
    const { exchangeFacets, exchangePage } = await import("#app/.server/exchange/index.ts");
    const { parseExchangeFilters } = await import("#app/features/exchange/filters.ts");
    // A new listing bumps the exchange's version, so the next call runs its SQL.
    makeListingRow(world.organisation.id, { title: "Cascarilla de arroz", region: "LAM" });
    const filters = parseExchangeFilters(new URLSearchParams(query));
    const statements = await captured(() => {
      exchangePage(filters);
      exchangeFacets(filters);
    });
    return { rows: only(statements, ROWS_QUERY), facets: only(statements, /GROUP BY 1, 2, 3, 4, 5, 6/) };
  }

  test("unfiltered: newest first from exchange_listings_public_idx, no sort; facets searched, organisations by primary key", async () => {
    const { rows, facets } = await exchangePlans("");
    const plan = planOf(rows);
    expect(plan.some((l) => l.includes("exchange_listings_public_idx")), show(rows, plan)).toBe(true);
    expect(plan, show(rows, plan)).not.toContain(TEMP_SORT);
    expect(fullScans(plan), show(rows, plan)).toEqual([]);
    const facetPlan = planOf(facets);
    expect(fullScans(facetPlan), show(facets, facetPlan)).toEqual([]);
    expect(facetPlan.filter((l) => / org /.test(l)).every((l) => /SEARCH org USING INTEGER PRIMARY KEY/.test(l)), show(facets, facetPlan)).toBe(true);
    // The cube reads the listings' facet columns from one covering index, never the table.
    expect(facetPlan.some((l) => /COVERING INDEX exchange_listings_facets_idx/.test(l)), show(facets, facetPlan)).toBe(true);
  });

  test("filtered and searched: through the FTS5 index and the listing indexes, no scan", async () => {
    const { rows, facets } = await exchangePlans("q=cascarilla&kind=have&category=agro_residues&region=LAM&actorType=company");
    const plan = planOf(rows);
    expect(plan.some((l) => l.includes("VIRTUAL TABLE INDEX")), show(rows, plan)).toBe(true);
    expect(fullScans(plan), show(rows, plan)).toEqual([]);
    const facetPlan = planOf(facets);
    expect(fullScans(facetPlan), show(facets, facetPlan)).toEqual([]);
  });
});
