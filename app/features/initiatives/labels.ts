import { formatDay, formatDayRange, type Locale, type Translate } from "#app/i18n.ts";
import type { FinancingKind, IndicatorCode, IndustryApproach, InitiativeStatus, NeedKind, PartnerRole, PartnerState } from "./taxonomy.ts";

export const initiativeStatusLabel = (t: Translate, v: string) => t(`ini.status.${v as InitiativeStatus}`);
export const approachLabel = (t: Translate, v: string) => t(`ini.approach.${v as IndustryApproach}`);
export const needLabel = (t: Translate, v: string) => t(`ini.need.${v as NeedKind}`);
export const financingKindLabel = (t: Translate, v: string) => t(`ini.financingKind.${v as FinancingKind}`);
export const partnerRoleLabel = (t: Translate, v: string) => t(`ini.partnerRole.${v as PartnerRole}`);
export const partnerStateLabel = (t: Translate, v: string) => t(`ini.partnerState.${v as PartnerState}`);
export const indicatorLabel = (t: Translate, v: string) => t(`ini.indicator.${v as IndicatorCode}`);

/**
 * An initiative's planned period, from its optional start and end days ("YYYY-MM-DD"), in the
 * reader's language: "15 de enero de 2027 – 30 de junio de 2028", "Desde el 15 de enero de
 * 2027", "Hasta el 30 de junio de 2028"; null when it has neither.
 */
export function initiativePeriod(t: Translate, locale: Locale, startOn: string | null, endOn: string | null): string | null {
  if (startOn && endOn) return formatDayRange(locale, startOn, endOn);
  if (startOn) return t("ini.dates.from", { date: formatDay(locale, startOn) });
  if (endOn) return t("ini.dates.until", { date: formatDay(locale, endOn) });
  return null;
}
