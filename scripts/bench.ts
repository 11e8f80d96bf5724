/**
 * Benchmark of the heaviest read paths on a large generated data set:
 *   npm run bench            (5,000 organisations, 20,000 initiatives)
 *   npm run bench -- 20000 80000
 * Builds a fresh SQLite file under data/, then times the directory and initiative listings
 * (facets + page) and the roadmap summary, printing p50/p95 per scenario. Not run in CI: numbers
 * are read by people, never asserted in tests.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const [orgCount = 5_000, initiativeCount = 20_000] = process.argv.slice(2).map(Number);
const file = path.resolve("data/bench.sqlite");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.DATABASE_PATH = file;

const { migrateDatabase, openDatabase } = await import("../db/connection.ts");
const { REGION_CODES, ROADMAPS, VALUE_CHAINS, ACTOR_TYPES } = await import("../app/features/organisations/taxonomy.ts");
const { INDICATOR_CODES, INDUSTRY_APPROACHES, NEED_KINDS } = await import("../app/features/initiatives/taxonomy.ts");

// A small deterministic generator, so every run measures the same data.
let state = 42;
const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const some = <T>(list: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];

const { db, sqlite } = openDatabase(file);
migrateDatabase(db);
const started = performance.now();
sqlite.exec("BEGIN");
const insertOrg = sqlite.prepare(
  "INSERT INTO organisations (slug, name, name_key, actor_type, company_size, hq_region, description, status, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
);
const insertRegion = sqlite.prepare("INSERT OR IGNORE INTO organisation_regions (organisation_id, region) VALUES (?, ?)");
const insertRoadmap = sqlite.prepare("INSERT OR IGNORE INTO organisation_roadmaps (organisation_id, roadmap) VALUES (?, ?)");
const insertChain = sqlite.prepare("INSERT OR IGNORE INTO organisation_value_chains (organisation_id, value_chain) VALUES (?, ?)");
const insertSignature = sqlite.prepare("INSERT INTO pact_signatures (organisation_id, signer_name, signer_position, signed_at) VALUES (?, 'Firma', 'Cargo', ?)");
for (let n = 1; n <= orgCount; n++) {
  const actorType = pick(ACTOR_TYPES);
  const status = random() < 0.9 ? "approved" : pick(["pending", "rejected", "suspended"]);
  const name = `Organización ${n} ${pick(["Andina", "Amazónica", "Costera", "Circular", "Verde"])}`;
  insertOrg.run(`org-${n}`, name, name.toLowerCase(), actorType, actorType === "company" ? pick(["micro", "small", "medium", "large"]) : null, pick(REGION_CODES), "Descripción de prueba", status, Date.now());
  for (const region of some(REGION_CODES, 3)) insertRegion.run(n, region);
  for (const roadmap of some(ROADMAPS, 2)) insertRoadmap.run(n, roadmap);
  for (const chain of some(VALUE_CHAINS, 2)) insertChain.run(n, chain);
  if (random() < 0.2) insertSignature.run(n, Date.now());
}
const insertInitiative = sqlite.prepare(
  "INSERT INTO initiatives (slug, lead_organisation_id, title, summary, roadmap, approach, status, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
);
const insertNeed = sqlite.prepare("INSERT OR IGNORE INTO initiative_needs (initiative_id, kind, note) VALUES (?, ?, '')");
const insertIniRegion = sqlite.prepare("INSERT OR IGNORE INTO initiative_regions (initiative_id, region) VALUES (?, ?)");
const insertIniChain = sqlite.prepare("INSERT OR IGNORE INTO initiative_value_chains (initiative_id, value_chain) VALUES (?, ?)");
const insertUpdate = sqlite.prepare("INSERT INTO initiative_updates (initiative_id, organisation_id, reported_on, body) VALUES (?, ?, '2026-01-01', 'Avance')");
const insertValue = sqlite.prepare("INSERT OR IGNORE INTO initiative_indicator_values (update_id, initiative_id, indicator, value) VALUES (?, ?, ?, ?)");
for (let n = 1; n <= initiativeCount; n++) {
  const roadmap = pick(ROADMAPS);
  const lead = 1 + Math.floor(random() * orgCount);
  insertInitiative.run(`ini-${n}`, lead, `Iniciativa ${n}`, "Resumen de prueba", roadmap, roadmap === "industry" ? pick(INDUSTRY_APPROACHES) : null, pick(["draft", "open", "open", "in_progress", "completed", "cancelled"]), Date.now() - n);
  for (const kind of some(NEED_KINDS, 3)) insertNeed.run(n, kind);
  for (const region of some(REGION_CODES, 2)) insertIniRegion.run(n, region);
  for (const chain of some(VALUE_CHAINS, 2)) insertIniChain.run(n, chain);
  if (random() < 0.5) {
    const update = insertUpdate.run(n, lead).lastInsertRowid;
    for (const code of some(INDICATOR_CODES, 3)) insertValue.run(update, n, code, Math.floor(random() * 100_000));
  }
}
sqlite.exec("COMMIT");
sqlite.exec("ANALYZE");
sqlite.close();
console.log(`Generated ${orgCount} organisations and ${initiativeCount} initiatives in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const organisations = await import("../app/.server/organisations/queries.ts");
const initiatives = await import("../app/.server/initiatives/queries.ts");
const { parseDirectoryFilters } = await import("../app/features/organisations/directory-filters.ts");
const { parseInitiativeFilters } = await import("../app/features/initiatives/filters.ts");

function measure(name: string, run: () => void, iterations = 40) {
  run(); // warm the page cache and prepared statements
  const times: number[] = [];
  for (let n = 0; n < iterations; n++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
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
