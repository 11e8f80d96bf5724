import { eq, inArray } from "drizzle-orm";
import { MAX_QUESTIONS, type EventFormat, type EventStatus, type EventType, type RegistrationStatus } from "../app/features/events/taxonomy.ts";
import type { RegionCode, Roadmap, ValueChain } from "../app/features/organisations/taxonomy.ts";
import { DEMO_ORGANISATIONS } from "../tests/factories/organisations.ts";
import { DEMO_USERS } from "../tests/factories/users.ts";
import type { AppDatabase } from "./connection.ts";
import { users } from "./schema/auth.ts";
import {
  eventOrganisers,
  eventRegistrations,
  eventRoadmaps,
  events,
  eventSessions,
  eventSpeakers,
  eventValueChains,
} from "./schema/events.ts";
import { organisations } from "./schema/organisations.ts";
import { PRODUCE, MINAM, SNI, CCL, GR_AREQUIPA, MP_TRUJILLO, CITE_CUSCO, COOP_CAFE, PLASTICOS, UNALM, RECICLADORES, UE } from "./demo-slugs.ts";

// Demo events only: every edition of the Circular Economy Forum (2018 to 2026) with its agenda,
// and a dozen other events of every type. Everything below is fixed text and fixed dates, so
// running the seed again rewrites the same rows. Times are written in Lima local time (UTC−5,
// no daylight saving) and stored as UTC instants. "Today" for this data is late November 2026.

type Tx = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

// ---- Organisations (demo slugs; only approved ones) -------------------------------------------

// Demo organisations by slug (db/demo-slugs.ts).

// ---- Speakers (fictional people) ----------------------------------------------------------------

type Person = { name: string; role: string; org?: string; orgName?: string };

const PEOPLE = {
  marisol: { name: "Marisol Paredes Vega", role: "Directora de Asuntos Ambientales de Industria", org: PRODUCE },
  gonzalo: { name: "Gonzalo Medina Arce", role: "Coordinador de la hoja de ruta de economía circular para la industria", org: PRODUCE },
  oscar: { name: "Óscar Villanueva Ríos", role: "Director General de Gestión de Residuos Sólidos", org: MINAM },
  milagros: { name: "Milagros Sánchez Cueva", role: "Especialista en economía circular", org: MINAM },
  patricia: { name: "Patricia Chávez Salazar", role: "Presidenta del Comité de Economía Circular", org: SNI },
  ricardo: { name: "Ricardo Benavides Ortiz", role: "Gerente del Centro de Sostenibilidad", org: CCL },
  elena: { name: "Elena Cornejo Zegarra", role: "Gerenta Regional de Agricultura", org: GR_AREQUIPA },
  manuel: { name: "Manuel Alva Rodríguez", role: "Subgerente de Gestión Ambiental", org: MP_TRUJILLO },
  yolanda: { name: "Yolanda Huillca Mamani", role: "Directora ejecutiva", org: CITE_CUSCO },
  carmen: { name: "Carmen Flores", role: "Gerenta de la cooperativa", org: COOP_CAFE },
  luis: { name: "Luis Ramírez", role: "Gerente general", org: PLASTICOS },
  rocio: { name: "Rocío Gutiérrez Llanos", role: "Investigadora en bioeconomía y reúso de agua", org: UNALM },
  juana: { name: "Juana Ccori Pacheco", role: "Presidenta de la red", org: RECICLADORES },
  katrin: { name: "Katrin Vogel", role: "Jefa de Cooperación", org: UE },
  pablo: { name: "Pablo Esteban Navarro", role: "Oficial de programas de economía verde", org: UE },
  hugo: { name: "Hugo Salinas Poma", role: "Director de Gestión Ambiental Agraria", orgName: "Ministerio de Desarrollo Agrario y Riego" },
  fernando: { name: "Fernando Aguilar Meza", role: "Especialista en instrumentos financieros", orgName: "Ministerio de Economía y Finanzas" },
  sabine: { name: "Sabine Krämer", role: "Asesora técnica en economía circular", orgName: "GIZ Perú" },
  javier: { name: "Javier Ortega Muñoz", role: "Responsable de programas de medio ambiente", orgName: "AECID Perú" },
  daniela: { name: "Daniela Rojas Cárdenas", role: "Coordinadora de fondos de innovación", orgName: "ProInnóvate" },
  danielaInnovate: { name: "Daniela Rojas Cárdenas", role: "Coordinadora de fondos de innovación", orgName: "Innóvate Perú" },
  claudia: { name: "Claudia Herrera Tello", role: "Gerenta de banca MYPE", orgName: "Caja municipal de ahorro y crédito" },
  walter: { name: "Walter Chumpitaz Ramos", role: "Dirigente de pescadores artesanales", orgName: "Gremio de pescadores artesanales del Callao" },
  mariela: { name: "Mariela Quispe Ccahuana", role: "Especialista en género y cadenas de valor", orgName: "Asociación de tejedoras de Ayacucho" },
  andrea: { name: "Andrea Loayza Ferrer", role: "Consultora en modelos de negocio circulares" },
} as const satisfies Record<string, Person>;
type PersonKey = keyof typeof PEOPLE;

// ---- Event specifications ---------------------------------------------------------------------

type SessionSpec = {
  /** Day of the event, 0 for the first one. */
  day: number;
  from: string;
  to: string;
  room: string;
  title: string;
  description: string;
  speakers: PersonKey[];
};

type RegistrationSpec = {
  user: (typeof DEMO_USERS)[number]["email"];
  status: RegistrationStatus;
  /** Registered this many days before the event starts. */
  daysBefore: number;
  answers?: string[];
};

type EventSpec = {
  slug: string;
  title: string;
  type: EventType;
  summary: string;
  description: string;
  /** Lima local times, "YYYY-MM-DDTHH:MM". */
  start: string;
  end: string;
  format: EventFormat;
  venue?: [name: string, address: string];
  city?: string;
  region?: RegionCode;
  onlineUrl?: string;
  capacity?: number;
  opens?: string;
  closes?: string;
  questions?: string[];
  status: EventStatus;
  cancelReason?: string;
  /** Lima local time of the cancellation. */
  cancelledAt?: string;
  forumYear?: number;
  organisers: string[];
  roadmaps: Roadmap[];
  chains: ValueChain[];
  sessions?: SessionSpec[];
  registrations?: RegistrationSpec[];
};

const s = (day: number, from: string, to: string, room: string, title: string, description: string, speakers: PersonKey[]): SessionSpec => ({
  day, from, to, room, title, description, speakers,
});

const CCLIMA: [string, string] = ["Centro de Convenciones de Lima", "Av. Arqueología 206, San Borja"];
const SNI_HALL: [string, string] = ["Auditorio de la Sociedad Nacional de Industrias", "Calle Los Laureles 365, San Isidro"];
const CCL_HALL: [string, string] = ["Cámara de Comercio de Lima, auditorio principal", "Av. Giuseppe Garibaldi 396, Jesús María"];
const UNALM_HALL: [string, string] = ["Universidad Nacional Agraria La Molina, auditorio central", "Av. La Molina s/n, La Molina"];

const MAIN = "Auditorio principal";
const ROOM_A = "Sala A";
const ROOM_B = "Sala B";
const MEETING = "Sala de encuentros";

const FORUM_QUESTIONS_2026 = ["Necesidades alimentarias", "Necesidades de accesibilidad", "¿Participará en la rueda de contactos del primer día?"];

type ForumEdition = {
  year: number;
  title?: string;
  summary: string;
  intro: string;
  topics: string[];
  start: string;
  end: string;
  format?: EventFormat;
  venue: [string, string];
  onlineUrl?: string;
  capacity: number;
  opens: string;
  closes: string;
  questions?: string[];
  organisers: string[];
  roadmaps: Roadmap[];
  chains: ValueChain[];
  sessions: SessionSpec[];
  registrations?: RegistrationSpec[];
};

const FORUMS: ForumEdition[] = [
  {
    year: 2018,
    title: "Foro de Economía Circular 2018: «Producción del Futuro»",
    summary: "Primera edición del Foro, con la que el concepto de economía circular entra en la agenda pública del país: cómo producir usando menos materias primas y aprovechando lo que hoy se descarta.",
    intro: "El primer Foro de Economía Circular reunió a autoridades, gremios empresariales, academia y cooperación internacional para presentar la economía circular como una forma distinta de producir, con nuevos modelos de negocio, menos impactos ambientales y más empleo.",
    topics: ["Qué significa la economía circular para un país de recursos naturales", "El papel de la industria y sus gremios", "Innovación y nuevos modelos de negocio"],
    start: "2018-11-08T08:30", end: "2018-11-08T17:30", venue: CCLIMA, capacity: 250, opens: "2018-09-24T09:00", closes: "2018-11-06T23:59",
    organisers: [PRODUCE, MINAM, UE], roadmaps: ["industry"], chains: ["plastics", "textiles"],
    sessions: [
      s(0, "09:00", "09:45", MAIN, "Inauguración: la producción del futuro", "Palabras de apertura sobre por qué el Perú necesita dejar atrás el modelo de extraer, producir y desechar.", ["marisol", "katrin"]),
      s(0, "09:45", "10:45", MAIN, "¿Qué es la economía circular y por qué le importa al Perú?", "Conferencia introductoria: principios, ejemplos internacionales y oportunidades para una economía concentrada en pocos sectores.", ["andrea", "milagros"]),
      s(0, "11:15", "12:45", MAIN, "Panel: la industria peruana frente al modelo lineal", "Representantes de la industria y del comercio conversan sobre costos, riesgos y oportunidades de cerrar los ciclos de materiales.", ["patricia", "ricardo", "gonzalo"]),
      s(0, "14:30", "16:00", ROOM_A, "Innovación para nuevos modelos de negocio", "Cómo los fondos de innovación y la investigación aplicada pueden ayudar a las empresas a rediseñar productos y procesos.", ["danielaInnovate", "rocio"]),
      s(0, "16:15", "17:00", MAIN, "Clausura y próximos pasos", "Conclusiones de la jornada y compromiso de repetir el Foro cada año.", ["oscar", "marisol"]),
    ],
  },
  {
    year: 2019,
    summary: "Segunda edición, centrada en las hojas de ruta sectoriales que prevé el Plan Nacional de Competitividad y Productividad: industria, agricultura, pesca y acuicultura.",
    intro: "Con el Plan Nacional de Competitividad y Productividad recién aprobado, el Foro de 2019 abrió la conversación sobre las hojas de ruta de economía circular para cada sector y recogió los primeros aportes del sector privado.",
    topics: ["Hojas de ruta para industria, agricultura, pesca y acuicultura", "El reciclaje de plásticos y su formalización", "Metodologías participativas"],
    start: "2019-11-20T08:30", end: "2019-11-21T17:30", venue: SNI_HALL, capacity: 300, opens: "2019-10-01T09:00", closes: "2019-11-18T23:59",
    organisers: [PRODUCE, MINAM, SNI, UE], roadmaps: ["industry", "agriculture", "fisheries"], chains: ["plastics", "agricultural"],
    sessions: [
      s(0, "09:00", "09:45", MAIN, "Inauguración", "Apertura de la segunda edición y balance del primer año de trabajo.", ["gonzalo", "katrin"]),
      s(0, "09:45", "11:00", MAIN, "Del plan de competitividad a las hojas de ruta sectoriales", "Cómo se traducen las medidas del plan nacional en hojas de ruta con metas por sector.", ["marisol", "hugo", "fernando"]),
      s(0, "11:30", "13:00", MAIN, "Hoja de ruta de la industria: aportes del sector privado", "Las empresas cuentan qué necesitan para incorporar material reciclado y diseñar productos valorizables.", ["patricia", "ricardo", "luis"]),
      s(0, "14:30", "16:00", ROOM_B, "Agricultura circular: residuos que vuelven al campo", "Experiencias de compostaje y aprovechamiento de rastrojos en la costa y la sierra.", ["rocio", "elena"]),
      s(1, "09:00", "10:30", MAIN, "Pesca artesanal y acuicultura: aprovechar todo el recurso", "Descartes, vísceras y agua de proceso: qué se puede recuperar en los desembarcaderos.", ["walter", "milagros"]),
      s(1, "11:00", "12:30", MAIN, "Plásticos: del reciclaje informal a la cadena formal", "Recicladores, industria y Estado discuten cómo integrar a quienes hoy recuperan la mayor parte del material.", ["juana", "luis", "oscar"]),
      s(1, "14:30", "16:00", ROOM_A, "Taller: cómo construir una hoja de ruta participativa", "Trabajo en grupos para identificar actores, brechas y acciones prioritarias.", ["sabine", "andrea"]),
      s(1, "16:30", "17:15", MAIN, "Clausura", "Conclusiones de los dos días y tareas para el próximo año.", ["gonzalo", "patricia"]),
    ],
  },
  {
    year: 2020,
    summary: "Tercera edición, en formato híbrido por la emergencia sanitaria: cómo reactivar la economía sin volver al modelo lineal, con la hoja de ruta de la industria recién aprobada.",
    intro: "En plena emergencia sanitaria, el Foro de 2020 se hizo con aforo reducido en sala y transmisión en línea. Fue el año en que se aprobó la hoja de ruta de economía circular para la industria, la primera del país.",
    topics: ["La hoja de ruta de la industria, aprobada en 2020", "Reactivación económica con criterios circulares", "Financiamiento e innovación para la MYPE"],
    start: "2020-11-26T09:00", end: "2020-11-26T16:30", format: "hybrid", venue: SNI_HALL, onlineUrl: "https://meet.example.org/peru-circular/foro-2020",
    capacity: 80, opens: "2020-10-26T09:00", closes: "2020-11-25T23:59",
    organisers: [PRODUCE, MINAM, SNI, UE], roadmaps: ["industry"], chains: ["plastics", "textiles"],
    sessions: [
      s(0, "09:00", "09:30", "Auditorio y transmisión en línea", "Inauguración", "Bienvenida a quienes participan en sala y en línea.", ["marisol", "katrin"]),
      s(0, "09:30", "10:45", "Auditorio y transmisión en línea", "La hoja de ruta de la industria ya está aprobada: ¿y ahora?", "Sus cuatro enfoques —producción sostenible, consumo sostenible, aprovechamiento de residuos, e innovación y financiamiento— y cómo ponerlos en marcha.", ["gonzalo", "patricia"]),
      s(0, "11:00", "12:30", "Auditorio y transmisión en línea", "Reactivar sin volver al modelo lineal", "Qué medidas de reactivación pueden acelerar, y no frenar, la transición.", ["fernando", "ricardo", "javier"]),
      s(0, "14:00", "15:45", "Auditorio y transmisión en línea", "Innovación y financiamiento para la MYPE en tiempos de crisis", "Fondos concursables, crédito y asistencia técnica para pequeñas empresas que quieren cambiar sus procesos.", ["danielaInnovate", "claudia"]),
      s(0, "15:45", "16:30", "Auditorio y transmisión en línea", "Clausura", "Síntesis de la jornada.", ["oscar"]),
    ],
  },
  {
    year: 2021,
    summary: "Cuarta edición, el año del Pacto Peruano por una Economía Circular: de los compromisos firmados a las acciones, y los primeros pasos hacia una plataforma permanente de colaboración.",
    intro: "En 2021, veintiocho organizaciones públicas y privadas firmaron el Pacto Peruano por una Economía Circular. El Foro de ese año revisó sus compromisos y presentó al grupo impulsor que prepara una plataforma permanente para que los actores colaboren.",
    topics: ["Los compromisos del Pacto", "El grupo impulsor de la plataforma", "Textiles y gestión municipal de residuos"],
    start: "2021-11-17T09:00", end: "2021-11-18T13:00", venue: CCLIMA, capacity: 200, opens: "2021-10-04T09:00", closes: "2021-11-15T23:59",
    organisers: [PRODUCE, MINAM, SNI, CCL, UE], roadmaps: ["industry", "services"], chains: ["textiles", "plastics"],
    sessions: [
      s(0, "09:00", "09:45", MAIN, "Inauguración", "Apertura con las instituciones que promovieron el Pacto.", ["marisol", "oscar", "katrin"]),
      s(0, "10:00", "11:30", MAIN, "El Pacto Peruano por una Economía Circular: qué se comprometió", "Firmantes del sector privado y de la cooperación explican sus compromisos y cómo los medirán.", ["patricia", "ricardo", "pablo"]),
      s(0, "11:45", "13:00", MAIN, "Hacia una plataforma de colaboración permanente", "El grupo impulsor presenta su propuesta de espacio común para encontrar socios y coordinar acciones.", ["milagros", "sabine", "andrea"]),
      s(0, "14:30", "16:00", ROOM_A, "Nuevos instrumentos para la innovación circular", "El programa de innovación renovado y las líneas abiertas a proyectos con academia.", ["daniela", "rocio"]),
      s(1, "09:00", "10:30", MAIN, "Textiles: la fibra y el algodón que no se desperdician", "Mermas de alpaca, retazos de confección y el trabajo de las tejedoras de la sierra sur.", ["yolanda", "mariela"]),
      s(1, "10:45", "12:15", MAIN, "Gestión municipal de residuos y reciclaje inclusivo", "Segregación en la fuente y acuerdos con asociaciones de recicladores.", ["manuel", "juana"]),
      s(1, "12:15", "13:00", MAIN, "Clausura", "Compromisos para el próximo año.", ["gonzalo"]),
    ],
  },
  {
    year: 2022,
    summary: "Quinta edición, con el lanzamiento de la Plataforma Perú País Circular: un espacio permanente para que instituciones, empresas, cooperativas y academia se encuentren y trabajen juntas.",
    intro: "El Foro de 2022 fue el escenario del lanzamiento de la Plataforma Perú País Circular. Además, se presentaron las propuestas de hoja de ruta para agricultura y para pesca artesanal y acuicultura, y se abrió una primera rueda de contactos entre miembros.",
    topics: ["Lanzamiento de la plataforma", "Pequeños productores y cooperativas", "Hojas de ruta de agricultura y de pesca artesanal y acuicultura", "Residuos de construcción y demolición"],
    start: "2022-11-16T08:30", end: "2022-11-17T17:00", venue: CCLIMA, capacity: 350, opens: "2022-10-03T09:00", closes: "2022-11-14T23:59",
    organisers: [PRODUCE, MINAM, SNI, CCL, UE], roadmaps: ["industry", "agriculture", "fisheries", "services"], chains: ["agricultural", "plastics", "construction"],
    sessions: [
      s(0, "09:00", "10:00", MAIN, "Inauguración y lanzamiento de la plataforma", "Presentación oficial de la Plataforma Perú País Circular.", ["marisol", "oscar", "katrin"]),
      s(0, "10:15", "11:15", MAIN, "Cómo funciona Perú País Circular", "Recorrido por la plataforma: registro de organizaciones, iniciativas conjuntas, eventos y diálogo.", ["milagros", "andrea"]),
      s(0, "11:30", "13:00", MAIN, "Panel: cooperativas y pequeños productores en cadenas circulares", "Cómo asociarse ayuda a ganar escala, acceder a crédito y adoptar tecnología.", ["carmen", "elena", "hugo"]),
      s(0, "14:30", "17:00", MEETING, "Rueda de contactos entre miembros", "Reuniones breves y agendadas entre organizaciones que buscan socios.", ["ricardo"]),
      s(1, "09:00", "10:30", MAIN, "Hoja de ruta de agricultura: propuesta para validación", "Residuos agrícolas, suelos y agua: las líneas propuestas y su consulta con los actores.", ["hugo", "rocio"]),
      s(1, "10:45", "12:15", ROOM_A, "Hoja de ruta de pesca artesanal y acuicultura", "Aprovechamiento integral del recurso y gestión de residuos en desembarcaderos y granjas.", ["walter", "gonzalo"]),
      s(1, "10:45", "12:15", ROOM_B, "Construcción y demolición: escombros que se vuelven agregado", "Experiencias de reciclaje de concreto y las normas que faltan para usarlo.", ["patricia", "manuel"]),
      s(1, "16:00", "17:00", MAIN, "Clausura", "Invitación a las organizaciones a sumarse a la plataforma.", ["katrin", "marisol"]),
    ],
    registrations: [
      { user: "miembro1@demo.pe", status: "attended", daysBefore: 30 },
      { user: "miembro2@demo.pe", status: "attended", daysBefore: 21 },
      { user: "coordinador@demo.pe", status: "attended", daysBefore: 40 },
    ],
  },
  {
    year: 2023,
    summary: "Sexta edición, dedicada a las regiones: experiencias de gobiernos regionales y locales, cooperativas y empresas fuera de Lima que ya trabajan con criterios circulares.",
    intro: "La actividad económica del país se concentra en Lima, pero muchas soluciones circulares nacen en las regiones. El Foro de 2023 dio la palabra a gobiernos regionales, municipalidades, cooperativas, CITE y empresas de todo el país.",
    topics: ["Gobiernos regionales y locales", "Café, PET y aguas residuales tratadas", "Servicios de CITE y organizaciones intermediarias"],
    start: "2023-11-22T08:30", end: "2023-11-23T17:00", venue: UNALM_HALL, capacity: 350, opens: "2023-10-02T09:00", closes: "2023-11-20T23:59",
    organisers: [PRODUCE, MINAM, UNALM, UE], roadmaps: ["agriculture", "industry", "services"], chains: ["agricultural", "plastics", "wastewater"],
    sessions: [
      s(0, "09:00", "09:45", MAIN, "Inauguración", "Bienvenida en el campus de La Molina.", ["gonzalo", "pablo"]),
      s(0, "10:00", "11:30", MAIN, "Del centro a las regiones", "Gobiernos regionales y municipalidades comparten cómo incorporan la economía circular en sus planes.", ["elena", "manuel"]),
      s(0, "11:45", "13:00", ROOM_A, "Café circular en la selva alta", "De la pulpa que contaminaba quebradas al compost que vuelve a los cafetales.", ["carmen", "rocio"]),
      s(0, "14:30", "16:00", ROOM_B, "Reciclaje de PET para la agroexportación del norte", "Láminas y bandejas con material reciclado, y el acopio con recicladores.", ["luis", "juana"]),
      s(1, "09:00", "10:30", MAIN, "Aguas residuales tratadas: de problema a recurso", "Reúso para riego en valles con acuíferos sobreexplotados.", ["rocio", "oscar"]),
      s(1, "10:45", "12:15", MAIN, "Servicios para la circularidad: CITE y organizaciones intermediarias", "Asistencia técnica, laboratorios y transferencia tecnológica al alcance de la MYPE.", ["yolanda", "sabine"]),
      s(1, "14:00", "16:00", ROOM_A, "Taller: mapa de iniciativas regionales", "Las y los participantes ubican sus iniciativas y buscan socios en otras regiones.", ["milagros", "andrea"]),
      s(1, "16:15", "17:00", MAIN, "Clausura", "Conclusiones y anuncio de la sede de 2024.", ["marisol"]),
    ],
    registrations: [
      { user: "miembro1@demo.pe", status: "attended", daysBefore: 25 },
      { user: "miembro3@demo.pe", status: "attended", daysBefore: 12 },
    ],
  },
  {
    year: 2024,
    summary: "Séptima edición, sobre cómo financiar la transición: crédito para la MYPE, fondos de innovación, líneas de la cooperación europea e incentivos que todavía faltan.",
    intro: "Los instrumentos financieros existentes no se adaptan bien a las empresas que quieren incorporar la economía circular, y las MYPE son las que más sufren para acceder a crédito. El Foro de 2024 reunió a bancos, fondos y cooperación con quienes buscan financiamiento.",
    topics: ["Acceso a crédito para la MYPE", "Fondos de innovación y cooperación internacional", "Marco normativo e incentivos", "Rueda de financiamiento"],
    start: "2024-11-20T08:30", end: "2024-11-21T17:00", venue: CCL_HALL, capacity: 350, opens: "2024-10-01T09:00", closes: "2024-11-18T23:59",
    organisers: [PRODUCE, MINAM, CCL, SNI, UE], roadmaps: ["industry", "agriculture", "services"], chains: ["plastics", "textiles", "agricultural"],
    sessions: [
      s(0, "09:00", "09:45", MAIN, "Inauguración", "Apertura de la edición dedicada al financiamiento.", ["marisol", "katrin"]),
      s(0, "10:00", "11:15", MAIN, "¿Por qué a la MYPE circular le cuesta tanto acceder a crédito?", "Garantías, tasas y tamaño de los proyectos: lo que dicen los bancos y lo que viven las empresas.", ["claudia", "fernando", "ricardo"]),
      s(0, "11:30", "12:45", MAIN, "Instrumentos de innovación: lo aprendido", "Resultados de proyectos circulares cofinanciados y cómo postular con socios académicos.", ["daniela", "rocio"]),
      s(0, "14:15", "15:30", ROOM_A, "Líneas verdes de la cooperación europea", "Programas de cooperación para cadenas de valor agrícolas, de plásticos y textiles.", ["pablo", "javier", "sabine"]),
      s(0, "15:45", "17:00", MEETING, "Rueda de financiamiento: proyectos que buscan socios", "Iniciativas de la plataforma presentan sus necesidades a bancos y fondos en reuniones breves.", ["ricardo", "luis"]),
      s(1, "09:00", "10:30", MAIN, "Incentivos y regulación", "Qué normas frenan hoy el uso de material secundario y qué cambios se proponen.", ["oscar", "fernando"]),
      s(1, "10:45", "12:15", MAIN, "Casos: empresas que ya cerraron el círculo", "Una recicladora de PET, un CITE y una cooperativa cuentan cómo financiaron sus cambios.", ["luis", "yolanda", "carmen"]),
      s(1, "14:00", "15:45", ROOM_A, "Taller: cómo presentar una iniciativa que busca financiamiento", "Ejercicio práctico para describir necesidades, montos y resultados esperados.", ["andrea", "milagros"]),
      s(1, "16:00", "17:00", MAIN, "Clausura", "Síntesis y compromisos de las entidades financieras presentes.", ["gonzalo"]),
    ],
    registrations: [
      { user: "miembro1@demo.pe", status: "attended", daysBefore: 35 },
      { user: "miembro2@demo.pe", status: "attended", daysBefore: 30 },
      { user: "miembro3@demo.pe", status: "attended", daysBefore: 9 },
      { user: "admin@demo.pe", status: "attended", daysBefore: 15 },
    ],
  },
  {
    year: 2025,
    summary: "Octava edición, sobre cadenas de valor inclusivas: pequeños productores, cooperativas, recicladores de base y el enfoque de género en la agricultura y los textiles.",
    intro: "Una transición justa necesita integrar a los pequeños productores, muchas veces informales, y mirar el papel de las mujeres en cada cadena de valor. El Foro de 2025 puso estas preguntas en el centro y revisó cómo se mide el avance de la transición.",
    topics: ["Enfoque de género en las cadenas de valor", "Recicladores de base y sistemas municipales", "Cooperativas y economías de escala", "Monitoreo y reporte de la transición"],
    start: "2025-11-19T08:30", end: "2025-11-20T17:00", venue: CCLIMA, capacity: 350, opens: "2025-10-01T09:00", closes: "2025-11-17T23:59",
    organisers: [PRODUCE, MINAM, UE, RECICLADORES], roadmaps: ["agriculture", "fisheries", "services", "industry"], chains: ["agricultural", "textiles", "plastics"],
    sessions: [
      s(0, "09:00", "09:45", MAIN, "Inauguración", "Apertura de la edición sobre cadenas de valor inclusivas.", ["marisol", "pablo"]),
      s(0, "10:00", "11:30", MAIN, "Mujeres en las cadenas de valor textil y agrícola", "Tejedoras, productoras y técnicas cuentan qué cambia cuando se las incluye en las decisiones.", ["mariela", "yolanda", "carmen"]),
      s(0, "11:45", "13:00", ROOM_A, "Recicladoras y recicladores en los sistemas municipales", "Contratos, pagos por servicio y seguridad en el trabajo de reciclaje de base.", ["juana", "manuel", "oscar"]),
      s(0, "14:30", "16:00", ROOM_B, "Escalar con cooperativas", "Cómo la asociación permite a pequeños productores ganar volumen, crédito y tecnología.", ["carmen", "hugo", "elena"]),
      s(1, "09:00", "10:30", MAIN, "Monitoreo de la transición: qué medimos y cómo lo reportamos", "Indicadores comunes para las iniciativas y reportes de avance de la alianza.", ["milagros", "sabine"]),
      s(1, "10:45", "12:00", ROOM_A, "Pesca artesanal: residuos y descartes con valor", "Ensilados, harinas y otros usos de lo que hoy se pierde en los desembarcaderos.", ["walter", "rocio"]),
      s(1, "14:00", "15:30", MAIN, "Tres años de la plataforma: balance de las iniciativas conjuntas", "Qué funcionó, qué no y qué esperan los miembros de la plataforma.", ["patricia", "ricardo", "andrea"]),
      s(1, "16:00", "17:00", MAIN, "Clausura", "Conclusiones y convocatoria a la edición 2026.", ["katrin", "gonzalo"]),
    ],
    registrations: [
      { user: "miembro2@demo.pe", status: "attended", daysBefore: 28 },
      { user: "coordinador@demo.pe", status: "attended", daysBefore: 45 },
      { user: "miembro3@demo.pe", status: "attended", daysBefore: 14 },
    ],
  },
  {
    year: 2026,
    summary: "Novena edición del Foro: resultados de las hojas de ruta y de las iniciativas conjuntas, economía circular en las regiones y nuevos compromisos para 2027. Inscripción abierta.",
    intro: "El Foro de Economía Circular llega a su novena edición consecutiva. Este año revisaremos qué se ha logrado con las hojas de ruta sectoriales y con las iniciativas conjuntas de la plataforma, escucharemos a las regiones y acordaremos los compromisos de la alianza para 2027. El primer día cerrará con una rueda de contactos entre miembros.",
    topics: ["Balance de las hojas de ruta sectoriales", "Resultados de las iniciativas conjuntas", "Economía circular en las regiones", "Financiamiento para la MYPE", "Indicadores de impacto"],
    start: "2026-12-10T08:30", end: "2026-12-11T17:00", venue: CCLIMA, capacity: 300, opens: "2026-10-15T09:00", closes: "2026-12-09T23:59",
    questions: FORUM_QUESTIONS_2026,
    organisers: [PRODUCE, MINAM, SNI, UE], roadmaps: ["industry", "agriculture", "fisheries", "services"], chains: ["agricultural", "plastics", "textiles", "wastewater"],
    sessions: [
      s(0, "09:00", "09:45", MAIN, "Inauguración", "Apertura de la novena edición.", ["marisol", "oscar", "katrin"]),
      s(0, "10:00", "11:15", MAIN, "Balance de las hojas de ruta sectoriales", "Avances y tareas pendientes en industria, agricultura, y pesca artesanal y acuicultura.", ["gonzalo", "hugo", "milagros"]),
      s(0, "11:30", "13:00", MAIN, "Resultados de las iniciativas conjuntas de la plataforma", "Organizaciones que lideran iniciativas muestran lo logrado con sus socios.", ["patricia", "carmen", "luis"]),
      s(0, "14:30", "15:45", ROOM_B, "Economía circular en las regiones: Arequipa, La Libertad y Cusco", "Rastrojos agrícolas, reciclaje municipal y fibra de alpaca: tres experiencias regionales.", ["elena", "manuel", "yolanda"]),
      s(0, "16:00", "17:30", MEETING, "Rueda de contactos entre miembros", "Reuniones de quince minutos agendadas previamente entre organizaciones.", ["ricardo"]),
      s(1, "09:00", "10:30", MAIN, "Financiamiento para la MYPE circular: qué cambió", "Nuevas líneas de crédito, fondos de innovación y cooperación, dos años después del Foro dedicado al tema.", ["claudia", "daniela", "pablo"]),
      s(1, "10:45", "12:15", ROOM_A, "Agua, suelos y residuos agrícolas", "Reúso de aguas tratadas, compost y biocarbón para suelos más sanos.", ["rocio", "hugo"]),
      s(1, "14:00", "15:45", ROOM_A, "Taller: indicadores de impacto para reportar avances", "Cómo registrar en la plataforma los resultados de cada iniciativa.", ["sabine", "milagros"]),
      s(1, "16:00", "17:00", MAIN, "Clausura y compromisos para 2027", "Lectura de los compromisos de la alianza para el próximo año.", ["marisol", "katrin"]),
    ],
    registrations: [
      { user: "miembro1@demo.pe", status: "confirmed", daysBefore: 40, answers: ["Vegetariana", "", "Sí"] },
      { user: "miembro2@demo.pe", status: "confirmed", daysBefore: 33, answers: ["", "", "Sí"] },
      { user: "miembro3@demo.pe", status: "confirmed", daysBefore: 18, answers: ["Sin gluten", "Acceso sin escaleras", "No"] },
      { user: "coordinador@demo.pe", status: "confirmed", daysBefore: 50, answers: ["", "", "Sí"] },
    ],
  },
];

function forumSpec(f: ForumEdition): EventSpec {
  const title = f.title ?? `Foro de Economía Circular ${f.year}`;
  const description = [f.intro, "", "### Ejes de esta edición", "", ...f.topics.map((t) => `- ${t}`)].join("\n");
  return {
    slug: `foro-de-economia-circular-${f.year}`,
    title,
    type: "forum",
    summary: f.summary,
    description,
    start: f.start,
    end: f.end,
    format: f.format ?? "in_person",
    venue: f.venue,
    city: "Lima",
    region: "LMA",
    onlineUrl: f.onlineUrl,
    capacity: f.capacity,
    opens: f.opens,
    closes: f.closes,
    questions: f.questions,
    status: "published",
    forumYear: f.year,
    organisers: f.organisers,
    roadmaps: f.roadmaps,
    chains: f.chains,
    sessions: f.sessions,
    registrations: f.registrations,
  };
}

const OTHER_EVENTS: EventSpec[] = [
  {
    slug: "firma-del-pacto-peruano-por-una-economia-circular",
    title: "Firma del Pacto Peruano por una Economía Circular",
    type: "other",
    summary: "Ceremonia virtual en la que entidades públicas, gremios empresariales, academia y cooperación internacional firmaron el Pacto Peruano por una Economía Circular.",
    description: "Ceremonia transmitida en línea por la emergencia sanitaria. Las organizaciones firmantes se comprometieron a impulsar, cada una desde su ámbito, una transición progresiva hacia la economía circular, y a trabajar juntas en un espacio de colaboración permanente.",
    start: "2021-03-04T10:00", end: "2021-03-04T12:00", format: "online", onlineUrl: "https://meet.example.org/peru-circular/firma-del-pacto",
    status: "published", organisers: [PRODUCE, MINAM, SNI, CCL, UE], roadmaps: ["industry", "agriculture", "fisheries", "services"], chains: [],
  },
  {
    slug: "mision-empresarial-curtiembres-rio-seco-arequipa",
    title: "Misión empresarial a las curtiembres del parque industrial de Río Seco",
    type: "business_mission",
    summary: "Dos días en Arequipa para conocer cómo las curtiembres de Río Seco tratan y recirculan el agua de sus procesos y recuperan el cromo.",
    description: "Visita a plantas de curtido, reunión con la asociación de curtidores y con el gobierno regional, y una mesa de trabajo sobre tecnologías de tratamiento de agua aplicables a otras industrias.\n\nCupos limitados; el traslado desde el hotel a las plantas está incluido.",
    start: "2025-09-17T08:00", end: "2025-09-18T17:00", format: "in_person", venue: ["Gobierno Regional de Arequipa, sala de reuniones", "Av. Unión 200, Paucarpata"],
    city: "Arequipa", region: "ARE", capacity: 20, opens: "2025-08-01T09:00", closes: "2025-09-10T23:59", questions: ["Necesidades alimentarias"],
    status: "published", organisers: [SNI, GR_AREQUIPA], roadmaps: ["industry"], chains: ["wastewater"],
    registrations: [
      { user: "miembro2@demo.pe", status: "attended", daysBefore: 30, answers: [""] },
      { user: "coordinador@demo.pe", status: "attended", daysBefore: 25, answers: ["Vegetariana"] },
    ],
  },
  {
    slug: "rueda-de-negocios-plasticos-reciclados-piura-2026",
    title: "Rueda de negocios de plásticos reciclados en Piura",
    type: "pairing",
    summary: "Encuentro de negocios entre acopiadores, recicladoras, transformadoras y agroexportadoras del norte que compran o venden PET y otros plásticos reciclados.",
    description: "Cada participante recibe una agenda de reuniones de veinte minutos con las organizaciones que mejor encajan con lo que ofrece o busca. Antes de las reuniones, una breve presentación sobre los requisitos del PET reciclado grado alimentario.",
    start: "2026-05-14T09:00", end: "2026-05-14T13:30", format: "in_person", venue: ["Cámara de Comercio y Producción de Piura, salón principal", "Calle Libertad 650, Piura"],
    city: "Piura", region: "PIU", capacity: 60, opens: "2026-04-01T09:00", closes: "2026-05-12T23:59", questions: ["¿Su organización compra o vende material reciclado?"],
    status: "published", organisers: [PLASTICOS, SNI], roadmaps: ["industry"], chains: ["plastics", "agricultural"],
    registrations: [
      { user: "miembro2@demo.pe", status: "attended", daysBefore: 40, answers: ["Vende láminas de PET reciclado"] },
      { user: "coordinador@demo.pe", status: "attended", daysBefore: 20, answers: ["Ninguna: asiste como coordinación de la plataforma"] },
      { user: "miembro1@demo.pe", status: "cancelled", daysBefore: 30, answers: ["Compra envases"] },
    ],
  },
  {
    slug: "webinar-reuso-de-aguas-residuales-tratadas-para-riego",
    title: "Webinar: reúso de aguas residuales tratadas para riego",
    type: "webinar",
    summary: "Qué calidad de agua se necesita, qué cultivos pueden regarse y qué permisos hacen falta para reutilizar efluentes tratados en la agricultura.",
    description: "Sesión en línea con investigadores de La Molina y especialistas del Ministerio del Ambiente, a partir de la experiencia de riego de bosques de huarango en Ica. Habrá media hora de preguntas.",
    start: "2026-08-20T10:00", end: "2026-08-20T11:30", format: "online", onlineUrl: "https://meet.example.org/peru-circular/aguas-tratadas-riego",
    opens: "2026-07-27T09:00", closes: "2026-08-20T09:00",
    status: "published", organisers: [UNALM, MINAM], roadmaps: ["agriculture"], chains: ["wastewater", "agricultural"],
    registrations: [
      { user: "miembro1@demo.pe", status: "attended", daysBefore: 14 },
      { user: "miembro3@demo.pe", status: "attended", daysBefore: 6 },
      { user: "coordinadora@demo.pe", status: "attended", daysBefore: 20 },
    ],
  },
  {
    slug: "webinar-financiamiento-verde-para-la-mype-circular",
    title: "Webinar: financiamiento verde para la MYPE circular",
    type: "webinar",
    summary: "Líneas de crédito verde, fondos concursables y garantías disponibles para micro y pequeñas empresas que quieren invertir en procesos circulares.",
    description: "Una hora para conocer qué ofrecen hoy la banca, los fondos de innovación y la cooperación europea, con qué requisitos y en qué plazos. Al final, preguntas del público.",
    start: "2026-12-03T18:00", end: "2026-12-03T19:30", format: "online", onlineUrl: "https://meet.example.org/peru-circular/financiamiento-verde-mype",
    opens: "2026-11-02T09:00", closes: "2026-12-03T12:00",
    status: "published", organisers: [UE, CCL], roadmaps: ["industry", "services"], chains: [],
    registrations: [
      { user: "miembro1@demo.pe", status: "confirmed", daysBefore: 20 },
      { user: "miembro2@demo.pe", status: "confirmed", daysBefore: 12 },
      // Cancelled once and registered again: history plus one live row.
      { user: "miembro3@demo.pe", status: "cancelled", daysBefore: 25 },
      { user: "miembro3@demo.pe", status: "confirmed", daysBefore: 8 },
    ],
  },
  {
    slug: "curso-virtual-de-ecodiseno-de-envases-para-mype",
    title: "Curso virtual de ecodiseño de envases para MYPE",
    type: "training",
    summary: "Tres sesiones en línea para aprender a rediseñar envases: menos material, monomateriales reciclables y etiquetas que faciliten la segregación.",
    description: "Curso práctico para micro y pequeñas empresas de alimentos, cosmética y limpieza. Cada participante trabaja sobre uno de sus propios envases y recibe comentarios de especialistas.\n\nSe entrega constancia a quienes asistan a las tres sesiones.",
    start: "2027-01-19T18:00", end: "2027-01-21T20:00", format: "online", onlineUrl: "https://meet.example.org/peru-circular/ecodiseno-envases",
    capacity: 100, opens: "2026-11-16T09:00", closes: "2027-01-15T23:59", questions: ["Rubro de su empresa", "¿Qué envase le gustaría rediseñar?"],
    status: "published", organisers: [PRODUCE, SNI], roadmaps: ["industry"], chains: ["plastics"],
    sessions: [
      s(0, "18:00", "20:00", "Sala virtual", "Principios de ecodiseño de envases", "Ciclo de vida de un envase y criterios para elegir materiales.", ["gonzalo"]),
      s(1, "18:00", "20:00", "Sala virtual", "Monomateriales y reciclabilidad", "Qué pueden procesar hoy las recicladoras del país.", ["luis", "juana"]),
      s(2, "18:00", "20:00", "Sala virtual", "Revisión de casos de las y los participantes", "Comentarios a las propuestas de rediseño.", ["andrea"]),
    ],
    registrations: [
      { user: "miembro2@demo.pe", status: "confirmed", daysBefore: 60, answers: ["Envases plásticos", "Bandeja para fruta de exportación"] },
    ],
  },
  {
    slug: "transferencia-tecnologica-hilado-de-fibra-corta-de-alpaca",
    title: "Transferencia tecnológica: hilado de fibra corta de alpaca",
    type: "technology_transfer",
    summary: "Demostración en planta piloto del hilado de mermas y fibra corta de alpaca, para tejedoras, asociaciones y pequeñas empresas textiles del sur.",
    description: "El CITE muestra paso a paso el cardado y el hilado de la fibra que hoy se descarta en el descerdado, con equipos al alcance de una asociación. El segundo día, práctica en grupos pequeños.",
    start: "2027-02-10T09:00", end: "2027-02-11T13:00", format: "in_person", venue: ["CITE Textil Camélidos Cusco, planta piloto", "Av. de la Cultura 2450, Wanchaq"],
    city: "Cusco", region: "CUS", capacity: 25, opens: "2026-11-20T09:00", closes: "2027-02-05T23:59",
    questions: ["Necesidades alimentarias", "¿Trabaja actualmente con fibra de alpaca? Cuéntenos brevemente"],
    status: "published", organisers: [CITE_CUSCO, UNALM], roadmaps: ["industry"], chains: ["textiles"],
    registrations: [
      { user: "coordinador@demo.pe", status: "confirmed", daysBefore: 80, answers: ["", "No, asisto como coordinación"] },
      { user: "miembro3@demo.pe", status: "confirmed", daysBefore: 77, answers: ["Sin lácteos", "Sí, con una asociación de artesanas en Puno"] },
    ],
  },
  {
    slug: "jornada-de-campo-compost-de-pulpa-de-cafe-moyobamba",
    title: "Jornada de campo: compost de pulpa de café en Moyobamba",
    type: "other",
    summary: "Visita a parcelas demostrativas de la cooperativa para ver cómo la pulpa y el mucílago del café se convierten en compost para los cafetales.",
    description: "Recorrido por módulos de compostaje familiares y conversación con productoras y productores sobre costos, tiempos y resultados en el rendimiento del café.",
    start: "2027-02-24T08:00", end: "2027-02-24T16:00", format: "in_person", venue: ["Cooperativa Agraria Cafetalera del Alto Mayo, centro de acopio", "Jr. Pedro Canga 480, Moyobamba"],
    city: "Moyobamba", region: "SAM", capacity: 30, opens: "2026-11-10T09:00", closes: "2027-02-20T23:59",
    status: "cancelled", cancelledAt: "2026-11-20T11:00",
    cancelReason: "La cooperativa reprograma la jornada para después de la temporada de lluvias, porque el acceso a las parcelas demostrativas no es seguro. Publicaremos la nueva fecha en la plataforma.",
    organisers: [COOP_CAFE], roadmaps: ["agriculture"], chains: ["agricultural"],
    registrations: [{ user: "miembro2@demo.pe", status: "cancelled", daysBefore: 100 }],
  },
  {
    slug: "mision-empresarial-irrigacion-majes-valorizacion-de-rastrojos",
    title: "Misión empresarial a la irrigación Majes: valorización de rastrojos",
    type: "business_mission",
    summary: "Misión de dos días a Majes para conocer el picado y compostaje de rastrojos de maíz, alfalfa y cebolla, y reunirse con productores y autoridades regionales.",
    description: "Pensada para empresas de maquinaria, compost y forraje, cooperativas y financiadores interesados en replicar la experiencia en otros valles. Incluye transporte desde la ciudad de Arequipa.",
    start: "2027-03-17T07:00", end: "2027-03-18T18:00", format: "in_person", venue: ["Gerencia Regional de Agricultura de Arequipa", "Av. Los Incas s/n, José Luis Bustamante y Rivero"],
    city: "Arequipa", region: "ARE", capacity: 20, opens: "2026-11-15T09:00", closes: "2027-03-05T23:59",
    questions: ["Necesidades alimentarias", "¿Necesita traslado desde el aeropuerto de Arequipa?"],
    status: "published", organisers: [GR_AREQUIPA, UE], roadmaps: ["agriculture"], chains: ["agricultural"],
    sessions: [
      s(0, "07:00", "09:30", "Bus desde Arequipa", "Traslado a Majes", "Salida desde la Gerencia Regional de Agricultura.", []),
      s(0, "09:30", "13:00", "Parcelas de Majes", "Visita a parcelas con picado de rastrojos", "Demostración de maquinaria y conversación con productores.", ["elena"]),
      s(0, "14:30", "17:00", "Planta de compost", "Planta de compost y ensilado", "Proceso, costos y mercado del compost y del forraje.", ["rocio"]),
      s(1, "09:00", "12:00", "Gerencia Regional de Agricultura", "Reuniones con productores y autoridades", "Mesa de trabajo para identificar oportunidades de inversión.", ["elena", "pablo"]),
    ],
    registrations: [
      { user: "miembro1@demo.pe", status: "confirmed", daysBefore: 110, answers: ["", "Sí"] },
      { user: "coordinador@demo.pe", status: "confirmed", daysBefore: 115, answers: ["Vegetariana", "No"] },
    ],
  },
  {
    slug: "taller-segregacion-en-la-fuente-y-reciclaje-inclusivo-trujillo",
    title: "Taller de segregación en la fuente y reciclaje inclusivo para municipalidades",
    type: "training",
    summary: "Taller para equipos municipales del norte sobre programas de segregación en la fuente y acuerdos con asociaciones de recicladores. Presencial en Trujillo o en línea.",
    description: "La Municipalidad Provincial de Trujillo comparte su programa de segregación y reciclaje inclusivo: diseño de rutas, formalización de recicladores, comunicación con vecinos y costos. Por la tarde, trabajo en grupos con casos de cada municipalidad participante.",
    start: "2027-04-15T09:00", end: "2027-04-15T17:00", format: "hybrid", venue: ["Municipalidad Provincial de Trujillo, auditorio", "Jr. Diego de Almagro 525, Trujillo"],
    city: "Trujillo", region: "LAL", onlineUrl: "https://meet.example.org/peru-circular/taller-segregacion-trujillo",
    capacity: 80, opens: "2027-02-15T09:00", closes: "2027-04-12T23:59",
    status: "published", organisers: [MP_TRUJILLO, RECICLADORES, MINAM], roadmaps: ["services"], chains: ["plastics", "construction"],
  },
  {
    slug: "rueda-de-negocios-agroindustria-circular-lima-2027",
    title: "Rueda de negocios de agroindustria circular",
    type: "pairing",
    summary: "Reuniones breves entre agroexportadoras, cooperativas, empresas de valorización de residuos, academia y financiadores. Cupos muy limitados.",
    description: "Cada organización indica al inscribirse qué ofrece y qué busca; con esa información armamos agendas de reuniones de veinte minutos. Cierra con un espacio libre de contactos.",
    start: "2027-05-20T14:00", end: "2027-05-20T19:00", format: "in_person", venue: CCL_HALL,
    city: "Lima", region: "LMA", capacity: 20, opens: "2026-11-25T09:00", closes: "2027-05-15T23:59",
    questions: ["¿Qué ofrece su organización?", "¿Qué busca en esta rueda?"],
    status: "published", organisers: [CCL, UE, UNALM], roadmaps: ["agriculture", "industry"], chains: ["agricultural"],
    registrations: [
      { user: "miembro1@demo.pe", status: "confirmed", daysBefore: 175, answers: ["Compost de pulpa de café", "Compradores de compost y financiamiento"] },
      { user: "miembro2@demo.pe", status: "confirmed", daysBefore: 174, answers: ["Bandejas de PET reciclado", "Agroexportadoras interesadas"] },
    ],
  },
  {
    slug: "formacion-en-economia-circular-para-gobiernos-regionales-del-sur",
    title: "Programa de formación en economía circular para gobiernos regionales del sur",
    type: "training",
    summary: "Programa de tres días para equipos técnicos de gobiernos regionales y municipalidades del sur: hojas de ruta, residuos agrícolas y compras públicas circulares.",
    description: "Borrador en preparación con el Gobierno Regional de Arequipa. Falta confirmar el programa detallado y las sedes de las sesiones prácticas.",
    start: "2027-06-08T09:00", end: "2027-06-10T13:00", format: "hybrid", venue: ["Gobierno Regional de Arequipa, auditorio", "Av. Unión 200, Paucarpata"],
    city: "Arequipa", region: "ARE", onlineUrl: "https://meet.example.org/peru-circular/formacion-gobiernos-regionales-sur",
    capacity: 40, status: "draft", organisers: [GR_AREQUIPA, MINAM], roadmaps: ["services", "agriculture"], chains: ["agricultural"],
  },
];

// ---- Helpers ----------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** A Lima local time "YYYY-MM-DDTHH:MM" as a UTC instant. */
const lima = (local: string) => new Date(`${local}:00-05:00`);
/** "Today" for this data set; nothing is created after it. */
const TODAY = lima("2026-11-28T00:00");
const LAST_CREATED = lima("2026-11-18T10:00");
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

type Ids = { organisations: Map<string, number>; users: Map<string, number>; userOrganisation: Map<string, number>; coordinator: number };

function check(spec: EventSpec) {
  const fail = (message: string) => {
    throw new Error(`Demo event ${spec.slug}: ${message}`);
  };
  const starts = lima(spec.start);
  const ends = lima(spec.end);
  if (Number.isNaN(starts.getTime()) || Number.isNaN(ends.getTime())) fail("bad date");
  if (ends <= starts) fail("ends before it starts");
  if (spec.summary.length > 280) fail(`summary too long (${spec.summary.length})`);
  if (spec.title.length < 5 || spec.title.length > 150) fail("bad title length");
  if (spec.format === "online" && (spec.venue || spec.city || spec.region)) fail("an online event has no venue");
  if (spec.format !== "online" && (!spec.venue || !spec.city || !spec.region)) fail("in person needs venue, city and region");
  if (spec.format !== "in_person" && !spec.onlineUrl) fail("online needs a link");
  if ((spec.questions?.length ?? 0) > MAX_QUESTIONS) fail("too many questions");
  if ((spec.status === "cancelled") !== Boolean(spec.cancelReason)) fail("cancel reason only (and always) when cancelled");
  if ((spec.type === "forum") !== Boolean(spec.forumYear)) fail("forum year only (and always) for the Forum");
  if (spec.opens && spec.closes && !(lima(spec.opens) < lima(spec.closes) && lima(spec.closes) <= ends)) fail("bad registration window");
  for (const session of spec.sessions ?? []) {
    const day = addDays(spec.start.slice(0, 10), session.day);
    if (!(lima(`${day}T${session.from}`) >= starts && lima(`${day}T${session.to}`) <= ends && session.from < session.to)) {
      fail(`session outside the event: ${session.title}`);
    }
  }
  const regs = spec.registrations ?? [];
  const live = regs.filter((r) => r.status !== "cancelled");
  if (new Set(live.map((r) => r.user)).size !== live.length) fail("two live registrations for one person");
  if (spec.capacity != null && live.filter((r) => r.status === "confirmed" || r.status === "attended").length > spec.capacity) fail("over capacity");
  for (const r of regs) {
    if (r.answers && r.answers.length !== (spec.questions?.length ?? 0)) fail(`answers do not match the questions (${r.user})`);
    if (r.status === "attended" && starts > TODAY) fail("attended an event still to come");
    if (r.status === "confirmed" && ends < TODAY) fail("confirmed on a past event");
    const registered = starts.getTime() - r.daysBefore * DAY_MS - 3 * 3_600_000;
    if (spec.opens && registered < lima(spec.opens).getTime()) fail(`registered before opening (${r.user})`);
    if (registered > TODAY.getTime()) fail(`registered in the future (${r.user})`);
  }
}

function seedOne(tx: Tx, spec: EventSpec, ids: Ids) {
  const startsAt = lima(spec.start);
  const endsAt = lima(spec.end);
  const opensAt = spec.opens ? lima(spec.opens) : null;
  // Created two weeks before registration opens, or three months before the event, never after LAST_CREATED.
  const planned = (opensAt ?? new Date(startsAt.getTime() - 76 * DAY_MS)).getTime() - 14 * DAY_MS;
  const createdAt = new Date(Math.min(planned, LAST_CREATED.getTime()));
  const updatedAt = spec.cancelledAt ? lima(spec.cancelledAt) : createdAt;
  const values = {
    slug: spec.slug,
    title: spec.title,
    type: spec.type,
    summary: spec.summary,
    description: spec.description,
    startsAt,
    endsAt,
    format: spec.format,
    venueName: spec.venue?.[0] ?? null,
    venueAddress: spec.venue?.[1] ?? null,
    city: spec.city ?? null,
    region: spec.region ?? null,
    onlineUrl: spec.onlineUrl ?? null,
    capacity: spec.capacity ?? null,
    registrationOpensAt: opensAt,
    registrationClosesAt: spec.closes ? lima(spec.closes) : null,
    questions: spec.questions ?? [],
    status: spec.status,
    cancelReason: spec.cancelReason ?? null,
    forumYear: spec.forumYear ?? null,
    // cover_hash is left alone, so a cover uploaded by hand survives a new seed.
    sequence: 0,
    createdBy: ids.coordinator,
    createdAt,
    updatedAt,
  };
  const row = tx
    .insert(events)
    .values(values)
    .onConflictDoUpdate({ target: events.slug, set: values })
    .returning({ id: events.id })
    .get();
  const eventId = row.id;

  // Children: delete, then insert again.
  const oldSessions = tx.select({ id: eventSessions.id }).from(eventSessions).where(eq(eventSessions.eventId, eventId)).all();
  if (oldSessions.length) tx.delete(eventSpeakers).where(inArray(eventSpeakers.sessionId, oldSessions.map((x) => x.id))).run();
  tx.delete(eventSessions).where(eq(eventSessions.eventId, eventId)).run();
  tx.delete(eventOrganisers).where(eq(eventOrganisers.eventId, eventId)).run();
  tx.delete(eventRoadmaps).where(eq(eventRoadmaps.eventId, eventId)).run();
  tx.delete(eventValueChains).where(eq(eventValueChains.eventId, eventId)).run();
  tx.delete(eventRegistrations).where(eq(eventRegistrations.eventId, eventId)).run();

  for (const slug of spec.organisers) tx.insert(eventOrganisers).values({ eventId, organisationId: ids.organisations.get(slug)! }).run();
  for (const roadmap of spec.roadmaps) tx.insert(eventRoadmaps).values({ eventId, roadmap }).run();
  for (const valueChain of spec.chains) tx.insert(eventValueChains).values({ eventId, valueChain }).run();

  const firstDay = spec.start.slice(0, 10);
  for (const session of spec.sessions ?? []) {
    const day = addDays(firstDay, session.day);
    const created = tx
      .insert(eventSessions)
      .values({
        eventId,
        startsAt: lima(`${day}T${session.from}`),
        endsAt: lima(`${day}T${session.to}`),
        title: session.title,
        description: session.description,
        room: session.room,
      })
      .returning({ id: eventSessions.id })
      .get();
    for (const key of session.speakers) {
      const person: Person = PEOPLE[key];
      const demo = person.org ? DEMO_ORGANISATIONS.find((o) => o.slug === person.org) : undefined;
      tx.insert(eventSpeakers)
        .values({
          sessionId: created.id,
          name: person.name,
          role: person.role,
          organisationName: demo?.name ?? person.orgName ?? null,
          organisationId: person.org ? (ids.organisations.get(person.org) ?? null) : null,
        })
        .run();
    }
  }

  for (const reg of spec.registrations ?? []) {
    const userId = ids.users.get(reg.user);
    if (!userId) continue;
    const created = new Date(startsAt.getTime() - reg.daysBefore * DAY_MS - 3 * 3_600_000);
    tx.insert(eventRegistrations)
      .values({
        eventId,
        userId,
        organisationId: ids.userOrganisation.get(reg.user) ?? null,
        status: reg.status,
        answers: reg.answers ?? (spec.questions ?? []).map(() => ""),
        createdAt: created,
        confirmedAt: created,
        cancelledAt:
          reg.status === "cancelled"
            ? spec.cancelledAt && lima(spec.cancelledAt) > created
              ? lima(spec.cancelledAt)
              : new Date(created.getTime() + 3 * DAY_MS)
            : null,
        attendedAt: reg.status === "attended" ? new Date(startsAt.getTime() + 25 * 60_000) : null,
      })
      .run();
  }
}

/** Demo events: every Circular Economy Forum (2018–2026) with its agenda, and more. Safe to run again. */
export function seedEvents(db: AppDatabase): number {
  const specs = [...FORUMS.map(forumSpec), ...OTHER_EVENTS];
  const slugs = new Set<string>();
  for (const spec of specs) {
    if (slugs.has(spec.slug)) throw new Error(`Duplicate demo event slug: ${spec.slug}`);
    slugs.add(spec.slug);
    check(spec);
  }

  const orgRows = db
    .select({ id: organisations.id, slug: organisations.slug, status: organisations.status })
    .from(organisations)
    .where(inArray(organisations.slug, DEMO_ORGANISATIONS.map((o) => o.slug)))
    .all();
  const approved = new Map(orgRows.filter((o) => o.status === "approved").map((o) => [o.slug, o.id]));
  const userRows = db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, DEMO_USERS.map((u) => u.email)))
    .all();
  const userIds = new Map(userRows.map((u) => [u.email, u.id]));
  const coordinator = userIds.get("coordinadora@demo.pe");
  if (!coordinator) throw new Error("Demo user coordinadora@demo.pe is missing; seed users first.");
  // A registration names the person's organisation when they own an approved demo organisation.
  const userOrganisation = new Map<string, number>();
  for (const demo of DEMO_ORGANISATIONS) {
    const id = approved.get(demo.slug);
    if (demo.owner && id) userOrganisation.set(demo.owner, id);
  }
  for (const spec of specs) {
    for (const slug of spec.organisers) {
      if (!approved.has(slug)) throw new Error(`Organiser ${slug} of ${spec.slug} is missing or not approved; seed organisations first.`);
    }
  }

  const ids: Ids = { organisations: approved, users: userIds, userOrganisation, coordinator };
  db.transaction(
    (tx) => {
      for (const spec of specs) seedOne(tx, spec, ids);
    },
    { behavior: "immediate" },
  );
  return specs.length;
}
