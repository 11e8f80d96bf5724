/**
 * Query-level benchmark of the heaviest read paths on a large generated data set:
 *   npm run bench:queries            (5,000 organisations, 20,000 initiatives, 100,000 exchange listings)
 *   npm run bench:queries -- 20000 80000 100000
 * Builds a fresh SQLite file under data/ (the generator in scripts/bench-data.ts, fixed seed),
 * then times the directory and initiative listings (facets + page), the roadmap summary, the
 * exchange's listing and map and the match computation (`matchesForListing` on a sample of
 * listings, each computed afresh) in-process, printing p50/p95 per scenario. The HTTP benchmark is `npm run bench`. Not run in
 * CI: numbers are read by people, never asserted in tests.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { generateBulk } from "./bench-data.ts";

const [orgCount = 5_000, initiativeCount = 20_000, listingCount = 100_000] = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith("--"))
  .map(Number);
const file = path.resolve("data/bench.sqlite");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.DATABASE_PATH = file;

const { migrateDatabase, openDatabase } = await import("../db/connection.ts");

const { db, sqlite } = openDatabase(file);
migrateDatabase(db);
const started = performance.now();
generateBulk(sqlite, { organisations: orgCount, initiatives: initiativeCount, events: 0, exchange: { listings: listingCount } });
sqlite.close();
console.log(
  `Generated ${orgCount} organisations, ${initiativeCount} initiatives and ${listingCount} exchange listings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const organisations = await import("../app/.server/organisations/queries.ts");
const initiatives = await import("../app/.server/initiatives/queries.ts");
const { parseDirectoryFilters } = await import("../app/features/organisations/directory-filters.ts");
const { parseInitiativeFilters } = await import("../app/features/initiatives/filters.ts");
const exchange = await import("../app/.server/exchange/queries.ts");
const { matchesForListing } = await import("../app/.server/exchange/matches.ts");
const { parseExchangeFilters } = await import("../app/features/exchange/filters.ts");
const appDb = await import("../app/.server/db.ts");

function measure(name: string, run: () => void, iterations = 40) {
  run(); // warm the page cache and prepared statements
  const times: number[] = [];
  for (let n = 0; n < iterations; n++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  report(name, times);
}

/**
 * Times `run(n)` for n = 0…iterations−1 with the exchange's cached results dropped before each
 * call (its data version bumped, as any write to a listing does, outside the timing): what a
 * request pays right after a change, or for an argument not asked for before.
 */
function measureComputed(name: string, run: (n: number) => void, iterations = 40) {
  const bump = appDb.sqlite.prepare("UPDATE data_versions SET version = version + 1 WHERE name = 'exchange'");
  run(0); // prepared statements
  const times: number[] = [];
  for (let n = 0; n < iterations; n++) {
    bump.run();
    const t0 = performance.now();
    run(n);
    times.push(performance.now() - t0);
  }
  report(name, times);
}

function report(name: string, times: number[]) {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${name.padEnd(58)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms`);
}

const directory = (query: string) => () => {
  const f = parseDirectoryFilters(new URLSearchParams(query));
  organisations.directoryFacets(f);
  organisations.directoryPage(f);
};
const listing = (query: string) => () => {
  const f = parseInitiativeFilters(new URLSearchParams(query));
  initiatives.initiativeFacets(f);
  initiatives.initiativesPage(f);
};

measure("directory: no filter (facets + page)", directory(""));
measure("directory: region + roadmap + pact", directory("region=LMA&roadmap=industry&pact=yes"));
measure("directory: text search 'andina', page 3", directory("q=andina&page=3"));
measure("map: organisations per region", () => organisations.regionCounts(parseDirectoryFilters(new URLSearchParams())));
measure("initiatives: default (facets + page)", listing(""));
measure("initiatives: roadmap + seeks + region", listing("roadmap=agriculture&seeks=financing&region=CUS"));
measure("initiatives: text search, newest", listing("q=iniciativa 12&sort=newest"));
measure("roadmaps: counts and indicator totals", () => initiatives.roadmapSummary());

const exchangeListing = (query: string) => () => {
  const f = parseExchangeFilters(new URLSearchParams(query));
  exchange.exchangeFacets(f);
  exchange.exchangePage(f);
};
for (const [label, query] of [
  ["no filter", ""],
  ["category + region", "category=agro_residues&region=LAM"],
  ["text 'cascarilla'", "q=cascarilla"],
] as const) {
  measureComputed(`exchange: ${label} (facets + page), computed`, exchangeListing(query));
  measure(`exchange: ${label} (facets + page), cached`, exchangeListing(query));
}
measureComputed("exchange map: listings per region, computed", () => exchange.exchangeRegionCounts(parseExchangeFilters(new URLSearchParams())));
// A sample of published listings spread over the table (every category and region), each
// ranked once from its candidates (one indexed read of at most MATCH_CANDIDATES_MAX rows).
const sample = (
  appDb.sqlite.prepare("SELECT id FROM exchange_listings WHERE status = 'published' AND id % 97 = 0 ORDER BY id LIMIT 200").all() as Array<{ id: number }>
).map((row) => row.id);
measureComputed(`matchesForListing: ${sample.length} listings, computed`, (n) => matchesForListing(sample[n % sample.length]!), sample.length);
const candidates = sample.reduce((sum, id) => sum + matchesForListing(id).total, 0);
console.log(`  (${(candidates / sample.length).toFixed(0)} candidates per listing on average, at most 200 read)`);
measure("matchesForListing: one listing, cached", () => matchesForListing(sample[0]!));
