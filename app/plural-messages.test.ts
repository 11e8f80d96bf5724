import { describe, expect, test } from "vitest";
import { en } from "#app/locales/en.ts";
import { es } from "#app/locales/es.ts";
import { translateCount } from "./i18n.ts";

const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

describe("every count in both dictionaries uses the language's plural rules", () => {
  test("a message that shows {count} is always a plural form (key ends in a CLDR category)", () => {
    for (const [language, dictionary] of [["es", es], ["en", en]] as const) {
      for (const [key, value] of Object.entries(dictionary)) {
        if (!value.includes("{count}")) continue;
        expect(PLURAL_CATEGORIES, `${language} ${key}: "${value}" shows {count} but is not a plural form`).toContain(
          key.split(".").pop(),
        );
      }
    }
  });

  test("each plural message has both the `one` and `other` forms Spanish and English need", () => {
    for (const dictionary of [es, en]) {
      const keys = new Set(Object.keys(dictionary));
      for (const [key, value] of Object.entries(dictionary)) {
        // `.other` also names enum values ("ini.need.other": "Otro"); counted ones show {count}.
        if (!key.endsWith(".other") || !value.includes("{count}")) continue;
        expect(keys.has(key.replace(/\.other$/, ".one")), key).toBe(true);
      }
    }
  });

  test("the issue's examples: one organisation, one initiative, one event are singular", () => {
    expect(translateCount("es", "dir.results", 1)).toBe("1 organización");
    expect(translateCount("en", "dir.results", 1)).toBe("1 organisation");
    expect(translateCount("es", "ini.list.results", 1)).toBe("1 iniciativa");
    expect(translateCount("es", "ini.list.results", 62)).toBe("62 iniciativas");
    expect(translateCount("en", "ini.list.results", 1)).toBe("1 initiative");
    expect(translateCount("es", "roadmaps.count", 1)).toBe("1 iniciativa");
    expect(translateCount("es", "ev.list.results", 1)).toBe("1 evento");
    expect(translateCount("en", "ev.list.results", 0)).toBe("0 events");
    expect(translateCount("es", "pact.signatoriesCount", 1)).toBe("1 organización firmante");
    expect(translateCount("en", "pact.signatoriesCount", 3)).toBe("3 signatory organisations");
    expect(translateCount("es", "map.regionLink", 1, { region: "Cusco" })).toBe("Cusco: 1 organización");
    expect(translateCount("en", "map.regionLink", 2, { region: "Cusco" })).toBe("Cusco: 2 organisations");
  });

  test("event seats, waitlist and attendee totals", () => {
    expect(translateCount("es", "ev.detail.seats", 1, { confirmed: 0 })).toBe("0 de 1 cupo ocupado");
    expect(translateCount("es", "ev.detail.seats", 40, { confirmed: 1 })).toBe("1 de 40 cupos ocupados");
    expect(translateCount("en", "ev.detail.seats", 1, { confirmed: 1 })).toBe("1 of 1 seat taken");
    expect(translateCount("es", "ev.detail.seatsOpen", 1)).toBe("1 persona inscrita");
    expect(translateCount("en", "ev.detail.seatsOpen", 1)).toBe("1 person registered");
    expect(translateCount("en", "ev.detail.seatsOpen", 5)).toBe("5 people registered");
    expect(translateCount("es", "ev.detail.waitlist", 1)).toBe("1 persona en lista de espera");
    expect(translateCount("es", "ev.attendees.totals.confirmed", 1)).toBe("1 confirmada");
    expect(translateCount("es", "ev.attendees.totals.attended", 1)).toBe("1 asistió");
    expect(translateCount("es", "ev.attendees.totals.attended", 2)).toBe("2 asistieron");
    expect(translateCount("es", "ev.errors.capacityBelow", 1)).toBe(
      "Ya hay 1 persona confirmada: el aforo no puede ser menor.",
    );
    expect(translateCount("en", "ev.errors.capacityBelow", 1)).toBe(
      "1 person is already confirmed: capacity cannot be lower.",
    );
    expect(translateCount("es", "nav.unread", 1)).toBe("1 sin leer");
  });
});
