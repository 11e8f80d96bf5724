import { z } from "zod";

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
