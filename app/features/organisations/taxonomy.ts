// The fixed vocabularies of the domain (see shared/domain/README.md). Codes are stored; labels
// come from the dictionaries (`org.actorType.<code>` and so on), except region names, which are
// proper names and read the same in both languages. The Lima region outside the capital is named
// as Peruvians name it, "Lima Provincias" (a qualifier such as "(región)" would be Spanish only).

/** Peru's 26 regions, ISO 3166-2:PE codes without the "PE-" prefix. */
export const REGIONS = [
  { code: "AMA", name: "Amazonas" },
  { code: "ANC", name: "Áncash" },
  { code: "APU", name: "Apurímac" },
  { code: "ARE", name: "Arequipa" },
  { code: "AYA", name: "Ayacucho" },
  { code: "CAJ", name: "Cajamarca" },
  { code: "CAL", name: "Callao" },
  { code: "CUS", name: "Cusco" },
  { code: "HUV", name: "Huancavelica" },
  { code: "HUC", name: "Huánuco" },
  { code: "ICA", name: "Ica" },
  { code: "JUN", name: "Junín" },
  { code: "LAL", name: "La Libertad" },
  { code: "LAM", name: "Lambayeque" },
  { code: "LIM", name: "Lima Provincias" },
  { code: "LMA", name: "Lima Metropolitana" },
  { code: "LOR", name: "Loreto" },
  { code: "MDD", name: "Madre de Dios" },
  { code: "MOQ", name: "Moquegua" },
  { code: "PAS", name: "Pasco" },
  { code: "PIU", name: "Piura" },
  { code: "PUN", name: "Puno" },
  { code: "SAM", name: "San Martín" },
  { code: "TAC", name: "Tacna" },
  { code: "TUM", name: "Tumbes" },
  { code: "UCA", name: "Ucayali" },
] as const;
export type RegionCode = (typeof REGIONS)[number]["code"];
export const REGION_CODES = REGIONS.map((r) => r.code) as unknown as readonly [RegionCode, ...RegionCode[]];
export const regionName = (code: string) => REGIONS.find((r) => r.code === code)?.name ?? code;

export const ACTOR_TYPES = [
  "national_government",
  "regional_government",
  "local_government",
  "company",
  "cooperative",
  "business_association",
  "academia",
  "civil_society",
  "international_cooperation",
  "service_provider",
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Government level is a view of the actor type: national, regional or local government. */
export const GOVERNMENT_LEVELS = ["national", "regional", "local"] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];
export const governmentActorType = (level: GovernmentLevel): ActorType => `${level}_government`;

/** Actor types for which a RUC is optional (they may have none, or a foreign tax number). */
export const RUC_OPTIONAL_ACTOR_TYPES: readonly ActorType[] = ["international_cooperation", "civil_society"];

export const COMPANY_SIZES = ["micro", "small", "medium", "large"] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

/**
 * Actor types that have a company size (micro, small, medium, large — the MSME categories):
 * only companies. Cooperatives and producer associations, business associations, public bodies,
 * academia, civil society, international cooperation and service providers (BIOs, CITEs) are
 * not sized that way, so the field is neither asked for nor stored for them.
 */
export const SIZED_ACTOR_TYPES: readonly ActorType[] = ["company"];
export const hasCompanySize = (actorType: string | undefined | null) =>
  SIZED_ACTOR_TYPES.includes(actorType as ActorType);

export const ROADMAPS = ["industry", "agriculture", "fisheries", "services"] as const;
export type Roadmap = (typeof ROADMAPS)[number];

export const VALUE_CHAINS = ["agricultural", "plastics", "textiles", "construction", "wastewater"] as const;
export type ValueChain = (typeof VALUE_CHAINS)[number];

export const ORGANISATION_STATUSES = ["pending", "approved", "rejected", "suspended"] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

export const MEMBER_ROLES = ["owner", "editor", "member"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
