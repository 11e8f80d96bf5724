import type { Translate } from "#app/i18n.ts";
import type { FinancingKind, IndicatorCode, IndustryApproach, InitiativeStatus, NeedKind, PartnerRole, PartnerState } from "./taxonomy.ts";

export const initiativeStatusLabel = (t: Translate, v: string) => t(`ini.status.${v as InitiativeStatus}`);
export const approachLabel = (t: Translate, v: string) => t(`ini.approach.${v as IndustryApproach}`);
export const needLabel = (t: Translate, v: string) => t(`ini.need.${v as NeedKind}`);
export const financingKindLabel = (t: Translate, v: string) => t(`ini.financingKind.${v as FinancingKind}`);
export const partnerRoleLabel = (t: Translate, v: string) => t(`ini.partnerRole.${v as PartnerRole}`);
export const partnerStateLabel = (t: Translate, v: string) => t(`ini.partnerState.${v as PartnerState}`);
export const indicatorLabel = (t: Translate, v: string) => t(`ini.indicator.${v as IndicatorCode}`);
