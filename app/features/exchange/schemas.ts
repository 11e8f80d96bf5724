import { z } from "zod";
import { REGION_CODES } from "#app/features/organisations/taxonomy.ts";
import { solesToCents } from "#app/features/initiatives/schemas.ts";
import { limaDay } from "#app/i18n.ts";
import { option, requiredOption } from "#app/utils/zod-options.ts";
import {
  FREQUENCIES,
  LISTING_KINDS,
  MATERIAL_CATEGORIES,
  PRICE_MODES,
  QUANTITY_UNIT_CODES,
  QUANTITY_UNITS,
  toBaseQuantity,
  type Dimension,
  type QuantityUnit,
} from "./taxonomy.ts";

// The listing form's validation (issue 12). Messages are dictionary keys (app/locales/*/exchange.ts),
// shown next to their field; the same schema runs in the browser and on the server.

/**
 * The largest quantity a listing may state, per dimension, in its smallest unit: 1,000,000 t
 * (10¹² g), 1,000,000 m³ (10⁹ L), 1 TWh (10⁹ kWh = 10¹² Wh), 10⁹ units. Anything above is a typo.
 */
export const MAX_BASE_QUANTITY: Record<Dimension, number> = {
  mass: 1_000_000 * 1_000_000,
  volume: 1_000_000 * 1_000,
  energy: 1_000_000_000 * 1_000,
  count: 1_000_000_000,
};

/** The largest price a listing may ask: S/ 100,000,000 (in céntimos). */
export const MAX_PRICE_CENTS = 100_000_000 * 100;

/** A listing has at most this many photos. */
export const MAX_LISTING_PHOTOS = 4;

/** How far ahead a listing may say it is available: two years from today (Lima). */
export const MAX_AVAILABILITY_DAYS = 731;

/**
 * A quantity as typed, to a number: digits with an optional decimal point and optional thousands
 * commas ("2.5", "1,200.5", "1200"); spaces ignored. Returns NaN for anything else (a sign, letters,
 * "1,2,3"), so "-3" is refused as not a positive number by the caller (see quantityError).
 */
export function parseDecimal(text: string): number {
  const clean = text.replace(/\s+/g, "");
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(clean)) return Number.NaN;
  return Number(clean.replace(/,/g, ""));
}

/** Why a typed quantity cannot be stored, as a message key; null when `toBaseQuantity` takes it. */
export function quantityError(text: string, unit: QuantityUnit): string | null {
  const clean = text.replace(/\s+/g, "");
  if (/^-/.test(clean) || /^0*(\.0*)?$/.test(clean)) return "exch.errors.quantityPositive";
  const amount = parseDecimal(text);
  if (Number.isNaN(amount)) return "exch.errors.quantityNumber";
  const base = toBaseQuantity(amount, unit);
  // Not storable as a whole number of base units: below one of them, or so many digits that it
  // passes the safe integer range (1000000000000 t) — too large, like any amount over the maximum.
  if (base === null) return amount < 1 ? "exch.errors.quantityTooSmall" : "exch.errors.quantityTooLarge";
  if (base > MAX_BASE_QUANTITY[QUANTITY_UNITS[unit].dimension]) return "exch.errors.quantityTooLarge";
  return null;
}

/** `day` plus `days` calendar days, both "YYYY-MM-DD". */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const isRealDay = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value && value >= "2000-01-01";
};
const isoDay = () =>
  z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .refine((value) => value === "" || isRealDay(value), "exch.errors.date");

/** What the form's buttons ask: keep as a draft, publish (or keep published), or save as it is. */
export const LISTING_INTENTS = ["draft", "publish", "save"] as const;
export type ListingIntent = (typeof LISTING_INTENTS)[number];

/**
 * The listing form's schema. `today` (Lima, "YYYY-MM-DD", default now) bounds the dates: until ≥
 * from, until not before today when publishing, at most two years ahead. `organisationId` is
 * required on the new-listing form only (the edit form's listing keeps its organisation).
 */
export function listingSchema({ today = limaDay(Date.now()), withOrganisation = false }: { today?: string; withOrganisation?: boolean } = {}) {
  const organisationId = z.coerce
    .number({ required_error: "errors.required", invalid_type_error: "errors.required" })
    .int()
    .positive("errors.required");
  return z
    .object({
      intent: z.enum(LISTING_INTENTS, option).default("draft"),
      organisationId: withOrganisation ? organisationId : organisationId.optional(),
      kind: z.enum(LISTING_KINDS, requiredOption),
      title: z.string({ required_error: "errors.required" }).trim().min(5, "exch.errors.titleLength").max(120, "exch.errors.titleLength"),
      category: z.enum(MATERIAL_CATEGORIES, requiredOption),
      description: z.string().trim().max(5_000, "errors.tooLong").default(""),
      specification: z.string().trim().max(2_000, "errors.tooLong").default(""),
      quantity: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
      unit: z.enum(QUANTITY_UNIT_CODES as unknown as [QuantityUnit, ...QuantityUnit[]], requiredOption),
      frequency: z.enum(FREQUENCIES, requiredOption),
      region: z.enum(REGION_CODES, requiredOption),
      province: z.string().trim().max(80, "errors.tooLong").default(""),
      availableFrom: isoDay(),
      availableUntil: isoDay(),
      priceMode: z.enum(PRICE_MODES, requiredOption).default("to_agree"),
      price: z.string().trim().max(30, "exch.errors.price").optional(),
      hazardous: z.literal("on").optional(),
      initiativeId: z.coerce.number({ invalid_type_error: "errors.invalidOption" }).int().positive("errors.invalidOption").optional(),
    })
    // Zod runs this even when a field failed, so each check looks only at fields that are valid.
    .superRefine((value, ctx) => {
      const error = value.quantity && value.unit in QUANTITY_UNITS ? quantityError(value.quantity, value.unit) : null;
      if (error) ctx.addIssue({ code: "custom", path: ["quantity"], message: error });
      if (!isRealDay(value.availableFrom) || !isRealDay(value.availableUntil)) {
        // Each bad day already has its message.
      } else if (value.availableUntil < value.availableFrom) {
        ctx.addIssue({ code: "custom", path: ["availableUntil"], message: "exch.errors.untilBeforeFrom" });
      } else if (value.intent === "publish" && value.availableUntil < today) {
        ctx.addIssue({ code: "custom", path: ["availableUntil"], message: "exch.errors.untilPast" });
      }
      const latest = addDays(today, MAX_AVAILABILITY_DAYS);
      if (isRealDay(value.availableUntil) && value.availableUntil > latest) ctx.addIssue({ code: "custom", path: ["availableUntil"], message: "exch.errors.untilTooFar" });
      if (isRealDay(value.availableFrom) && value.availableFrom > latest) ctx.addIssue({ code: "custom", path: ["availableFrom"], message: "exch.errors.untilTooFar" });
      if (value.priceMode === "priced") {
        const cents = value.price ? solesToCents(value.price) : null;
        if (cents === null || cents <= 0 || cents > MAX_PRICE_CENTS) ctx.addIssue({ code: "custom", path: ["price"], message: "exch.errors.price" });
      }
    })
    .transform((value) => ({
      ...value,
      hazardous: value.hazardous === "on",
      /** In the smallest unit of the unit's dimension (grams, litres, Wh, units). */
      baseQuantity: toBaseQuantity(parseDecimal(value.quantity), value.unit)!,
      /** Céntimos when priced, else null. */
      priceCents: value.priceMode === "priced" && value.price ? solesToCents(value.price) : null,
    }));
}

export type ListingInput = z.output<ReturnType<typeof listingSchema>>;

/** Renewing: the new last day of availability (today or later, at most two years ahead). */
export function renewSchema({ today = limaDay(Date.now()) }: { today?: string } = {}) {
  return z.object({ availableUntil: isoDay() }).superRefine((value, ctx) => {
    if (!isRealDay(value.availableUntil)) return;
    if (value.availableUntil < today) ctx.addIssue({ code: "custom", path: ["availableUntil"], message: "exch.errors.untilPast" });
    if (value.availableUntil > addDays(today, MAX_AVAILABILITY_DAYS)) {
      ctx.addIssue({ code: "custom", path: ["availableUntil"], message: "exch.errors.untilTooFar" });
    }
  });
}

// In taxonomy.ts (no zod), so pages that only show listings do not download the form's schemas.
export { fromBaseQuantity, HAZARD_CONFIRM_FIELD } from "./taxonomy.ts";
import { HAZARD_CONFIRM_FIELD } from "./taxonomy.ts";

/**
 * For a form about a listing: the message key to show next to the EO-RS checkbox when the listing
 * is hazardous and the box was not ticked, else null.
 */
export function hazardConfirmationError(listing: { hazardous: boolean }, form: FormData): "exch.hazard.confirmRequired" | null {
  return listing.hazardous && form.get(HAZARD_CONFIRM_FIELD) !== "on" ? "exch.hazard.confirmRequired" : null;
}
