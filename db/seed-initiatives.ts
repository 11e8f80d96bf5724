import { desc, eq, inArray } from "drizzle-orm";
import { slugify } from "../app/.server/names.ts";
import {
  INDICATORS,
  type FinancingKind,
  type IndicatorCode,
  type IndustryApproach,
  type InitiativeStatus,
  type NeedKind,
  type PartnerRole,
  type PartnerState,
} from "../app/features/initiatives/taxonomy.ts";
import type { ActorType, RegionCode, Roadmap, ValueChain } from "../app/features/organisations/taxonomy.ts";
import { DEMO_ORGANISATIONS } from "../tests/factories/organisations.ts";
import { DEMO_USERS } from "../tests/factories/users.ts";
import type { AppDatabase } from "./connection.ts";
import { users } from "./schema/auth.ts";
import {
  initiativeFollows,
  initiativeIndicatorValues,
  initiativeNeeds,
  initiativePartners,
  initiativeRegions,
  initiatives,
  initiativeStatusChanges,
  initiativeUpdates,
  initiativeValueChains,
} from "./schema/initiatives.ts";
import { organisations } from "./schema/organisations.ts";
import { PRODUCE, MINAM, SNI, CCL, GR_AREQUIPA, MP_TRUJILLO, CITE_CUSCO, COOP_CAFE, PLASTICOS, UNALM, RECICLADORES, UE } from "./demo-slugs.ts";

// Demo initiatives only. Everything is derived deterministically from the list below (a seeded
// PRNG per initiative, keyed by its title), so running the seed again rewrites the same rows.
// No industry initiative uses the "sustainable_consumption" approach on purpose: the roadmaps
// page must show at least one line without initiatives.

type Tx = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

type Theme = {
  roadmap: Roadmap;
  approach?: Exclude<IndustryApproach, "sustainable_consumption">;
  chains: ValueChain[];
  regions: RegionCode[];
  lead: string;
  title: string;
  summary: string;
};

// Demo organisations by slug (db/demo-slugs.ts).

const THEMES: Theme[] = [
  // ---- Industry (no "sustainable_consumption": that line stays empty) ----------------------
  {
    roadmap: "industry", approach: "waste_valorisation", chains: ["plastics"], regions: ["PIU"], lead: PLASTICOS,
    title: "Reciclaje de botellas PET post consumo en Piura",
    summary: "Acopio de botellas PET con asociaciones de recicladores de Piura y Sullana para producir láminas con 50 % de material reciclado, destinadas a envases de fruta de exportación.",
  },
  {
    roadmap: "industry", approach: "waste_valorisation", chains: ["plastics"], regions: ["TUM", "LAM"], lead: PLASTICOS,
    title: "Bandejas de PET reciclado para la agroexportación del norte",
    summary: "Sustitución de bandejas de plástico virgen por bandejas termoformadas con PET reciclado grado alimentario para exportadores de mango, uva y palta de Tumbes y Lambayeque.",
  },
  {
    roadmap: "industry", approach: "sustainable_production", chains: ["textiles"], regions: ["CUS", "PUN"], lead: CITE_CUSCO,
    title: "Hilado de mermas de fibra de alpaca en Cusco",
    summary: "Recuperación de la fibra corta y las mermas del descerdado de alpaca para hilar madejas de segunda calidad con tejedoras de Cusco y Puno, en lugar de quemarlas o descartarlas.",
  },
  {
    roadmap: "industry", approach: "waste_valorisation", chains: ["textiles", "construction"], regions: ["PUN", "APU"], lead: CITE_CUSCO,
    title: "Fieltro aislante con fibra corta de alpaca para viviendas altoandinas",
    summary: "Desarrollo de paneles de fieltro aislante con fibra de alpaca no hilable para viviendas altoandinas de Puno y Apurímac, expuestas a heladas cada invierno.",
  },
  {
    roadmap: "industry", approach: "sustainable_production", chains: ["textiles"], regions: ["LMA"], lead: SNI,
    title: "Confecciones con algodón reciclado en Gamarra",
    summary: "Programa con talleres de Gamarra para clasificar retazos de corte, deshilacharlos y volver a hilar algodón reciclado mezclado con pima para nuevas prendas.",
  },
  {
    roadmap: "industry", approach: "innovation_financing", chains: ["plastics"], regions: ["LMA", "ARE", "LAL"], lead: PRODUCE,
    title: "Fondo concursable de ecodiseño de envases para mypes",
    summary: "Concurso de cofinanciamiento para que micro y pequeñas empresas rediseñen sus envases: menos material, monomateriales reciclables y etiquetas que faciliten la segregación.",
  },
  {
    roadmap: "industry", approach: "waste_valorisation", chains: ["construction"], regions: ["LMA", "CAL"], lead: SNI,
    title: "Agregado reciclado de concreto para prefabricados",
    summary: "Trituración y clasificación de escombros de demolición de Lima para sustituir hasta 30 % del agregado natural en adoquines y bloquetas prefabricadas.",
  },
  {
    roadmap: "industry", approach: "sustainable_production", chains: ["wastewater"], regions: ["ARE"], lead: SNI,
    title: "Recirculación de agua en curtiembres de Arequipa",
    summary: "Curtiembres del parque industrial de Río Seco tratan y recirculan el agua del remojo y del curtido, y recuperan el cromo para bajar su consumo de agua y su carga contaminante.",
  },
  {
    roadmap: "industry", approach: "waste_valorisation", chains: ["agricultural"], regions: ["LAL"], lead: SNI,
    title: "Bagazo de caña para papel y cartón en La Libertad",
    summary: "Uso del bagazo de caña de los ingenios del valle Chicama como fibra para papel y cartón, en lugar de quemarlo en calderas de baja eficiencia.",
  },
  {
    roadmap: "industry", approach: "innovation_financing", chains: ["textiles"], regions: ["LMA", "JUN", "ARE"], lead: UE,
    title: "Línea de crédito verde para talleres textiles circulares",
    summary: "Crédito con tasa preferente y asistencia técnica para talleres textiles que inviertan en maquinaria de reciclaje de fibras, tintorería con menos agua o reparación de prendas.",
  },
  {
    roadmap: "industry", approach: "sustainable_production", chains: ["plastics"], regions: ["LMA"], lead: CCL,
    title: "Simbiosis industrial en el parque industrial de Lurín",
    summary: "Mesa de intercambio de subproductos entre empresas de Lurín: lo que una descarta (pallets, film, solventes, cartón) se convierte en insumo de otra, con un inventario compartido.",
  },
  {
    roadmap: "industry", approach: "waste_valorisation", chains: ["construction"], regions: ["MOQ"], lead: PRODUCE,
    title: "Escoria de fundición como agregado vial en Ilo",
    summary: "Evaluación técnica y piloto del uso de escoria de fundición de cobre como agregado en bases de pavimento en Ilo, con monitoreo de lixiviados junto con la academia.",
  },
  {
    roadmap: "industry", approach: "waste_valorisation", chains: ["construction"], regions: ["AYA"], lead: MINAM,
    title: "Ladrillos sin cocción con residuos de construcción en Ayacucho",
    summary: "Fabricación de ladrillos y bloquetas sin cocción con escombros triturados y suelo estabilizado, para reducir la quema de leña en las ladrilleras artesanales de Huamanga.",
  },
  {
    roadmap: "industry", approach: "innovation_financing", chains: ["agricultural"], regions: ["LMA", "ICA", "PIU"], lead: CCL,
    title: "Rueda de inversión de impacto en agroindustria circular",
    summary: "Encuentro anual entre fondos de inversión, bancos y agroexportadoras que presentan proyectos de valorización de residuos y uso eficiente del agua, con fichas estandarizadas.",
  },
  {
    roadmap: "industry", approach: "waste_valorisation", chains: ["plastics"], regions: ["CAL"], lead: PLASTICOS,
    title: "Madera plástica con film y sacos del puerto del Callao",
    summary: "Transformación de film stretch, sacos de polipropileno y zunchos de los almacenes del Callao en postes y tablones de madera plástica para cercos y mobiliario urbano.",
  },
  {
    roadmap: "industry", approach: "sustainable_production", chains: ["textiles", "wastewater"], regions: ["AYA", "HUV"], lead: CITE_CUSCO,
    title: "Tintes naturales y agua reutilizada en tejedoras de Ayacucho",
    summary: "Asociaciones de tejedoras de Ayacucho y Huancavelica sustituyen tintes sintéticos por cochinilla, nogal y chilca, y reutilizan el agua del teñido en sus huertos.",
  },
  {
    roadmap: "industry", approach: "waste_valorisation", chains: ["wastewater", "agricultural"], regions: ["LAM"], lead: SNI,
    title: "Biogás con vinaza de la industria azucarera de Lambayeque",
    summary: "Biodigestión de la vinaza y de los efluentes de destilería de los ingenios de Lambayeque para generar biogás que reemplace parte del petróleo de las calderas.",
  },
  {
    roadmap: "industry", approach: "innovation_financing", chains: ["plastics", "textiles"], regions: ["ARE", "TAC"], lead: UE,
    title: "Incubadora de emprendimientos de ecodiseño en el sur",
    summary: "Programa de incubación de seis meses para emprendimientos de Arequipa y Tacna que diseñan productos reparables, reutilizables o fabricados con material reciclado.",
  },
  {
    roadmap: "industry", approach: "sustainable_production", chains: ["plastics"], regions: ["LMA", "LIM"], lead: SNI,
    title: "Envases retornables de bebidas para bodegas de Lima",
    summary: "Piloto de botellas retornables de vidrio y PET grueso en 300 bodegas de Lima, con un sistema de depósito y devolución que reduce los envases de un solo uso.",
  },

  // ---- Agriculture ------------------------------------------------------------------------------
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["SAM"], lead: COOP_CAFE,
    title: "Compost de pulpa de café en San Martín",
    summary: "Seiscientas familias cafetaleras del Alto Mayo convierten la pulpa y el mucílago del beneficio húmedo en compost, en vez de verterlos a las quebradas de Moyobamba y Rioja.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["AMA"], lead: COOP_CAFE,
    title: "Biol de cascarilla de café en Rodríguez de Mendoza",
    summary: "Producción de biol y abono con cascarilla de café y estiércol de cuy en módulos familiares de Amazonas, para reponer nutrientes en cafetales renovados.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["CAJ"], lead: COOP_CAFE,
    title: "Sustrato de cascarilla de café para viveros en Jaén",
    summary: "Cascarilla de café compostada como sustrato para viveros de plantones de café y especies forestales en Jaén y San Ignacio, en reemplazo de la tierra de bosque.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["ARE"], lead: GR_AREQUIPA,
    title: "Valorización de rastrojos agrícolas en la irrigación Majes",
    summary: "Recojo y picado de rastrojos de maíz, alfalfa y cebolla en Majes para producir compost y forraje ensilado, evitando quemas que afectan la calidad del aire.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["JUN"], lead: UNALM,
    title: "Biocarbón de residuos de poda en Satipo",
    summary: "Pirólisis de podas de cacao y café en hornos de bajo costo para producir biocarbón que mejora los suelos ácidos de la selva central y fija carbono.",
  },
  {
    roadmap: "agriculture", chains: ["wastewater", "agricultural"], regions: ["ICA"], lead: UNALM,
    title: "Reúso de aguas residuales tratadas para riego en Ica",
    summary: "Efluentes tratados de la ciudad de Ica riegan cultivos no alimentarios y bosques de huarango, aliviando el acuífero sobreexplotado del valle.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural", "wastewater"], regions: ["ARE", "PUN"], lead: GR_AREQUIPA,
    title: "Saponina del lavado de quinua como bioinsumo",
    summary: "Recuperación de la saponina del agua de lavado de quinua en plantas de Arequipa y Puno para elaborar bioinsecticidas y detergentes, en lugar de descargarla a los ríos.",
  },
  {
    roadmap: "agriculture", chains: ["wastewater"], regions: ["LIM"], lead: UNALM,
    title: "Riego con aguas tratadas en el valle de Huaral",
    summary: "Piloto de riego por goteo de frutales con aguas residuales tratadas de la ciudad de Huaral, con control de calidad microbiológica y capacitación a los regantes.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural", "textiles"], regions: ["PIU"], lead: UE,
    title: "Fibra y compost de residuos de banano orgánico en el Chira",
    summary: "Pequeños productores de banano orgánico del valle del Chira aprovechan el pseudotallo para fibra artesanal y el raquis para compost certificado.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["MOQ", "TAC"], lead: UNALM,
    title: "Compost de orujo de uva de bodegas de Moquegua y Tacna",
    summary: "Bodegas pisqueras de Moquegua y Tacna compostan el orujo y las vinazas de la destilación para devolverlos como abono a sus viñedos.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["HUC"], lead: UNALM,
    title: "Harina de papa nativa de descarte en Huánuco",
    summary: "Las papas nativas que no alcanzan el calibre comercial se deshidratan y muelen para harina y almidón, con asociaciones de productores de Huánuco.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["SAM"], lead: COOP_CAFE,
    title: "Infusión y compost con cáscara de cacao en Tocache",
    summary: "Cooperativas de Tocache separan la cascarilla del grano tostado para venderla como infusión y compostan la mazorca vacía, que hoy se deja pudrir en el campo.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["UCA"], lead: UE,
    title: "Compost de residuos de cacao y palmito en Padre Abad",
    summary: "Centro comunal de compostaje en Padre Abad, Ucayali, que recibe cáscaras de cacao y restos de palmito de pequeños productores y devuelve abono a sus parcelas.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["MDD"], lead: UNALM,
    title: "Briquetas de cáscara de castaña en Madre de Dios",
    summary: "Briquetas de cáscara de castaña para hornos y secadores de las beneficiadoras de Puerto Maldonado, en reemplazo de leña extraída del bosque.",
  },
  {
    roadmap: "agriculture", chains: ["plastics", "agricultural"], regions: ["ARE"], lead: GR_AREQUIPA,
    title: "Triple lavado y reciclaje de envases de agroquímicos",
    summary: "Campaña con agricultores de Arequipa para el triple lavado, perforado y entrega de envases vacíos de plaguicidas en centros de acopio autorizados.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["LAL", "ANC"], lead: UE,
    title: "Descartes de espárrago para alimento de ganado en Virú",
    summary: "Los descartes de espárrago de las empacadoras de Virú y Chao se ensilan para alimentar el ganado lechero de pequeños productores del valle.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["ANC"], lead: UNALM,
    title: "Aceite y harina de pepa de palta en Áncash",
    summary: "Planta piloto que extrae aceite de la pepa de palta y produce harina con la cáscara, a partir de los descartes de las empacadoras de Casma y Huarmey.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural", "wastewater"], regions: ["PAS"], lead: UNALM,
    title: "Biodigestores con estiércol de ganado lechero en Oxapampa",
    summary: "Biodigestores tubulares en fundos lecheros de Oxapampa que producen gas para la cocina y biol para los pastos a partir del estiércol del ordeño.",
  },
  {
    roadmap: "agriculture", chains: ["agricultural"], regions: ["APU", "AYA"], lead: UE,
    title: "Compost comunal con residuos de cosecha en Andahuaylas",
    summary: "Comunidades de Andahuaylas y Chincheros preparan compost con restos de cosecha de papa y quinua y con estiércol, acompañadas por promotoras agrarias.",
  },

  // ---- Fisheries --------------------------------------------------------------------------------
  {
    roadmap: "fisheries", chains: ["agricultural"], regions: ["PIU"], lead: PRODUCE,
    title: "Harina de residuos de pescado en Paita",
    summary: "Vísceras, cabezas y espinas del desembarque artesanal de Paita se procesan en harina y aceite residual, en lugar de arrojarse al mar o a botaderos.",
  },
  {
    roadmap: "fisheries", chains: ["agricultural"], regions: ["ANC"], lead: UNALM,
    title: "Ensilado de vísceras de pescado en Chimbote",
    summary: "Ensilado biológico de vísceras de pescado con melaza para producir alimento de cerdos y aves de pequeños productores de Chimbote y Nuevo Chimbote.",
  },
  {
    roadmap: "fisheries", chains: ["textiles"], regions: ["LOR"], lead: PRODUCE,
    title: "Cuero de piel de paiche en Loreto",
    summary: "Curtido vegetal de pieles de paiche de manejo sostenible en Loreto para marroquinería, con comunidades ribereñas y talleres de Iquitos.",
  },
  {
    roadmap: "fisheries", chains: ["agricultural"], regions: ["PUN"], lead: UE,
    title: "Compost y ensilado con residuos de trucha en Puno",
    summary: "Vísceras y cabezas del eviscerado de trucha en Chucuito y Juli se compostan y ensilan con productores, reduciendo la carga orgánica que llega al lago Titicaca.",
  },
  {
    roadmap: "fisheries", chains: ["construction", "agricultural"], regions: ["ICA"], lead: PRODUCE,
    title: "Conchas de abanico para carbonato de calcio en Pisco",
    summary: "Las valvas de concha de abanico acumuladas en la bahía de Paracas se lavan y muelen para obtener carbonato de calcio para alimento de aves y enmiendas de suelo.",
  },
  {
    roadmap: "fisheries", chains: ["wastewater"], regions: ["TUM"], lead: UNALM,
    title: "Quitosano de caparazones de langostino en Tumbes",
    summary: "Extracción de quitina y quitosano de cabezas y caparazones de langostino de las langostineras de Tumbes, para usos agrícolas y tratamiento de agua.",
  },
  {
    roadmap: "fisheries", chains: ["plastics"], regions: ["CAL", "LMA"], lead: PRODUCE,
    title: "Reciclaje de redes de pesca en desuso en el Callao",
    summary: "Acopio de redes de nailon en desuso de la flota artesanal del Callao y Chorrillos para reciclarlas en pellets, en lugar de abandonarlas en el mar.",
  },
  {
    roadmap: "fisheries", chains: ["wastewater"], regions: ["MOQ"], lead: UNALM,
    title: "Recuperación de proteína del agua de cola en Ilo",
    summary: "Tratamiento del agua de cola y del agua de bombeo de las plantas pesqueras de Ilo para recuperar proteína y aceite antes del vertimiento al mar.",
  },
  {
    roadmap: "fisheries", chains: ["plastics"], regions: ["LAM"], lead: UE,
    title: "Cajas isotérmicas reutilizables para la pesca artesanal en Santa Rosa",
    summary: "Reemplazo de cajas de tecnopor de un solo uso por cajas isotérmicas reutilizables en el desembarcadero de Santa Rosa, con un sistema de préstamo y lavado.",
  },
  {
    roadmap: "fisheries", chains: ["agricultural"], regions: ["UCA", "SAM"], lead: PRODUCE,
    title: "Residuos de piscigranjas de gamitana en Ucayali",
    summary: "Piscicultores de Ucayali transforman vísceras y lodos de sus estanques en abono y harina para alimento, cerrando el ciclo de nutrientes de la acuicultura amazónica.",
  },
  {
    roadmap: "fisheries", chains: [], regions: ["LMA"], lead: UNALM,
    title: "Harina y aceite de descartes del terminal pesquero de Villa María",
    summary: "Recojo diario de descartes y residuos del terminal pesquero de Villa María del Triunfo para producir harina y aceite en una planta autorizada.",
  },
  {
    roadmap: "fisheries", chains: [], regions: ["ARE"], lead: PRODUCE,
    title: "Aprovechamiento integral de la pota en Matarani",
    summary: "Procesamiento de aletas, tentáculos y vísceras de la pota desembarcada en Matarani para elaborar concentrados proteicos, aprovechando lo que hoy se descarta.",
  },
  {
    roadmap: "fisheries", chains: ["wastewater"], regions: ["ANC"], lead: SNI,
    title: "Reúso de efluentes de conserveras en Chimbote",
    summary: "Plantas conserveras de Chimbote tratan sus efluentes por flotación y filtración para reutilizar el agua en la limpieza de planta y reducir la descarga a la bahía El Ferrol.",
  },
  {
    roadmap: "fisheries", chains: ["plastics"], regions: ["TAC"], lead: PRODUCE,
    title: "Muelle sin plásticos de un solo uso en Morro Sama",
    summary: "Pescadores artesanales de Morro Sama y Vila Vila organizan el acopio de sogas, boyas y plásticos en desuso y eliminan los plásticos de un solo uso del muelle.",
  },

  // ---- Services ---------------------------------------------------------------------------------
  {
    roadmap: "services", chains: ["plastics"], regions: ["LAL"], lead: MP_TRUJILLO,
    title: "Segregación en la fuente y reciclaje inclusivo en Trujillo",
    summary: "Programa municipal que entrega bolsas diferenciadas a 40 000 viviendas de Trujillo y encarga la recolección selectiva a recicladores formalizados.",
  },
  {
    roadmap: "services", chains: ["plastics"], regions: ["LMA"], lead: RECICLADORES,
    title: "Formalización de recicladoras de base en San Juan de Lurigancho",
    summary: "Acompañamiento a asociaciones de recicladoras de San Juan de Lurigancho para registrarse, obtener equipos de protección y firmar convenios con la municipalidad.",
  },
  {
    roadmap: "services", chains: ["plastics"], regions: ["CAL"], lead: RECICLADORES,
    title: "Centro de acopio de recicladores en el Callao",
    summary: "Centro de acopio y pretratamiento para 120 recicladores del Callao, con balanza, compactadora y un almacén techado que mejora el precio de venta del material.",
  },
  {
    roadmap: "services", chains: ["construction"], regions: ["LMA", "CAL"], lead: MINAM,
    title: "Planta de tratamiento de escombros de construcción en Lima Norte",
    summary: "Planta que recibe escombros de obras y municipalidades de Lima Norte y los convierte en agregado reciclado certificado, en vez de dejarlos en las riberas del río Chillón.",
  },
  {
    roadmap: "services", chains: ["construction"], regions: ["LAL"], lead: MP_TRUJILLO,
    title: "Escombros municipales para afirmado de trochas en Trujillo",
    summary: "Los desmontes recogidos en las calles de Trujillo se clasifican y trituran para afirmar trochas carrozables de los centros poblados, en lugar de llevarlos al botadero.",
  },
  {
    roadmap: "services", chains: ["plastics"], regions: ["LMA"], lead: CCL,
    title: "Vasos reutilizables para ferias y eventos en Lima",
    summary: "Servicio de vasos y vajilla reutilizables con lavado centralizado para ferias, conciertos y eventos corporativos de Lima, que reemplaza al plástico descartable.",
  },
  {
    roadmap: "services", chains: ["agricultural"], regions: ["CUS"], lead: MINAM,
    title: "Valorización de residuos orgánicos municipales en Cusco",
    summary: "Recolección selectiva de los residuos orgánicos de mercados y restaurantes del Centro Histórico del Cusco para una planta de compostaje municipal.",
  },
  {
    roadmap: "services", chains: ["agricultural"], regions: ["JUN"], lead: MINAM,
    title: "Compostaje de residuos de mercados en Huancayo",
    summary: "Planta de compostaje que procesa los residuos orgánicos de los mercados mayoristas de Huancayo y entrega el compost a parques y productores del valle del Mantaro.",
  },
  {
    roadmap: "services", chains: [], regions: ["LMA"], lead: CCL,
    title: "Reacondicionamiento de computadoras para escuelas públicas",
    summary: "Empresas asociadas donan computadoras dadas de baja que se reacondicionan y entregan a escuelas públicas; lo irrecuperable va a operadores autorizados de RAEE.",
  },
  {
    roadmap: "services", chains: ["plastics"], regions: ["LOR"], lead: UE,
    title: "Reciclaje de plásticos en Iquitos y el río Amazonas",
    summary: "Red de puntos de acopio en Iquitos y comunidades ribereñas para recuperar botellas y envases antes de que lleguen al Amazonas, con transporte fluvial de retorno.",
  },
  {
    roadmap: "services", chains: ["wastewater"], regions: ["HUV"], lead: MINAM,
    title: "Aguas residuales tratadas para áreas verdes en Huancavelica",
    summary: "Mejora de la planta de tratamiento de Huancavelica para reutilizar el efluente en el riego de parques y del vivero municipal durante la temporada seca.",
  },
  {
    roadmap: "services", chains: ["textiles"], regions: ["LMA"], lead: RECICLADORES,
    title: "Recolección y reúso de ropa usada en Lima",
    summary: "Contenedores de ropa usada en mercados y parroquias de Lima: las prendas en buen estado se venden a bajo precio y el resto se clasifica para reciclar sus fibras.",
  },
  {
    roadmap: "services", chains: ["wastewater"], regions: ["PAS"], lead: MINAM,
    title: "Humedales artificiales para aguas residuales en Cerro de Pasco",
    summary: "Humedales artificiales con plantas nativas para tratar las aguas residuales de barrios periurbanos de Cerro de Pasco y reutilizarlas en el riego de pastos.",
  },
  {
    roadmap: "services", chains: ["agricultural"], regions: ["LAL"], lead: MP_TRUJILLO,
    title: "Biodigestores para residuos de mercados de Trujillo",
    summary: "Biodigestores en mercados de Trujillo que transforman restos de frutas y verduras en biogás para las cocinas de los comedores populares y en biol para parques.",
  },
  {
    roadmap: "services", chains: [], regions: ["LMA"], lead: CCL,
    title: "Mobiliario de oficina como servicio",
    summary: "Modelo de alquiler, mantenimiento y recompra de mobiliario de oficina entre proveedores y empresas asociadas, que alarga la vida útil de sillas y escritorios.",
  },
  {
    roadmap: "services", chains: ["wastewater"], regions: ["CAJ"], lead: UE,
    title: "Reúso de aguas grises en escuelas rurales de Cajamarca",
    summary: "Sistemas sencillos de filtrado de las aguas grises de los lavaderos en escuelas rurales de Cajamarca para regar biohuertos escolares.",
  },
  {
    roadmap: "services", chains: [], regions: ["MDD"], lead: MINAM,
    title: "Reciclaje de llantas usadas en Puerto Maldonado",
    summary: "Acopio de neumáticos fuera de uso de mototaxis y camiones de Puerto Maldonado para granularlos y usarlos en losas deportivas y pisos de seguridad.",
  },
  {
    roadmap: "services", chains: ["plastics"], regions: ["LMA"], lead: RECICLADORES,
    title: "Rutas de reciclaje con recicladoras en condominios de Lima",
    summary: "Acuerdo entre juntas de propietarios de condominios de Surco y San Borja y recicladoras de base para recoger el material segregado en días fijos.",
  },
  {
    roadmap: "services", chains: ["wastewater"], regions: ["LAL"], lead: MP_TRUJILLO,
    title: "Riego de parques de Trujillo con aguas residuales tratadas",
    summary: "Conducción del efluente tratado de las lagunas de oxidación hacia parques y bermas de Trujillo, liberando agua potable para el consumo de las familias.",
  },
];

// A fixed cycle, so every roadmap gets every status (about one in twelve stays a draft).
const STATUS_CYCLE: InitiativeStatus[] = [
  "open", "in_progress", "completed", "in_progress", "open", "draft",
  "in_progress", "completed", "cancelled", "open", "in_progress", "completed",
];

// ---- Small deterministic helpers --------------------------------------------------------------

function hashString(text: string) {
  let h = 2166136261;
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG, enough for reproducible demo data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const shuffle = <T>(list: readonly T[]): T[] => {
    const copy = [...list];
    for (let k = copy.length - 1; k > 0; k--) {
      const j = Math.floor(next() * (k + 1));
      [copy[k], copy[j]] = [copy[j]!, copy[k]!];
    }
    return copy;
  };
  return { next, int, pick, shuffle, chance: (p: number) => next() < p };
}

const DAY_MS = 86_400_000;
const LAST_DAY = "2026-11-20";
/** A calendar day plus n days, as YYYY-MM-DD. */
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const minDay = (a: string, b: string) => (a < b ? a : b);
/** A moment on that Lima calendar day (10:00–16:59 in Lima is 15:00–21:59 UTC, still the same date). */
const at = (day: string, hour: number, minute = 0) => new Date(`${day}T${String(15 + (hour % 7)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:00Z`);

// ---- Texts ------------------------------------------------------------------------------------

const ACTIVITIES: Record<ValueChain | "fisheries" | "general", string[]> = {
  agricultural: [
    "Diagnóstico de volúmenes y estacionalidad de los residuos en campo y en planta.",
    "Instalación de módulos de compostaje y de producción de biol con productores líderes.",
    "Análisis de laboratorio de los productos obtenidos para asegurar su calidad.",
    "Días de campo para compartir resultados con otras asociaciones.",
    "Acuerdos comerciales para vender los subproductos a compradores locales.",
  ],
  plastics: [
    "Mapeo de generadores de residuos y de recicladores de la zona.",
    "Instalación de puntos de acopio con balanza y registro de volúmenes.",
    "Pruebas de calidad del material reciclado con la industria transformadora.",
    "Campaña de comunicación para mejorar la segregación en la fuente.",
    "Trazabilidad del material desde el acopio hasta la planta.",
  ],
  textiles: [
    "Inventario de mermas y retazos por tipo de fibra y color.",
    "Capacitación en clasificación, diseño y confección con material recuperado.",
    "Pruebas de hilatura y de resistencia en laboratorio.",
    "Desarrollo de una colección piloto con diseñadoras locales.",
    "Vinculación con compradores nacionales y de comercio justo.",
  ],
  construction: [
    "Caracterización de los escombros por origen y composición.",
    "Habilitación de una zona de clasificación y trituración.",
    "Ensayos de resistencia de los agregados y de los productos obtenidos.",
    "Propuesta de ordenanza para la gestión de residuos de obra.",
    "Compra pública piloto de productos con agregado reciclado.",
  ],
  wastewater: [
    "Línea base de caudales y de calidad del agua.",
    "Mejora o instalación del sistema de tratamiento.",
    "Monitoreo mensual de parámetros con un laboratorio acreditado.",
    "Capacitación a operadores y a usuarios del agua tratada.",
    "Gestión de la autorización de reúso ante la Autoridad Nacional del Agua.",
  ],
  fisheries: [
    "Registro de volúmenes de descarte por especie y temporada.",
    "Buenas prácticas de manipulación a bordo y en el desembarcadero.",
    "Pruebas de producto con laboratorio y potenciales compradores.",
    "Coordinación con la autoridad sanitaria pesquera y acuícola.",
  ],
  general: [
    "Diagnóstico de los residuos generados y de sus posibles usos.",
    "Piloto con un grupo reducido de participantes.",
    "Medición de resultados y ajuste del modelo de negocio.",
    "Difusión de resultados en la alianza Perú País Circular.",
  ],
};

const RESULTS = [
  "Al cierre se espera reducir a la mitad los residuos que hoy se descartan y dejar capacidades instaladas en las organizaciones locales.",
  "Se espera un modelo replicable, con costos conocidos, que otras regiones puedan adoptar sin depender de financiamiento externo.",
  "El objetivo es que el subproducto tenga un comprador estable y genere ingresos adicionales para las familias participantes.",
  "La meta es documentar la experiencia y proponer ajustes normativos que faciliten su escalamiento.",
];

const NEED_NOTES: Record<NeedKind, string[]> = {
  partners: [
    "Buscamos socios que compren el material recuperado.",
    "Necesitamos aliados con presencia en la región para ampliar el piloto.",
    "Buscamos una universidad que acompañe el monitoreo.",
    "Queremos sumar gobiernos locales para escalar el modelo.",
  ],
  financing: [
    "Cofinanciamiento para equipos y obras civiles.",
    "Capital de trabajo para la primera campaña.",
    "Fondos para escalar el piloto a otras provincias.",
    "Inversión en maquinaria de transformación.",
  ],
  technology: [
    "Trituradora y zaranda de tamaño mediano.",
    "Asesoría en el diseño de biodigestores.",
    "Software de trazabilidad de residuos.",
    "Equipos de laboratorio para control de calidad.",
  ],
  training: [
    "Capacitación a productores en buenas prácticas de compostaje.",
    "Formación de operadores de planta.",
    "Talleres de ecodiseño para mypes.",
    "Escuela de campo para mujeres productoras.",
  ],
  infrastructure: [
    "Terreno o local para el centro de acopio.",
    "Techado y losa para la zona de compostaje.",
    "Conexión eléctrica trifásica para la planta.",
    "Almacén temporal cercano al desembarcadero.",
  ],
  other: [
    "Apoyo para tramitar permisos municipales y sanitarios.",
    "Difusión en medios regionales.",
    "Acompañamiento legal para constituir la asociación.",
  ],
};

const SOUGHT_ACTOR_TYPES: ActorType[][] = [
  ["company", "cooperative"],
  ["academia"],
  ["local_government", "regional_government"],
  ["international_cooperation", "business_association"],
  ["civil_society", "company"],
  ["service_provider", "academia", "company"],
];

const FINANCING_KINDS_CYCLE: FinancingKind[] = ["grant", "credit", "investment", "grant"];

const GENDER_NOTES = [
  "La mayoría de las recicladoras son mujeres: se promueve su liderazgo en la asociación y horarios compatibles con las tareas de cuidado.",
  "Al menos la mitad de las plazas de capacitación se reservan para mujeres productoras.",
  "Los indicadores se registran desagregados por sexo y se acompaña a las tejedoras en la gestión de sus ingresos.",
  "Se organizan espacios de cuidado infantil durante los talleres para facilitar la participación de las madres.",
];

const PARTNER_MESSAGES: Record<PartnerRole, string> = {
  co_lead: "Proponemos coliderar la iniciativa y aportar un equipo técnico.",
  implementing: "Podemos implementar el piloto en nuestra zona de trabajo.",
  funder: "Nos interesa cofinanciar la siguiente fase.",
  technical: "Ofrecemos asistencia técnica y ensayos de laboratorio.",
  supporter: "Queremos apoyar con difusión y convocatoria.",
};

const DECLINE_NOTES = [
  "Por ahora nuestro equipo no tiene capacidad para sumarse.",
  "La iniciativa ya cuenta con un socio para ese rol.",
  "No está dentro de nuestro plan de trabajo de este año.",
];

const FIRST_UPDATE = [
  "Se conformó el equipo de trabajo y se firmaron los acuerdos con las organizaciones socias.",
  "Se completó la línea base y se seleccionaron los participantes del piloto.",
  "Se instalaron los primeros equipos y se realizó la jornada de lanzamiento con la comunidad.",
];
const MIDDLE_UPDATE = [
  "El piloto opera con normalidad; se ajustaron los horarios de acopio según la experiencia de los primeros meses.",
  "Se realizaron talleres de capacitación y visitas de seguimiento en campo.",
  "Los ensayos de calidad dieron resultados favorables y se iniciaron conversaciones con compradores.",
  "Se amplió la cobertura a nuevos participantes y se mejoró el registro de volúmenes.",
];
const FINAL_UPDATE = [
  "Cierre del proyecto: se entregaron los equipos a las organizaciones locales y se publicó el informe final.",
  "Informe de cierre: el modelo continúa operando con recursos propios de las organizaciones participantes.",
];
const NEXT_STEPS = [
  "**Dificultad:** las lluvias retrasaron el acopio durante algunas semanas.",
  "**Dificultad:** el precio del material reciclado bajó durante el trimestre.",
  "**Próximo paso:** ampliar el piloto a dos distritos más.",
  "**Próximo paso:** presentar los resultados en la mesa regional de economía circular.",
  "**Próximo paso:** tramitar la certificación de calidad del producto.",
];

const INDICATOR_TEXT: Record<IndicatorCode, { label: string; unit: string; range: [number, number] }> = {
  // Ranges are in stored units (kilograms, m³, kWh, céntimos, people…).
  waste_diverted_t: { label: "Residuos desviados de disposición final", unit: "t", range: [2_000, 250_000] },
  secondary_material_t: { label: "Material secundario producido", unit: "t", range: [500, 120_000] },
  water_saved_m3: { label: "Agua ahorrada o reutilizada", unit: "m³", range: [200, 60_000] },
  energy_saved_mwh: { label: "Energía ahorrada", unit: "MWh", range: [500, 90_000] },
  co2e_avoided_t: { label: "Emisiones evitadas", unit: "t CO₂e", range: [1_000, 300_000] },
  jobs_created: { label: "Empleos creados", unit: "", range: [1, 25] },
  msmes_involved: { label: "Mypes involucradas", unit: "", range: [2, 40] },
  people_trained: { label: "Personas capacitadas", unit: "", range: [10, 180] },
  pen_invested: { label: "Inversión ejecutada", unit: "S/", range: [500_000, 25_000_000] },
};

const CHAIN_INDICATORS: Record<ValueChain | "general", IndicatorCode[]> = {
  agricultural: ["waste_diverted_t", "secondary_material_t", "people_trained", "co2e_avoided_t"],
  plastics: ["waste_diverted_t", "secondary_material_t", "jobs_created", "msmes_involved", "co2e_avoided_t"],
  textiles: ["secondary_material_t", "people_trained", "msmes_involved", "jobs_created"],
  construction: ["waste_diverted_t", "secondary_material_t", "co2e_avoided_t", "jobs_created"],
  wastewater: ["water_saved_m3", "energy_saved_mwh", "people_trained"],
  general: ["waste_diverted_t", "people_trained", "jobs_created"],
};

/** Reported figures are round-ish: tonnes and MWh to one decimal, soles without céntimos. */
function roundStored(code: IndicatorCode, stored: number) {
  const scale = INDICATORS.find((x) => x.code === code)!.scale;
  const step = scale === 1000 ? 100 : scale;
  return Math.max(step, Math.round(stored / step) * step);
}

function formatIndicator(code: IndicatorCode, stored: number) {
  const scale = INDICATORS.find((x) => x.code === code)!.scale;
  const shown = (stored / scale).toLocaleString("es-PE", { maximumFractionDigits: Math.log10(scale) });
  const { unit } = INDICATOR_TEXT[code];
  if (unit === "S/") return `S/ ${shown}`;
  return unit ? `${shown} ${unit}` : shown;
}

// ---- Building one initiative ------------------------------------------------------------------

type Ids = { organisations: Map<string, number>; users: Map<string, number>; approvedSlugs: string[]; actorTypes: Map<string, ActorType> };

function roleFor(actorType: ActorType | undefined, first: boolean, coLeadAllowed: boolean): PartnerRole {
  if (first && coLeadAllowed) return "co_lead";
  if (actorType === "international_cooperation") return "funder";
  if (actorType === "academia" || actorType === "service_provider") return "technical";
  if (actorType === "national_government" || actorType === "business_association") return "supporter";
  return "implementing";
}

function seedOne(tx: Tx, theme: Theme, index: number, slug: string, ids: Ids) {
  const rng = prng(hashString(theme.title) ^ 0x5eed2026);
  const status = STATUS_CYCLE[index % STATUS_CYCLE.length]!;
  const leadId = ids.organisations.get(theme.lead)!;
  const ownerEmailOf = (orgSlug: string) => DEMO_ORGANISATIONS.find((o) => o.slug === orgSlug)?.owner;
  const userOf = (orgSlug: string) => {
    const email = ownerEmailOf(orgSlug);
    return email ? (ids.users.get(email) ?? null) : null;
  };
  const leadUser = userOf(theme.lead);

  // Timeline: created, then each status move on a later day.
  const createdDay = status === "draft" ? addDays("2026-02-02", (index * 17) % 240) : addDays("2023-01-16", index * 13 + rng.int(0, 6));
  const moves: Array<{ from: InitiativeStatus | null; to: InitiativeStatus; day: string }> = [{ from: null, to: "draft", day: createdDay }];
  let openDay: string | null = null;
  let progressDay: string | null = null;
  let endDay: string | null = null; // completed or cancelled
  if (status !== "draft") {
    openDay = addDays(createdDay, rng.int(5, 30));
    moves.push({ from: "draft", to: "open", day: openDay });
    const cancelFromOpen = status === "cancelled" && index % 2 === 0;
    if (status === "in_progress" || status === "completed" || (status === "cancelled" && !cancelFromOpen)) {
      progressDay = addDays(openDay, rng.int(30, 120));
      moves.push({ from: "open", to: "in_progress", day: progressDay });
    }
    if (status === "completed") {
      endDay = minDay(addDays(progressDay!, rng.int(240, 520)), "2026-10-30");
      moves.push({ from: "in_progress", to: "completed", day: endDay });
    }
    if (status === "cancelled") {
      const from = progressDay ?? openDay;
      endDay = addDays(from, rng.int(60, 200));
      moves.push({ from: progressDay ? "in_progress" : "open", to: "cancelled", day: endDay });
    }
  }

  // Planned or actual dates of the work itself.
  let startOn: string | null = null;
  let endOn: string | null = null;
  if (status === "completed") {
    startOn = progressDay;
    endOn = endDay;
  } else if (status === "in_progress") {
    startOn = progressDay;
    // Still running, so its planned end is after today.
    endOn = index % 5 === 0 ? null : addDays(LAST_DAY, rng.int(2, 18) * 30);
  } else if (status === "open") {
    startOn = index % 4 === 0 ? null : addDays(openDay!, rng.int(30, 90));
    endOn = startOn && index % 3 !== 0 ? addDays(startOn, rng.int(12, 24) * 30) : null;
  } else if (status === "draft") {
    startOn = index % 2 === 0 ? addDays(createdDay, rng.int(60, 120)) : null;
    endOn = startOn ? addDays(startOn, 365) : null;
  } else {
    startOn = progressDay;
    endOn = null;
  }

  const chainKey = theme.chains[0] ?? "general";
  const activityList = theme.roadmap === "fisheries" ? [...ACTIVITIES.fisheries, ...ACTIVITIES[chainKey]] : ACTIVITIES[chainKey];
  const activities = rng.shuffle(activityList).slice(0, 3);
  const description = [
    theme.summary,
    "",
    "### Qué haremos",
    "",
    ...activities.map((a) => `- ${a}`),
    "",
    "### Resultados esperados",
    "",
    rng.pick(RESULTS),
  ].join("\n");

  const genderPerspective = index % 4 === 2;
  const publishedAt = openDay ? at(openDay, 2, rng.int(0, 59)) : null;
  const createdAt = at(createdDay, 1, rng.int(0, 59));

  const values = {
    slug,
    leadOrganisationId: leadId,
    title: theme.title,
    summary: theme.summary,
    description,
    roadmap: theme.roadmap,
    approach: theme.roadmap === "industry" ? theme.approach! : null,
    startOn,
    endOn,
    status,
    genderPerspective,
    genderNote: genderPerspective ? GENDER_NOTES[index % GENDER_NOTES.length]! : null,
    createdBy: leadUser,
    createdAt,
    updatedAt: at(moves[moves.length - 1]!.day, 3, 30),
    publishedAt,
  };
  const row = tx
    .insert(initiatives)
    .values(values)
    .onConflictDoUpdate({ target: initiatives.slug, set: values })
    .returning({ id: initiatives.id })
    .get();
  const initiativeId = row.id;

  // Children: delete, then insert again.
  tx.delete(initiativeIndicatorValues).where(eq(initiativeIndicatorValues.initiativeId, initiativeId)).run();
  tx.delete(initiativeUpdates).where(eq(initiativeUpdates.initiativeId, initiativeId)).run();
  tx.delete(initiativePartners).where(eq(initiativePartners.initiativeId, initiativeId)).run();
  tx.delete(initiativeStatusChanges).where(eq(initiativeStatusChanges.initiativeId, initiativeId)).run();
  tx.delete(initiativeNeeds).where(eq(initiativeNeeds.initiativeId, initiativeId)).run();
  tx.delete(initiativeRegions).where(eq(initiativeRegions.initiativeId, initiativeId)).run();
  tx.delete(initiativeValueChains).where(eq(initiativeValueChains.initiativeId, initiativeId)).run();
  tx.delete(initiativeFollows).where(eq(initiativeFollows.initiativeId, initiativeId)).run();

  for (const valueChain of theme.chains) tx.insert(initiativeValueChains).values({ initiativeId, valueChain }).run();
  for (const region of theme.regions) tx.insert(initiativeRegions).values({ initiativeId, region }).run();

  moves.forEach((move, k) => {
    tx.insert(initiativeStatusChanges)
      .values({ initiativeId, fromStatus: move.from, toStatus: move.to, changedBy: leadUser, changedAt: at(move.day, 1 + k, 10 + k) })
      .run();
  });

  // Needs.
  const needs: NeedKind[] = [];
  if (index % 3 !== 1) needs.push("partners");
  if (index % 2 === 0) needs.push("financing");
  if (index % 4 === 1) needs.push("technology");
  if (index % 5 === 2) needs.push("training");
  if (index % 6 === 3) needs.push("infrastructure");
  if (index % 13 === 7) needs.push("other");
  for (const kind of needs) {
    tx.insert(initiativeNeeds)
      .values({
        initiativeId,
        kind,
        note: rng.pick(NEED_NOTES[kind]),
        partnerActorTypes: kind === "partners" ? SOUGHT_ACTOR_TYPES[index % SOUGHT_ACTOR_TYPES.length]! : null,
        // From S/ 100,000 to S/ 2,000,000, in steps of S/ 25,000.
        amountCents: kind === "financing" ? rng.int(4, 80) * 2_500_000 : null,
        financingKind: kind === "financing" ? FINANCING_KINDS_CYCLE[index % FINANCING_KINDS_CYCLE.length]! : null,
      })
      .run();
  }

  // Partners: other approved organisations, never the lead, one live row per organisation.
  const candidates = rng.shuffle(ids.approvedSlugs.filter((s) => s !== theme.lead));
  const states: PartnerState[] =
    status === "draft"
      ? index % 2 === 0 ? ["invited"] : []
      : status === "open"
        ? (["active", "requested", "invited", "declined"] as PartnerState[]).slice(0, rng.int(1, 4))
        : status === "in_progress"
          ? (rng.chance(0.3) ? ["active", "active", "requested"] : rng.chance(0.5) ? ["active", "active", "left"] : ["active", "active", "active", "invited"]) as PartnerState[]
          : status === "completed"
            ? (rng.chance(0.5) ? ["active", "active"] : ["active", "active", "left"]) as PartnerState[]
            : (["left", "declined"] as PartnerState[]).slice(0, rng.int(1, 2));
  const liveLimit = endDay ?? LAST_DAY;
  const base = openDay ?? createdDay;
  states.forEach((state, k) => {
    const orgSlug = candidates[k]!;
    const organisationId = ids.organisations.get(orgSlug)!;
    const role = roleFor(ids.actorTypes.get(orgSlug), k === 0, index % 3 === 0);
    const createdDayP = minDay(addDays(base, rng.int(2, 45) + k * 7), addDays(liveLimit, -20));
    const respondedDay = addDays(createdDayP, rng.int(2, 15));
    const requestedByLead = state === "invited" || (state !== "requested" && k % 2 === 1);
    const leftDay = minDay(addDays(respondedDay, rng.int(60, 240)), addDays(liveLimit, -1));
    tx.insert(initiativePartners)
      .values({
        initiativeId,
        organisationId,
        role,
        state,
        message: PARTNER_MESSAGES[role],
        responseNote: state === "declined" ? rng.pick(DECLINE_NOTES) : null,
        requestedBy: requestedByLead ? leadUser : userOf(orgSlug),
        createdAt: at(createdDayP, 2 + k, rng.int(0, 59)),
        respondedAt: state === "requested" || state === "invited" ? null : at(respondedDay, 4, rng.int(0, 59)),
        joinedAt: state === "active" || state === "left" ? at(respondedDay, 4, 59) : null,
        leftAt: state === "left" ? at(leftDay, 5, 0) : null,
      })
      .run();
  });
  // One organisation that was declined and asks again: history plus a live request for the same pair.
  if (status === "open" && index % 2 === 1) {
    const orgSlug = candidates[states.length]!;
    const organisationId = ids.organisations.get(orgSlug)!;
    const role = roleFor(ids.actorTypes.get(orgSlug), false, false);
    const first = addDays(base, 3);
    tx.insert(initiativePartners)
      .values({
        initiativeId, organisationId, role, state: "declined", message: PARTNER_MESSAGES[role], responseNote: DECLINE_NOTES[1]!,
        requestedBy: userOf(orgSlug), createdAt: at(first, 2), respondedAt: at(addDays(first, 4), 3),
      })
      .run();
    tx.insert(initiativePartners)
      .values({
        initiativeId, organisationId, role, state: "requested", message: "Volvemos a ofrecer nuestro apoyo para la nueva etapa.",
        requestedBy: userOf(orgSlug), createdAt: at(addDays(first, 30), 2),
      })
      .run();
  }

  // Progress updates with indicator values, by the lead, only once work has started.
  if (status === "in_progress" || status === "completed") {
    const until = status === "completed" ? endDay! : addDays(LAST_DAY, -rng.int(5, 90));
    const span = Math.max(daysBetween(progressDay!, until), 10);
    const count = status === "completed" ? rng.int(2, 4) : rng.int(1, 3);
    const pool = [...new Set(theme.chains.length ? theme.chains.flatMap((c) => CHAIN_INDICATORS[c]) : CHAIN_INDICATORS.general)];
    for (let k = 0; k < count; k++) {
      const reportedOn = addDays(progressDay!, Math.round(((k + 1) * span) / (count + (status === "completed" ? 0 : 1))) - (k === count - 1 && status === "completed" ? 2 : 0));
      const chosen: IndicatorCode[] = rng.chance(0.08) ? [] : rng.shuffle(pool).slice(0, rng.int(2, Math.min(4, pool.length)));
      if (chosen.length && rng.chance(0.4)) chosen.push("pen_invested");
      const measured = chosen.map((code) => ({ code, value: roundStored(code, rng.int(...INDICATOR_TEXT[code].range)) }));
      const opening = k === 0 ? rng.pick(FIRST_UPDATE) : k === count - 1 && status === "completed" ? rng.pick(FINAL_UPDATE) : rng.pick(MIDDLE_UPDATE);
      const body = [
        `**Avance al ${reportedOn.split("-").reverse().join("/")}.** ${opening}`,
        ...(measured.length ? ["", "En este periodo:", "", ...measured.map((m) => `- ${INDICATOR_TEXT[m.code].label}: ${formatIndicator(m.code, m.value)}`)] : []),
        "",
        rng.pick(NEXT_STEPS),
      ].join("\n");
      const update = tx
        .insert(initiativeUpdates)
        .values({ initiativeId, organisationId: leadId, authorId: leadUser, reportedOn, body, createdAt: at(addDays(reportedOn, 1), 3, k * 7) })
        .returning({ id: initiativeUpdates.id })
        .get();
      for (const m of measured) {
        tx.insert(initiativeIndicatorValues).values({ updateId: update.id, initiativeId, indicator: m.code, value: m.value }).run();
      }
    }
  }

  // The last thing that happened to it, status move or progress update.
  const lastUpdate = tx
    .select({ createdAt: initiativeUpdates.createdAt })
    .from(initiativeUpdates)
    .where(eq(initiativeUpdates.initiativeId, initiativeId))
    .orderBy(desc(initiativeUpdates.createdAt))
    .get();
  if (lastUpdate && lastUpdate.createdAt > values.updatedAt) {
    tx.update(initiatives).set({ updatedAt: lastUpdate.createdAt }).where(eq(initiatives.id, initiativeId)).run();
  }

  // A few demo people follow public initiatives.
  if (status !== "draft") {
    ["coordinadora@demo.pe", "miembro1@demo.pe", "miembro2@demo.pe", "miembro3@demo.pe"].forEach((email, u) => {
      const userId = ids.users.get(email);
      if (userId && (index + u * 2) % 5 === 0) {
        tx.insert(initiativeFollows).values({ initiativeId, userId, createdAt: at(addDays(openDay!, 10 + u), 2) }).run();
      }
    });
  }
}

/** Demo initiatives with their partners, needs, history and progress. Safe to run again. */
export function seedInitiatives(db: AppDatabase) {
  // Checks of the hand-written list, so a careless edit fails loudly instead of seeding nonsense.
  const slugs = new Map<string, Theme>();
  for (const [n, theme] of THEMES.entries()) {
    if (theme.summary.length > 280) throw new Error(`Summary too long (${theme.summary.length}): ${theme.title}`);
    if (theme.title.length < 5 || theme.title.length > 150) throw new Error(`Bad title length: ${theme.title}`);
    if ((theme.roadmap === "industry") !== Boolean(theme.approach)) throw new Error(`Approach only (and always) for industry: ${theme.title}`);
    if ((theme.approach as string | undefined) === "sustainable_consumption") throw new Error("That roadmap line must stay empty.");
    let slug = slugify(theme.title);
    if (slugs.has(slug)) slug = `${slug}-${n + 1}`;
    slugs.set(slug, theme);
  }

  const orgRows = db
    .select({ id: organisations.id, slug: organisations.slug, status: organisations.status, actorType: organisations.actorType })
    .from(organisations)
    .where(inArray(organisations.slug, DEMO_ORGANISATIONS.map((o) => o.slug)))
    .all();
  const approved = orgRows.filter((o) => o.status === "approved");
  const ids: Ids = {
    organisations: new Map(approved.map((o) => [o.slug, o.id])),
    actorTypes: new Map(approved.map((o) => [o.slug, o.actorType])),
    approvedSlugs: approved.map((o) => o.slug).sort(),
    users: new Map(
      db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(inArray(users.email, DEMO_USERS.map((u) => u.email)))
        .all()
        .map((u) => [u.email, u.id]),
    ),
  };
  for (const theme of THEMES) {
    if (!ids.organisations.has(theme.lead)) throw new Error(`Lead organisation ${theme.lead} is missing or not approved; seed organisations first.`);
  }

  db.transaction(
    (tx) => {
      [...slugs.entries()].forEach(([slug, theme], index) => seedOne(tx, theme, index, slug, ids));
    },
    { behavior: "immediate" },
  );
  return slugs.size;
}
