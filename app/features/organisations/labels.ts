import type { Translate } from "#app/i18n.ts";
import type { ActorType, CompanySize, MemberRole, OrganisationStatus, Roadmap, ValueChain } from "./taxonomy.ts";

// Typed label helpers so routes can pass codes from the database without casting each time.
export const actorTypeLabel = (t: Translate, v: string) => t(`org.actorType.${v as ActorType}`);
export const sizeLabel = (t: Translate, v: string) => t(`org.size.${v as CompanySize}`);
export const roadmapLabel = (t: Translate, v: string) => t(`org.roadmap.${v as Roadmap}`);
export const chainLabel = (t: Translate, v: string) => t(`org.chain.${v as ValueChain}`);
export const statusLabel = (t: Translate, v: string) => t(`org.status.${v as OrganisationStatus}`);
export const memberRoleLabel = (t: Translate, v: string) => t(`org.role.${v as MemberRole}`);
