// The progress dashboard (issue 11): every aggregate against figures worked out by hand from the
// fixture below, the CSV and JSON downloads, and the coordinators' report (permissions, periods).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { createEvent, publishEvent, setAttended } from "#app/.server/events/index.ts";
import { cancelEvent, register } from "#app/.server/events/mutations.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { changeInitiativeStatus, postProgressUpdate, requestToJoin, respondToPartnership } from "#app/.server/initiatives/mutations.ts";
import { signPact } from "#app/.server/organisations/index.ts";
import { parseReportPeriod, progressDataset, reportForPeriod } from "#app/.server/reporting/index.ts";
import { progressTables } from "#app/components/charts/progress-tables.ts";
import { makeTranslator } from "#app/i18n.ts";
import { loader as progressLoader } from "#app/routes/progress._index.tsx";
import { loader as csvLoader } from "#app/routes/progress.$file.ts";
import { loader as jsonLoader } from "#app/routes/progress[.]json.ts";
import { loader as reportLoader } from "#app/routes/progress.report.tsx";
import { eventInput } from "#tests/factories/events.ts";
import { callRoute } from "./call-route.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson, type Person } from "./world.ts";

const BASE = "http://localhost:3000";
/** A CSV answer's lines, without the byte-order mark. */
const csvLines = (answer: { data: unknown }) => String(answer.data).replace(/^\uFEFF/, "").trim().split("\r\n");
const at = (iso: string) => new Date(iso);

// ---- The fixture -------------------------------------------------------------------------------
// Organisations (approval instants in UTC; Lima is UTC−5):
//   A company,     approved 2024-03-15 (Lima March 2024), HQ LMA, operating CUS + ARE; Pact signed 2024-06-01
//   B cooperative, approved 2024-04-01T04:30Z = 23:30 on 31 March in Lima (March 2024), HQ CUS; Pact signed then withdrawn
//   C company,     approved 2025-01-10 (January 2025), HQ PIU, operating LMA; Pact signed 2025-02-20
//   D academia,    pending (HQ LMA), with a signature row: never counts
//   S company,     suspended: never counts
// Initiatives:
//   I1 lead A, industry / waste_valorisation, regions LMA + CUS, open; partners B and C active
//   I2 lead C, agriculture, region PIU, in progress; partner A active
//   I3 lead A, agriculture, CUS, draft: never counts
//   I4 lead B, services, LMA, completed; no partner (C's request declined)
// Progress updates (reported_on, values as typed):
//   I1 2024-05-10: waste 12.5 t, jobs 4;  I1 2025-02-01: waste 3 t, PEN 1,500.50
//   I2 2025-03-01: waste 2.25 t, people trained 30;  I4 2024-12-31: water 100 m³
// Events (Lima):
//   E1 2024-05-10 published: 3 seats, 2 marked attended, 1 cancelled registration
//   E2 2025-06-01 published: 2 seats
//   E3 2025-07-01 cancelled (1 seat);  E4 2024-08-01 draft;  E5 2031-03-10 published, 1 seat (future)
const fx = {} as {
  ownerA: Person;
  ownerB: Person;
  ownerC: Person;
  a: { id: number; name: string };
  b: { id: number; name: string };
  c: { id: number; name: string };
  i1: { id: number; title: string };
  i2: { id: number; title: string };
  coordinator: Person;
  admin: Person;
  member: Person;
};

function must<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`fixture step refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

function approvedAt(id: number, iso: string) {
  db.update(schema.organisations).set({ approvedAt: at(iso) }).where(eq(schema.organisations.id, id)).run();
}

function initiative(owner: Person, leadId: number, overrides: Parameters<typeof makeInitiativeInput>[1]) {
  const proposed = proposeInitiative(owner.user.id, makeInitiativeInput(leadId, overrides));
  if (!proposed.ok) throw new Error("could not propose");
  return proposed.initiative;
}

function join(initiativeId: number, leadOwner: Person, partnerOwner: Person, partnerId: number, decision: "accept" | "decline" = "accept") {
  const asked = must(requestToJoin(initiativeId, partnerOwner.user.id, { organisationId: partnerId, role: "technical", message: "" }));
  must(respondToPartnership(asked.partnerId, leadOwner.user.id, decision));
}

function update(initiativeId: number, owner: Person, organisationId: number, reportedOn: string, indicators: Record<string, string>) {
  must(postProgressUpdate(initiativeId, owner.user.id, { organisationId, reportedOn, body: "Avance.", indicators }));
}

/** A published event on a Lima day with `seats` registrations made the day before; returns their ids. */
function event(coordinator: Person, day: string, seats: number) {
  const created = createEvent(coordinator.user.id, eventInput({ startsAt: `${day}T09:00`, endsAt: `${day}T13:00`, capacity: 50 }));
  must(publishEvent(created.id));
  const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000);
  const ids = Array.from({ length: seats }, () => must(register(created.id, makePerson().user.id, { answers: [] }, before)).registrationId);
  return { id: created.id, registrations: ids };
}

beforeAll(() => {
  fx.ownerA = makePerson();
  fx.ownerB = makePerson();
  fx.ownerC = makePerson();
  const a = makeOrganisation(fx.ownerA, "approved", { actorType: "company", companySize: "small", hqRegion: "LMA", operatingRegions: ["CUS", "ARE"] });
  const b = makeOrganisation(fx.ownerB, "approved", { actorType: "cooperative", hqRegion: "CUS", operatingRegions: [] });
  const c = makeOrganisation(fx.ownerC, "approved", { actorType: "company", companySize: "medium", hqRegion: "PIU", operatingRegions: ["LMA"] });
  const d = makeOrganisation(makePerson(), "pending", { actorType: "academia", hqRegion: "LMA" });
  makeOrganisation(makePerson(), "suspended", { actorType: "company", companySize: "large", hqRegion: "ARE" });
  approvedAt(a.id, "2024-03-15T15:00:00Z");
  approvedAt(b.id, "2024-04-01T04:30:00Z");
  approvedAt(c.id, "2025-01-10T15:00:00Z");
  Object.assign(fx, { a, b, c });

  const signer = { signerName: "Gerencia", signerPosition: "Gerente" };
  must(signPact(a.id, fx.ownerA.user.id, signer, at("2024-06-01T17:00:00Z")));
  must(signPact(c.id, fx.ownerC.user.id, signer, at("2025-02-20T17:00:00Z")));
  must(signPact(b.id, fx.ownerB.user.id, signer, at("2024-07-01T17:00:00Z")));
  db.update(schema.pactSignatures).set({ withdrawnAt: at("2024-09-01T17:00:00Z") }).where(eq(schema.pactSignatures.organisationId, b.id)).run();
  db.insert(schema.pactSignatures).values({ organisationId: d.id, signerName: "X", signerPosition: "Y", signedAt: at("2024-06-02T17:00:00Z") }).run();

  const i1 = initiative(fx.ownerA, a.id, { title: "Valorización de mermas", roadmap: "industry", approach: "waste_valorisation", regions: ["LMA", "CUS"] });
  advanceTo(i1.id, fx.ownerA.user.id, "open");
  join(i1.id, fx.ownerA, fx.ownerB, b.id);
  join(i1.id, fx.ownerA, fx.ownerC, c.id);
  update(i1.id, fx.ownerA, a.id, "2024-05-10", { waste_diverted_t: "12.5", jobs_created: "4" });
  update(i1.id, fx.ownerA, a.id, "2025-02-01", { waste_diverted_t: "3", pen_invested: "1,500.50" });

  const i2 = initiative(fx.ownerC, c.id, { title: "Compost en Piura", roadmap: "agriculture", regions: ["PIU"] });
  advanceTo(i2.id, fx.ownerC.user.id, "open");
  join(i2.id, fx.ownerC, fx.ownerA, a.id);
  must(changeInitiativeStatus(i2.id, fx.ownerC.user.id, "in_progress"));
  update(i2.id, fx.ownerC, c.id, "2025-03-01", { waste_diverted_t: "2.25", people_trained: "30" });

  initiative(fx.ownerA, a.id, { title: "Borrador", roadmap: "agriculture", regions: ["CUS"] });

  const i4 = initiative(fx.ownerB, b.id, { title: "Reciclaje municipal", roadmap: "services", regions: ["LMA"] });
  advanceTo(i4.id, fx.ownerB.user.id, "open");
  join(i4.id, fx.ownerB, fx.ownerC, c.id, "decline");
  must(changeInitiativeStatus(i4.id, fx.ownerB.user.id, "in_progress"));
  update(i4.id, fx.ownerB, b.id, "2024-12-31", { water_saved_m3: "100" });
  must(changeInitiativeStatus(i4.id, fx.ownerB.user.id, "completed"));
  fx.i1 = { id: i1.id, title: "Valorización de mermas" };
  fx.i2 = { id: i2.id, title: "Compost en Piura" };

  fx.coordinator = makePerson("coordinator");
  fx.admin = makePerson("admin");
  fx.member = makePerson();
  const e1 = event(fx.coordinator, "2024-05-10", 4);
  if (!setAttended(e1.id, e1.registrations[0]!, true) || !setAttended(e1.id, e1.registrations[1]!, true)) throw new Error("could not mark attended");
  db.update(schema.eventRegistrations).set({ status: "cancelled" }).where(eq(schema.eventRegistrations.id, e1.registrations[3]!)).run();
  event(fx.coordinator, "2025-06-01", 2);
  const e3 = event(fx.coordinator, "2025-07-01", 1);
  must(cancelEvent(e3.id, "Lluvias"));
  createEvent(fx.coordinator.user.id, eventInput({ startsAt: "2024-08-01T09:00", endsAt: "2024-08-01T12:00" }));
  event(fx.coordinator, "2031-03-10", 1);
});

// "now" for the dashboard: events up to 2025 have ended, the 2031 one has not.
const NOW = Date.parse("2026-01-15T12:00:00Z");

describe("the dataset, against the fixture", () => {
  test("members: new and cumulative per Lima month, by actor type and region", () => {
    const { members } = progressDataset(NOW);
    expect(members.total).toBe(3);
    // March 2024 (A, and B approved at 23:30 on 31 March in Lima) to NOW's month, January 2026
    // (C joined in January 2025; the total holds until something changes it): 23 months.
    expect(members.overTime).toHaveLength(23);
    expect(members.overTime[0]).toEqual({ month: "2024-03", new: 2, total: 2 });
    expect(members.overTime[1]).toEqual({ month: "2024-04", new: 0, total: 2 });
    expect(members.overTime[10]).toEqual({ month: "2025-01", new: 1, total: 3 });
    expect(members.overTime.at(-1)).toEqual({ month: "2026-01", new: 0, total: 3 });
    expect(members.overTimeByActorType).toEqual([
      { month: "2024-03", actorType: "company", new: 1, total: 1 },
      { month: "2024-03", actorType: "cooperative", new: 1, total: 1 },
      { month: "2025-01", actorType: "company", new: 1, total: 2 },
    ]);
    expect(members.byActorType).toEqual([
      { actorType: "company", count: 2 },
      { actorType: "cooperative", count: 1 },
    ]);
    const regions = Object.fromEntries(members.byRegion.filter((r) => r.count > 0).map((r) => [r.region, r.count]));
    expect(regions).toEqual({ LMA: 2, CUS: 2, ARE: 1, PIU: 1 });
    expect(members.byRegion).toHaveLength(26);
  });

  test("members over time by actor type: cumulative at the end of each Lima year, as a table and CSV", async () => {
    // 2024: A (company) and B (cooperative, approved 23:30 on 31 March in Lima); 2025: C (company).
    const table = progressTables(progressDataset(NOW), makeTranslator("es"))["members-by-type-over-time"];
    expect(table.columns.map((c) => c.label)).toEqual(["Año", "Empresa", "Cooperativa o asociación de productores", "Total de miembros"]);
    expect(table.rows).toEqual([
      ["2024", 1, 1, 2],
      ["2025", 2, 1, 3],
      ["2026", 2, 1, 3],
    ]);
    const csv = await callRoute((a) => csvLoader({ ...a, params: { file: "members-by-type-over-time.csv" } }), {
      url: `${BASE}/progress/members-by-type-over-time.csv`,
      headers: { "Accept-Language": "en" },
    });
    expect(csv.status).toBe(200);
    expect(csvLines(csv)).toEqual([
      "Year,Company,Cooperative or producer association,Total members",
      "2024,1,1,2",
      "2025,2,1,3",
      "2026,2,1,3",
    ]);
  });

  test("signatories: signatures in force of approved organisations, per month signed", () => {
    const { signatories } = progressDataset(NOW);
    expect(signatories.total).toBe(2);
    expect(signatories.overTime).toHaveLength(20); // June 2024 … January 2026 (NOW's month)
    expect(signatories.overTime[0]).toEqual({ month: "2024-06", new: 1, total: 1 });
    expect(signatories.overTime[8]).toEqual({ month: "2025-02", new: 1, total: 2 });
    expect(signatories.overTime.at(-1)).toEqual({ month: "2026-01", new: 0, total: 2 });
  });

  test("initiatives: per region, per roadmap line and status, partners", () => {
    const { initiatives } = progressDataset(NOW);
    expect(initiatives.total).toBe(3);
    const regions = Object.fromEntries(initiatives.byRegion.filter((r) => r.count > 0).map((r) => [r.region, r.count]));
    expect(regions).toEqual({ LMA: 2, CUS: 1, PIU: 1 });
    expect([...initiatives.byLine].sort((x, y) => x.roadmap.localeCompare(y.roadmap))).toEqual([
      { roadmap: "agriculture", approach: null, status: "in_progress", count: 1 },
      { roadmap: "industry", approach: "waste_valorisation", status: "open", count: 1 },
      { roadmap: "services", approach: null, status: "completed", count: 1 },
    ]);
    expect(initiatives.partnerCounts).toEqual([
      { partners: 0, initiatives: 1 },
      { partners: 1, initiatives: 1 },
      { partners: 2, initiatives: 1 },
    ]);
    expect(initiatives.topByPartners.map((r) => [r.title, r.partners])).toEqual([
      [fx.i1.title, 2],
      [fx.i2.title, 1],
    ]);
  });

  test("indicators: in the shown unit, by year, roadmap and region", () => {
    const { indicators } = progressDataset(NOW);
    expect(indicators.map((i) => i.indicator)).toEqual([
      "waste_diverted_t", "secondary_material_t", "water_saved_m3", "energy_saved_mwh", "co2e_avoided_t",
      "jobs_created", "msmes_involved", "people_trained", "pen_invested",
    ]);
    const waste = indicators.find((i) => i.indicator === "waste_diverted_t")!;
    expect(waste.unit).toBe("t");
    expect(waste.total).toBe(17.75);
    expect(waste.byYear).toEqual([{ year: "2024", value: 12.5 }, { year: "2025", value: 5.25 }]);
    expect([...waste.byRoadmap].sort((x, y) => (x.roadmap + x.year).localeCompare(y.roadmap + y.year))).toEqual([
      { roadmap: "agriculture", year: "2025", value: 2.25 },
      { roadmap: "industry", year: "2024", value: 12.5 },
      { roadmap: "industry", year: "2025", value: 3 },
    ]);
    expect([...waste.byRegion].sort((x, y) => (x.region + x.year).localeCompare(y.region + y.year))).toEqual([
      { region: "CUS", year: "2024", value: 12.5 },
      { region: "CUS", year: "2025", value: 3 },
      { region: "LMA", year: "2024", value: 12.5 },
      { region: "LMA", year: "2025", value: 3 },
      { region: "PIU", year: "2025", value: 2.25 },
    ]);
    const pen = indicators.find((i) => i.indicator === "pen_invested")!;
    expect(pen).toMatchObject({ unit: "PEN", total: 1500.5, byYear: [{ year: "2025", value: 1500.5 }] });
    expect(indicators.find((i) => i.indicator === "water_saved_m3")).toMatchObject({ total: 100, byRegion: [{ region: "LMA", year: "2024", value: 100 }] });
    expect(indicators.find((i) => i.indicator === "people_trained")).toMatchObject({ total: 30, byRoadmap: [{ roadmap: "agriculture", year: "2025", value: 30 }] });
    expect(indicators.find((i) => i.indicator === "jobs_created")!.total).toBe(4);
    expect(indicators.find((i) => i.indicator === "energy_saved_mwh")).toMatchObject({ total: 0, byYear: [], byRoadmap: [], byRegion: [] });
  });

  test("indicator tables: by roadmap and year, by region and year (each region in full)", () => {
    const tables = progressTables(progressDataset(NOW), makeTranslator("en"));
    const byRoadmap = tables["indicators-by-roadmap"];
    const col = (label: string) => byRoadmap.columns.findIndex((c) => c.label === label);
    const waste = byRoadmap.rows.filter((r) => r[0] === "Waste diverted or recovered (t)");
    // 2024: I1 (industry) 12.5; 2025: I1 3 + I2 (agriculture) 2.25.
    expect(waste.map((r) => [r[1], r[col("Industry")], r[col("Agriculture")], r[col("Total")]])).toEqual([
      ["2024", 12.5, 0, 12.5],
      ["2025", 3, 2.25, 5.25],
    ]);
    // Only indicators and years with reports: waste ×2, jobs, water, PEN, people trained.
    expect(byRoadmap.rows).toHaveLength(6);
    const byRegion = tables["indicators-by-region"];
    const wasteCol = byRegion.columns.findIndex((c) => c.label === "Waste diverted or recovered (t)");
    const waterCol = byRegion.columns.findIndex((c) => c.label === "Water saved (m³)");
    expect(Object.fromEntries(byRegion.rows.map((r) => [`${r[0]} ${r[1]}`, [r[wasteCol], r[waterCol]]]))).toEqual({
      "Cusco 2024": [12.5, 0],
      "Cusco 2025": [3, 0],
      "Lima Metropolitana 2024": [12.5, 100],
      "Lima Metropolitana 2025": [3, 0],
      "Piura 2025": [2.25, 0],
    });
  });

  test("events: published ones per Lima year, held by now, seats and attendance", () => {
    expect(progressDataset(NOW).events).toEqual([
      { year: "2024", events: 1, held: 1, confirmed: 3, attended: 2 },
      { year: "2025", events: 1, held: 1, confirmed: 2, attended: 0 },
      { year: "2031", events: 1, held: 0, confirmed: 1, attended: 0 },
    ]);
  });

  test("the dataset is cached until a write to one of its groups", () => {
    const first = progressDataset(NOW);
    expect(progressDataset(NOW)).toBe(first);
    db.update(schema.organisations).set({ website: "https://example.pe" }).where(eq(schema.organisations.id, fx.a.id)).run();
    expect(progressDataset(NOW)).not.toBe(first);
  });
});

describe("the report for a period", () => {
  const period = (from: string, to: string) => {
    const parsed = parseReportPeriod(new URLSearchParams({ from, to }));
    if (!parsed.ok) throw new Error("bad period");
    return parsed.period;
  };

  test("2024-03..2024-12: what joined, was signed, published and reported in it", () => {
    const report = reportForPeriod(period("2024-03", "2024-12"), NOW);
    expect(report.newMembers.map((m) => m.name)).toEqual([fx.a.name, fx.b.name]);
    expect(report.newSignatories.map((m) => m.name)).toEqual([fx.a.name]);
    expect(report.members.total).toBe(2);
    expect(report.signatories.total).toBe(1);
    // Initiatives were published when the fixture ran (now), not in 2024.
    expect(report.newInitiatives).toEqual([]);
    expect(report.initiatives.total).toBe(0);
    const waste = report.indicators.find((i) => i.indicator === "waste_diverted_t")!;
    expect(waste.total).toBe(12.5);
    expect(report.indicators.find((i) => i.indicator === "water_saved_m3")!.total).toBe(100);
    expect(report.events).toEqual([{ year: "2024", events: 1, held: 1, confirmed: 3, attended: 2 }]);
    expect(report.initiatives).not.toHaveProperty("topByPartners");
  });

  test("cumulative figures carry in what was there when the period began, and describe its end", () => {
    // 2025: A and B (2024) carried in, C joins in January; A's signature (2024-06) carried in, C signs in February.
    const year = reportForPeriod(period("2025-01", "2025-12"), NOW);
    expect(year.members.overTime).toHaveLength(12);
    expect(year.members.overTime[0]).toEqual({ month: "2025-01", new: 1, total: 3 });
    expect(year.members.overTime.at(-1)).toEqual({ month: "2025-12", new: 0, total: 3 });
    expect(year.members.total).toBe(3);
    expect(year.signatories.overTime.slice(0, 2)).toEqual([
      { month: "2025-01", new: 0, total: 1 },
      { month: "2025-02", new: 1, total: 2 },
    ]);
    expect(year.members.byActorType).toEqual([
      { actorType: "company", count: 2 },
      { actorType: "cooperative", count: 1 },
    ]);
    expect(year.members.overTimeByActorType).toEqual([
      { month: "2025-01", actorType: "company", new: 1, total: 2 },
      { month: "2025-01", actorType: "cooperative", new: 0, total: 1 },
    ]);
    expect(year.newMembers.map((m) => m.name)).toEqual([fx.c.name]);
    const tables = progressTables(year, makeTranslator("es"));
    expect(tables["members-by-type-over-time"].rows).toEqual([["2025", 2, 1, 3]]);
    // Regions of the members at the period's end (A: LMA, CUS, ARE; B: CUS; C: PIU, LMA), only those with members.
    expect(Object.fromEntries(tables["members-by-region"].rows)).toEqual({ "Lima Metropolitana": 2, Cusco: 2, Arequipa: 1, Piura: 1 });

    // Nothing new in March–April 2025: still three members and two signatories, month by month.
    const quiet = reportForPeriod(period("2025-03", "2025-04"), NOW);
    expect(quiet.members.overTime).toEqual([
      { month: "2025-03", new: 0, total: 3 },
      { month: "2025-04", new: 0, total: 3 },
    ]);
    expect(quiet.signatories.total).toBe(2);
    expect(quiet.newMembers).toEqual([]);

    // Before anyone joined: truly nothing, so no series, no actor types and no regions.
    const before = reportForPeriod(period("2023-01", "2023-12"), NOW);
    expect(before.members.overTime).toEqual([]);
    expect(before.signatories.overTime).toEqual([]);
    expect(before.members.byActorType).toEqual([]);
    const empty = progressTables(before, makeTranslator("es"));
    expect(empty["members-by-region"].rows).toEqual([]);
    expect(empty["members-by-type-over-time"].rows).toEqual([]);

    // A period reaching past today stops at this month.
    const current = reportForPeriod(period("2025-11", "2025-12"), Date.parse("2025-11-20T12:00:00Z"));
    expect(current.members.overTime).toEqual([{ month: "2025-11", new: 0, total: 3 }]);
  });

  test("a period including today lists the initiatives published now", () => {
    const thisMonth = new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 7);
    const report = reportForPeriod(period(thisMonth, thisMonth));
    expect(report.newInitiatives.map((i) => i.title).sort()).toEqual(["Compost en Piura", "Reciclaje municipal", "Valorización de mermas"]);
    expect(report.newMembers).toEqual([]);
  });

  test("period parsing: months in Lima, errors per field, never throws", () => {
    expect(period("2024-03", "2024-03").range).toEqual({ from: Date.parse("2024-03-01T05:00:00Z"), to: Date.parse("2024-04-01T05:00:00Z") });
    expect(period("2024-12", "2024-12").range.to).toBe(Date.parse("2025-01-01T05:00:00Z"));
    const bad = (from: string, to: string) => {
      const parsed = parseReportPeriod(new URLSearchParams({ from, to }));
      return parsed.ok ? null : parsed.errors;
    };
    expect(bad("2024-13", "2024-12")).toEqual({ from: "progress.report.errors.month" });
    expect(bad("x", "'; DROP TABLE x")).toEqual({ from: "progress.report.errors.month", to: "progress.report.errors.month" });
    expect(bad("2025-02", "2025-01")).toEqual({ to: "progress.report.errors.order" });
    expect(bad("1999-12", "2024-01")).toEqual({ from: "progress.report.errors.month" });
    // Far future (after December of this Lima year), a span over ten years, and garbage.
    const thisYear = Number(new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 4));
    expect(bad(`${thisYear}-01`, `${thisYear}-12`)).toBeNull();
    expect(bad(`${thisYear}-01`, `${thisYear + 1}-01`)).toEqual({ to: "progress.report.errors.future" });
    expect(bad("2099-01", "2100-12")).toEqual({ from: "progress.report.errors.future", to: "progress.report.errors.future" });
    expect(bad("2005-01", "2024-12")).toEqual({ to: "progress.report.errors.span" });
    expect(bad("2015-01", "2024-12")).toBeNull();
    expect(bad("2015-01", "2025-01")).toEqual({ to: "progress.report.errors.span" });
    expect(bad("2024-1", "2024-00")).toEqual({ from: "progress.report.errors.month", to: "progress.report.errors.month" });
  });
});

describe("routes", () => {
  const args = (path: string, headers: Record<string, string> = {}, params: Record<string, string> = {}): LoaderFunctionArgs => ({
    request: new Request(BASE + path, { headers }),
    params,
    context: { clientIp: "203.0.113.7" },
  });

  test("/progress: the dataset, and the report link for coordinators only", async () => {
    const anonymous = (await progressLoader(args("/progress"))) as { dataset: { members: { total: number } }; canReport: boolean };
    expect(anonymous.dataset.members.total).toBe(3);
    expect(anonymous.canReport).toBe(false);
    const coordinator = (await progressLoader(args("/progress", { Cookie: fx.coordinator.cookie }))) as { canReport: boolean };
    expect(coordinator.canReport).toBe(true);
  });

  test("/progress.json: JSON with the stable field names, named in the reader's language", async () => {
    const response = (await jsonLoader(args("/progress.json", { "Accept-Language": "es-PE" }))) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Content-Disposition")).toBe("attachment; filename=avances.json");
    const english = (await jsonLoader(args("/progress.json", { "Accept-Language": "en" }))) as Response;
    expect(english.headers.get("Content-Disposition")).toBe("attachment; filename=progress.json");
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["events", "exchanges", "indicators", "initiatives", "members", "signatories"]);
    expect(body.members.total).toBe(3);
    expect(body.indicators[0]).toMatchObject({ indicator: "waste_diverted_t", unit: "t", total: 17.75 });
  });

  test("/progress/<table>.csv: translated headers, raw values; unknown tables are 404", async () => {
    const es = await callRoute((a) => csvLoader({ ...a, params: { file: "members-by-type.csv" } }), { url: `${BASE}/progress/members-by-type.csv`, headers: { "Accept-Language": "es-PE" } });
    expect(es.status).toBe(200);
    expect(es.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    // The file is named wholly in the reader's language.
    expect(es.headers.get("Content-Disposition")).toBe("attachment; filename=avances-miembros-por-tipo-de-actor.csv");
    const lines = csvLines(es);
    expect(lines).toEqual(["Tipo de actor,Miembros", "Empresa,2", "Cooperativa o asociación de productores,1"]);

    const en = await callRoute((a) => csvLoader({ ...a, params: { file: "indicators-by-year.csv" } }), { url: `${BASE}/progress/indicators-by-year.csv`, headers: { "Accept-Language": "en" } });
    const enLines = csvLines(en);
    expect(enLines[0]).toBe("Indicator,2024,2025,Total");
    expect(enLines[1]).toMatch(/^"?Waste diverted.*,12\.5,5\.25,17\.75$/);

    const events = await callRoute((a) => csvLoader({ ...a, params: { file: "event-attendance.csv" } }), {
      url: `${BASE}/progress/event-attendance.csv`,
      headers: { "Accept-Language": "en" },
    });
    expect(String(events.data)).toContain("2024,1,1,3,2");
    expect(events.headers.get("Content-Disposition")).toBe("attachment; filename=progress-event-attendance.csv");

    // Each indicator's chart has its own CSV: its totals per year reported.
    const waste = await callRoute((a) => csvLoader({ ...a, params: { file: "indicator-waste_diverted_t.csv" } }), {
      url: `${BASE}/progress/indicator-waste_diverted_t.csv`,
      headers: { "Accept-Language": "en" },
    });
    expect(waste.status).toBe(200);
    expect(csvLines(waste)).toEqual(["Year,Waste diverted or recovered (t)", "2024,12.5", "2025,5.25"]);
    expect(waste.headers.get("Content-Disposition")).toBe("attachment; filename=progress-waste-diverted-or-recovered-t.csv");
    const water = await callRoute((a) => csvLoader({ ...a, params: { file: "indicator-water_saved_m3.csv" } }), { url: `${BASE}/progress/indicator-water_saved_m3.csv` });
    expect(csvLines(water)).toEqual(["Año,Agua ahorrada (m³)", "2024,100"]);
    expect(water.headers.get("Content-Disposition")).toBe("attachment; filename=avances-agua-ahorrada-m3.csv");
    const energy = await callRoute((a) => csvLoader({ ...a, params: { file: "indicator-energy_saved_mwh.csv" } }), { url: `${BASE}/progress/indicator-energy_saved_mwh.csv` });
    expect(energy.status).toBe(200);
    expect(csvLines(energy)).toHaveLength(1);

    for (const file of ["nothing.csv", "members-by-type", "members-by-type.json", "../x.csv", "", "indicator-nothing.csv", "indicator-.csv", "indicator-WATER_SAVED_M3.csv"]) {
      const missing = await callRoute((a) => csvLoader({ ...a, params: { file } }), { url: `${BASE}/progress/${file}` });
      expect(missing.status, file).toBe(404);
    }
  });

  test("/progress/report: anonymous to log in, members 403, coordinators and admins see it", async () => {
    const url = `${BASE}/progress/report?from=2024-01&to=2024-12`;
    const anonymous = await callRoute(reportLoader, { url });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    expect((await callRoute(reportLoader, { url, cookie: fx.member.cookie })).status).toBe(403);
    expect((await callRoute(reportLoader, { url, cookie: fx.ownerA.cookie })).status).toBe(403);
    for (const person of [fx.coordinator, fx.admin]) {
      const seen = await callRoute(reportLoader, { url, cookie: person.cookie });
      expect(seen.status).toBe(200);
      const { report } = seen.data as { report: { newMembers: Array<{ name: string }> } };
      expect(report.newMembers.map((m) => m.name)).toEqual([fx.a.name, fx.b.name]);
    }
  });

  test("/progress/report with a bad period: 400 with the message by the field, never 500", async () => {
    for (const query of [
      "from=2024-13&to=2024-12",
      "from=2025-02&to=2025-01",
      "from=&to=",
      "from=%00&to=9999999999",
      `from=${"9".repeat(5000)}`,
      "from=1900-01&to=2024-01",
      "from=2024-01&to=2099-12",
      "from=2004-01&to=2024-12",
    ]) {
      const answer = await callRoute(reportLoader, { url: `${BASE}/progress/report?${query}`, cookie: fx.coordinator.cookie });
      expect(answer.status, query).toBe(400);
      const { errors, report } = answer.data as { errors: Record<string, string>; report: unknown };
      expect(report).toBeNull();
      expect(Object.keys(errors).length, query).toBeGreaterThan(0);
      for (const key of Object.values(errors)) expect(key, query).toMatch(/^progress\.report\.errors\./);
    }
    const none = await callRoute(reportLoader, { url: `${BASE}/progress/report`, cookie: fx.coordinator.cookie });
    expect(none.status).toBe(200);
  });
});
