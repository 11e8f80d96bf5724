// The resource exchange's fixed vocabularies (issue 12). Codes are stored; labels come from the
// dictionaries. Quantities are stored as integers in the smallest unit of their dimension: grams,
// litres, watt-hours or units — never floats.

export const LISTING_KINDS = ["have", "want"] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

/** Material categories, from the taxonomy (plastics by resin: PET, HDPE, LDPE, PP, PS, mixed). */
export const MATERIAL_CATEGORIES = [
  "agro_residues",
  "food_organics",
  "plastic_pet",
  "plastic_hdpe",
  "plastic_ldpe",
  "plastic_pp",
  "plastic_ps",
  "plastic_mixed",
  "paper_cardboard",
  "glass",
  "metals",
  "textiles_fibres",
  "construction_demolition",
  "weee",
  "wood",
  "sludges_wastewater",
  "used_oils",
  "energy_heat",
  "equipment_machinery",
  "logistics_storage",
  "services_knowhow",
] as const;
export type MaterialCategory = (typeof MATERIAL_CATEGORIES)[number];

/** What a quantity measures; only quantities of one dimension can be compared. */
export type Dimension = "mass" | "volume" | "energy" | "count";

/**
 * The units a listing may be entered in, each with its dimension and how many of the dimension's
 * smallest unit it holds: t and kg in grams, m³ in litres, kWh in watt-hours, units in units.
 */
export const QUANTITY_UNITS = {
  t: { dimension: "mass", base: 1_000_000 },
  kg: { dimension: "mass", base: 1_000 },
  m3: { dimension: "volume", base: 1_000 },
  kwh: { dimension: "energy", base: 1_000 },
  units: { dimension: "count", base: 1 },
} as const satisfies Record<string, { dimension: Dimension; base: number }>;
export type QuantityUnit = keyof typeof QUANTITY_UNITS;
export const QUANTITY_UNIT_CODES = Object.keys(QUANTITY_UNITS) as QuantityUnit[];

export const FREQUENCIES = ["one_off", "weekly", "monthly", "yearly", "continuous"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * A quantity typed by a person (e.g. "2.5" t) in the smallest unit of its dimension, as an
 * integer (2,500,000 g). Returns null for anything that is not a positive finite number or whose
 * result is not a safe integer ≥ 1 (e.g. 0.0001 g): the form says so next to the field.
 */
export function toBaseQuantity(amount: number, unit: QuantityUnit): number | null {
  if (!Number.isFinite(amount) || amount <= 0) return null;
  const base = Math.round(amount * QUANTITY_UNITS[unit].base);
  return Number.isSafeInteger(base) && base >= 1 ? base : null;
}

/**
 * A listing's life: drafts are seen by their organisation only; published ones are public and
 * matched; "matched" (the owner says a counterpart was found), "closed" (withdrawn) and "expired"
 * (past its available-until day without renewal) leave the listings and search but keep their
 * recorded exchanges.
 */
export const LISTING_STATUSES = ["draft", "published", "matched", "closed", "expired"] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** How a listing is priced: free, to be agreed in the conversation, or a price in céntimos (PEN). */
export const PRICE_MODES = ["free", "to_agree", "priced"] as const;
export type PriceMode = (typeof PRICE_MODES)[number];

/** A recorded exchange waits for the other side's confirmation; declined ones stay as history. */
export const EXCHANGE_STATUSES = ["pending", "confirmed", "declined"] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];

/** A stored quantity back in the unit it was entered in (2,500,000 g in t → 2.5). */
export function fromBaseQuantity(base: number, unit: QuantityUnit): number {
  return base / QUANTITY_UNITS[unit].base;
}

/**
 * The checkbox a counterpart ticks, when contacting or recording an exchange on a hazardous listing,
 * to confirm they handle it through a registered EO-RS (D. Leg. 1278). See HazardConfirm
 * (hazard-notice.tsx) for the field and hazardConfirmationError for the check.
 */
export const HAZARD_CONFIRM_FIELD = "eorsConfirmed";
