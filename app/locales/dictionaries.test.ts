import { describe, expect, test } from "vitest";
import { hasDictionary, isMessageKey, loadDictionary, localeOfLangTag, translate } from "#app/i18n.ts";
import * as browser from "./dictionaries.browser.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";

describe("dictionaries outside the browser", () => {
  test("both languages are there from the start, synchronously", async () => {
    expect(hasDictionary("es") && hasDictionary("en")).toBe(true);
    expect(translate("en", "nav.skip")).toBe(en["nav.skip"]);
    await expect(loadDictionary("en")).resolves.toBeUndefined();
  });

  test("only real keys are keys, not names every object has", () => {
    expect(isMessageKey("nav.skip")).toBe(true);
    expect(isMessageKey("constructor")).toBe(false);
    expect(isMessageKey("toString")).toBe(false);
    expect(isMessageKey(42)).toBe(false);
  });
});

describe("dictionaries in the browser build", () => {
  test("start empty and load one language on demand", async () => {
    expect(browser.preloadedDictionaries).toEqual({});
    await expect(browser.importDictionary("en")).resolves.toBe(en);
    await expect(browser.importDictionary("es")).resolves.toBe(es);
  });
});

describe("the language of <html lang>", () => {
  test("reads the tags the root layout writes, and falls back to Spanish", () => {
    expect(localeOfLangTag("es-PE")).toBe("es");
    expect(localeOfLangTag("en")).toBe("en");
    expect(localeOfLangTag("EN-gb")).toBe("en");
    expect(localeOfLangTag("")).toBe("es");
    expect(localeOfLangTag("qu-PE")).toBe("es");
  });
});
