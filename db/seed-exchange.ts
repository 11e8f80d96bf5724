import { and, eq, inArray } from "drizzle-orm";
import type { SessionUser } from "../app/.server/auth/index.ts";
import "../app/.server/discussion-parents.ts";
import { reply } from "../app/.server/discussions/index.ts";
import { expressInterest } from "../app/.server/exchange/conversations.ts";
import { noticeNewMatches } from "../app/.server/exchange/matches.ts";
import { recordExchange, respondToExchange } from "../app/.server/exchange/index.ts";
import {
  toBaseQuantity,
  type Frequency,
  type ListingKind,
  type ListingStatus,
  type MaterialCategory,
  type QuantityUnit,
} from "../app/features/exchange/taxonomy.ts";
import type { RegionCode } from "../app/features/organisations/taxonomy.ts";
import { limaDay } from "../app/i18n.ts";
import type { AppDatabase } from "./connection.ts";
import { users } from "./schema/auth.ts";
import { exchangeConversations, exchangeListings, exchanges } from "./schema/exchange.ts";
import { initiatives } from "./schema/initiatives.ts";
import { organisationMembers, organisations } from "./schema/organisations.ts";
import { withoutMail } from "./seed-discussions.ts";
import { PRODUCE, MINAM, SNI, CCL, GR_AREQUIPA, MP_TRUJILLO, CITE_CUSCO, COOP_CAFE, PLASTICOS, UNALM, RECICLADORES, UE } from "./demo-slugs.ts";

// Demo resource exchange (issue 12): what the demo organisations have and want, written as an
// alliance's members would (rice husk in Lambayeque, coffee pulp in San Martín, fishmeal
// by-products in Piura and Áncash, PET in Lima, bagasse in La Libertad, textile offcuts in Gamarra,
// RAEE…), a few have/want pairs that match (same category, neighbouring regions, overlapping
// dates), private conversations on some and recorded exchanges, confirmed and pending. Dates are
// relative to the day the seed runs (Lima), so the listings stay current. Safe to run again:
// listings are found by organisation and title and rewritten; conversations (by listing and
// interested organisation) and exchanges (by listing, sides and quantity) are added only when
// missing.

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

// Demo organisations by slug (db/demo-slugs.ts).

/**
 * One demo listing. `amount` is what the owner typed in `unit`; `from`/`until` are days relative
 * to today (negative: in the past); `price` is "free", "to_agree" or soles; `initiative` a demo
 * initiative's title.
 */
type DemoListing = {
  key: string;
  org: string;
  kind: ListingKind;
  category: MaterialCategory;
  title: string;
  description: string;
  specification?: string;
  amount: number;
  unit: QuantityUnit;
  frequency: Frequency;
  region: RegionCode;
  province: string;
  from: number;
  until: number;
  price?: "free" | "to_agree" | number;
  hazardous?: boolean;
  status?: ListingStatus;
  initiative?: string;
};

const EO_RS = "Residuo peligroso: en el Perú solo puede manejarlo una empresa operadora de residuos sólidos (EO-RS) registrada.";

export const DEMO_LISTINGS: DemoListing[] = [
  // ---- Agricultural and agro-industrial residues ---------------------------------------------
  {
    key: "cascarilla-chiclayo", org: SNI, kind: "have", category: "agro_residues", title: "Cascarilla de arroz de molinos de Chiclayo",
    description: "Tres molinos asociados de Chiclayo y Ferreñafe generan cascarilla de arroz todo el año. Hoy buena parte se quema a cielo abierto; buscamos quien la use como combustible, sustrato o material de construcción.",
    specification: "Seca, a granel o en sacos de 25 kg; humedad menor a 12 %.", amount: 120, unit: "t", frequency: "monthly", region: "LAM", province: "Chiclayo", from: -40, until: 200, price: "free",
  },
  {
    key: "cascarilla-jaen", org: COOP_CAFE, kind: "want", category: "agro_residues", title: "Cascarilla de arroz para sustrato de viveros de café",
    description: "Nuestros viveros de Jaén y San Ignacio renuevan cafetales y necesitan cascarilla de arroz para mezclar con compost en las bolsas de almácigo.",
    specification: "Sin restos de agroquímicos; puede ser carbonizada.", amount: 40, unit: "t", frequency: "yearly", region: "CAJ", province: "Jaén", from: -10, until: 150, price: "to_agree",
    initiative: "Sustrato de cascarilla de café para viveros en Jaén",
  },
  {
    key: "pulpa-cafe-moyobamba", org: COOP_CAFE, kind: "have", category: "agro_residues", title: "Pulpa de café fresca de la cosecha en Moyobamba",
    description: "Durante la cosecha despulpamos café de 600 familias socias. Compostamos una parte; el resto de la pulpa está disponible para compost, biol o ensayos de harina de cáscara (cascara).",
    specification: "Fresca, retirar dentro de las 48 horas del despulpado.", amount: 80, unit: "t", frequency: "weekly", region: "SAM", province: "Moyobamba", from: -60, until: 90, price: "free",
    initiative: "Compost de pulpa de café en San Martín",
  },
  {
    key: "pulpa-cafe-unalm", org: UNALM, kind: "want", category: "agro_residues", title: "Pulpa de café para ensayos de compostaje acelerado",
    description: "El laboratorio de bioeconomía compara tiempos de compostaje con microorganismos nativos. Necesitamos pulpa de café de una misma zona para tres ciclos de ensayo.",
    amount: 5, unit: "t", frequency: "one_off", region: "SAM", province: "Moyobamba", from: -20, until: 120, price: "to_agree",
  },
  {
    key: "cafe-chanchamayo", org: UNALM, kind: "have", category: "agro_residues", title: "Cascarilla de café de la planta piloto de Chanchamayo",
    description: "La planta piloto de trillado en Chanchamayo deja cascarilla (pergamino) limpia, útil como cama para cuyes y aves o como combustible de secadores.",
    amount: 6, unit: "t", frequency: "monthly", region: "JUN", province: "Chanchamayo", from: -30, until: 180, price: "free",
  },
  {
    key: "bagazo-chicama", org: SNI, kind: "have", category: "agro_residues", title: "Bagazo de caña del valle Chicama",
    description: "Excedente de bagazo de un ingenio del valle Chicama que hoy no se aprovecha en calderas. Adecuado como fibra para papel, tableros o compost.",
    specification: "Humedad alrededor de 50 % a la salida del trapiche; se puede enfardar.", amount: 2500, unit: "t", frequency: "continuous", region: "LAL", province: "Ascope", from: -90, until: 275, price: "to_agree",
    initiative: "Bagazo de caña para papel y cartón en La Libertad",
  },
  {
    key: "bagazo-tableros", org: CCL, kind: "want", category: "agro_residues", title: "Fibra de bagazo para tableros aglomerados",
    description: "Una empresa asociada que fabrica tableros para muebles busca fibra de bagazo o de rastrojo para sustituir parte de la madera.",
    amount: 300, unit: "t", frequency: "monthly", region: "LAL", province: "Trujillo", from: 0, until: 240, price: 90,
  },
  {
    key: "pepa-palta", org: SNI, kind: "have", category: "agro_residues", title: "Pepas de palta de planta de guacamole en Huaral",
    description: "Una planta de pulpa y guacamole para exportación separa pepas y cáscaras de palta Hass. Se usan para aceite, harina o tintes naturales.",
    specification: "Pepas limpias, refrigeradas; cáscara aparte.", amount: 15, unit: "t", frequency: "weekly", region: "LIM", province: "Huaral", from: -15, until: 160, price: "free",
  },
  {
    key: "pepa-palta-ancash", org: UNALM, kind: "want", category: "agro_residues", title: "Pepa de palta para extracción de aceite y almidón",
    description: "Proyecto de investigación aplicada para extraer aceite y almidón de la pepa de palta, con un productor de Áncash interesado en escalarlo.",
    amount: 2, unit: "t", frequency: "one_off", region: "ANC", province: "Casma", from: -5, until: 100, price: "to_agree",
    initiative: "Aceite y harina de pepa de palta en Áncash",
  },
  {
    key: "rastrojo-majes", org: GR_AREQUIPA, kind: "have", category: "agro_residues", title: "Rastrojo de maíz y panca en la irrigación Majes",
    description: "Después de la cosecha, los productores de Majes queman el rastrojo. El gobierno regional articula su recojo para forraje, compost o biomasa.",
    amount: 900, unit: "t", frequency: "yearly", region: "ARE", province: "Caylloma", from: -20, until: 70, price: "free",
    initiative: "Valorización de rastrojos agrícolas en la irrigación Majes",
  },
  {
    key: "cacao-tocache", org: COOP_CAFE, kind: "have", category: "agro_residues", title: "Cáscara de cacao de socios de Tocache",
    description: "Cáscara (mazorca) de cacao que queda en las parcelas después de la cosecha. Se puede compostar o secar para infusiones y harinas.",
    amount: 25, unit: "t", frequency: "monthly", region: "SAM", province: "Tocache", from: -120, until: -5, status: "expired",
  },
  // ---- Food waste and organics ---------------------------------------------------------------
  {
    key: "visceras-paita", org: PRODUCE, kind: "have", category: "food_organics", title: "Vísceras y descartes de pescado del desembarcadero de Paita",
    description: "El desembarcadero pesquero artesanal de Paita genera vísceras, cabezas y descartes que hoy van al mar o al botadero. Útiles para ensilado, harina o compost.",
    specification: "Frescos, se entregan en cilindros con hielo.", amount: 30, unit: "t", frequency: "weekly", region: "PIU", province: "Paita", from: -30, until: 200, price: "free",
  },
  {
    key: "ensilado-chimbote", org: UNALM, kind: "want", category: "food_organics", title: "Residuos de pescado para ensilado biológico",
    description: "Ensilado de vísceras de pescado con melaza para alimento de cerdos y aves en una granja demostrativa de Chimbote.",
    amount: 8, unit: "t", frequency: "monthly", region: "ANC", province: "Santa", from: -10, until: 200, price: "to_agree",
    initiative: "Ensilado de vísceras de pescado en Chimbote",
  },
  {
    key: "mercados-trujillo", org: MP_TRUJILLO, kind: "have", category: "food_organics", title: "Residuos orgánicos segregados de mercados de Trujillo",
    description: "Restos de frutas y verduras segregados en cinco mercados municipales. Se entregan a quien los composte o los use en biodigestores.",
    amount: 12, unit: "t", frequency: "weekly", region: "LAL", province: "Trujillo", from: -60, until: 300, price: "free",
    initiative: "Biodigestores para residuos de mercados de Trujillo",
  },
  {
    key: "merma-panaderia", org: CCL, kind: "have", category: "food_organics", title: "Merma de pan de panaderías industriales",
    description: "Pan del día anterior, en buen estado, de dos panaderías industriales asociadas. Para alimento animal o fermentación.",
    amount: 900, unit: "kg", frequency: "weekly", region: "LMA", province: "Lima", from: -200, until: -30, status: "closed",
  },
  {
    key: "orujo-moquegua", org: GR_AREQUIPA, kind: "want", category: "food_organics", title: "Orujo de uva para compost en Arequipa",
    description: "Buscamos orujo de uva de bodegas de pisco y vino del sur para mezclarlo con estiércol en la planta de compost regional.",
    amount: 60, unit: "t", frequency: "yearly", region: "ARE", province: "Arequipa", from: 20, until: 200, price: "to_agree", status: "draft",
  },
  // ---- Plastics ------------------------------------------------------------------------------
  {
    key: "pet-recicladores", org: RECICLADORES, kind: "have", category: "plastic_pet", title: "Botellas PET post consumo prensadas",
    description: "Recicladoras y recicladores de base de San Juan de Lurigancho y Comas acopian y prensan botellas PET. Vendemos en fardos a recicladoras formales.",
    specification: "Fardos de 200 kg, sin tapas ni etiquetas, PET transparente y verde separados.", amount: 20, unit: "t", frequency: "monthly", region: "LMA", province: "Lima", from: -45, until: 320, price: 1800,
    initiative: "Formalización de recicladoras de base en San Juan de Lurigancho",
  },
  {
    key: "pet-plasticos-norte", org: PLASTICOS, kind: "want", category: "plastic_pet", title: "PET post consumo transparente para láminas",
    description: "Compramos PET transparente para producir láminas con 50 % de material reciclado para envases de fruta de exportación.",
    specification: "Fardos o hojuela lavada; PVC menor a 50 ppm.", amount: 40, unit: "t", frequency: "monthly", region: "PIU", province: "Piura", from: -30, until: 330, price: "to_agree",
    initiative: "Reciclaje de botellas PET post consumo en Piura",
  },
  {
    key: "pet-trujillo", org: MP_TRUJILLO, kind: "have", category: "plastic_pet", title: "PET del programa de segregación en la fuente de Trujillo",
    description: "Lo que recogen las rutas de segregación en la fuente: botellas PET limpias, acopiadas en el centro municipal de El Milagro.",
    amount: 6, unit: "t", frequency: "monthly", region: "LAL", province: "Trujillo", from: -20, until: 300, price: "to_agree",
    initiative: "Segregación en la fuente y reciclaje inclusivo en Trujillo",
  },
  {
    key: "hdpe-bidones", org: PLASTICOS, kind: "have", category: "plastic_hdpe", title: "Bidones de HDPE de uso alimentario",
    description: "Bidones de 20 litros de HDPE que contuvieron jarabes y saborizantes; triple lavados.", amount: 2, unit: "t", frequency: "monthly", region: "PIU", province: "Sullana", from: -15, until: 200, price: "to_agree",
  },
  {
    key: "film-lurin", org: CCL, kind: "have", category: "plastic_ldpe", title: "Film stretch de embalaje en el parque industrial de Lurín",
    description: "Film de LDPE de pallets que llegan a cinco empresas de Lurín. Parte de la mesa de simbiosis industrial del parque.",
    specification: "Limpio, sin etiquetas de papel; en bolsas grandes.", amount: 8, unit: "t", frequency: "monthly", region: "LMA", province: "Lima", from: -60, until: 250, price: "free",
    initiative: "Simbiosis industrial en el parque industrial de Lurín",
  },
  {
    key: "film-callao", org: RECICLADORES, kind: "want", category: "plastic_ldpe", title: "Film y sacos para madera plástica en el Callao",
    description: "El centro de acopio del Callao alimenta una línea de madera plástica (postes y tablones) y busca film de LDPE y sacos de rafia.",
    amount: 10, unit: "t", frequency: "monthly", region: "CAL", province: "Callao", from: -30, until: 300, price: "to_agree",
    initiative: "Madera plástica con film y sacos del puerto del Callao",
  },
  {
    key: "sacos-pp", org: SNI, kind: "have", category: "plastic_pp", title: "Sacos de polipropileno de harina y azúcar",
    description: "Sacos de rafia de PP de una planta de alimentos de Arequipa, usados una vez.", amount: 3, unit: "t", frequency: "monthly", region: "ARE", province: "Arequipa", from: -10, until: 200, price: "free",
  },
  {
    key: "sacos-plasticos", org: PLASTICOS, kind: "have", category: "plastic_pp", title: "Sacos de rafia de PP reutilizables",
    description: "Los fardos de PET nos llegan en sacos de rafia de polipropileno en buen estado. Los lavamos y los damos para volver a usarse.",
    specification: "Sacos de 50 kg, lavados, sin roturas.", amount: 800, unit: "kg", frequency: "monthly", region: "PIU", province: "Sullana", from: -40, until: 250, price: "free",
  },
  {
    key: "sacos-cooperativa", org: COOP_CAFE, kind: "want", category: "plastic_pp", title: "Sacos de rafia para acopio de café pergamino",
    description: "Para el acopio de café pergamino en Jaén necesitamos sacos de rafia limpios; hoy los compramos nuevos cada campaña.",
    amount: 500, unit: "kg", frequency: "yearly", region: "CAJ", province: "Jaén", from: -30, until: 200, price: "to_agree",
  },
  {
    key: "tecnopor", org: UNALM, kind: "have", category: "plastic_ps", title: "Cajas de tecnopor de laboratorio",
    description: "Cajas de poliestireno expandido en que llegan reactivos y vacunas; limpias y enteras.", amount: 300, unit: "kg", frequency: "yearly", region: "LMA", province: "Lima", from: -5, until: 120, price: "free",
  },
  {
    key: "plastico-mixto", org: MP_TRUJILLO, kind: "have", category: "plastic_mixed", title: "Plásticos mixtos de rechazo del centro de acopio",
    description: "Multicapa, envolturas y plásticos sin mercado que hoy van al relleno. Buscamos coprocesamiento o pirólisis autorizada.",
    amount: 15, unit: "t", frequency: "monthly", region: "LAL", province: "Trujillo", from: -30, until: 200, price: "free",
  },
  {
    key: "envases-agroquimicos", org: GR_AREQUIPA, kind: "have", category: "plastic_hdpe", title: "Envases de agroquímicos con triple lavado",
    description: `Envases de HDPE de plaguicidas con triple lavado y perforados, acopiados en campañas con productores del valle de Tambo. ${EO_RS}`,
    amount: 4, unit: "t", frequency: "yearly", region: "ARE", province: "Islay", from: -10, until: 120, price: "free", hazardous: true,
    initiative: "Triple lavado y reciclaje de envases de agroquímicos",
  },
  // ---- Paper, glass, metals ------------------------------------------------------------------
  {
    key: "carton-callao", org: CCL, kind: "have", category: "paper_cardboard", title: "Cartón corrugado de almacenes del Callao",
    description: "Cajas de cartón de almacenes de distribución; se entregan plegadas y enfardadas.", amount: 25, unit: "t", frequency: "monthly", region: "CAL", province: "Callao", from: -30, until: 300, price: 250,
  },
  {
    key: "carton-recicladores", org: RECICLADORES, kind: "want", category: "paper_cardboard", title: "Cartón para el centro de acopio de Comas",
    description: "Recibimos cartón de empresas cercanas para clasificarlo y venderlo a papeleras; lo recogemos con nuestros triciclos.",
    amount: 10, unit: "t", frequency: "monthly", region: "LMA", province: "Lima", from: -15, until: 280, price: "free",
  },
  {
    key: "vidrio-arequipa", org: GR_AREQUIPA, kind: "have", category: "glass", title: "Botellas de vidrio de ferias y eventos de Arequipa",
    description: "Botellas de vidrio recogidas en ferias y eventos regionales, separadas por color.", amount: 12, unit: "t", frequency: "yearly", region: "ARE", province: "Arequipa", from: -25, until: 60, price: "free",
  },
  {
    key: "vidrio-lima", org: SNI, kind: "want", category: "glass", title: "Vidrio de color para horno de envases",
    description: "Una vidriera asociada busca casco de vidrio ámbar y verde para sustituir materia prima virgen.",
    specification: "Sin cerámica ni metales; tamaño menor a 5 cm.", amount: 100, unit: "t", frequency: "monthly", region: "LMA", province: "Lima", from: -30, until: 330, price: "to_agree",
  },
  {
    key: "escoria-ilo", org: PRODUCE, kind: "have", category: "metals", title: "Escoria de fundición de cobre en Ilo",
    description: "Escoria granulada de la fundición de Ilo, estudiada como agregado para carreteras y concreto.",
    amount: 5000, unit: "t", frequency: "continuous", region: "MOQ", province: "Ilo", from: -100, until: 260, price: "to_agree",
    initiative: "Escoria de fundición como agregado vial en Ilo",
  },
  {
    key: "chatarra-tacna", org: SNI, kind: "have", category: "metals", title: "Chatarra ferrosa de talleres de Tacna",
    description: "Recortes de planchas y perfiles de metalmecánicas del parque industrial de Tacna.", amount: 18, unit: "t", frequency: "monthly", region: "TAC", province: "Tacna", from: -40, until: 200, price: 650,
  },
  {
    key: "latas-aluminio", org: RECICLADORES, kind: "have", category: "metals", title: "Latas de aluminio compactadas",
    description: "Latas de bebidas acopiadas por recicladoras en el Cercado y compactadas en bloques.", amount: 1500, unit: "kg", frequency: "monthly", region: "LMA", province: "Lima", from: -150, until: -20, status: "matched",
  },
  // ---- Textiles and fibres -------------------------------------------------------------------
  {
    key: "retazos-gamarra", org: SNI, kind: "have", category: "textiles_fibres", title: "Retazos de tejido de punto de algodón en Gamarra",
    description: "Talleres de confección de Gamarra separan por color los retazos de corte de tejido de punto de algodón. Hoy se venden como trapo o se botan.",
    specification: "100 % algodón, separados por color, en sacos.", amount: 4, unit: "t", frequency: "weekly", region: "LMA", province: "Lima", from: -30, until: 250, price: "free",
    initiative: "Confecciones con algodón reciclado en Gamarra",
  },
  {
    key: "retazos-relleno", org: CCL, kind: "want", category: "textiles_fibres", title: "Retazos de algodón para relleno y wipe industrial",
    description: "Una empresa asociada fabrica relleno para cojines y paños de limpieza industrial con retazos de algodón.",
    amount: 3, unit: "t", frequency: "monthly", region: "LMA", province: "Lima", from: -5, until: 200, price: "to_agree",
  },
  {
    key: "fibra-alpaca", org: CITE_CUSCO, kind: "have", category: "textiles_fibres", title: "Fibra corta y mermas del descerdado de alpaca",
    description: "Mermas del descerdado y fibra corta que no se hila. Útil para fieltro aislante, relleno o mezclas con lana.",
    amount: 1800, unit: "kg", frequency: "monthly", region: "CUS", province: "Cusco", from: -60, until: 240, price: 8000,
    initiative: "Fieltro aislante con fibra corta de alpaca para viviendas altoandinas",
  },
  {
    key: "fibra-puno", org: CITE_CUSCO, kind: "want", category: "textiles_fibres", title: "Fibra de alpaca de segunda para fieltro en Puno",
    description: "Para fabricar paneles aislantes en Puno buscamos fibra de alpaca de segunda o mermas de hilanderías.", amount: 2, unit: "t", frequency: "yearly", region: "PUN", province: "Puno", from: 0, until: 180, price: "to_agree", status: "draft",
  },
  {
    key: "uniformes", org: MINAM, kind: "have", category: "textiles_fibres", title: "Uniformes institucionales en desuso",
    description: "Uniformes retirados del servicio, para reciclaje de fibra o reconfección (sin logotipos).", amount: 600, unit: "kg", frequency: "one_off", region: "LMA", province: "Lima", from: -10, until: 90, price: "free",
  },
  // ---- Construction and demolition -----------------------------------------------------------
  {
    key: "desmonte-lurin", org: CCL, kind: "have", category: "construction_demolition", title: "Desmonte de demolición de naves industriales en Lurín",
    description: "Concreto y ladrillo de la demolición de dos naves en Lurín. Preferimos que se recicle como agregado y no termine en un botadero informal.",
    specification: "Concreto separado de ladrillo; sin yeso ni madera.", amount: 800, unit: "t", frequency: "one_off", region: "LMA", province: "Lima", from: -10, until: 60, price: "free",
  },
  {
    key: "agregado-prefabricados", org: SNI, kind: "want", category: "construction_demolition", title: "Concreto de demolición para agregado reciclado",
    description: "Una planta de prefabricados asociada tritura concreto de demolición para sustituir hasta 30 % del agregado natural en adoquines.",
    amount: 500, unit: "t", frequency: "monthly", region: "LMA", province: "Lima", from: -20, until: 300, price: "to_agree",
    initiative: "Agregado reciclado de concreto para prefabricados",
  },
  {
    key: "escombros-trujillo", org: MP_TRUJILLO, kind: "have", category: "construction_demolition", title: "Escombros municipales para afirmado",
    description: "Escombros recogidos de puntos críticos de la ciudad; se clasifican en la planta municipal.", amount: 1200, unit: "t", frequency: "monthly", region: "LAL", province: "Trujillo", from: -30, until: 300, price: "free",
    initiative: "Escombros municipales para afirmado de trochas en Trujillo",
  },
  // ---- Electrical and electronic waste (RAEE) ------------------------------------------------
  {
    key: "raee-unalm", org: UNALM, kind: "have", category: "weee", title: "Computadoras e impresoras en desuso (RAEE)",
    description: "Equipos de cómputo dados de baja por la universidad. Parte puede reacondicionarse para escuelas; el resto requiere un operador autorizado.",
    specification: `120 computadoras, 30 impresoras. ${EO_RS}`, amount: 150, unit: "units", frequency: "one_off", region: "LMA", province: "Lima", from: -15, until: 120, price: "free", hazardous: true,
  },
  {
    key: "raee-escuelas", org: MINAM, kind: "want", category: "weee", title: "Computadoras reacondicionables para escuelas públicas",
    description: "Para el programa de reacondicionamiento de computadoras que dona equipos a escuelas públicas de Lima y Callao.",
    amount: 200, unit: "units", frequency: "yearly", region: "LMA", province: "Lima", from: -10, until: 200, price: "free",
    initiative: "Reacondicionamiento de computadoras para escuelas públicas",
  },
  {
    key: "baterias-arequipa", org: GR_AREQUIPA, kind: "have", category: "weee", title: "Baterías de plomo de la flota regional",
    description: `Baterías de plomo-ácido usadas de vehículos del gobierno regional. ${EO_RS}`, amount: 800, unit: "kg", frequency: "yearly", region: "ARE", province: "Arequipa", from: -20, until: 100, price: "to_agree", hazardous: true,
  },
  // ---- Wood ----------------------------------------------------------------------------------
  {
    key: "pallets-callao", org: CCL, kind: "have", category: "wood", title: "Pallets de madera dañados",
    description: "Pallets rotos de almacenes del Callao; sirven para reparar, para leña o para tableros.", amount: 400, unit: "units", frequency: "monthly", region: "CAL", province: "Callao", from: -20, until: 300, price: "free",
  },
  {
    key: "aserrin-ucayali", org: PRODUCE, kind: "have", category: "wood", title: "Aserrín y viruta de aserraderos de Pucallpa",
    description: "Aserraderos formales de Pucallpa acumulan aserrín que se quema. Para briquetas, camas de animales o compost.", amount: 300, unit: "t", frequency: "monthly", region: "UCA", province: "Coronel Portillo", from: -30, until: 270, price: "free",
  },
  {
    key: "poda-satipo", org: UNALM, kind: "want", category: "wood", title: "Residuos de poda para biocarbón en Satipo",
    description: "Ramas y residuos de poda de cafetales y cítricos para producir biocarbón en hornos de baja emisión.", amount: 50, unit: "t", frequency: "monthly", region: "JUN", province: "Satipo", from: -10, until: 200, price: "to_agree",
    initiative: "Biocarbón de residuos de poda en Satipo",
  },
  {
    key: "castana-mdd", org: PRODUCE, kind: "have", category: "agro_residues", title: "Cáscara de castaña en Puerto Maldonado",
    description: "Plantas de beneficio de castaña acumulan cáscara dura. Tiene alto poder calorífico para briquetas.", amount: 200, unit: "t", frequency: "yearly", region: "MDD", province: "Tambopata", from: -40, until: 140, price: "free",
    initiative: "Briquetas de cáscara de castaña en Madre de Dios",
  },
  // ---- Sludges and wastewater ----------------------------------------------------------------
  {
    key: "agua-tratada-ica", org: UNALM, kind: "have", category: "sludges_wastewater", title: "Agua residual tratada para riego en Ica",
    description: "Efluente tratado de una planta piloto, con análisis mensual; apto para riego de áreas verdes y cultivos no comestibles crudos.",
    amount: 3000, unit: "m3", frequency: "monthly", region: "ICA", province: "Ica", from: -50, until: 300, price: "free",
    initiative: "Reúso de aguas residuales tratadas para riego en Ica",
  },
  {
    key: "lodos-curtiembre", org: SNI, kind: "have", category: "sludges_wastewater", title: "Lodos de curtiembres de Río Seco",
    description: `Lodos del tratamiento de efluentes de curtiembres, con cromo. ${EO_RS}`, amount: 40, unit: "t", frequency: "monthly", region: "ARE", province: "Arequipa", from: -30, until: 200, price: "to_agree", hazardous: true,
    initiative: "Recirculación de agua en curtiembres de Arequipa",
  },
  {
    key: "agua-cola", org: PRODUCE, kind: "have", category: "sludges_wastewater", title: "Agua de cola de plantas de harina de pescado en Chimbote",
    description: "Agua de cola de plantas de harina y aceite de pescado, con proteína recuperable por concentración.", amount: 500, unit: "m3", frequency: "weekly", region: "ANC", province: "Santa", from: -25, until: 150, price: "to_agree",
    initiative: "Reúso de efluentes de conserveras en Chimbote",
  },
  {
    key: "riego-trujillo", org: MP_TRUJILLO, kind: "want", category: "sludges_wastewater", title: "Agua tratada para riego de parques",
    description: "Para regar parques de Trujillo con agua tratada en lugar de agua potable.", amount: 2000, unit: "m3", frequency: "monthly", region: "LAL", province: "Trujillo", from: -10, until: 300, price: "to_agree",
    initiative: "Riego de parques de Trujillo con aguas residuales tratadas",
  },
  // ---- Used oils -----------------------------------------------------------------------------
  {
    key: "aceite-restaurantes", org: CCL, kind: "have", category: "used_oils", title: "Aceite vegetal usado de restaurantes de Miraflores",
    description: "Restaurantes asociados guardan el aceite de fritura usado en bidones. Buscamos un destino formal (biodiésel o jabones) en lugar del desagüe o la reventa.",
    specification: "Filtrado grueso, bidones de 20 litros.", amount: 3, unit: "m3", frequency: "monthly", region: "LMA", province: "Lima", from: -40, until: 280, price: "free",
  },
  {
    key: "aceite-biodiesel", org: UNALM, kind: "want", category: "used_oils", title: "Aceite de cocina usado para biodiésel",
    description: "La planta piloto de biodiésel de la universidad recibe aceite vegetal usado de restaurantes y comedores de Lima.",
    amount: 2, unit: "m3", frequency: "monthly", region: "LMA", province: "Lima", from: -20, until: 300, price: "free",
  },
  {
    key: "aceite-lubricante", org: MP_TRUJILLO, kind: "have", category: "used_oils", title: "Aceite lubricante usado de la flota municipal",
    description: `Aceite de motor usado de camiones compactadores y maquinaria. ${EO_RS}`, amount: 4, unit: "m3", frequency: "monthly", region: "LAL", province: "Trujillo", from: -30, until: 250, price: "to_agree", hazardous: true,
  },
  {
    key: "aceite-piura", org: PLASTICOS, kind: "have", category: "used_oils", title: "Aceite hidráulico usado de extrusoras",
    description: `Aceite hidráulico de mantenimiento de extrusoras. ${EO_RS}`, amount: 1, unit: "m3", frequency: "yearly", region: "PIU", province: "Piura", from: -10, until: 120, price: "to_agree", hazardous: true,
  },
  // ---- Energy and heat -----------------------------------------------------------------------
  {
    key: "biogas-vinaza", org: SNI, kind: "have", category: "energy_heat", title: "Biogás de vinaza de una destilería de Lambayeque",
    description: "Excedente de biogás del biodigestor de vinaza, para generación eléctrica o calor de procesos vecinos.", amount: 40000, unit: "kwh", frequency: "monthly", region: "LAM", province: "Chiclayo", from: -30, until: 330, price: "to_agree",
    initiative: "Biogás con vinaza de la industria azucarera de Lambayeque",
  },
  {
    key: "vapor-arequipa", org: SNI, kind: "want", category: "energy_heat", title: "Calor de proceso para secado de lana",
    description: "Una lavandería de lana del parque industrial de Arequipa busca calor residual o vapor de una planta vecina.", amount: 20000, unit: "kwh", frequency: "monthly", region: "ARE", province: "Arequipa", from: 0, until: 300, price: "to_agree",
  },
  // ---- Equipment and machinery ---------------------------------------------------------------
  {
    key: "enfardadora", org: PLASTICOS, kind: "have", category: "equipment_machinery", title: "Prensa enfardadora vertical usada",
    description: "Prensa enfardadora hidráulica de 10 toneladas, reemplazada por una horizontal. Funciona; se entrega con manual.", amount: 1, unit: "units", frequency: "one_off", region: "PIU", province: "Piura", from: -20, until: 90, price: 12000,
  },
  {
    key: "enfardadora-recicladores", org: RECICLADORES, kind: "want", category: "equipment_machinery", title: "Prensa enfardadora para centro de acopio",
    description: "Nuestro centro de acopio del Callao necesita una prensa para enfardar PET y cartón y venderlos a mejor precio.", amount: 1, unit: "units", frequency: "one_off", region: "CAL", province: "Callao", from: -30, until: 200, price: "to_agree",
    initiative: "Centro de acopio de recicladores en el Callao",
  },
  {
    key: "secador-solar", org: COOP_CAFE, kind: "want", category: "equipment_machinery", title: "Secadores solares para café y cacao",
    description: "Secadores solares tipo túnel para socias y socios, para secar café y cacao sin leña.", amount: 10, unit: "units", frequency: "one_off", region: "SAM", province: "Rioja", from: -30, until: 150, price: "to_agree",
  },
  {
    key: "molino", org: CITE_CUSCO, kind: "have", category: "equipment_machinery", title: "Cardadora de fibra en horario libre",
    description: "Horas libres de la cardadora del CITE para productores que quieran procesar fibra corta.", amount: 40, unit: "units", frequency: "monthly", region: "CUS", province: "Cusco", from: -30, until: 300, price: "to_agree",
  },
  // ---- Logistics and storage -----------------------------------------------------------------
  {
    key: "retorno-camiones", org: PLASTICOS, kind: "have", category: "logistics_storage", title: "Capacidad de retorno en camiones Piura–Lima",
    description: "Nuestros camiones vuelven de Lima a Piura con espacio libre dos veces por semana: podemos llevar material reciclable al norte.", amount: 60, unit: "m3", frequency: "weekly", region: "PIU", province: "Piura", from: -10, until: 300, price: "to_agree",
  },
  {
    key: "almacen-chiclayo", org: COOP_CAFE, kind: "want", category: "logistics_storage", title: "Almacén temporal para abono en Chiclayo",
    description: "Espacio techado para guardar abono orgánico antes de su venta en la costa norte.", amount: 200, unit: "m3", frequency: "yearly", region: "LAM", province: "Chiclayo", from: 10, until: 200, price: "to_agree",
  },
  // ---- Services and know-how -----------------------------------------------------------------
  {
    key: "compostaje", org: UNALM, kind: "have", category: "services_knowhow", title: "Asesoría técnica en compostaje y biol",
    description: "Asistencia de la universidad para diseñar pilas de compost, controlar temperatura y producir biol.", amount: 10, unit: "units", frequency: "monthly", region: "LMA", province: "Lima", from: -30, until: 300, price: "free",
  },
  {
    key: "laboratorio", org: CITE_CUSCO, kind: "have", category: "services_knowhow", title: "Análisis de finura de fibra en laboratorio",
    description: "Medición de finura y longitud de fibra de alpaca y llama para clasificar mermas.", amount: 100, unit: "units", frequency: "continuous", region: "CUS", province: "Cusco", from: -60, until: 300, price: 25,
  },
  {
    key: "asistencia-ue", org: UE, kind: "have", category: "services_knowhow", title: "Asistencia técnica para proyectos de simbiosis industrial",
    description: "Horas de asistencia técnica de expertos para preparar proyectos de simbiosis industrial entre empresas.", amount: 20, unit: "units", frequency: "yearly", region: "LMA", province: "Lima", from: -30, until: 200, price: "free",
  },
  {
    key: "segregacion", org: MINAM, kind: "have", category: "services_knowhow", title: "Capacitación en segregación en la fuente",
    description: "Talleres para municipalidades sobre segregación en la fuente y recolección selectiva.", amount: 12, unit: "units", frequency: "yearly", region: "LMA", province: "Lima", from: -30, until: 240, price: "free",
  },
  {
    key: "eo-rs", org: GR_AREQUIPA, kind: "want", category: "services_knowhow", title: "Operador EO-RS para residuos peligrosos del sur",
    description: "Buscamos una empresa operadora de residuos sólidos registrada que atienda Arequipa, Moquegua y Tacna.", amount: 1, unit: "units", frequency: "yearly", region: "ARE", province: "Arequipa", from: -15, until: 200, price: "to_agree",
  },
  {
    key: "quinua-saponina", org: UNALM, kind: "want", category: "agro_residues", title: "Agua de lavado de quinua para saponina",
    description: "Agua de lavado y polvo de escarificado de quinua para extraer saponina como bioinsumo.", amount: 20, unit: "m3", frequency: "monthly", region: "PUN", province: "Puno", from: -20, until: 200, price: "to_agree",
    initiative: "Saponina del lavado de quinua como bioinsumo",
  },
  {
    key: "papa-huanuco", org: PRODUCE, kind: "have", category: "food_organics", title: "Papa nativa de descarte en Huánuco",
    description: "Papa nativa de calibre pequeño o dañada que no entra al mercado, para harina o alimento animal.", amount: 40, unit: "t", frequency: "yearly", region: "HUC", province: "Huánuco", from: -30, until: 100, price: "free",
    initiative: "Harina de papa nativa de descarte en Huánuco",
  },
  {
    key: "langostino-tumbes", org: PLASTICOS, kind: "want", category: "food_organics", title: "Caparazones de langostino para quitosano",
    description: "Un socio de Tumbes busca caparazones de langostino de plantas de procesamiento para extraer quitosano.", amount: 5, unit: "t", frequency: "monthly", region: "TUM", province: "Tumbes", from: -10, until: 200, price: "to_agree",
    initiative: "Quitosano de caparazones de langostino en Tumbes",
  },
  {
    key: "estiercol-oxapampa", org: CCL, kind: "have", category: "agro_residues", title: "Estiércol de ganado lechero en Oxapampa",
    description: "Estiércol de establos lecheros asociados, para biodigestores o compost.", amount: 60, unit: "t", frequency: "monthly", region: "PAS", province: "Oxapampa", from: -20, until: 250, price: "free",
    initiative: "Biodigestores con estiércol de ganado lechero en Oxapampa",
  },
  {
    key: "tintes-ayacucho", org: CITE_CUSCO, kind: "want", category: "agro_residues", title: "Cáscaras y hojas para tintes naturales en Ayacucho",
    description: "Tejedoras de Ayacucho buscan cáscara de granada, nogal y cochinilla de descarte para teñir.", amount: 500, unit: "kg", frequency: "monthly", region: "AYA", province: "Huamanga", from: -20, until: 200, price: "to_agree",
    initiative: "Tintes naturales y agua reutilizada en tejedoras de Ayacucho",
  },
];

/** A private conversation on a listing: who said "I'm interested", and the first messages. */
type DemoConversation = { listing: string; interested: string; daysAgo: number; messages: Array<{ by: string; text: string }> };

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    listing: "cascarilla-chiclayo", interested: COOP_CAFE, daysAgo: 12,
    messages: [
      { by: "miembro1@demo.pe", text: "Nos interesa la cascarilla para los viveros de Jaén: unas 40 t antes de la campaña de almácigos. ¿Pueden enviarla en sacos?" },
      { by: "patricia.chavez@demo.pe", text: "Sí, los molinos la ensacan. Coordinemos el flete: desde Chiclayo a Jaén son unas seis horas." },
    ],
  },
  {
    listing: "pet-recicladores", interested: PLASTICOS, daysAgo: 40,
    messages: [
      { by: "miembro2@demo.pe", text: "Buenas tardes, compramos PET transparente en fardos. ¿Podrían separarnos 12 t al mes?" },
      { by: "juana.ccori@demo.pe", text: "Sí, con gusto. Tenemos el transparente separado del verde; el recojo sería en Comas." },
      { by: "miembro2@demo.pe", text: "Perfecto. Usamos el retorno de nuestros camiones, así el flete sale más barato." },
    ],
  },
  {
    listing: "aceite-restaurantes", interested: UNALM, daysAgo: 25,
    messages: [
      { by: "rocio.gutierrez@demo.pe", text: "La planta de biodiésel puede recibir el aceite de los restaurantes cada mes. ¿Está filtrado?" },
      { by: "ricardo.benavides@demo.pe", text: "Solo un filtrado grueso. Los bidones se recogen en Miraflores los lunes." },
    ],
  },
];

/** A recorded exchange: on which listing, who gave and who received, how much moved, its status. */
type DemoExchange = {
  listing: string;
  supplier: string;
  receiver: string;
  recordedBy: string;
  daysAgo: number;
  amount: number;
  valueSoles?: number;
  status: "confirmed" | "pending";
};

export const DEMO_EXCHANGES: DemoExchange[] = [
  { listing: "pet-recicladores", supplier: RECICLADORES, receiver: PLASTICOS, recordedBy: PLASTICOS, daysAgo: 30, amount: 12, valueSoles: 10_800, status: "confirmed" },
  { listing: "pet-recicladores", supplier: RECICLADORES, receiver: PLASTICOS, recordedBy: PLASTICOS, daysAgo: 3, amount: 11.5, valueSoles: 10_350, status: "pending" },
  { listing: "aceite-restaurantes", supplier: CCL, receiver: UNALM, recordedBy: UNALM, daysAgo: 15, amount: 1.2, status: "confirmed" },
  { listing: "pulpa-cafe-moyobamba", supplier: COOP_CAFE, receiver: UNALM, recordedBy: COOP_CAFE, daysAgo: 20, amount: 5, status: "confirmed" },
  { listing: "cascarilla-chiclayo", supplier: SNI, receiver: COOP_CAFE, recordedBy: COOP_CAFE, daysAgo: 2, amount: 20, valueSoles: 1_200, status: "pending" },
  { listing: "desmonte-lurin", supplier: CCL, receiver: SNI, recordedBy: SNI, daysAgo: 5, amount: 350, valueSoles: 8_750, status: "confirmed" },
  { listing: "sacos-cooperativa", supplier: PLASTICOS, receiver: COOP_CAFE, recordedBy: COOP_CAFE, daysAgo: 18, amount: 350, status: "confirmed" },
  { listing: "latas-aluminio", supplier: RECICLADORES, receiver: SNI, recordedBy: RECICLADORES, daysAgo: 25, amount: 1500, valueSoles: 6_000, status: "confirmed" },
];

/** The calendar day `offset` days from `today` (both YYYY-MM-DD). */
const dayFrom = (today: string, offset: number) => new Date(Date.parse(`${today}T12:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

/**
 * Demo listings with their conversations and exchanges. Needs the demo organisations, initiatives
 * and people (run after the other seeds). `now` fixes "today" (Lima) for the listings' dates and
 * the messages' times. Returns `{ listings, conversations, exchanges }`: how many listings the demo
 * holds, and how many conversations and exchanges this run added. Safe to run again.
 */
export function seedExchange(db: AppDatabase, now = new Date()) {
  const today = limaDay(now.getTime());
  const slugs = [...new Set(DEMO_LISTINGS.map((l) => l.org))];
  const orgIds = new Map(
    db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(inArray(organisations.slug, slugs)).all().map((o) => [o.slug, o.id]),
  );
  const initiativeIds = new Map(
    db
      .select({ id: initiatives.id, title: initiatives.title })
      .from(initiatives)
      .where(inArray(initiatives.title, DEMO_LISTINGS.flatMap((l) => (l.initiative ? [l.initiative] : []))))
      .all()
      .map((i) => [i.title, i.id]),
  );
  const orgId = (slug: string) => {
    const id = orgIds.get(slug);
    if (id === undefined) throw new Error(`Demo organisation ${slug} is missing; seed organisations first.`);
    return id;
  };

  const listingIds = new Map<string, { id: number; initiativeId: number | null }>();
  const listingOf: ListingOf = (key) => {
    const listing = DEMO_LISTINGS.find((l) => l.key === key);
    const seeded = listingIds.get(key);
    if (!listing || !seeded) throw new Error(`No demo listing ${key}`);
    return { listing, ...seeded };
  };
  db.transaction(
    (tx) => {
      for (const [n, demo] of DEMO_LISTINGS.entries()) {
        const quantity = toBaseQuantity(demo.amount, demo.unit);
        if (quantity === null) throw new Error(`Bad quantity for ${demo.key}`);
        if (demo.initiative && !initiativeIds.has(demo.initiative)) throw new Error(`Demo initiative "${demo.initiative}" is missing; seed initiatives first.`);
        const status = demo.status ?? "published";
        const createdAt = new Date(Date.parse(`${dayFrom(today, Math.min(demo.from, 0) - 3)}T15:00:00Z`) + n * 60_000);
        const values = {
          organisationId: orgId(demo.org),
          kind: demo.kind,
          title: demo.title,
          category: demo.category,
          description: demo.description,
          specification: demo.specification ?? "",
          quantity,
          unit: demo.unit,
          frequency: demo.frequency,
          region: demo.region,
          province: demo.province,
          availableFrom: dayFrom(today, demo.from),
          availableUntil: dayFrom(today, demo.until),
          priceMode: typeof demo.price === "number" ? ("priced" as const) : (demo.price ?? "to_agree"),
          priceCents: typeof demo.price === "number" ? demo.price * 100 : null,
          hazardous: demo.hazardous ?? false,
          initiativeId: demo.initiative ? initiativeIds.get(demo.initiative)! : null,
          status,
          createdAt,
          updatedAt: createdAt,
          publishedAt: status === "draft" ? null : new Date(createdAt.getTime() + HOUR_MS),
        };
        const existing = tx
          .select({ id: exchangeListings.id })
          .from(exchangeListings)
          .where(and(eq(exchangeListings.organisationId, values.organisationId), eq(exchangeListings.title, demo.title)))
          .get();
        const id = existing
          ? (tx.update(exchangeListings).set(values).where(eq(exchangeListings.id, existing.id)).run(), existing.id)
          : tx.insert(exchangeListings).values(values).returning({ id: exchangeListings.id }).get().id;
        listingIds.set(demo.key, { id, initiativeId: values.initiativeId });
      }
    },
    { behavior: "immediate" },
  );
  // Conversations and exchanges through the features' own functions (the thread, its title and the
  // notifications as the app makes them), with their mail kept out of the outbox.
  const { conversations, exchanges: exchangeCount } = withoutMail(db, () => {
    // As publishing does: each pair of matching listings is told to both sides once (the notices
    // remember the pairs, so running the seed again tells nobody twice).
    for (const { id } of listingIds.values()) noticeNewMatches(id);
    return { conversations: seedConversations(db, listingOf, orgId, now), exchanges: seedExchanges(db, listingOf, orgId, today) };
  });
  return { listings: DEMO_LISTINGS.length, conversations, exchanges: exchangeCount };
}

type ListingOf = (key: string) => { listing: DemoListing; id: number; initiativeId: number | null };
type OrgId = (slug: string) => number;

/** A demo person as a session presents them, by email; throws when they were not seeded. */
function personByEmail(db: AppDatabase, email: string): SessionUser {
  const person = db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale, emailVerifiedAt: users.emailVerifiedAt, privacyNoticeVersion: users.privacyNoticeVersion })
    .from(users)
    .where(eq(users.email, email))
    .get();
  if (!person) throw new Error(`Demo person ${email} is missing; seed the people first.`);
  return person;
}

/** An owner or editor of an organisation (who may record and confirm for it), if the demo has one. */
function managerOf(db: AppDatabase, organisationId: number): SessionUser | undefined {
  const row = db
    .select({ email: users.email })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(and(eq(organisationMembers.organisationId, organisationId), inArray(organisationMembers.role, ["owner", "editor"])))
    .orderBy(organisationMembers.userId)
    .get();
  return row ? personByEmail(db, row.email) : undefined;
}

/** Fails the seed with what was refused: demo data the rules refuse is a bug in the demo data. */
function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`Demo exchange: ${what} was refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/**
 * "I'm interested" and the answers, through expressInterest and the discussion feature's reply,
 * each message at its moment before `now`. Conversations already opened are left as they are.
 */
function seedConversations(db: AppDatabase, listingOf: ListingOf, orgId: OrgId, now: Date) {
  let opened = 0;
  for (const demo of DEMO_CONVERSATIONS) {
    const { id: listingId } = listingOf(demo.listing);
    const organisationId = orgId(demo.interested);
    const found = db
      .select({ id: exchangeConversations.id })
      .from(exchangeConversations)
      .where(and(eq(exchangeConversations.listingId, listingId), eq(exchangeConversations.organisationId, organisationId)))
      .get();
    if (found) continue;
    const startedAt = now.getTime() - demo.daysAgo * DAY_MS;
    const [first, ...answers] = demo.messages;
    const { threadId } = must(
      expressInterest(personByEmail(db, first!.by), listingId, { organisationId, message: first!.text }, new Date(startedAt)),
      `interest in ${demo.listing}`,
    );
    answers.forEach((answer, k) => {
      must(reply(personByEmail(db, answer.by), threadId, { body: answer.text }, new Date(startedAt + (k + 1) * 3 * HOUR_MS)), `a message on ${demo.listing}`);
    });
    opened++;
  }
  return opened;
}

/**
 * Exchanges recorded and answered through recordExchange and respondToExchange when the side that
 * acts has an owner or editor in the demo (the cooperative and the company); the demo's other
 * organisations have members only, so their records and answers are written as those functions
 * write them. An exchange already there (same listing, sides and quantity) is left as it is.
 */
function seedExchanges(db: AppDatabase, listingOf: ListingOf, orgId: OrgId, today: string) {
  let added = 0;
  for (const demo of DEMO_EXCHANGES) {
    const { listing, id: listingId, initiativeId } = listingOf(demo.listing);
    const supplierOrganisationId = orgId(demo.supplier);
    const receiverOrganisationId = orgId(demo.receiver);
    const recorder = orgId(demo.recordedBy);
    const quantity = toBaseQuantity(demo.amount, listing.unit);
    if (quantity === null) throw new Error(`Bad quantity for an exchange on ${demo.listing}`);
    const found = db
      .select({ id: exchanges.id })
      .from(exchanges)
      .where(
        and(
          eq(exchanges.listingId, listingId),
          eq(exchanges.supplierOrganisationId, supplierOrganisationId),
          eq(exchanges.receiverOrganisationId, receiverOrganisationId),
          eq(exchanges.quantity, quantity),
        ),
      )
      .get();
    if (found) continue;
    const occurredOn = dayFrom(today, -demo.daysAgo);
    const valueCents = demo.valueSoles === undefined ? null : demo.valueSoles * 100;
    const listingSide = recorder === orgId(listing.org);
    const other = recorder === supplierOrganisationId ? receiverOrganisationId : supplierOrganisationId;
    const recordingManager = managerOf(db, recorder);
    const exchangeId = recordingManager
      ? must(
          recordExchange(
            recordingManager,
            listingId,
            { actingOrganisationId: recorder, counterpartOrganisationId: listingSide ? other : undefined, counterpartName: undefined, occurredOn, unit: listing.unit, baseQuantity: quantity, valueCents },
            { today },
          ),
          `recording on ${demo.listing}`,
        ).exchangeId
      : db
          .insert(exchanges)
          .values({
            listingId,
            supplierOrganisationId,
            receiverOrganisationId,
            recordedByOrganisationId: recorder,
            category: listing.category,
            initiativeId,
            occurredOn,
            quantity,
            unit: listing.unit,
            valueCents,
            recordedAt: new Date(Date.parse(`${occurredOn}T20:00:00Z`)),
          })
          .returning({ id: exchanges.id })
          .get().id;
    if (demo.status === "confirmed") {
      const answering = managerOf(db, other);
      if (answering) must(respondToExchange(answering, exchangeId, "confirm"), `confirming on ${demo.listing}`);
      else db.update(exchanges).set({ status: "confirmed", respondedAt: new Date(Date.parse(`${occurredOn}T20:00:00Z`) + DAY_MS) }).where(eq(exchanges.id, exchangeId)).run();
    }
    added++;
  }
  return added;
}
