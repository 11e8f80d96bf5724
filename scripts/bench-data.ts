/**
 * Benchmark data sets, generated with a fixed seed so every run measures the same rows.
 *
 * - `generateBulk` adds generated organisations, initiatives and events (with their facets,
 *   updates, indicator values, sessions and speakers) to an open database. Used by the HTTP
 *   benchmark (on top of the demo seed) and by the query-level benchmark (on its own).
 * - `ensureDataSet` builds one data set into its own SQLite file under data/: the demo seed
 *   (`db/seed.ts`: demo accounts, 13 organisations, 71 initiatives, 21 events), plus the bulk rows
 *   for scales above 1×. A file is reused while its parameters and the code that generates it
 *   (migrations, seed, factories, this file) are unchanged; a stamp file beside it records them.
 */
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { ACTOR_TYPES, REGION_CODES, ROADMAPS, VALUE_CHAINS } from "../app/features/organisations/taxonomy.ts";
import { INDICATOR_CODES, INDUSTRY_APPROACHES, NEED_KINDS } from "../app/features/initiatives/taxonomy.ts";
import { EVENT_FORMATS, EVENT_TYPES } from "../app/features/events/taxonomy.ts";

export type BulkCounts = { organisations: number; initiatives: number; events: number };

/** Bump when the generated rows change, so files generated before are rebuilt. */
const GENERATOR_VERSION = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A small deterministic generator (the same linear congruential one the first benchmark used). */
function randomSource(seed: number) {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];
  return { random, pick, some };
}

/**
 * Inserts generated rows in one transaction, after whatever the database already holds (ids are
 * taken from the inserts, so it works on an empty file and on top of the demo seed). `now` fixes
 * the timestamps, so two runs with the same arguments write the same rows.
 */
export function generateBulk(sqlite: Database.Database, counts: BulkCounts, seed = 42, now = Date.UTC(2026, 10, 25)) {
  const { random, pick, some } = randomSource(seed);
  sqlite.exec("BEGIN");
  const insertOrg = sqlite.prepare(
    "INSERT INTO organisations (slug, name, name_key, actor_type, company_size, hq_region, description, status, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertRegion = sqlite.prepare("INSERT OR IGNORE INTO organisation_regions (organisation_id, region) VALUES (?, ?)");
  const insertRoadmap = sqlite.prepare("INSERT OR IGNORE INTO organisation_roadmaps (organisation_id, roadmap) VALUES (?, ?)");
  const insertChain = sqlite.prepare("INSERT OR IGNORE INTO organisation_value_chains (organisation_id, value_chain) VALUES (?, ?)");
  const insertSignature = sqlite.prepare(
    "INSERT INTO pact_signatures (organisation_id, signer_name, signer_position, signed_at) VALUES (?, 'Firma', 'Cargo', ?)",
  );
  const orgIds: number[] = [];
  for (let n = 1; n <= counts.organisations; n++) {
    const actorType = pick(ACTOR_TYPES);
    const status = random() < 0.9 ? "approved" : pick(["pending", "rejected", "suspended"]);
    const name = `Organización ${n} ${pick(["Andina", "Amazónica", "Costera", "Circular", "Verde"])}`;
    const id = Number(
      insertOrg.run(
        `org-${n}`,
        name,
        name.toLowerCase(),
        actorType,
        actorType === "company" ? pick(["micro", "small", "medium", "large"]) : null,
        pick(REGION_CODES),
        "Descripción de prueba",
        status,
        now - n * 60_000,
      ).lastInsertRowid,
    );
    orgIds.push(id);
    for (const region of some(REGION_CODES, 3)) insertRegion.run(id, region);
    for (const roadmap of some(ROADMAPS, 2)) insertRoadmap.run(id, roadmap);
    for (const chain of some(VALUE_CHAINS, 2)) insertChain.run(id, chain);
    if (random() < 0.2) insertSignature.run(id, now - n * 60_000);
  }

  const insertInitiative = sqlite.prepare(
    "INSERT INTO initiatives (slug, lead_organisation_id, title, summary, roadmap, approach, status, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertNeed = sqlite.prepare("INSERT OR IGNORE INTO initiative_needs (initiative_id, kind, note) VALUES (?, ?, '')");
  const insertIniRegion = sqlite.prepare("INSERT OR IGNORE INTO initiative_regions (initiative_id, region) VALUES (?, ?)");
  const insertIniChain = sqlite.prepare("INSERT OR IGNORE INTO initiative_value_chains (initiative_id, value_chain) VALUES (?, ?)");
  const insertUpdate = sqlite.prepare(
    "INSERT INTO initiative_updates (initiative_id, organisation_id, reported_on, body) VALUES (?, ?, '2026-01-01', 'Avance')",
  );
  const insertValue = sqlite.prepare(
    "INSERT OR IGNORE INTO initiative_indicator_values (update_id, initiative_id, indicator, value) VALUES (?, ?, ?, ?)",
  );
  for (let n = 1; n <= counts.initiatives && orgIds.length > 0; n++) {
    const roadmap = pick(ROADMAPS);
    const lead = pick(orgIds);
    const id = Number(
      insertInitiative.run(
        `ini-${n}`,
        lead,
        `Iniciativa ${n}`,
        "Resumen de prueba",
        roadmap,
        roadmap === "industry" ? pick(INDUSTRY_APPROACHES) : null,
        pick(["draft", "open", "open", "in_progress", "completed", "cancelled"]),
        now - n * 60_000,
      ).lastInsertRowid,
    );
    for (const kind of some(NEED_KINDS, 3)) insertNeed.run(id, kind);
    for (const region of some(REGION_CODES, 2)) insertIniRegion.run(id, region);
    for (const chain of some(VALUE_CHAINS, 2)) insertIniChain.run(id, chain);
    if (random() < 0.5) {
      const update = insertUpdate.run(id, lead).lastInsertRowid;
      for (const code of some(INDICATOR_CODES, 3)) insertValue.run(update, id, code, Math.floor(random() * 100_000));
    }
  }

  // Events spread over 2018–2027, each with organisers, facets and a three-session programme.
  const insertEvent = sqlite.prepare(
    `INSERT INTO events (slug, title, type, summary, description, starts_at, ends_at, format, venue_name, city, region, online_url,
       capacity, status, sequence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertOrganiser = sqlite.prepare("INSERT OR IGNORE INTO event_organisers (event_id, organisation_id) VALUES (?, ?)");
  const insertEventRoadmap = sqlite.prepare("INSERT OR IGNORE INTO event_roadmaps (event_id, roadmap) VALUES (?, ?)");
  const insertEventChain = sqlite.prepare("INSERT OR IGNORE INTO event_value_chains (event_id, value_chain) VALUES (?, ?)");
  const insertSession = sqlite.prepare("INSERT INTO event_sessions (event_id, starts_at, ends_at, title, room) VALUES (?, ?, ?, ?, ?)");
  const insertSpeaker = sqlite.prepare(
    "INSERT INTO event_speakers (session_id, name, role, organisation_name, organisation_id) VALUES (?, ?, 'Ponente', ?, ?)",
  );
  const first = Date.UTC(2018, 0, 1, 14);
  const span = Date.UTC(2027, 11, 31) - first;
  for (let n = 1; n <= counts.events && orgIds.length > 0; n++) {
    const startsAt = first + Math.floor((random() * span) / DAY_MS) * DAY_MS;
    const endsAt = startsAt + 6 * 60 * 60 * 1000;
    const format = pick(EVENT_FORMATS);
    const status = random() < 0.9 ? "published" : pick(["draft", "cancelled"]);
    const id = Number(
      insertEvent.run(
        `evento-${n}`,
        `Evento ${n} de economía circular`,
        pick(EVENT_TYPES),
        "Resumen del evento de prueba",
        "Descripción del evento de prueba",
        startsAt,
        endsAt,
        format,
        format === "online" ? null : "Auditorio",
        format === "online" ? null : "Lima",
        format === "online" ? null : pick(REGION_CODES),
        format === "in_person" ? null : "https://example.pe/sala",
        random() < 0.5 ? 100 : null,
        status,
        startsAt - 60 * DAY_MS,
        startsAt - 60 * DAY_MS,
      ).lastInsertRowid,
    );
    const organiser = pick(orgIds);
    insertOrganiser.run(id, organiser);
    if (random() < 0.3) insertOrganiser.run(id, pick(orgIds));
    for (const roadmap of some(ROADMAPS, 2)) insertEventRoadmap.run(id, roadmap);
    for (const chain of some(VALUE_CHAINS, 2)) insertEventChain.run(id, chain);
    for (let s = 0; s < 3; s++) {
      const session = insertSession.run(id, startsAt + s * 2 * 3_600_000, startsAt + (s * 2 + 1) * 3_600_000, `Sesión ${s + 1}`, "Sala 1").lastInsertRowid;
      insertSpeaker.run(session, `Ponente ${n}-${s + 1}`, `Organización ${organiser}`, organiser);
    }
  }
  sqlite.exec("COMMIT");
  // No ANALYZE: production never runs it, so the benchmark plans its queries without statistics too.
}

/** A data set: the demo seed times `scale`; above 1×, the bulk rows are added to the seed. */
export type DataSetSpec = { name: string; scale: number; bulk: BulkCounts | null; seed: number };

/** The demo seed's own size, and the alliance at 100× (the generator's 20,000 and 50,000). */
export const DATA_SETS: DataSetSpec[] = [
  { name: "1x", scale: 1, bulk: null, seed: 42 },
  // 21 demo events × 100 ≈ 2,100 events.
  { name: "100x", scale: 100, bulk: { organisations: 20_000, initiatives: 50_000, events: 2_100 }, seed: 42 },
];

/** A hash of everything that decides the rows: the parameters and the generating code. */
function fingerprint(spec: DataSetSpec) {
  const hash = crypto.createHash("sha256");
  hash.update(JSON.stringify({ spec, GENERATOR_VERSION }));
  const files = [
    "scripts/bench-data.ts",
    "db/seed.ts",
    ...fs.readdirSync("db").filter((f) => /^seed-.*\.ts$/.test(f)).map((f) => `db/${f}`),
    ...fs.readdirSync("tests/factories").map((f) => `tests/factories/${f}`),
    ...fs.readdirSync("db/migrations", { recursive: true }).map((f) => `db/migrations/${String(f)}`),
  ].sort();
  for (const file of files) {
    if (!fs.statSync(file).isFile()) continue;
    hash.update(file);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

/** Returns the data set's SQLite file, generating it unless an up-to-date copy exists. */
export async function ensureDataSet(spec: DataSetSpec, log: (line: string) => void = console.log): Promise<string> {
  const file = path.resolve(`data/bench-${spec.name}.sqlite`);
  const stampFile = `${file}.json`;
  const expected = fingerprint(spec);
  const stamp = fs.existsSync(stampFile) ? (JSON.parse(fs.readFileSync(stampFile, "utf8")) as { fingerprint?: string }) : {};
  if (stamp.fingerprint === expected && fs.existsSync(file)) {
    log(`data ${spec.name}: reusing ${path.relative(process.cwd(), file)}`);
    return file;
  }
  const started = performance.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", ".json"]) fs.rmSync(file + suffix, { force: true });
  // The demo seed, exactly as `npm run db:seed` writes it (demo accounts included).
  execFileSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "db/seed.ts"], {
    env: { ...process.env, DATABASE_PATH: file, NODE_ENV: "development" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const { openDatabase } = await import("../db/connection.ts");
  const { sqlite } = openDatabase(file);
  if (spec.bulk) generateBulk(sqlite, spec.bulk, spec.seed);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  fs.writeFileSync(stampFile, JSON.stringify({ fingerprint: expected, spec, generatedAt: new Date().toISOString() }, null, 2));
  log(`data ${spec.name}: generated ${path.relative(process.cwd(), file)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}
