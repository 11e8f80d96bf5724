import { z } from "zod";
import { solesToCents } from "#app/features/initiatives/schemas.ts";
import { limaDay } from "#app/i18n.ts";
import { requiredOption } from "#app/utils/zod-options.ts";
import { parseDecimal, quantityError } from "./schemas.ts";
import { QUANTITY_UNIT_CODES, QUANTITY_UNITS, toBaseQuantity, type Dimension, type QuantityUnit } from "./taxonomy.ts";

// The "record an exchange" form (issue 12). Messages are dictionary keys
// (app/locales/*/exchange-records.ts); the same schema runs in the browser and on the server.

/** The first day an exchange may say it happened: the platform counts the Pact's era onwards. */
export const FIRST_EXCHANGE_DAY = "2015-01-01";

/** The most money one exchange may say it saved or earned: S/ 100,000,000 (céntimos). */
export const MAX_EXCHANGE_VALUE_CENTS = 100_000_000 * 100;

/** The answers to a recorded exchange. */
export const EXCHANGE_RESPONSES = ["confirm", "decline"] as const;
export type ExchangeResponse = (typeof EXCHANGE_RESPONSES)[number];

const realDay = (value: string) => {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
};

/**
 * The record form for a listing whose quantity is of `dimension`: acting organisation (when the
 * person may act for several), the counterpart (an organisation id from the list, or a name typed),
 * the Lima day it happened (from FIRST_EXCHANGE_DAY to `today`, never in the future), the
 * quantity moved as typed plus a unit of the listing's dimension (→ `baseQuantity`, an integer in
 * grams / litres / Wh / units), and optional money saved or earned in soles (→ `valueCents`).
 */
export function exchangeRecordSchema({ dimension, today = limaDay(Date.now()) }: { dimension: Dimension; today?: string }) {
  return z
    .object({
      actingOrganisationId: z.coerce.number().int().positive().optional(),
      counterpartOrganisationId: z.coerce.number().int().positive().optional(),
      counterpartName: z.string().trim().max(200, "errors.tooLong").optional(),
      occurredOn: z
        .string({ required_error: "errors.required" })
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "xr.errors.date")
        .refine(realDay, "xr.errors.date")
        .refine((day) => day >= FIRST_EXCHANGE_DAY, "xr.errors.dateTooEarly")
        .refine((day) => day <= today, "xr.errors.dateFuture"),
      quantity: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
      unit: z.enum(QUANTITY_UNIT_CODES as [QuantityUnit, ...QuantityUnit[]], requiredOption),
      value: z.string().trim().max(30, "xr.errors.value").optional(),
    })
    .superRefine((value, ctx) => {
      if (QUANTITY_UNITS[value.unit].dimension !== dimension) {
        ctx.addIssue({ code: "custom", path: ["unit"], message: "xr.errors.unitDimension" });
        return;
      }
      const error = quantityError(value.quantity, value.unit);
      if (error) ctx.addIssue({ code: "custom", path: ["quantity"], message: error });
      if (value.value) {
        const cents = solesToCents(value.value);
        if (cents === null || cents > MAX_EXCHANGE_VALUE_CENTS) ctx.addIssue({ code: "custom", path: ["value"], message: "xr.errors.value" });
      }
    })
    .transform((value) => ({
      actingOrganisationId: value.actingOrganisationId,
      counterpartOrganisationId: value.counterpartOrganisationId,
      counterpartName: value.counterpartName || undefined,
      occurredOn: value.occurredOn,
      unit: value.unit,
      baseQuantity: toBaseQuantity(parseDecimal(value.quantity), value.unit)!,
      valueCents: value.value ? solesToCents(value.value) : null,
    }));
}

export type ExchangeRecordInput = z.output<ReturnType<typeof exchangeRecordSchema>>;

/** The other side's answer posted from the listing page: `decision` confirm or decline (required). */
export const ExchangeResponseSchema = z.object({ decision: z.enum(EXCHANGE_RESPONSES, requiredOption) });

/** A coordinator hiding a listing, or showing it again: the reason is required (audit log). */
export const HideListingSchema = z.object({
  intent: z.enum(["hide", "show"], requiredOption),
  reason: z.string({ required_error: "errors.required" }).trim().min(3, "xr.errors.reason").max(1000, "errors.tooLong"),
});
