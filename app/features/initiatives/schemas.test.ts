import { describe, expect, test } from "vitest";
import { InitiativeSchema, ProgressUpdateSchema, solesToCents } from "./schemas.ts";
import { toStoredIndicator } from "./taxonomy.ts";

const base = { leadOrganisationId: "1", title: "Compost de café", summary: "Abono con pulpa de café para productores", roadmap: "agriculture" };
const errors = (input: Record<string, unknown>) => {
  const r = InitiativeSchema.safeParse({ ...base, ...input });
  return r.success ? {} : r.error.flatten().fieldErrors;
};

describe("initiative validation", () => {
  test("a minimal proposal passes", () => {
    expect(InitiativeSchema.safeParse(base).success).toBe(true);
  });

  test("bad input gets a message per field", () => {
    expect(
      errors({
        summary: "x".repeat(281),
        roadmap: "mining",
        regions: ["ZZZ"],
        startOn: "2026-05-01",
        endOn: "2026-04-01",
        financingAmount: "-5",
      }),
    ).toMatchObject({
      summary: ["ini.errors.summaryLength"],
      roadmap: ["errors.invalidOption"],
      regions: ["errors.invalidOption"],
    });
    expect(errors({ startOn: "2026-05-01", endOn: "2026-04-01" })).toEqual({ endOn: ["ini.errors.endBeforeStart"] });
    expect(errors({ financingAmount: "-5" })).toEqual({ financingAmount: ["ini.errors.amount"] });
    expect(errors({ financingAmount: "99999999999" })).toEqual({ financingAmount: ["ini.errors.amount"] });
    expect(errors({ needs: ["financing"] })).toEqual({ financingKind: ["ini.errors.financingKind"] });
  });

  test("industry needs one of its approaches; other roadmaps ignore one sent", () => {
    expect(errors({ roadmap: "industry" })).toEqual({ approach: ["ini.errors.approachRequired"] });
    const other = InitiativeSchema.safeParse({ ...base, approach: "sustainable_production" });
    expect(other.success && other.data.approach).toBe(undefined);
    expect(errors({ roadmap: "industry", approach: "waste_valorisation" })).toEqual({});
  });
});

describe("money and indicators are integers", () => {
  test("soles to céntimos", () => {
    expect(solesToCents("250000")).toBe(25_000_000);
    expect(solesToCents("S/ 1,234.5")).toBe(123_450);
    expect(solesToCents("0.07")).toBe(7);
    expect(solesToCents("1.234")).toBeNull();
    expect(solesToCents("-5")).toBeNull();
    expect(solesToCents("abc")).toBeNull();
  });

  test("indicator values keep to their unit's precision", () => {
    expect(toStoredIndicator("waste_diverted_t", "12.5")).toBe(12_500);
    expect(toStoredIndicator("waste_diverted_t", "0.001")).toBe(1);
    expect(toStoredIndicator("waste_diverted_t", "1,500")).toBe(1_500_000);
    expect(toStoredIndicator("jobs_created", "1,500")).toBe(1_500);
    expect(toStoredIndicator("waste_diverted_t", "0.0001")).toBeNull();
    expect(toStoredIndicator("jobs_created", "3")).toBe(3);
    expect(toStoredIndicator("jobs_created", "3.5")).toBeNull();
    expect(toStoredIndicator("pen_invested", "1500.75")).toBe(150_075);
    expect(toStoredIndicator("water_saved_m3", "-2")).toBeNull();
    // One update can report up to 999,999,999 units; beyond that it is a typo (and sums overflowed).
    expect(toStoredIndicator("waste_diverted_t", "999,999,999.999")).toBe(999_999_999_999);
    expect(toStoredIndicator("waste_diverted_t", "1000000000")).toBeNull();
    expect(toStoredIndicator("pen_invested", "999999999999")).toBeNull();
  });

  test("a progress update needs a real day that is not in the future", () => {
    const errors = (reportedOn: string) =>
      ProgressUpdateSchema.safeParse({ organisationId: "1", reportedOn, body: "Avance" }).error?.flatten().fieldErrors.reportedOn;
    expect(errors("2024-13-45")).toEqual(["ini.errors.date"]);
    expect(errors("2025-02-30")).toEqual(["ini.errors.date"]);
    expect(errors("2099-01-01")).toEqual(["ini.errors.date"]);
    expect(errors("2025-02-28")).toBeUndefined();
  });

  test("a progress update refuses malformed indicators", () => {
    const r = ProgressUpdateSchema.safeParse({ organisationId: "1", reportedOn: "2026-01-01", body: "Avance", jobs_created: "muchos" });
    expect(r.success).toBe(false);
    expect(r.error?.flatten().fieldErrors).toEqual({ jobs_created: ["ini.errors.indicator"] });
  });
});
