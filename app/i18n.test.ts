import { describe, expect, test } from "vitest";
import { getLocale, localeFromAcceptLanguage } from "#app/.server/i18n.ts";
import { en } from "#app/locales/en.ts";
import { es } from "#app/locales/es.ts";
import { REGIONS } from "#app/features/organisations/taxonomy.ts";
import { CO2E_SOURCES } from "#app/features/exchange/co2e-factors.ts";
import { dateTimeFormat, formatDateRange, formatDateTime, formatPen, translate, translateCount, translateError } from "./i18n.ts";

const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

describe("language choice", () => {
  test("cookie first, then Accept-Language, then Spanish", () => {
    expect(getLocale(request({ Cookie: "lang=en", "Accept-Language": "es-PE" }))).toBe("en");
    expect(getLocale(request({ "Accept-Language": "en-US,en;q=0.9" }))).toBe("en");
    expect(getLocale(request({ "Accept-Language": "de-DE,fr;q=0.8" }))).toBe("es");
    expect(getLocale(request({}))).toBe("es");
    expect(getLocale(request({ Cookie: "lang=fr" }))).toBe("es");
  });

  test("Accept-Language honours q-values", () => {
    expect(localeFromAcceptLanguage("es;q=0.5, en;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0, es-PE")).toBe("es");
    expect(localeFromAcceptLanguage("qu-PE, es-PE;q=0.9, en;q=0.8")).toBe("es");
  });
});

describe("dictionaries", () => {
  test("Spanish and English have the same keys and no empty text", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
    for (const [key, value] of [...Object.entries(es), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe("");
    }
  });

  test("placeholders are filled, and the same placeholders exist in both languages", () => {
    expect(translate("es", "errors.rateLimited", { minutes: 3 })).toBe(
      "Demasiados intentos. Espera 3 min y vuelve a intentarlo.",
    );
    for (const key of Object.keys(es) as Array<keyof typeof es>) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(es[key]));
    }
  });

  test("validation messages that are keys are translated; other text passes through", () => {
    expect(translateError("en", "errors.required")).toBe("This field is required.");
    expect(translateError("es", "ya traducido")).toBe("ya traducido");
  });
});

describe("formats", () => {
  test("money in soles the Peruvian way", () => {
    expect(formatPen("es", 123456).replace(/\u00a0/g, " ")).toBe("S/ 1,234.56");
  });

  test("dates are shown in Lima time (UTC-5), day first in Spanish", () => {
    const instant = Date.UTC(2026, 6, 28, 3, 30); // 28 July 03:30 UTC = 27 July 22:30 in Lima
    const text = formatDateTime("es", instant, { dateStyle: "short", timeStyle: "short" });
    expect(text).toMatch(/^27\/07\/(20)?26/);
    expect(text).toMatch(/22:30|10:30/);
  });
});

describe("counted messages", () => {
  test("one is singular and every other count plural, in both languages", () => {
    expect(translateCount("es", "dir.results", 1)).toBe("1 organización");
    expect(translateCount("es", "dir.results", 0)).toBe("0 organizaciones");
    expect(translateCount("es", "dir.results", 2)).toBe("2 organizaciones");
    expect(translateCount("es", "dir.results", 1_000_000)).toBe("1,000,000 organizaciones");
    expect(translateCount("en", "dir.results", 1)).toBe("1 organisation");
    expect(translateCount("en", "dir.results", 1234)).toBe("1,234 organisations");
  });

  test("every counted message has an `other` form in both dictionaries", () => {
    for (const dictionary of [es, en]) {
      const keys = Object.keys(dictionary);
      for (const key of keys.filter((k) => /\.(zero|one|two|few|many)$/.test(k))) {
        expect(keys, key).toContain(key.replace(/\.\w+$/, ".other"));
      }
    }
  });
});

describe("region names", () => {
  test("are proper names shown untranslated in both languages, so none carries a Spanish qualifier", () => {
    for (const region of REGIONS) expect(region.name, region.code).not.toMatch(/\(|región|provincia\b/i);
    expect(REGIONS.find((r) => r.code === "LIM")?.name).toBe("Lima Provincias");
  });
});

describe("date ranges of events", () => {
  test("a two-day Forum reads as one span, a one-day event as its day", () => {
    const start = Date.UTC(2024, 11, 5, 14); // 5 December 2024, 09:00 in Lima
    expect(formatDateRange("es", start, Date.UTC(2024, 11, 6, 22))).toBe("5–6 de diciembre de 2024");
    expect(formatDateRange("en", start, Date.UTC(2024, 11, 6, 22))).toBe("December 5 – 6, 2024");
    expect(formatDateRange("es", start, Date.UTC(2024, 11, 5, 22))).toBe("5 de diciembre de 2024");
  });
});

describe("formatters", () => {
  test("are built once per language and options, and reused", () => {
    const options = { dateStyle: "long", timeZone: "America/Lima" } as const;
    expect(dateTimeFormat("es", options)).toBe(dateTimeFormat("es", { ...options }));
    expect(dateTimeFormat("es", options)).not.toBe(dateTimeFormat("en", options));
    expect(dateTimeFormat("es", options).format(Date.UTC(2026, 10, 30, 15))).toBe("30 de noviembre de 2026");
  });
});

describe("names ending in a full stop (break-it 12, fault 11)", () => {
  const org = "Plásticos del Norte S.A.C.";

  test("a name ending in '.' at the end of a sentence gives one full stop, not two", () => {
    const lead = translate("es", "xm.interest.lead", { org });
    expect(lead).toContain("Escribe a Plásticos del Norte S.A.C. Se abre");
    expect(lead).not.toContain("..");
    const notice = translate("es", "xm.notice.newMatch", { title: "Cascarilla", matchTitle: "Busco cascarilla", matchOrganisation: org });
    expect(notice).toBe("Tu publicación «Cascarilla» tiene una nueva coincidencia: «Busco cascarilla» de Plásticos del Norte S.A.C.");
    expect(translate("en", "xm.interest.lead", { org })).not.toContain("..");
  });

  test("other names and values keep the sentence's full stop", () => {
    expect(translate("es", "xm.interest.lead", { org: "Agro Lambayeque" })).toContain("Escribe a Agro Lambayeque. Se abre");
  });
});

describe("exchange wording in Spanish (break-it 12, fault 11)", () => {
  test("neutral, unrepeated and translated wording", () => {
    expect(es["exch.page.published"]).not.toMatch(/Publicación publicada/);
    expect(es["xr.refusal.self"]).not.toMatch(/misma|mismo/);
    expect(es["exch.page.hiddenNotice"]).toMatch(/^La coordinación ocultó/);
    expect(es["xr.co2e.basis.epa-warm15-recycled-vs-landfilled"]).toContain("Greenhouse Gas Equivalencies Calculator");
    // The source's title is the document's proper name only; the connecting words are translated.
    for (const source of CO2E_SOURCES) expect(source.title).not.toMatch(/\bvia\b/);
    expect(es["exch.byDraft"]).not.toMatch(/Publicad/);
  });
});
