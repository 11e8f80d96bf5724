import { describe, expect, test } from "vitest";
import { ftsMatch, MAX_SEARCH_WORDS } from "./text-search.ts";

describe("ftsMatch", () => {
  test("every word must occur; the last one is a prefix", () => {
    expect(ftsMatch("reciclaje de plástico")).toBe('"reciclaje" "de" "plástico"*');
    expect(ftsMatch("recicl")).toBe('"recicl"*');
  });

  test("FTS5 and SQL syntax are read as plain words", () => {
    expect(ftsMatch('"a" OR b* NEAR(c) title:d ^e -f')).toBe('"a" "OR" "b" "NEAR" "c" "title" "d" "e" "f"*');
    expect(ftsMatch("x' OR 1=1; DROP TABLE initiatives; --")).toBe('"x" "OR" "1" "1" "DROP" "TABLE" "initiatives"*');
  });

  test("text without a letter or digit matches nothing (null)", () => {
    expect(ftsMatch("¿?")).toBeNull();
    expect(ftsMatch("   ")).toBeNull();
    expect(ftsMatch("\u0000\u202e")).toBeNull();
  });

  test("decomposed accents are composed and compatibility forms unfolded, so they match like typed ones", () => {
    expect(ftsMatch("Ancash")).toBe('"Ancash"*');
    expect(ftsMatch("A\u0301ncash")).toBe('"Áncash"*');
    expect(ftsMatch("\uFB01bra")).toBe('"fibra"*');
    expect(ftsMatch("ＰＥＴ")).toBe('"PET"*');
  });

  test("keeps the first words only, and can restrict columns", () => {
    const many = Array.from({ length: MAX_SEARCH_WORDS + 5 }, (_, i) => `w${i}`).join(" ");
    expect(ftsMatch(many)!.split(" ")).toHaveLength(MAX_SEARCH_WORDS);
    expect(ftsMatch("agraria molina", ["name"])).toBe('{name} : ("agraria" "molina"*)');
  });
});
