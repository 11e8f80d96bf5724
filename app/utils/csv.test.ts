import { expect, test } from "vitest";
import { toCsv } from "./csv.ts";

test("CSV quotes what needs quoting and defuses formulas", () => {
  const csv = toCsv([
    ["name", "note"],
    ['Cooperativa "Los Andes", Puno', "=HYPERLINK(\"x\")"],
    ["Ñandú", null],
  ]);
  expect(csv).toBe(
    '\uFEFFname,note\r\n"Cooperativa ""Los Andes"", Puno","\'=HYPERLINK(""x"")"\r\nÑandú,\r\n',
  );
});
