import { describe, expect, test } from "vitest";
import { makeOrganisationProfile, makeRuc } from "#tests/factories/organisations.ts";
import { HistoricalSignatureSchema, OrganisationProfileSchema, PactSignatureSchema } from "./schemas.ts";

const fieldErrors = (input: unknown) => {
  const result = OrganisationProfileSchema.safeParse(input);
  return result.success ? {} : result.error.flatten().fieldErrors;
};

describe("organisation profile", () => {
  test("a complete profile passes", () => {
    expect(OrganisationProfileSchema.safeParse(makeOrganisationProfile()).success).toBe(true);
  });

  test("names each problem with a message key", () => {
    expect(
      fieldErrors({
        name: "X",
        ruc: "20131312954",
        actorType: "pirates",
        hqRegion: "XYZ",
        website: "javascript:alert(1)",
        contactEmail: "nope",
        foundedYear: "1700",
        operatingRegions: ["ARE", "ZZZ"],
      }),
    ).toEqual({
      name: ["org.errors.nameLength"],
      ruc: ["org.errors.ruc"],
      actorType: ["errors.invalidOption"],
      hqRegion: ["errors.invalidOption"],
      website: ["org.errors.website"],
      contactEmail: ["errors.email"],
      foundedYear: ["org.errors.foundedYear"],
      operatingRegions: ["errors.invalidOption"],
    });
  });

  test("missing choices say the field is required", () => {
    const errors = fieldErrors({ name: "Cooperativa Andina" });
    expect(errors.actorType).toEqual(["errors.required"]);
    expect(errors.hqRegion).toEqual(["errors.required"]);
  });

  test("RUC is required except for international cooperation and civil society", () => {
    expect(fieldErrors(makeOrganisationProfile({ ruc: undefined, actorType: "company", companySize: "micro" })).ruc).toEqual([
      "org.errors.rucRequired",
    ]);
    expect(OrganisationProfileSchema.safeParse(makeOrganisationProfile({ ruc: undefined, actorType: "civil_society" })).success).toBe(true);
    expect(
      OrganisationProfileSchema.safeParse(makeOrganisationProfile({ ruc: undefined, actorType: "international_cooperation" })).success,
    ).toBe(true);
  });

  test("companies must give their size", () => {
    expect(fieldErrors(makeOrganisationProfile({ actorType: "company", ruc: makeRuc("20", 12345678) })).companySize).toEqual([
      "org.errors.companySize",
    ]);
  });
});

describe("Pact signature", () => {
  test("needs the confirmation box, a name and a position", () => {
    const result = PactSignatureSchema.safeParse({ signerName: "A", signerPosition: "" });
    expect(result.success).toBe(false);
    expect(result.error?.flatten().fieldErrors).toEqual({
      signerName: ["errors.nameLength"],
      signerPosition: ["org.errors.positionLength"],
      confirm: ["pact.errors.confirm"],
    });
  });
});

describe("a signature recorded from before the platform", () => {
  const historical = (signedOn: string) =>
    HistoricalSignatureSchema.safeParse({ organisationId: "7", signerName: "Gerencia general", signerPosition: "Gerente", signedOn });

  test("takes a real past day", () => {
    expect(historical("2021-03-04").success).toBe(true);
    expect(historical("2024-02-29").success).toBe(true);
  });

  test("refuses a day that does not exist instead of storing the day it rolls over to", () => {
    for (const day of ["2024-02-31", "2023-02-29", "2024-04-31", "2024-13-01"]) {
      expect(historical(day).error?.flatten().fieldErrors, day).toEqual({ signedOn: ["org.errors.date"] });
    }
  });
});

describe("values no form would send", () => {
  test("get a translated message, not zod's English one", async () => {
    const { isMessageKey } = await import("#app/i18n.ts");
    const crafted = HistoricalSignatureSchema.safeParse({ organisationId: "abc", signerName: ["x"], signerPosition: "Gerente", signedOn: "2021-03-04" });
    const errors = crafted.error?.flatten().fieldErrors ?? {};
    expect(errors).toEqual({ organisationId: ["errors.invalid"], signerName: ["errors.invalid"] });
    for (const message of Object.values(errors).flat()) expect(isMessageKey(message), message).toBe(true);
  });
});
