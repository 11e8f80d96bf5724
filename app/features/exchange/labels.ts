import { formatNumber, formatPen, type Locale, type Translate } from "#app/i18n.ts";
import { fromBaseQuantity, type Frequency, type ListingKind, type ListingStatus, type MaterialCategory, type PriceMode, type QuantityUnit } from "./taxonomy.ts";

/** A listing kind ("have", "want") as the reader's language names it. */
export const kindLabel = (t: Translate, v: string) => t(`exch.kind.${v as ListingKind}`);
/** A material category as the reader's language names it. */
export const categoryLabel = (t: Translate, v: string) => t(`exch.category.${v as MaterialCategory}`);
/** A quantity unit (t, kg, m³, kWh, units) as the reader's language writes it. */
export const unitLabel = (t: Translate, v: string) => t(`exch.unit.${v as QuantityUnit}`);
/** A frequency (one-off, weekly, monthly…) as the reader's language names it. */
export const frequencyLabel = (t: Translate, v: string) => t(`exch.frequency.${v as Frequency}`);
/** A listing status (draft, published, matched, closed, expired) in the reader's language. */
export const listingStatusLabel = (t: Translate, v: string) => t(`exch.status.${v as ListingStatus}`);
/** A price mode (free, to be agreed, priced) in the reader's language. */
export const priceModeLabel = (t: Translate, v: string) => t(`exch.priceMode.${v as PriceMode}`);

/**
 * A stored quantity (base units: grams, litres, Wh, units) back in the unit it was entered in,
 * with the reader's number formatting and plural forms: "2.5 t", "1,200 kg", "1 unidad" (es-PE and en
 * both use "," for thousands).
 */
export function quantityText(t: Translate, locale: Locale, base: number, unit: QuantityUnit) {
  const amount = fromBaseQuantity(base, unit);
  // The unit's plural form follows the language's rules ("1 unidad", "2 unidades", "1.5 t").
  return t.count(`exch.quantity.${unit}`, amount, { count: formatNumber(locale, amount) });
}

/** The price as shown: "Gratis", "A convenir" or "S/ 1,250.00". */
export function priceText(t: Translate, locale: Locale, mode: PriceMode, cents: number | null) {
  return mode === "priced" && cents !== null ? formatPen(locale, cents) : priceModeLabel(t, mode);
}
