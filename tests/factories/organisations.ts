import type { OrganisationProfile } from "#app/features/organisations/schemas.ts";
import { rucCheckDigit } from "#app/features/organisations/ruc.ts";

/** A valid RUC built from a prefix and eight digits (the check digit is computed). Fictional. */
export function makeRuc(prefix: "10" | "20", body: number) {
  const firstTen = `${prefix}${String(body).padStart(8, "0")}`;
  return `${firstTen}${rucCheckDigit(firstTen)}`;
}

let counter = 0;
export function makeOrganisationProfile(overrides: Partial<OrganisationProfile> = {}): OrganisationProfile {
  counter += 1;
  const n = Date.now() % 1_000_000;
  return {
    name: `Cooperativa de Prueba ${n}-${counter}`,
    acronym: undefined,
    ruc: makeRuc("20", (n * 37 + counter * 7919) % 100_000_000),
    actorType: "cooperative",
    companySize: undefined,
    hqRegion: "CUS",
    operatingRegions: [],
    roadmaps: ["agriculture"],
    valueChains: ["agricultural"],
    description: "Productores de quinua que valorizan sus residuos.",
    website: undefined,
    contactEmail: undefined,
    foundedYear: undefined,
    ...overrides,
  };
}

type DemoOrganisation = OrganisationProfile & {
  slug: string;
  owner?: string;
  status?: "approved" | "pending";
  /** ISO day of a Pact signature recorded from before the platform. */
  pactSignedOn?: string;
  signer?: [name: string, position: string];
};

// Demo data only: names of the kinds of actors in the alliance; every RUC is fictional.
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    slug: "ministerio-de-la-produccion", name: "Ministerio de la Producción", acronym: "PRODUCE", ruc: makeRuc("20", 50426811),
    actorType: "national_government", hqRegion: "LMA", operatingRegions: [], roadmaps: ["industry", "fisheries"], valueChains: ["plastics", "textiles"],
    description: "Impulsa la **hoja de ruta de economía circular para la industria**, aprobada en 2020.", website: "https://www.gob.pe/produce",
    pactSignedOn: "2021-03-04", signer: ["Representante del despacho ministerial", "Viceministerio de MYPE e Industria"],
  },
  {
    slug: "ministerio-del-ambiente", name: "Ministerio del Ambiente", acronym: "MINAM", ruc: makeRuc("20", 49296665),
    actorType: "national_government", hqRegion: "LMA", operatingRegions: [], roadmaps: ["industry", "services"], valueChains: ["plastics", "construction", "wastewater"],
    description: "Rectoría ambiental y gestión de residuos sólidos.", website: "https://www.gob.pe/minam",
    pactSignedOn: "2021-03-04", signer: ["Representante del despacho ministerial", "Dirección General de Residuos Sólidos"],
  },
  {
    slug: "sociedad-nacional-de-industrias", name: "Sociedad Nacional de Industrias", acronym: "SNI", ruc: makeRuc("20", 10007097),
    actorType: "business_association", hqRegion: "LMA", operatingRegions: ["ARE", "LAL"], roadmaps: ["industry"], valueChains: ["plastics", "textiles"],
    description: "Gremio de la industria peruana.", pactSignedOn: "2021-03-04", signer: ["Presidencia del comité de economía circular", "Comité de Economía Circular"],
  },
  {
    slug: "camara-de-comercio-de-lima", name: "Cámara de Comercio de Lima", acronym: "CCL", ruc: makeRuc("20", 10017037),
    actorType: "business_association", hqRegion: "LMA", operatingRegions: ["CAL", "LIM"], roadmaps: ["services", "industry"], valueChains: [],
    description: "Promueve la economía circular entre sus empresas asociadas.", pactSignedOn: "2021-03-04", signer: ["Gerencia general", "Gerencia general"],
  },
  {
    slug: "gobierno-regional-de-arequipa", name: "Gobierno Regional de Arequipa", ruc: makeRuc("20", 49815191),
    actorType: "regional_government", hqRegion: "ARE", operatingRegions: [], roadmaps: ["agriculture"], valueChains: ["agricultural"],
    description: "Estrategia regional de valorización de residuos agrícolas.",
  },
  {
    slug: "municipalidad-provincial-de-trujillo", name: "Municipalidad Provincial de Trujillo", ruc: makeRuc("20", 17581351),
    actorType: "local_government", hqRegion: "LAL", operatingRegions: [], roadmaps: ["services"], valueChains: ["construction", "plastics"],
    description: "Programa municipal de segregación en la fuente y reciclaje inclusivo.",
  },
  {
    slug: "cite-textil-camelidos-cusco", name: "CITE Textil Camélidos Cusco", ruc: makeRuc("20", 60127423),
    actorType: "service_provider", hqRegion: "CUS", operatingRegions: ["PUN", "APU", "ARE"], roadmaps: ["industry"], valueChains: ["textiles"],
    description: "Transferencia tecnológica para aprovechar mermas de fibra de alpaca.",
  },
  {
    slug: "cooperativa-agraria-cafetalera-del-alto-mayo", name: "Cooperativa Agraria Cafetalera del Alto Mayo", ruc: makeRuc("20", 53117689),
    actorType: "cooperative", hqRegion: "SAM", operatingRegions: ["AMA", "CAJ"], roadmaps: ["agriculture"], valueChains: ["agricultural"],
    description: "Compost de pulpa de café para 600 familias productoras.", owner: "miembro1@demo.pe",
  },
  {
    slug: "plasticos-del-norte", name: "Plásticos del Norte S.A.C.", ruc: makeRuc("20", 60399156),
    actorType: "company", companySize: "small", hqRegion: "PIU", operatingRegions: ["LAM", "TUM"], roadmaps: ["industry"], valueChains: ["plastics"],
    description: "Reciclaje de PET y fabricación de láminas con material reciclado.", owner: "miembro2@demo.pe",
  },
  {
    slug: "universidad-nacional-agraria-la-molina", name: "Universidad Nacional Agraria La Molina", acronym: "UNALM", ruc: makeRuc("20", 14702435),
    actorType: "academia", hqRegion: "LMA", operatingRegions: ["JUN", "ICA"], roadmaps: ["agriculture", "fisheries"], valueChains: ["agricultural", "wastewater"],
    description: "Investigación aplicada en bioeconomía y reúso de aguas residuales tratadas.",
  },
  {
    slug: "red-de-recicladores-de-lima", name: "Red de Recicladores de Lima", actorType: "civil_society", hqRegion: "LMA",
    operatingRegions: ["CAL"], roadmaps: ["services"], valueChains: ["plastics"], description: "Organización de recicladoras y recicladores de base.",
  },
  {
    slug: "delegacion-de-la-union-europea", name: "Delegación de la Unión Europea en el Perú", acronym: "UE", actorType: "international_cooperation",
    hqRegion: "LMA", operatingRegions: [], roadmaps: ["industry", "agriculture"], valueChains: ["agricultural", "plastics", "textiles"],
    description: "Cooperación para la transición hacia una economía circular.", pactSignedOn: "2021-03-04", signer: ["Jefatura de cooperación", "Delegación de la UE"],
  },
  {
    slug: "acuicultores-del-titicaca", name: "Asociación de Acuicultores del Titicaca", ruc: makeRuc("20", 44812530),
    actorType: "cooperative", hqRegion: "PUN", operatingRegions: [], roadmaps: ["fisheries"], valueChains: ["agricultural"],
    description: "Solicitud en revisión: aprovechamiento de residuos de trucha.", status: "pending", owner: "miembro3@demo.pe",
  },
].map((o) => ({ website: undefined, contactEmail: undefined, foundedYear: undefined, companySize: undefined, acronym: undefined, ruc: undefined, ...o }) as DemoOrganisation);
