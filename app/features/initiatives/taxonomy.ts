// Vocabularies of initiatives. Codes are stored; labels come from the dictionaries.

export const INITIATIVE_STATUSES = ["draft", "open", "in_progress", "completed", "cancelled"] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** Allowed lifecycle moves: draft → open → in progress → completed, or cancelled from any live state. */
export const STATUS_TRANSITIONS: Record<InitiativeStatus, readonly InitiativeStatus[]> = {
  draft: ["open", "cancelled"],
  open: ["in_progress", "cancelled"],
  in_progress: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export const canTransition = (from: InitiativeStatus, to: InitiativeStatus) => STATUS_TRANSITIONS[from].includes(to);

/** The four approaches of the industry roadmap (2020). */
export const INDUSTRY_APPROACHES = [
  "sustainable_production",
  "sustainable_consumption",
  "waste_valorisation",
  "innovation_financing",
] as const;
export type IndustryApproach = (typeof INDUSTRY_APPROACHES)[number];

export const NEED_KINDS = ["partners", "financing", "technology", "training", "infrastructure", "other"] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const FINANCING_KINDS = ["grant", "credit", "investment"] as const;
export type FinancingKind = (typeof FINANCING_KINDS)[number];

export const PARTNER_ROLES = ["co_lead", "implementing", "funder", "technical", "supporter"] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/**
 * requested (by the other organisation) or invited (by the lead) → active or declined;
 * active → left. A new request is possible after declined or left.
 */
export const PARTNER_STATES = ["requested", "invited", "active", "declined", "left"] as const;
export type PartnerState = (typeof PARTNER_STATES)[number];

/**
 * Progress indicators. Values are stored as integers: `scale` units of storage per unit shown
 * (tonnes kept to the kilogram, soles to the céntimo), so no float ever reaches the database.
 */
export const INDICATORS = [
  { code: "waste_diverted_t", scale: 1000 },
  { code: "secondary_material_t", scale: 1000 },
  { code: "water_saved_m3", scale: 1 },
  { code: "energy_saved_mwh", scale: 1000 },
  { code: "co2e_avoided_t", scale: 1000 },
  { code: "jobs_created", scale: 1 },
  { code: "msmes_involved", scale: 1 },
  { code: "people_trained", scale: 1 },
  { code: "pen_invested", scale: 100 },
] as const;
export type IndicatorCode = (typeof INDICATORS)[number]["code"];
export const INDICATOR_CODES = INDICATORS.map((i) => i.code) as unknown as readonly [IndicatorCode, ...IndicatorCode[]];
export const indicatorScale = (code: IndicatorCode) => INDICATORS.find((i) => i.code === code)!.scale;

/**
 * The largest value one progress update may report, in the indicator's own unit (tonnes, m³,
 * jobs, soles…): 999,999,999. Larger figures are typos, and with them a few thousand updates
 * overflowed SQLite's 64-bit integer sum, so the roadmap pages answered 500 for everyone.
 */
export const MAX_INDICATOR_DIGITS = 9;
const INDICATOR_TEXT = new RegExp(`^(\\d{1,${MAX_INDICATOR_DIGITS}})(?:\\.(\\d+))?$`);

/**
 * "12.5" → 12500 for a scale of 1000: the typed value in the indicator's unit, stored as an integer
 * of its smallest step. Null when it is not a number, has more decimals than the scale holds, or
 * more than MAX_INDICATOR_DIGITS whole digits.
 */
export function toStoredIndicator(code: IndicatorCode, text: string): number | null {
  const scale = indicatorScale(code);
  const decimals = Math.log10(scale);
  // Peruvian usage: "," separates thousands and "." decimals (1,234.5), as for soles.
  const match = text.trim().replace(/,/g, "").match(INDICATOR_TEXT);
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return null;
  return Number(match[1]) * scale + (fraction ? Number(fraction.padEnd(decimals, "0")) : 0);
}

export const fromStoredIndicator = (code: IndicatorCode, stored: number) => stored / indicatorScale(code);
