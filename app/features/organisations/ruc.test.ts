import { describe, expect, test } from "vitest";
import { isValidRuc, rucCheckDigit } from "./ruc.ts";

describe("RUC", () => {
  test("accepts RUCs whose check digit is right", () => {
    // Worked example: 2·5+0·4+1·3+3·2+1·7+3·6+1·5+2·4+9·3+5·2 = 94; 94 mod 11 = 6; 11 − 6 = 5.
    expect(rucCheckDigit("2013131295")).toBe(5);
    expect(isValidRuc("20131312955")).toBe(true);
    expect(isValidRuc("20100070970")).toBe(true);
    expect(isValidRuc("10467793549")).toBe(true);
  });

  test("maps remainders 1 and 0 to check digits 0 and 1", () => {
    // Sum 100 → remainder 1 → 11 − 1 = 10 → 0; sum 99 → remainder 0 → 11 → 1.
    const firstTenWithRemainder = (target: number) => {
      for (let n = 2000000000; n < 2000010000; n++) {
        const s = String(n);
        const sum = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((t, w, i) => t + w * Number(s[i]), 0);
        if (sum % 11 === target) return s;
      }
      throw new Error("none");
    };
    expect(rucCheckDigit(firstTenWithRemainder(1))).toBe(0);
    expect(rucCheckDigit(firstTenWithRemainder(0))).toBe(1);
  });

  test("refuses a wrong check digit, a wrong length, letters or an unknown prefix", () => {
    expect(isValidRuc("20131312954")).toBe(false);
    expect(isValidRuc("2013131295")).toBe(false);
    expect(isValidRuc("201313129555")).toBe(false);
    expect(isValidRuc("2013131295a")).toBe(false);
    expect(isValidRuc("30131312955")).toBe(false);
  });
});
