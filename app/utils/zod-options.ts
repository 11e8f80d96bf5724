import { z } from "zod";
import { SEARCH_TEXT_MAX } from "./search-text.ts";

// Shared pieces of the forms' zod schemas. Messages are i18n keys.

/** An optional choice from a fixed list. */
export const option = { errorMap: () => ({ message: "errors.invalidOption" }) };

/** A choice that must be made: "required" when missing, "choose from the list" when unknown. */
export const requiredOption = {
  errorMap: (_issue: unknown, ctx: { data: unknown }) => ({
    message: ctx.data === undefined || ctx.data === "" ? "errors.required" : "errors.invalidOption",
  }),
};

/**
 * A repeated URL parameter filtered to the known values, without duplicates. Listings keep their
 * state in the URL, so unknown values are dropped rather than failing the page.
 */
export const knownValues = <T extends readonly string[]>(values: T) =>
  z
    .array(z.string())
    .default([])
    .transform((items) => [...new Set(items.filter((v): v is T[number] => (values as readonly string[]).includes(v)))]);

/** The items of a list, each once, in their first order. */
export function uniqueItems<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * Several choices from a fixed list (checkboxes, a multi-select): an unknown value fails with
 * "choose from the list"; a value sent twice (a crafted or repeated form field) counts once, so
 * the writes never see a duplicate and never hit a primary-key violation.
 */
export const choices = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values, option)).default([]).transform(uniqueItems);

/** Several record ids chosen from a list (e.g. an event's organisers): positive integers, each once. */
export const idChoices = () => z.array(z.coerce.number().int().positive()).default([]).transform(uniqueItems);

/**
 * A listing's text filter (`?q=`): trimmed, cut to SEARCH_TEXT_MAX characters (whole code
 * points), undefined when empty or not text. A longer query from a crafted link is shortened,
 * not dropped, so the page never silently shows everything instead.
 */
export const searchText = () =>
  z
    .string()
    .trim()
    .transform((text) => Array.from(text).slice(0, SEARCH_TEXT_MAX).join("").trim() || undefined)
    .optional()
    .catch(undefined);
