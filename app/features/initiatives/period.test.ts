import { describe, expect, test } from "vitest";
import { formatDay, formatDayRange, makeTranslator } from "#app/i18n.ts";
import { initiativePeriod } from "./labels.ts";

// Intl writes a narrow no-break space or a thin space around "–" in some ICU versions.
const spaces = (text: string | null) => text?.replace(/[\u2009\u202f\u00a0]/g, " ") ?? null;

describe("an initiative's planned dates read in the reader's language, never as ISO", () => {
  const es = makeTranslator("es");
  const en = makeTranslator("en");

  test("the issue's example: 2027-01-15 → 2028-06-30", () => {
    expect(spaces(initiativePeriod(es, "es", "2027-01-15", "2028-06-30"))).toBe("15 de enero de 2027 – 30 de junio de 2028");
    expect(spaces(initiativePeriod(en, "en", "2027-01-15", "2028-06-30"))).toBe("January 15, 2027 – June 30, 2028");
  });

  test("what both ends share is written once", () => {
    expect(spaces(formatDayRange("es", "2027-01-15", "2027-06-30"))).toBe("15 de enero – 30 de junio de 2027");
    expect(spaces(formatDayRange("es", "2027-01-15", "2027-01-30"))).toBe("15–30 de enero de 2027");
    expect(spaces(formatDayRange("es", "2027-01-15", "2027-01-15"))).toBe("15 de enero de 2027");
  });

  test("an open end or start, or no dates at all", () => {
    expect(initiativePeriod(es, "es", "2027-01-15", null)).toBe("Desde el 15 de enero de 2027");
    expect(initiativePeriod(es, "es", null, "2028-06-30")).toBe("Hasta el 30 de junio de 2028");
    expect(initiativePeriod(en, "en", "2027-01-15", null)).toBe("From January 15, 2027");
    expect(initiativePeriod(es, "es", null, null)).toBeNull();
  });

  test("a calendar day does not shift with the time zone (UTC−5 in Lima, ahead elsewhere)", () => {
    expect(formatDay("es", "2027-01-01")).toBe("1 de enero de 2027");
    expect(formatDay("en", "2027-12-31")).toBe("December 31, 2027");
  });

  test("bad data never throws: text that is not a day, or an end before the start", () => {
    expect(formatDay("es", "2027-02-30")).toBe("2027-02-30");
    expect(spaces(formatDayRange("es", "2028-06-30", "2027-01-15"))).toBe("30 de junio de 2028 – 15 de enero de 2027");
  });
});

describe("initiative periods read the same on the server and in the browser", () => {
  test("no thin or narrow spaces from the server's ICU", () => {
    expect(formatDayRange("en", "2027-01-15", "2027-01-30")).toBe("January 15 – 30, 2027");
    expect(formatDayRange("es", "2027-01-15", "2028-06-30")).toBe("15 de enero de 2027 – 30 de junio de 2028");
  });
});
