import { describe, expect, test } from "vitest";
import { addDays, hazardConfirmationError, listingSchema, parseDecimal, quantityError, renewSchema } from "./schemas.ts";

const TODAY = "2026-05-10";
const schema = listingSchema({ today: TODAY, withOrganisation: true });
const base = {
  organisationId: "3",
  intent: "publish",
  kind: "have",
  title: "Cascarilla de arroz",
  category: "agro_residues",
  quantity: "2.5",
  unit: "t",
  frequency: "monthly",
  region: "LAM",
  availableFrom: "2026-05-01",
  availableUntil: "2026-12-31",
  priceMode: "to_agree",
};
const errors = (input: Record<string, unknown>) => {
  const r = schema.safeParse({ ...base, ...input });
  return r.success ? {} : r.error.flatten().fieldErrors;
};

describe("listing validation", () => {
  test("a complete listing passes, its quantity in grams and its price in céntimos", () => {
    const r = schema.parse({ ...base, quantity: "1,200.5", unit: "kg", priceMode: "priced", price: "1,250.50", hazardous: "on" });
    // 1,200.5 kg = 1,200,500 g; S/ 1,250.50 = 125,050 céntimos.
    expect(r.baseQuantity).toBe(1_200_500);
    expect(r.priceCents).toBe(125_050);
    expect(r.hazardous).toBe(true);
    expect(schema.parse(base)).toMatchObject({ baseQuantity: 2_500_000, priceCents: null, hazardous: false, province: "", description: "" });
  });

  test("a price is dropped unless the mode is priced", () => {
    expect(schema.parse({ ...base, priceMode: "free", price: "99" }).priceCents).toBeNull();
  });

  test.each([
    ["-3", "exch.errors.quantityPositive"],
    ["0", "exch.errors.quantityPositive"],
    ["0.000", "exch.errors.quantityPositive"],
    ["abc", "exch.errors.quantityNumber"],
    ["1,2,3", "exch.errors.quantityNumber"],
    ["2.5e3", "exch.errors.quantityNumber"],
    ["Infinity", "exch.errors.quantityNumber"],
    ["1000001", "exch.errors.quantityTooLarge"],
    ["", "errors.required"],
  ])("quantity %j → %s", (quantity, message) => {
    expect(errors({ quantity })).toEqual({ quantity: [message] });
  });

  test("the largest quantity is 1,000,000 t or its equivalent in each dimension", () => {
    expect(errors({ quantity: "1,000,000", unit: "t" })).toEqual({});
    expect(errors({ quantity: "1000000001", unit: "kg" })).toEqual({ quantity: ["exch.errors.quantityTooLarge"] });
    expect(errors({ quantity: "1,000,001", unit: "m3" })).toEqual({ quantity: ["exch.errors.quantityTooLarge"] });
    expect(errors({ quantity: "1000000001", unit: "units" })).toEqual({ quantity: ["exch.errors.quantityTooLarge"] });
    // Too many digits is "too large" too, not "not a number" (break-it 12, fault 9).
    expect(errors({ quantity: "1000000000000", unit: "t" })).toEqual({ quantity: ["exch.errors.quantityTooLarge"] });
    expect(errors({ quantity: "1,000,000,000,000,000,000", unit: "kg" })).toEqual({ quantity: ["exch.errors.quantityTooLarge"] });
    expect(errors({ quantity: "9".repeat(40), unit: "units" })).toEqual({ quantity: ["exch.errors.quantityTooLarge"] });
    expect(errors({ quantity: "x".repeat(40), unit: "units" })).toEqual({ quantity: ["exch.errors.quantityNumber"] });
    // Less than one unit (0.4 units) cannot be stored as an integer count.
    expect(errors({ quantity: "0.4", unit: "units" })).toEqual({ quantity: ["exch.errors.quantityTooSmall"] });
  });

  test("unknown codes get 'choose from the list', missing ones 'required'", () => {
    expect(errors({ category: "uranium", region: "XXX", unit: "barrels", frequency: "hourly", kind: "give" })).toEqual({
      category: ["errors.invalidOption"],
      region: ["errors.invalidOption"],
      unit: ["errors.invalidOption"],
      frequency: ["errors.invalidOption"],
      kind: ["errors.invalidOption"],
    });
    expect(errors({ category: "", region: undefined })).toEqual({ category: ["errors.required"], region: ["errors.required"] });
  });

  test("lengths: title 5–120, description 5,000, specification 2,000, province 80", () => {
    expect(errors({ title: "Arroz" })).toEqual({});
    expect(errors({ title: "Caña" })).toEqual({ title: ["exch.errors.titleLength"] });
    expect(errors({ title: "x".repeat(121), description: "d".repeat(5_001), specification: "s".repeat(2_001), province: "p".repeat(81) })).toEqual({
      title: ["exch.errors.titleLength"],
      description: ["errors.tooLong"],
      specification: ["errors.tooLong"],
      province: ["errors.tooLong"],
    });
  });

  test("dates: real days, until after from, not past when publishing, two years ahead at most", () => {
    expect(errors({ availableFrom: "2026-02-30" })).toEqual({ availableFrom: ["exch.errors.date"] });
    expect(errors({ availableUntil: "31/12/2026" })).toEqual({ availableUntil: ["exch.errors.date"] });
    expect(errors({ availableUntil: "2026-04-30" })).toEqual({ availableUntil: ["exch.errors.untilBeforeFrom"] });
    expect(errors({ availableFrom: "2026-01-01", availableUntil: "2026-05-09" })).toEqual({ availableUntil: ["exch.errors.untilPast"] });
    // A draft may keep a past window (it cannot be published until renewed).
    expect(errors({ intent: "draft", availableFrom: "2026-01-01", availableUntil: "2026-05-09" })).toEqual({});
    expect(errors({ availableUntil: TODAY })).toEqual({});
    expect(errors({ availableUntil: addDays(TODAY, 731) })).toEqual({});
    expect(errors({ availableUntil: addDays(TODAY, 732) })).toEqual({ availableUntil: ["exch.errors.untilTooFar"] });
  });

  test("a priced listing needs a positive price in soles", () => {
    for (const price of [undefined, "", "-5", "0", "cinco", "12.345", "200000000"]) {
      expect(errors({ priceMode: "priced", price })).toEqual({ price: ["exch.errors.price"] });
    }
  });

  test("the organisation is required on the new-listing form only; the initiative is an id", () => {
    expect(errors({ organisationId: "" })).toEqual({ organisationId: ["errors.required"] });
    expect(listingSchema({ today: TODAY }).safeParse({ ...base, organisationId: undefined }).success).toBe(true);
    expect(errors({ initiativeId: "abc" })).toEqual({ initiativeId: ["errors.invalidOption"] });
  });
});

describe("quantities and helpers", () => {
  test("parseDecimal takes digits, a decimal point and thousands commas only", () => {
    expect(parseDecimal("1,200.5")).toBe(1200.5);
    expect(parseDecimal(" 12 ")).toBe(12);
    expect(parseDecimal("1,20")).toBeNaN();
    expect(parseDecimal("0x10")).toBeNaN();
  });

  test("quantityError per unit", () => {
    expect(quantityError("0.001", "kg")).toBeNull(); // 1 g
    expect(quantityError("0.0001", "kg")).toBe("exch.errors.quantityTooSmall");
    expect(quantityError("1000000", "kwh")).toBeNull();
  });

  test("renewing needs a day from today to two years ahead", () => {
    const renew = renewSchema({ today: TODAY });
    expect(renew.safeParse({ availableUntil: TODAY }).success).toBe(true);
    expect(renew.safeParse({ availableUntil: "2026-05-09" }).error?.issues[0]?.message).toBe("exch.errors.untilPast");
    expect(renew.safeParse({ availableUntil: "2030-01-01" }).error?.issues[0]?.message).toBe("exch.errors.untilTooFar");
  });

  test("a hazardous listing needs the counterpart's EO-RS confirmation", () => {
    const ticked = new FormData();
    ticked.set("eorsConfirmed", "on");
    expect(hazardConfirmationError({ hazardous: true }, new FormData())).toBe("exch.hazard.confirmRequired");
    expect(hazardConfirmationError({ hazardous: true }, ticked)).toBeNull();
    expect(hazardConfirmationError({ hazardous: false }, new FormData())).toBeNull();
  });
});
