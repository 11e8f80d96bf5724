import { describe, expect, test } from "vitest";
import { makeTranslator, plainSpaces } from "#app/i18n.ts";
import "#app/locales/dictionaries.ts";
import { quantityText } from "./labels.ts";

const es = makeTranslator("es");
const en = makeTranslator("en");

describe("quantities with their unit, in the language's plural forms (break-it 12, fault 5)", () => {
  test("one unit is singular, two are plural, in both languages", () => {
    expect(quantityText(es, "es", 1, "units")).toBe("1 unidad");
    expect(quantityText(es, "es", 2, "units")).toBe("2 unidades");
    expect(quantityText(en, "en", 1, "units")).toBe("1 unit");
    expect(quantityText(en, "en", 2, "units")).toBe("2 units");
    expect(plainSpaces(quantityText(es, "es", 1_200, "units"))).toBe("1,200 unidades");
  });

  test("symbols stay symbols; fractions and thousands are formatted for the reader", () => {
    expect(quantityText(es, "es", 1_000_000, "t")).toBe("1 t");
    expect(quantityText(en, "en", 2_500_000, "t")).toBe("2.5 t");
    expect(plainSpaces(quantityText(es, "es", 1_200_500, "kg"))).toBe("1,200.5 kg");
    expect(quantityText(en, "en", 3_000, "m3")).toBe("3 m³");
    expect(quantityText(es, "es", 1_000, "kwh")).toBe("1 kWh");
  });
});
