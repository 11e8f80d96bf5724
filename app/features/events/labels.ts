import type { Translate } from "#app/i18n.ts";
import type { EventFormat, EventStatus, EventType, RegistrationStatus } from "./taxonomy.ts";

export const eventTypeLabel = (t: Translate, v: string) => t(`ev.type.${v as EventType}`);
export const eventFormatLabel = (t: Translate, v: string) => t(`ev.format.${v as EventFormat}`);
export const eventStatusLabel = (t: Translate, v: string) => t(`ev.status.${v as EventStatus}`);
export const registrationStatusLabel = (t: Translate, v: string) => t(`ev.regStatus.${v as RegistrationStatus}`);
