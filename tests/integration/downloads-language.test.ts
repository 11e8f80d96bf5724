// Downloads are named in the reader's language, like everything else they see.
import { describe, expect, test } from "vitest";
import { loader as directoryCsvLoader } from "#app/routes/organisations[.]csv.ts";
import { callRoute } from "./call-route.ts";

describe("download names", () => {
  test("the directory export is organizaciones.csv in Spanish and organisations.csv in English", async () => {
    const spanish = await callRoute(directoryCsvLoader, { url: "http://localhost:3000/organisations.csv" });
    expect(spanish.headers.get("Content-Disposition")).toBe("attachment; filename=organizaciones.csv");
    const english = await callRoute(directoryCsvLoader, {
      url: "http://localhost:3000/organisations.csv",
      headers: { "Accept-Language": "en" },
    });
    expect(english.headers.get("Content-Disposition")).toBe("attachment; filename=organisations.csv");
  });
});
