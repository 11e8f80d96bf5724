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
