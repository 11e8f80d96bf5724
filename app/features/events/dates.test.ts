import { describe, expect, test } from "vitest";
import { formatEventWhen } from "./dates.ts";

const oneLine = (text: string) => text.replace(/\s+/g, " ");

describe("formatEventWhen", () => {
  test("a one-day event names its date once, with the time range", () => {
    const start = new Date("2031-03-12T20:00:00Z"); // 15:00 in Lima
    const end = new Date("2031-03-12T23:30:00Z");
    expect(oneLine(formatEventWhen("es", start, end))).toBe("miércoles, 12 de marzo de 2031, 3:00 – 6:30 p. m.");
    expect(oneLine(formatEventWhen("en", start, end))).toBe("Wednesday, March 12, 2031, 3:00 – 6:30 PM");
  });

  test("the day is Lima's: an evening event that ends after midnight UTC is still one day", () => {
    const text = formatEventWhen("es", new Date("2031-03-13T01:00:00Z"), new Date("2031-03-13T04:30:00Z"));
    expect(oneLine(text)).toBe("miércoles, 12 de marzo de 2031, 8:00 – 11:30 p. m.");
    expect(text.match(/2031/g)).toHaveLength(1);
  });

  test("a multi-day event names both dates", () => {
    const text = oneLine(formatEventWhen("es", new Date("2031-03-12T14:00:00Z"), new Date("2031-03-14T22:00:00Z")));
    expect(text).toBe("miércoles, 12 de marzo de 2031, 9:00 a. m. – viernes, 14 de marzo de 2031, 5:00 p. m.");
  });
});

describe("date text is the same on the server and in the browser", () => {
  // Node's ICU writes thin (U+2009) and narrow no-break (U+202F) spaces in ranges where Chromium
  // writes plain spaces; a difference in one character made React discard the server's page.
  test("ranges use plain spaces only", () => {
    const start = new Date("2026-12-10T13:30:00Z");
    expect(formatEventWhen("es", start, new Date("2026-12-11T22:00:00Z"))).toBe(
      "jueves, 10 de diciembre de 2026, 8:30 a. m. – viernes, 11 de diciembre de 2026, 5:00 p. m.",
    );
    expect(formatEventWhen("en", start, new Date("2026-12-10T20:00:00Z"))).toBe(
      "Thursday, December 10, 2026, 8:30 AM – 3:00 PM",
    );
  });
});
