// The demo discussions' text (issue 10), used by db/seed-discussions.ts. Written for the demo, in
// Peruvian Spanish with a few English threads from international cooperation. In a body, `@{key}`
// becomes that person's @handle. A reply's `quote` names an earlier post of the thread by its
// index (0 = the first post) and the words it quotes.

/** Who writes: the demo accounts, and the people added for discussions (DISCUSSION_PEOPLE). */
export type Who =
  | "admin"
  | "lucia"
  | "jorge"
  | "carmen"
  | "luis"
  | "ana"
  | "rocio"
  | "juana"
  | "yolanda"
  | "manuel"
  | "elena"
  | "pablo"
  | "katrin"
  | "patricia"
  | "milagros"
  | "gonzalo"
  | "ricardo"
  | "andrea";

/** The people added for the demo discussions, each a member of the organisation they speak for. */
export const DISCUSSION_PEOPLE: Array<{ key: Who; email: string; name: string; organisation: string | null; locale?: "en" }> = [
  { key: "rocio", email: "rocio.gutierrez@demo.pe", name: "Rocío Gutiérrez Llanos", organisation: "universidad-nacional-agraria-la-molina" },
  { key: "juana", email: "juana.ccori@demo.pe", name: "Juana Ccori Pacheco", organisation: "red-de-recicladores-de-lima" },
  { key: "yolanda", email: "yolanda.huillca@demo.pe", name: "Yolanda Huillca Mamani", organisation: "cite-textil-camelidos-cusco" },
  { key: "manuel", email: "manuel.alva@demo.pe", name: "Manuel Alva Rodríguez", organisation: "municipalidad-provincial-de-trujillo" },
  { key: "elena", email: "elena.cornejo@demo.pe", name: "Elena Cornejo Zegarra", organisation: "gobierno-regional-de-arequipa" },
  { key: "pablo", email: "pablo.esteban@demo.pe", name: "Pablo Esteban Navarro", organisation: "delegacion-de-la-union-europea" },
  { key: "katrin", email: "katrin.vogel@demo.pe", name: "Katrin Vogel", organisation: "delegacion-de-la-union-europea", locale: "en" },
  { key: "patricia", email: "patricia.chavez@demo.pe", name: "Patricia Chávez Salazar", organisation: "sociedad-nacional-de-industrias" },
  { key: "milagros", email: "milagros.sanchez@demo.pe", name: "Milagros Sánchez Cueva", organisation: "ministerio-del-ambiente" },
  { key: "gonzalo", email: "gonzalo.medina@demo.pe", name: "Gonzalo Medina Arce", organisation: "ministerio-de-la-produccion" },
  { key: "ricardo", email: "ricardo.benavides@demo.pe", name: "Ricardo Benavides Ortiz", organisation: "camara-de-comercio-de-lima" },
  { key: "andrea", email: "andrea.loayza@demo.pe", name: "Andrea Loayza Ferrer", organisation: null },
];

/** The demo accounts (tests/factories/users.ts) by key. */
export const DEMO_KEYS: Record<string, Who> = {
  "admin@demo.pe": "admin",
  "coordinadora@demo.pe": "lucia",
  "coordinador@demo.pe": "jorge",
  "miembro1@demo.pe": "carmen",
  "miembro2@demo.pe": "luis",
  "miembro3@demo.pe": "ana",
};

export type PostSpec = { by: Who; body: string; quote?: { of: number; text: string } };
type Reply = [Who, string] | [Who, string, { of: number; text: string }];

/** Where a thread hangs: a category (by its kind and key, see categoryKey), an initiative or an event (by slug). */
export type PlaceSpec = { category: string } | { initiative: string } | { event: string };

export type ThreadSpec = {
  place: PlaceSpec;
  title: string;
  by: Who;
  /** When it started: days before the seed runs, or a Lima date-time for threads tied to an event. */
  start: number | string;
  body: string;
  replies: Reply[];
  /** Hours between posts (default 2–20, drawn per thread). */
  gapHours?: number;
  pinned?: boolean;
  locked?: boolean;
  /** Written for an organisation the author belongs to (shown beside the name). */
  forOrganisation?: boolean;
};

const general = { category: "general" };
const announcements = { category: "announcements" };
const industry = { category: "roadmap:industry" };
const agriculture = { category: "roadmap:agriculture" };
const fisheries = { category: "roadmap:fisheries" };
const services = { category: "roadmap:services" };
const plastics = { category: "value_chain:plastics" };
const textiles = { category: "value_chain:textiles" };
const agricultural = { category: "value_chain:agricultural" };
const construction = { category: "value_chain:construction" };
const wastewater = { category: "value_chain:wastewater" };
const initiative = (slug: string) => ({ initiative: slug });
const event = (slug: string) => ({ event: slug });

export const THREADS: ThreadSpec[] = [
  // ---- Announcements ------------------------------------------------------------------------
  {
    place: announcements, by: "lucia", start: 75, pinned: true,
    title: "Bienvenidos al foro de la Plataforma Perú País Circular",
    body: "Este es el espacio para conversar entre organizaciones públicas y privadas sobre la transición a una economía circular.\n\n**Algunas pautas:**\n\n- Abran un tema por consulta, en la categoría que corresponda (hoja de ruta o cadena de valor).\n- Para hablar de una iniciativa o de un evento concreto, usen la pestaña de conversación de su página.\n- Mencionen a otra persona con @ y su usuario; le llegará un aviso.\n- Sean concretos y respetuosos. El código de conducta está enlazado bajo cada caja de respuesta.\n\nCualquier duda, escríbanme a mí o a @{jorge}.",
    replies: [
      ["carmen", "¡Gracias, Lucía! Muy útil tener un solo lugar para estas conversaciones."],
      ["luis", "Excelente. ¿Las conversaciones de las iniciativas también aparecen aquí o solo en la página de cada una?"],
      ["lucia", "Solo en la página de cada iniciativa o evento, @{luis}. Aquí quedan los temas generales y por hoja de ruta.", { of: 2, text: "¿Las conversaciones de las iniciativas también aparecen aquí?" }],
      ["katrin", "Great initiative. We will encourage our partners in the EU programmes to join the conversation here."],
    ],
  },
  {
    place: announcements, by: "jorge", start: 40,
    title: "Abiertas las inscripciones para el Foro de Economía Circular 2026",
    body: "Ya pueden inscribirse al Foro 2026 desde la página del evento. Este año habrá mesas por cadena de valor (agrícola, plásticos y textil) y una rueda de reuniones para mypes.\n\nLos cupos presenciales son limitados; la transmisión en línea es abierta.",
    replies: [
      ["rocio", "¿Habrá espacio para presentar resultados de investigación aplicada? Tenemos avances en bioinsumos."],
      ["jorge", "Sí, @{rocio}: la mesa de academia e industria recibe propuestas hasta fin de mes."],
      ["juana", "Pedimos que haya cupos para recicladoras de base, muchas no pueden pagar el pasaje a Lima."],
      ["lucia", "Tomamos nota, Juana. Estamos gestionando becas de traslado con la cooperación."],
    ],
  },
  {
    place: announcements, by: "lucia", start: 120,
    title: "Nuevas organizaciones firmantes del Pacto este trimestre",
    body: "Damos la bienvenida a las organizaciones que firmaron el Pacto Peruano por una Economía Circular este trimestre. La lista completa de firmantes, con su fecha de firma, está en la página del Pacto.",
    replies: [
      ["patricia", "Desde la SNI felicitamos a las nuevas firmantes. Varias son mypes del sector plástico."],
      ["gonzalo", "Buena noticia. Las invitaremos a la próxima reunión de la hoja de ruta de industria."],
    ],
  },
  {
    place: announcements, by: "admin", start: 12,
    title: "Mantenimiento programado de la plataforma",
    body: "El domingo de 6:00 a 8:00 (hora de Lima) la plataforma estará en mantenimiento. No se perderá ningún dato; solo no podrán iniciar sesión durante ese lapso.",
    replies: [["ana", "Thanks for the heads-up!"]],
  },

  // ---- General -------------------------------------------------------------------------------
  {
    place: general, by: "andrea", start: 64,
    title: "¿Qué indicadores usan para medir la circularidad de su organización?",
    body: "Estoy apoyando a dos empresas medianas que quieren reportar avances y no saben por dónde empezar. ¿Qué indicadores les han funcionado? Busco algo simple: toneladas valorizadas, agua reutilizada, empleos…",
    replies: [
      ["rocio", "Nosotros partimos de tres: residuos desviados de disposición final (t), agua reutilizada (m³) y porcentaje de material reciclado en productos. Son fáciles de medir con registros que ya existen."],
      ["patricia", "En la SNI recomendamos no empezar con más de cinco. Mejor pocos y con datos confiables."],
      ["andrea", "Muy claro, gracias. @{rocio}, ¿tienen una plantilla que puedan compartir?", { of: 1, text: "residuos desviados de disposición final (t), agua reutilizada (m³)" }],
      ["rocio", "Sí, la subo esta semana a la página de nuestra iniciativa."],
      ["milagros", "Recuerden que las iniciativas de la plataforma ya registran esos indicadores en sus reportes de avance. Sirve para comparar."],
    ],
  },
  {
    place: general, by: "carmen", start: 58,
    title: "Cooperativas pequeñas: ¿cómo acceder a financiamiento verde?",
    body: "Somos una cooperativa cafetalera de San Martín. Los bancos nos piden garantías que no tenemos para financiar la planta de compost. ¿Alguna experiencia con fondos concursables o cajas municipales?",
    replies: [
      ["ricardo", "Las cajas municipales tienen líneas para mypes con garantías más flexibles. Vale la pena preguntar por crédito asociativo."],
      ["pablo", "Desde la Delegación de la UE hay fondos de cooperación que cofinancian infraestructura productiva circular. Te escribo por privado con las bases, @{carmen}."],
      ["carmen", "¡Gracias, Pablo! Quedo atenta."],
      ["gonzalo", "ProInnóvate también tiene concursos para cooperativas. La convocatoria suele abrir en el primer trimestre."],
      ["andrea", "Sugiero armar el expediente con los datos de impacto que ya reportan en la plataforma: ayuda mucho a la evaluación."],
    ],
  },
  {
    place: general, by: "ana", start: 50,
    title: "Looking for partners for a trout waste project in Puno",
    body: "Hi all! I am working with an association of trout farmers on Lake Titicaca. We want to turn trout viscera into silage and compost. Is anyone working on something similar, or interested in partnering? Spanish replies are very welcome.",
    replies: [
      ["rocio", "¡Hola, Ana! En la UNALM trabajamos ensilado de vísceras de pescado. Podemos compartir el protocolo."],
      ["ana", "That would be wonderful, thank you @{rocio}! Could we have a call next week?"],
      ["elena", "Desde el Gobierno Regional de Arequipa conocemos a productores de trucha en Caylloma con el mismo problema. Podríamos sumar."],
      ["katrin", "This fits well with our blue economy call. I'll share the details in the events section soon."],
    ],
  },
  {
    place: general, by: "manuel", start: 44,
    title: "Experiencias de municipalidades con segregación en la fuente",
    body: "En Trujillo llevamos tres años con el programa de segregación. Quisiera conocer cómo lo hacen otras municipalidades, sobre todo la comunicación con los vecinos.",
    replies: [
      ["juana", "Lo que más funciona es que las recicladoras vayan casa por casa. Los vecinos confían cuando conocen a quien recoge."],
      ["milagros", "El MINAM tiene guías actualizadas para programas de segregación. Las comparto en el próximo webinar."],
      ["manuel", "Coincido con Juana. Nosotros pasamos de 8 % a 21 % de viviendas participantes con visitas puerta a puerta.", { of: 1, text: "Lo que más funciona es que las recicladoras vayan casa por casa." }],
      ["elena", "En Arequipa estamos empezando. ¿Podríamos visitar Trujillo con nuestro equipo técnico?"],
      ["manuel", "¡Claro, @{elena}! Coordinemos por aquí la fecha."],
    ],
  },
  {
    place: general, by: "luis", start: 33,
    title: "Propuesta: directorio de compradores de material reciclado",
    body: "Muchas organizaciones acopian material pero no saben a quién venderlo. ¿Les parece útil que la plataforma tenga un listado de compradores por tipo de material y región?",
    replies: [
      ["juana", "¡Muy útil! Las asociaciones de recicladores perdemos mucho vendiendo a intermediarios."],
      ["patricia", "Apoyo la idea. Desde la SNI podemos ayudar a identificar empresas transformadoras."],
      ["jorge", "Lo anotamos para la hoja de ruta de la plataforma. Mientras tanto, pueden usar el buscador de organizaciones filtrando por cadena de valor."],
    ],
  },
  {
    place: general, by: "yolanda", start: 27,
    title: "Perspectiva de género en las cadenas de valor circulares",
    body: "En la cadena de fibra de alpaca la mayoría de artesanas son mujeres, pero pocas participan en las decisiones de las asociaciones. ¿Cómo están incorporando el enfoque de género en sus iniciativas?",
    replies: [
      ["carmen", "En la cooperativa creamos un comité de mujeres cafetaleras que maneja el módulo de compost. Cambió mucho la participación."],
      ["andrea", "Un punto clave: registrar datos desagregados por sexo desde el inicio. Sin datos no se ve la brecha."],
      ["yolanda", "Totalmente, @{andrea}. Vamos a incluirlo en los reportes de avance."],
    ],
  },
  {
    place: general, by: "jorge", start: 95, locked: true,
    title: "Problemas para subir el logo de la organización (resuelto)",
    body: "Algunas organizaciones reportaron que el logo no se guardaba al editar el perfil. Ya está corregido: el límite es de 2 MB y se aceptan PNG, JPG y WebP.",
    replies: [
      ["luis", "Confirmo que ya funciona. ¡Gracias!"],
      ["carmen", "A nosotros también nos funcionó."],
      ["jorge", "Cierro el tema. Si vuelve a pasar, abran uno nuevo por favor."],
    ],
  },
  {
    place: general, by: "katrin", start: 18,
    title: "EU–Peru circular economy exchange: call for interest",
    body: "We are preparing an exchange between Peruvian and European organisations working on circular value chains (textiles, plastics, agri-food). If your organisation would like to take part, please reply here with a short description of your work.",
    replies: [
      ["yolanda", "El CITE Textil Camélidos Cusco está interesado. Trabajamos con mermas de fibra de alpaca y tintes naturales."],
      ["luis", "Plásticos del Norte también: reciclamos PET para bandejas de agroexportación."],
      ["katrin", "Thank you both! @{yolanda} and @{luis}, I'll add you to the shortlist."],
      ["pablo", "Para quienes prefieran, pueden escribir en castellano; traducimos los resúmenes."],
    ],
  },

  // ---- Industry roadmap ----------------------------------------------------------------------
  {
    place: industry, by: "gonzalo", start: 70,
    title: "Avances de la hoja de ruta de economía circular para la industria",
    body: "Compartimos el estado de la hoja de ruta aprobada en 2020. Los cuatro enfoques siguen vigentes: producción industrial sostenible, consumo sostenible, aprovechamiento de residuos y gestión de residuos industriales, e innovación y financiamiento.\n\n¿Qué barreras ven para el próximo año?",
    replies: [
      ["patricia", "La principal barrera sigue siendo la informalidad en la cadena de acopio. Sin trazabilidad es difícil certificar material reciclado."],
      ["luis", "Sumaría los costos logísticos desde regiones: traer PET de Piura a Lima cuesta más que el material."],
      ["gonzalo", "Ambos puntos están en el diagnóstico, @{patricia} y @{luis}. El enfoque de consumo sostenible es el que menos iniciativas tiene."],
      ["ricardo", "Desde la CCL proponemos incentivos tributarios para la compra de material reciclado nacional."],
      ["milagros", "Es importante alinear la hoja de ruta con el reglamento de residuos sólidos. Coordinemos una mesa técnica."],
    ],
  },
  {
    place: industry, by: "patricia", start: 52,
    title: "Simbiosis industrial: ¿qué subproductos tienen disponibles?",
    body: "Estamos armando un inventario de subproductos en parques industriales de Lima. Si su empresa tiene pallets, film, solventes o cartón que descarta, cuéntenos volumen aproximado y frecuencia.",
    replies: [
      ["luis", "Tenemos unas 3 t al mes de film stretch limpio que hoy vendemos a bajo precio."],
      ["ricardo", "En Lurín hay varias empresas con pallets de madera. Puedo conectarlas."],
      ["patricia", "Gracias. Con esos datos armamos la primera mesa de intercambio en febrero."],
    ],
  },
  {
    place: industry, by: "rocio", start: 39,
    title: "Escoria de fundición como agregado: resultados de lixiviación",
    body: "Terminamos el monitoreo de lixiviados del piloto en Ilo. Los metales están por debajo de los límites para bases de pavimento. Publicaremos el informe completo en la página de la iniciativa.",
    replies: [
      ["gonzalo", "Muy buena noticia. ¿Se puede replicar con escoria de otras fundiciones?"],
      ["rocio", "Habría que caracterizar cada escoria, @{gonzalo}. El protocolo sí es replicable."],
    ],
  },
  {
    place: industry, by: "ricardo", start: 24,
    title: "Compras públicas circulares: ¿qué criterios proponemos?",
    body: "El Estado es el mayor comprador del país. ¿Qué criterios circulares podríamos proponer para las compras públicas de mobiliario, papel y construcción?",
    replies: [
      ["milagros", "Porcentaje mínimo de material reciclado y garantía de reparación son dos criterios sencillos de verificar."],
      ["andrea", "También mobiliario como servicio: el proveedor mantiene y recupera los muebles al final de su vida útil."],
      ["gonzalo", "Lo llevamos a la mesa con el MEF. @{ricardo}, ¿nos ayudas con una propuesta escrita?"],
      ["ricardo", "Con gusto. La comparto aquí en dos semanas."],
    ],
  },
  {
    place: industry, by: "luis", start: 9,
    title: "Certificación de PET reciclado grado alimentario",
    body: "Para vender bandejas a agroexportadoras nos piden certificación de grado alimentario del rPET. ¿Alguien pasó por el proceso con DIGESA?",
    replies: [
      ["patricia", "Dos socias de la SNI lo hicieron. Te pongo en contacto, @{luis}."],
      ["gonzalo", "PRODUCE está preparando una guía sobre este trámite con DIGESA."],
    ],
  },
  {
    place: industry, by: "gonzalo", start: 100,
    title: "Consulta pública: lineamientos de ecodiseño de envases",
    body: "Está abierta la consulta de los lineamientos de ecodiseño de envases para mypes. Pueden dejar comentarios aquí; los consolidaremos al cierre del mes.",
    replies: [
      ["luis", "Sugiero incluir ejemplos concretos de envases monomaterial. Muchas mypes no conocen el término."],
      ["andrea", "Y una lista de proveedores de etiquetas que no contaminen el reciclaje."],
      ["patricia", "Desde la SNI enviaremos comentarios formales por escrito."],
      ["gonzalo", "Gracias a todos, consolidado y enviado al equipo técnico."],
    ],
  },

  // ---- Agriculture roadmap -------------------------------------------------------------------
  {
    place: agriculture, by: "elena", start: 80,
    title: "Quema de rastrojos: alternativas que funcionen para el pequeño productor",
    body: "En Majes la quema de rastrojos sigue siendo común. Las picadoras son caras para un productor de 5 hectáreas. ¿Qué alternativas han visto funcionar?",
    replies: [
      ["rocio", "El servicio de picado compartido entre asociaciones bajó costos en otros valles. Una máquina para 40 productores."],
      ["carmen", "En San Martín usamos los residuos como cobertura en lugar de quemarlos. Requiere capacitación, pero es barato."],
      ["elena", "Muy buenas ideas. @{rocio}, ¿tienes datos de costos del servicio compartido?", { of: 1, text: "Una máquina para 40 productores." }],
      ["rocio", "Sí, te los envío. Alrededor de S/ 180 por hectárea, incluyendo operador."],
    ],
  },
  {
    place: agriculture, by: "rocio", start: 61,
    title: "Biocarbón en suelos ácidos de selva central: primeros resultados",
    body: "Después de dos campañas en Satipo, las parcelas con biocarbón muestran mejor retención de humedad y un pH menos ácido. Compartimos los datos en la iniciativa.",
    replies: [
      ["carmen", "¿Funcionaría en cafetales de altura?"],
      ["rocio", "Probablemente sí, @{carmen}. Nos gustaría probar en el Alto Mayo si la cooperativa se anima."],
      ["carmen", "¡Nos animamos! Conversemos."],
    ],
  },
  {
    place: agriculture, by: "milagros", start: 47,
    title: "Envases vacíos de agroquímicos: triple lavado y acopio",
    body: "Recordamos que los envases de agroquímicos deben pasar por triple lavado antes del acopio. ¿Qué dificultades encuentran en campo para cumplirlo?",
    replies: [
      ["elena", "Falta de centros de acopio cercanos. Los productores los guardan o los queman."],
      ["carmen", "Nosotros organizamos jornadas de acopio dos veces al año con la municipalidad."],
      ["milagros", "Buen modelo, Carmen. Lo podemos documentar como caso."],
    ],
  },
  {
    place: agriculture, by: "carmen", start: 30,
    title: "Compost de pulpa de café: ¿cómo controlan la humedad en época de lluvias?",
    body: "En los meses de lluvia las pilas de compost se nos saturan. ¿Alguien tiene experiencia con techos simples o composteras cerradas?",
    replies: [
      ["rocio", "Techos de calamina con buena ventilación lateral funcionan bien. Y voltear más seguido."],
      ["yolanda", "No es mi rubro, pero en Cusco vimos composteras con malla raschel que son económicas."],
      ["carmen", "Gracias a las dos. Probaremos con techo y malla."],
    ],
  },
  {
    place: agriculture, by: "elena", start: 15,
    title: "Reúso de aguas residuales tratadas para riego: marco normativo",
    body: "¿Alguien tiene claro qué permisos se necesitan para usar efluentes tratados en riego de cultivos no alimentarios?",
    replies: [
      ["milagros", "Se requiere autorización de la ANA y cumplir los estándares de calidad para riego. Comparto la norma en el webinar de agosto."],
      ["rocio", "En Ica lo tramitamos; tomó unos seis meses. Puedo compartir la experiencia."],
    ],
  },
  {
    place: agriculture, by: "andrea", start: 5,
    title: "Mercado para el compost: ¿a quién le venden?",
    body: "Varias cooperativas producen compost pero no logran venderlo. ¿Quiénes son los compradores más estables?",
    replies: [
      ["carmen", "Viveros y agroexportadoras. Las agroexportadoras piden análisis de laboratorio."],
      ["ricardo", "En la rueda de negocios de agroindustria habrá compradores. Inscríbanse."],
    ],
  },

  // ---- Fisheries and aquaculture -------------------------------------------------------------
  {
    place: fisheries, by: "ana", start: 66,
    title: "Trout farming waste in Lake Titicaca: current practices",
    body: "Most trout farms in Puno dump viscera or bury them. We are mapping current practices before proposing alternatives. Any data or contacts welcome.",
    replies: [
      ["rocio", "Tenemos una encuesta de 2023 con 40 piscigranjas. Te la comparto, Ana."],
      ["ana", "Thank you, that is exactly what we needed."],
      ["elena", "Podemos conectar con la Dirección Regional de la Producción de Puno."],
    ],
  },
  {
    place: fisheries, by: "gonzalo", start: 43,
    title: "Pesca artesanal: cajas isotérmicas reutilizables",
    body: "El piloto de cajas isotérmicas reutilizables reduce el uso de tecnopor en los desembarcaderos. Buscamos más desembarcaderos para la segunda fase.",
    replies: [
      ["elena", "Matarani podría estar interesado. Lo consulto con la gerencia de producción."],
      ["gonzalo", "Gracias, @{elena}. La segunda fase arranca en marzo."],
    ],
  },
  {
    place: fisheries, by: "rocio", start: 28,
    title: "Quitosano de caparazones de langostino: ¿hay mercado nacional?",
    body: "Producimos quitosano a escala piloto en Tumbes. El mercado internacional existe, pero ¿hay compradores en el Perú (agroindustria, tratamiento de agua)?",
    replies: [
      ["patricia", "Algunas empresas de tratamiento de agua lo importan. Podría haber interés si el precio compite."],
      ["ricardo", "Lo podemos presentar en la próxima rueda de negocios."],
    ],
  },
  {
    place: fisheries, by: "milagros", start: 14,
    title: "Redes de pesca en desuso: ¿quién las recicla?",
    body: "Las redes de nylon abandonadas son un problema en el Callao y Paita. ¿Hay empresas que las reciclen en el país?",
    replies: [
      ["luis", "Nosotros probamos con nylon 6 de redes, pero necesitamos volúmenes mínimos de 5 t al mes."],
      ["juana", "Las recicladoras podrían acopiar si hay comprador seguro."],
      ["milagros", "Con @{luis} y @{juana} ya tenemos los dos extremos de la cadena. Armemos una reunión."],
    ],
  },
  {
    place: fisheries, by: "elena", start: 3,
    title: "Aprovechamiento integral de la pota: visita a Matarani",
    body: "Organizamos una visita técnica a plantas de pota en Matarani para ver el aprovechamiento de vísceras y pieles. ¿Quién se apunta?",
    replies: [["rocio", "Me apunto. Llevo a dos tesistas."]],
  },

  // ---- Services roadmap ----------------------------------------------------------------------
  {
    place: services, by: "juana", start: 71,
    title: "Formalización de recicladoras: trámites que nos frenan",
    body: "Muchas compañeras quieren formalizarse, pero el trámite municipal pide documentos que no tienen. ¿Qué municipalidades lo han simplificado?",
    replies: [
      ["manuel", "En Trujillo hicimos una ventanilla única para recicladores. El trámite baja a dos semanas."],
      ["milagros", "El MINAM acompaña a municipalidades en la formalización. Escríbannos."],
      ["juana", "Gracias, @{manuel}. ¿Podemos replicar la ventanilla en San Juan de Lurigancho?", { of: 1, text: "hicimos una ventanilla única para recicladores" }],
      ["manuel", "Claro, les compartimos la ordenanza y el flujo."],
    ],
  },
  {
    place: services, by: "manuel", start: 55,
    title: "Escombros municipales: ¿afirmado o planta de tratamiento?",
    body: "Estamos evaluando qué hacer con los escombros de obras municipales. ¿Alguien comparó costos entre usarlos en afirmado de trochas y enviarlos a planta?",
    replies: [
      ["patricia", "La planta da agregado de mejor calidad; el afirmado es más barato pero requiere control de finos."],
      ["gonzalo", "PRODUCE tiene una ficha técnica de agregado reciclado. Te la envío."],
    ],
  },
  {
    place: services, by: "andrea", start: 35,
    title: "Modelos de negocio de producto como servicio",
    body: "¿Alguien ya ofrece su producto como servicio (alquiler con mantenimiento y recuperación)? Me interesa saber cómo definieron el precio.",
    replies: [
      ["ricardo", "Una socia de la CCL alquila mobiliario de oficina. Cobra una cuota mensual que incluye reparaciones."],
      ["andrea", "¿Sabes si los clientes públicos pueden contratar así?"],
      ["milagros", "Con la normativa actual es complicado, pero se está revisando."],
    ],
  },
  {
    place: services, by: "milagros", start: 21,
    title: "Webinar: gestión municipal de residuos orgánicos",
    body: "Preparamos un webinar sobre residuos orgánicos municipales (mercados, parques). ¿Qué temas les gustaría que tratemos?",
    replies: [
      ["manuel", "Costos reales de operación de una planta de compost municipal."],
      ["elena", "Cómo vender el compost municipal sin competir con productores locales."],
      ["juana", "El rol de las recicladoras en la recolección de orgánicos."],
    ],
  },
  {
    place: services, by: "luis", start: 7,
    title: "Reacondicionamiento de computadoras: ¿quién recibe los equipos?",
    body: "Tenemos 60 computadoras de oficina que vamos a renovar. ¿Qué iniciativa las reacondiciona para escuelas?",
    replies: [["jorge", "Revisa la iniciativa de reacondicionamiento de computadoras para escuelas públicas: buscan justo eso."]],
  },

  // ---- Plastics value chain ------------------------------------------------------------------
  {
    place: plastics, by: "luis", start: 78,
    title: "Precio del PET post consumo en regiones",
    body: "¿A cuánto están pagando el kilo de PET en sus regiones? En Piura está entre S/ 0.80 y S/ 1.10 según limpieza.",
    replies: [
      ["juana", "En Lima, entre S/ 1.00 y S/ 1.30 si está limpio y sin tapa."],
      ["manuel", "En Trujillo, alrededor de S/ 0.90."],
      ["luis", "Gracias. La diferencia de Lima se explica por la cercanía a las plantas de reciclaje."],
      ["patricia", "Sería útil publicar estos precios cada mes en la plataforma."],
    ],
  },
  {
    place: plastics, by: "juana", start: 60,
    title: "Bolsas plásticas: ¿qué hacemos con el film sucio?",
    body: "El film sucio no lo compra nadie y termina en el relleno. ¿Alguien conoce procesos de lavado que sean rentables?",
    replies: [
      ["luis", "Lavar film solo es rentable a gran escala. La madera plástica acepta film con algo de suciedad."],
      ["gonzalo", "Hay una iniciativa en el Callao que hace madera plástica con film y sacos. Podrían coordinar."],
    ],
  },
  {
    place: plastics, by: "patricia", start: 37,
    title: "Ley de plásticos de un solo uso: balance a la fecha",
    body: "¿Cómo ven la aplicación de la ley de plásticos de un solo uso? ¿Se nota en la composición de los residuos?",
    replies: [
      ["milagros", "Las bolsas bajaron en supermercados, pero en mercados tradicionales siguen igual."],
      ["juana", "En el acopio vemos menos bolsas y más envases de delivery."],
      ["andrea", "El delivery es el gran tema pendiente."],
    ],
  },
  {
    place: plastics, by: "ricardo", start: 20,
    title: "Rueda de negocios de plásticos reciclados: balance",
    body: "Gracias a todas las organizaciones que participaron en la rueda de Piura. Se concretaron 14 acuerdos comerciales. ¿Qué mejorarían para la próxima?",
    replies: [
      ["luis", "Más tiempo por reunión: 20 minutos se quedan cortos."],
      ["juana", "Que las asociaciones de recicladores tengan mesa propia."],
      ["ricardo", "Anotado, @{luis} y @{juana}."],
    ],
  },
  {
    place: plastics, by: "luis", start: 4,
    title: "Tapas de botella: ¿las separan o van con el PET?",
    body: "Recibimos PET con tapas de polipropileno. Separarlas nos cuesta tiempo. ¿Cómo lo manejan otros?",
    replies: [["juana", "Nosotras las separamos en el acopio y las vendemos aparte. Pagan bien."]],
  },

  // ---- Textiles value chain ------------------------------------------------------------------
  {
    place: textiles, by: "yolanda", start: 73,
    title: "Mermas de fibra de alpaca: ¿qué hacen con la fibra corta?",
    body: "La fibra corta del descerdado se quema o se descarta. Estamos probando hilado de segunda y fieltro aislante. ¿Otras ideas?",
    replies: [
      ["rocio", "Probamos mezclar fibra corta con lana de oveja para fieltro de artesanía. Da buen resultado."],
      ["patricia", "Algunas empresas de colchones compran fibra corta como relleno. Puedo averiguar precios."],
      ["yolanda", "¡Gracias! @{patricia}, nos ayudaría mucho saber los volúmenes mínimos que piden.", { of: 2, text: "Algunas empresas de colchones compran fibra corta como relleno." }],
      ["katrin", "In Europe there is growing demand for natural insulation. The felt panels could have export potential."],
    ],
  },
  {
    place: textiles, by: "patricia", start: 49,
    title: "Retazos de Gamarra: logística de acopio",
    body: "Los talleres de Gamarra generan toneladas de retazos al día. El reto es clasificarlos por fibra y color. ¿Experiencias de acopio ordenado?",
    replies: [
      ["juana", "Algunas recicladoras ya clasifican retazos. Falta un comprador estable."],
      ["yolanda", "El CITE puede capacitar en clasificación por fibra."],
      ["patricia", "Propongo un piloto con 20 talleres y la red de recicladores. ¿@{juana}, se suman?"],
      ["juana", "¡Nos sumamos!"],
    ],
  },
  {
    place: textiles, by: "katrin", start: 32,
    title: "EU textile strategy: what it means for Peruvian exporters",
    body: "The EU strategy for sustainable textiles will bring requirements on durability, recycled content and information for consumers. Happy to answer questions from Peruvian exporters here.",
    replies: [
      ["yolanda", "¿Afectará a las prendas de alpaca hechas a mano?"],
      ["katrin", "Most requirements will apply to larger producers first, but buyers will ask for the information early. Good to prepare now, @{yolanda}."],
      ["pablo", "Estamos preparando un webinar en castellano sobre este tema."],
    ],
  },
  {
    place: textiles, by: "yolanda", start: 13,
    title: "Tintes naturales: estandarizar colores",
    body: "Con cochinilla y nogal el color varía de un lote a otro. Los compradores piden colores estables. ¿Cómo lo resuelven?",
    replies: [
      ["rocio", "Medir el pH del baño y la temperatura ayuda mucho. Podemos apoyar con el laboratorio."],
      ["yolanda", "¡Gracias, @{rocio}! Coordinemos una visita."],
    ],
  },
  {
    place: textiles, by: "andrea", start: 2,
    title: "Reparación de prendas como servicio en tiendas",
    body: "¿Alguna marca peruana ofrece reparación de prendas en tienda? Estoy armando un caso para un cliente.",
    replies: [],
  },

  // ---- Agricultural value chain --------------------------------------------------------------
  {
    place: agricultural, by: "carmen", start: 68,
    title: "Cascarilla de café: usos además del compost",
    body: "Tenemos cascarilla de sobra. Además de compost y sustrato para viveros, ¿qué otros usos conocen?",
    replies: [
      ["rocio", "Briquetas para combustible y, con tratamiento, material para tableros."],
      ["andrea", "Hay emprendimientos que la usan en infusiones (cascara). Tiene mercado de nicho."],
      ["carmen", "Interesante. ¿Alguien tiene contacto de compradores de cascara?"],
    ],
  },
  {
    place: agricultural, by: "rocio", start: 45,
    title: "Saponina del lavado de quinua: resultados como bioinsumo",
    body: "La saponina recuperada del lavado de quinua funcionó como repelente en ensayos de campo. Buscamos cooperativas de Puno para escalar.",
    replies: [
      ["ana", "The trout association in Puno also grows quinoa. I can introduce you."],
      ["rocio", "¡Genial, @{ana}! Gracias."],
    ],
  },
  {
    place: agricultural, by: "elena", start: 26,
    title: "Orujo de uva en el sur: volumen disponible",
    body: "Estamos estimando cuánto orujo generan las bodegas de Moquegua y Tacna. Si tienen datos, compártanlos.",
    replies: [
      ["rocio", "Un estudio de 2022 estimó unas 1,200 t por campaña entre ambas regiones."],
      ["elena", "Justo lo que buscaba. Gracias."],
    ],
  },
  {
    place: agricultural, by: "carmen", start: 6,
    title: "Certificación orgánica y compost propio",
    body: "¿El compost hecho en la cooperativa sirve para mantener la certificación orgánica? La certificadora nos pidió registros.",
    replies: [
      ["rocio", "Sí, si documentan insumos, temperaturas y tiempos. Les paso un formato."],
      ["carmen", "¡Mil gracias!"],
    ],
  },

  // ---- Construction and demolition waste, wastewater ------------------------------------------
  {
    place: construction, by: "patricia", start: 59,
    title: "Agregado reciclado en obras públicas: ¿qué normas técnicas aplican?",
    body: "Varias constructoras quieren usar agregado reciclado en veredas y bases, pero las bases de las licitaciones no lo mencionan. ¿Hay normas técnicas peruanas que lo respalden?",
    replies: [
      ["gonzalo", "Existe una norma técnica para agregado reciclado en elementos no estructurales. La compartimos en la hoja de ruta de industria."],
      ["manuel", "En Trujillo lo usamos en afirmado de trochas con buenos resultados."],
      ["patricia", "Gracias. @{manuel}, ¿podrías compartir las especificaciones que usaron?", { of: 2, text: "lo usamos en afirmado de trochas" }],
      ["manuel", "Claro, las subo a la página de la iniciativa esta semana."],
    ],
  },
  {
    place: construction, by: "juana", start: 8,
    title: "Escombros abandonados en la vía pública",
    body: "En varios distritos de Lima los escombros se dejan en las esquinas y terminan mezclados con la basura. ¿Qué municipalidades tienen puntos de recepción?",
    replies: [
      ["milagros", "Algunas municipalidades ya tienen puntos de acopio de residuos de construcción menores. Publicaremos la lista."],
      ["juana", "¡Sería muy útil! Lo difundimos entre las recicladoras."],
    ],
  },
  {
    place: wastewater, by: "rocio", start: 54,
    title: "Humedales artificiales para localidades pequeñas",
    body: "Para localidades de menos de 2,000 habitantes los humedales artificiales son una opción de bajo costo. ¿Alguien tiene experiencia en zonas altoandinas con heladas?",
    replies: [
      ["elena", "En Caylloma hay uno funcionando desde 2021. Con cobertura vegetal resiste bien el invierno."],
      ["milagros", "Sería bueno documentarlo como caso para otras regiones."],
      ["rocio", "@{elena}, ¿podríamos visitarlo con estudiantes?"],
      ["elena", "Por supuesto, coordinemos para marzo."],
    ],
  },
  {
    place: wastewater, by: "manuel", start: 11,
    title: "Riego de parques con aguas tratadas: costo por hectárea",
    body: "Comparto nuestro dato: regar parques con agua residual tratada nos cuesta 40 % menos que con agua potable. ¿Cómo les va a otras ciudades?",
    replies: [["milagros", "Muy buen dato, Manuel. ¿Incluye el costo de operación de la planta o solo la distribución?"], ["manuel", "Solo la distribución; la planta la opera la empresa de saneamiento."]],
  },

  // ---- On initiatives ------------------------------------------------------------------------
  {
    place: initiative("reciclaje-de-botellas-pet-post-consumo-en-piura"), by: "juana", start: 62,
    title: "¿Cómo pueden sumarse las asociaciones de recicladores?",
    body: "Somos una red de recicladoras de Lima, pero tenemos contactos en Piura y Sullana. ¿Qué requisitos piden para ser proveedoras de PET?",
    replies: [
      ["luis", "PET limpio, sin tapas y compactado en fardos. Pagamos al contado cada semana."],
      ["juana", "Perfecto. Les presento a dos asociaciones de Sullana."],
      ["manuel", "Desde Trujillo también podríamos enviar material si la logística cierra."],
    ],
  },
  {
    place: initiative("reciclaje-de-botellas-pet-post-consumo-en-piura"), by: "patricia", start: 19,
    title: "Capacidad de la planta para 2027",
    body: "¿Cuánto PET esperan procesar el próximo año? Nos preguntan empresas interesadas en comprar lámina.",
    replies: [["luis", "Unas 120 t al mes si se concreta la segunda línea."]],
  },
  {
    place: initiative("bandejas-de-pet-reciclado-para-la-agroexportacion-del-norte"), by: "carmen", start: 48,
    title: "¿Sirven las bandejas para café o solo para fruta?",
    body: "Nos interesa para muestras de café. ¿Las bandejas resisten humedad?",
    replies: [
      ["luis", "Están diseñadas para fruta, pero hacemos un modelo más pequeño que podría servir. Te envío muestras."],
      ["carmen", "¡Gracias, @{luis}!"],
    ],
  },
  {
    place: initiative("hilado-de-mermas-de-fibra-de-alpaca-en-cusco"), by: "katrin", start: 85,
    title: "Results and lessons learned",
    body: "Congratulations on completing the project! Could you share the main lessons? We are considering similar work in Bolivia.",
    replies: [
      ["yolanda", "¡Gracias! La principal lección: las tejedoras deben participar desde el diseño del producto. Compartimos el informe final."],
      ["katrin", "Thank you, Yolanda. Very useful."],
    ],
  },
  {
    place: initiative("confecciones-con-algodon-reciclado-en-gamarra"), by: "yolanda", start: 41,
    title: "Mezcla de algodón reciclado con pima: proporciones",
    body: "¿Qué proporción de algodón reciclado les da buena resistencia? Nosotros vamos por 30 %.",
    replies: [
      ["patricia", "Con 30 % el hilo queda bien para tejido de punto. Más de 40 % baja la resistencia."],
      ["yolanda", "Coincide con nuestras pruebas."],
    ],
  },
  {
    place: initiative("linea-de-credito-verde-para-talleres-textiles-circulares"), by: "yolanda", start: 31,
    title: "¿Los talleres de Cusco pueden postular?",
    body: "La línea de crédito menciona Lima, Junín y Arequipa. ¿Hay posibilidad para talleres de Cusco?",
    replies: [
      ["pablo", "En esta primera etapa no, pero Cusco está considerado para la ampliación del próximo año."],
      ["yolanda", "Gracias, @{pablo}. Vamos preparando a los talleres."],
    ],
  },
  {
    place: initiative("simbiosis-industrial-en-el-parque-industrial-de-lurin"), by: "luis", start: 36,
    title: "Inventario compartido: ¿en qué formato?",
    body: "¿El inventario de subproductos será una hoja compartida o algo dentro de la plataforma?",
    replies: [
      ["ricardo", "Por ahora una hoja compartida; luego evaluamos integrarlo."],
      ["patricia", "Lo importante es que se actualice cada mes."],
    ],
  },
  {
    place: initiative("recirculacion-de-agua-en-curtiembres-de-arequipa"), by: "elena", start: 90,
    title: "Recuperación de cromo: costos de operación",
    body: "Varias curtiembres nos preguntan cuánto cuesta operar la recuperación de cromo. ¿Tienen números?",
    replies: [
      ["patricia", "El costo se recupera en unos dos años por el ahorro en insumo. Les compartimos la ficha."],
      ["elena", "Perfecto, la difundimos en Río Seco."],
    ],
  },
  {
    place: initiative("compost-de-pulpa-de-cafe-en-san-martin"), by: "rocio", start: 88,
    title: "Análisis de laboratorio del compost",
    body: "Podemos hacer análisis de nutrientes del compost sin costo como parte de un proyecto de tesis. ¿Les interesa?",
    replies: [
      ["carmen", "¡Claro que sí! Enviamos muestras de tres módulos."],
      ["rocio", "Perfecto. Les aviso cuando tengamos resultados."],
      ["carmen", "Ya llegaron los resultados: buen nivel de potasio. Gracias, @{rocio}."],
    ],
  },
  {
    place: initiative("valorizacion-de-rastrojos-agricolas-en-la-irrigacion-majes"), by: "carmen", start: 29,
    title: "¿Venden el forraje ensilado?",
    body: "¿El forraje ensilado se vende fuera de Majes? Nos interesa para ganaderos de Moyobamba.",
    replies: [["elena", "Por ahora se consume en la zona, pero podríamos evaluar envíos. Conversemos."]],
  },
  {
    place: initiative("reuso-de-aguas-residuales-tratadas-para-riego-en-ica"), by: "milagros", start: 53,
    title: "Monitoreo de calidad del agua",
    body: "¿Con qué frecuencia monitorean los parámetros del efluente? Nos piden el dato para un informe.",
    replies: [
      ["rocio", "Mensual para parámetros básicos y trimestral para metales."],
      ["milagros", "Gracias, @{rocio}."],
    ],
  },
  {
    place: initiative("triple-lavado-y-reciclaje-de-envases-de-agroquimicos"), by: "carmen", start: 23,
    title: "Puntos de acopio en San Martín",
    body: "¿Se ampliará el acopio a San Martín? Los productores guardan los envases sin saber qué hacer.",
    replies: [["milagros", "Está previsto para la segunda etapa. Les avisaremos por aquí."]],
  },
  {
    place: initiative("cuero-de-piel-de-paiche-en-loreto"), by: "andrea", start: 34,
    title: "Mercado para cuero de paiche",
    body: "¿Ya tienen compradores para el cuero? Conozco marcas de accesorios interesadas.",
    replies: [
      ["rocio", "Todavía no. Nos encantaría el contacto."],
      ["andrea", "Les escribo por correo. Son dos marcas de Lima."],
    ],
  },
  {
    place: initiative("segregacion-en-la-fuente-y-reciclaje-inclusivo-en-trujillo"), by: "elena", start: 42,
    title: "Visita técnica desde Arequipa",
    body: "Queremos visitar el programa con el equipo de gestión ambiental del gobierno regional. ¿Qué fechas les acomodan?",
    replies: [
      ["manuel", "La segunda semana del mes es ideal: pueden acompañar una ruta de recolección."],
      ["elena", "Perfecto, confirmamos para el martes."],
      ["juana", "Si pueden, conversen con las recicladoras de la ruta. Es lo más valioso."],
    ],
  },
  {
    place: initiative("centro-de-acopio-de-recicladores-en-el-callao"), by: "luis", start: 17,
    title: "Compra de material del centro de acopio",
    body: "Nos interesa comprar PET y PEAD del centro de acopio. ¿Qué volúmenes manejan?",
    replies: [
      ["juana", "Unas 15 t de PET al mes y 4 t de PEAD. Podemos firmar un acuerdo."],
      ["luis", "Excelente. Coordinemos una visita, @{juana}."],
    ],
  },
  {
    place: initiative("vasos-reutilizables-para-ferias-y-eventos-en-lima"), by: "ricardo", start: 11,
    title: "Vasos reutilizables para el Foro",
    body: "¿Podrían proveer vasos reutilizables para el Foro de diciembre? Serían unas 1,500 personas.",
    replies: [
      ["andrea", "Sí, tenemos stock. Incluimos el servicio de lavado."],
      ["jorge", "Gran idea. Lo coordinamos con la organización del Foro."],
    ],
  },
  {
    place: initiative("mobiliario-de-oficina-como-servicio"), by: "milagros", start: 25,
    title: "¿Aplica para entidades públicas?",
    body: "¿Han trabajado con alguna entidad pública? La contratación como servicio es nueva para nosotros.",
    replies: [["andrea", "Todavía no, pero estamos preparando una propuesta con un gobierno regional."]],
  },
  {
    place: initiative("compostaje-de-residuos-de-mercados-en-huancayo"), by: "manuel", start: 57,
    title: "Costos por tonelada de compost municipal",
    body: "¿Cuánto les cuesta producir una tonelada de compost a partir de residuos de mercados?",
    replies: [
      ["elena", "Nos interesa también el dato."],
      ["milagros", "En Huancayo rondó los S/ 90 por tonelada, sin contar el terreno."],
    ],
  },

  // ---- On events -----------------------------------------------------------------------------
  {
    place: event("foro-de-economia-circular-2025"), by: "carmen", start: "2025-11-21T10:00",
    title: "¿Dónde encuentro las presentaciones del Foro 2025?",
    body: "Me perdí la mesa de financiamiento. ¿Se publicarán las presentaciones?",
    replies: [
      ["jorge", "Sí, @{carmen}: esta semana las subimos a la página del evento."],
      ["ana", "Also interested, especially the EU cooperation session."],
      ["jorge", "Ya están publicadas. ¡Gracias por la paciencia!"],
    ],
  },
  {
    place: event("foro-de-economia-circular-2025"), by: "ricardo", start: "2025-11-25T09:00",
    title: "Balance del Foro 2025: ¿qué nos llevamos?",
    body: "Abramos un espacio para compartir lo más útil del Foro. Para mí: la mesa de compras públicas circulares.",
    replies: [
      ["patricia", "La conversación sobre trazabilidad del material reciclado."],
      ["juana", "Que por primera vez hubo recicladoras en el panel principal."],
      ["gonzalo", "Los compromisos de las regiones para sus propias hojas de ruta."],
      ["katrin", "The energy of the matchmaking sessions. Many new partnerships."],
    ],
  },
  {
    place: event("foro-de-economia-circular-2026"), by: "elena", start: 25,
    title: "Movilidad compartida desde Arequipa al Foro 2026",
    body: "Un grupo de Arequipa viajaremos a Lima para el Foro. Si alguien quiere compartir movilidad o alojamiento, escriba aquí.",
    replies: [
      ["rocio", "Desde Lima podemos recibirlos en La Molina la víspera."],
      ["elena", "¡Gracias! Somos cinco personas."],
    ],
  },
  {
    place: event("foro-de-economia-circular-2026"), by: "luis", start: 16,
    title: "¿Habrá stands para mypes?",
    body: "¿El Foro 2026 tendrá espacio de exhibición para mypes? Queremos mostrar nuestras bandejas de rPET.",
    replies: [
      ["jorge", "Sí, habrá una feria de mypes circulares. Las inscripciones abren la próxima semana."],
      ["carmen", "¡Nosotros también queremos participar con el compost!"],
    ],
  },
  {
    place: event("foro-de-economia-circular-2026"), by: "katrin", start: 8,
    title: "Interpretation for international guests",
    body: "Will there be English interpretation during the plenary sessions? Several colleagues from Brussels will join online.",
    replies: [["lucia", "Yes, the plenary sessions will have simultaneous interpretation, online as well."]],
  },
  {
    place: event("foro-de-economia-circular-2024"), by: "milagros", start: "2024-11-22T11:00",
    title: "Acuerdos de la mesa de residuos municipales",
    body: "Comparto los acuerdos de la mesa: guía de segregación para municipalidades pequeñas y red de intercambio entre gestores municipales.",
    replies: [
      ["manuel", "Trujillo se ofrece a coordinar la red el primer año."],
      ["milagros", "Gracias, @{manuel}. Lo formalizamos en enero."],
    ],
  },
  {
    place: event("foro-de-economia-circular-2023"), by: "patricia", start: "2023-11-24T09:00",
    title: "Fotos y memoria del Foro 2023",
    body: "La memoria del Foro 2023 ya está disponible. Gracias a todas las organizaciones que participaron.",
    replies: [["carmen", "¡Qué buen recuerdo! Ese año presentamos el compost por primera vez."]],
  },
  {
    place: event("firma-del-pacto-peruano-por-una-economia-circular"), by: "gonzalo", start: 46,
    title: "Cinco años del Pacto: ¿qué hemos logrado?",
    body: "Se acercan los cinco años de la firma del Pacto Peruano por una Economía Circular. Empezamos con 28 organizaciones; hoy la alianza es mucho más amplia. ¿Qué logro destacarían y qué falta?",
    replies: [
      ["patricia", "Logro: la industria ya habla de circularidad como estrategia, no solo como cumplimiento. Falta: financiamiento para mypes."],
      ["pablo", "La Unión Europea seguirá acompañando este proceso. El paso pendiente es medir el impacto con datos comparables."],
      ["milagros", "Ahora toca llevar el Pacto a las regiones. Varias ya preparan sus propias hojas de ruta."],
      ["juana", "Que las recicladoras tengamos voz en la alianza fue un gran avance."],
    ],
  },
  {
    place: event("rueda-de-negocios-plasticos-reciclados-piura-2026"), by: "juana", start: "2026-05-02T09:00",
    title: "¿Pueden participar asociaciones de recicladores?",
    body: "¿La rueda es solo para empresas o pueden participar asociaciones de recicladores como proveedoras?",
    replies: [
      ["ricardo", "Pueden participar, @{juana}. Habrá una mesa de proveedores de material."],
      ["juana", "¡Excelente! Nos inscribimos tres asociaciones."],
    ],
  },
  {
    place: event("webinar-reuso-de-aguas-residuales-tratadas-para-riego"), by: "elena", start: "2026-08-21T10:00",
    title: "Preguntas que quedaron pendientes",
    body: "No alcanzó el tiempo para todas las preguntas. ¿Podemos seguir aquí?",
    replies: [
      ["rocio", "Claro. Respondo las que quedaron sobre permisos de la ANA."],
      ["milagros", "Y yo las de estándares de calidad."],
    ],
  },
  {
    place: event("webinar-financiamiento-verde-para-la-mype-circular"), by: "carmen", start: 10,
    title: "¿Se grabará el webinar?",
    body: "No podré conectarme a la hora del webinar. ¿Quedará la grabación?",
    replies: [["gonzalo", "Sí, la grabación quedará en la página del evento."]],
  },
  {
    place: event("curso-virtual-de-ecodiseno-de-envases-para-mype"), by: "luis", start: 22,
    title: "Requisitos previos del curso",
    body: "¿El curso requiere conocimientos de diseño o software?",
    replies: [["gonzalo", "No, está pensado para mypes sin experiencia previa. Solo una computadora con internet."]],
  },
  {
    place: event("transferencia-tecnologica-hilado-de-fibra-corta-de-alpaca"), by: "ana", start: 9,
    title: "Can weavers from Puno attend?",
    body: "Some weavers from the trout association also work with alpaca. Can they join the technology transfer session?",
    replies: [["yolanda", "¡Por supuesto! Que se inscriban en la página del evento; hay cupos para Puno."]],
  },
  {
    place: event("mision-empresarial-irrigacion-majes-valorizacion-de-rastrojos"), by: "carmen", start: 14,
    title: "¿Incluye traslado desde el aeropuerto?",
    body: "Viajamos desde Tarapoto. ¿La misión incluye traslado desde el aeropuerto de Arequipa?",
    replies: [["elena", "Sí, hay un traslado la mañana del primer día. Indícalo en el formulario de inscripción."]],
  },
  {
    place: event("rueda-de-negocios-agroindustria-circular-lima-2027"), by: "andrea", start: 3,
    title: "Consejos para preparar la ficha de la rueda",
    body: "Para quienes se inscriben por primera vez: ¿qué información conviene poner en la ficha de lo que ofrecen y buscan?",
    replies: [
      ["ricardo", "Sean concretos: volumen, región y precio de referencia. Las reuniones son cortas."],
      ["carmen", "Gracias por el consejo, lo aplicaremos."],
    ],
  },
];

// ---- The long thread: questions and answers about the Pact ----------------------------------

/** Questions about the Pact and the platform, each with the coordinators' answer. */
const PACT_QA: Array<[string, string]> = [
  ["¿Qué es exactamente el Pacto Peruano por una Economía Circular?", "Es un compromiso voluntario firmado en 2021 por 28 organizaciones públicas y privadas para impulsar juntas la transición a una economía circular. La plataforma nació para darle continuidad."],
  ["¿Quién puede firmar el Pacto?", "Cualquier organización: empresas, gremios, cooperativas, gobiernos regionales y locales, academia, sociedad civil y cooperación internacional."],
  ["¿Firmar el Pacto tiene algún costo?", "No. La firma es gratuita; lo que se pide es compromiso con acciones concretas."],
  ["¿Cómo firma mi organización?", "Primero registren la organización en la plataforma. Cuando un coordinador la apruebe, el responsable puede registrar la firma desde el perfil."],
  ["¿Qué obligaciones tiene una organización firmante?", "Compartir sus iniciativas circulares, reportar avances una vez al año y participar en al menos una actividad de la alianza."],
  ["¿Se puede retirar la firma?", "Sí. La organización puede retirarla desde su perfil; el historial queda registrado."],
  ["¿Una mype puede firmar o es solo para empresas grandes?", "Claro que puede. De hecho, buscamos que más mypes y cooperativas se sumen."],
  ["¿Dónde veo la lista de firmantes?", "En la página del Pacto, con la fecha de firma de cada organización."],
  ["¿El Pacto reemplaza a las hojas de ruta sectoriales?", "No, las complementa. Las hojas de ruta las conducen los ministerios; el Pacto suma a todos los actores."],
  ["¿Qué hojas de ruta existen hoy?", "Industria (aprobada en 2020), agricultura, pesca artesanal y acuicultura, y servicios."],
  ["¿Cuáles son las cadenas de valor prioritarias?", "La agrícola, la de plásticos y la textil. También se analizan residuos de construcción y aguas residuales."],
  ["¿Cómo registro una iniciativa?", "Desde el menú de iniciativas, con la organización que la lidera. Pueden indicar si buscan socios, financiamiento, tecnología o capacitación."],
  ["¿Pueden participar personas sin organización?", "Pueden crear una cuenta y conversar en el foro, pero las iniciativas y la firma del Pacto son de organizaciones."],
  ["¿Cómo se aprueban las organizaciones nuevas?", "Un coordinador revisa los datos (RUC, tipo de actor, región) y la aprueba o pide correcciones, normalmente en pocos días."],
  ["¿Qué pasa si mi organización está en revisión?", "Pueden completar el perfil mientras tanto. Les llega un aviso cuando se apruebe."],
  ["¿Los gobiernos regionales pueden tener su propia hoja de ruta?", "Sí, y algunos ya la están preparando. La plataforma les sirve para coordinar con los actores de su región."],
  ["¿Cómo se mide el avance del Pacto?", "Con los indicadores que reportan las iniciativas: residuos valorizados, agua reutilizada, empleos, personas capacitadas, entre otros."],
  ["¿Hay un informe anual del Pacto?", "Sí, se presenta en el Foro de Economía Circular de cada año."],
  ["¿El Foro de Economía Circular es parte del Pacto?", "El Foro existe desde 2018, antes del Pacto. Hoy es el principal encuentro anual de la alianza."],
  ["¿Puedo proponer un tema para el próximo Foro?", "Sí, abran un tema en la categoría General o escriban a los coordinadores."],
  ["¿La cooperación internacional financia iniciativas del Pacto?", "Algunas agencias tienen convocatorias. Se anuncian en el foro y en la sección de eventos."],
  ["¿Qué es un CITE y cómo puede ayudarnos?", "Los CITE son centros de innovación productiva y transferencia tecnológica. Ofrecen asistencia técnica, ensayos y capacitación."],
  ["¿Se puede firmar el Pacto en nombre de una asociación de productores?", "Sí, siempre que la asociación esté registrada como organización en la plataforma."],
  ["¿Cómo actualizo los datos de contacto de mi organización?", "Desde la página de la organización, opción editar. Solo sus responsables pueden hacerlo."],
  ["¿Puedo invitar a mis colegas a la organización?", "Sí, desde la sección de equipo de la organización pueden invitar por correo."],
  ["¿La plataforma está disponible en inglés?", "Sí, pueden cambiar el idioma desde el pie de página."],
  ["¿Qué diferencia hay entre un socio y un seguidor de una iniciativa?", "El socio participa con un rol (técnico, financiero, etc.); el seguidor solo recibe novedades."],
  ["¿Cómo reporto el avance de una iniciativa?", "Desde la página de la iniciativa, con una actualización que puede incluir indicadores."],
  ["¿Se pueden reportar iniciativas ya terminadas?", "Sí, regístrenlas con estado completado. Sirven como referencia para otras."],
  ["¿Qué pasa si mi iniciativa se cancela?", "Cambien el estado a cancelada e indiquen el motivo. Las lecciones también son útiles."],
  ["¿Cómo encuentro socios para mi iniciativa?", "Usen el buscador de organizaciones por región, hoja de ruta y cadena de valor, y marquen en la iniciativa qué buscan."],
  ["¿Las municipalidades pueden firmar?", "Sí. Varias municipalidades provinciales y distritales ya forman parte."],
  ["¿La firma del Pacto tiene vigencia?", "No vence, pero pedimos renovar el compromiso con un reporte anual."],
  ["¿Los datos de mi organización son públicos?", "El perfil, las iniciativas y la firma son públicos. Los datos de contacto de las personas no."],
  ["¿Cómo se eligen los coordinadores de la plataforma?", "Los designa el grupo impulsor de la alianza, con representación pública y privada."],
  ["¿Existe un código de conducta para el foro?", "Sí, está enlazado bajo cada caja de respuesta. Los temas se moderan según ese código."],
];

const ASKERS: Who[] = ["carmen", "luis", "ana", "juana", "yolanda", "manuel", "elena", "andrea", "rocio", "patricia", "ricardo"];
const ANSWERERS: Who[] = ["lucia", "jorge"];
const THANKS = [
  "Muy claro, gracias @{who}.",
  "¡Gracias, @{who}! Justo lo que necesitaba.",
  "Perfecto, queda claro.",
  "Gracias por la respuesta tan rápida.",
  "Entendido. Lo comparto con mi equipo.",
  "Thanks @{who}, that helps a lot.",
];
const ASK_AGAIN = [
  "Perdón si ya se preguntó, pero no lo encuentro:",
  "Una consulta, por si acaso:",
  "Soy nueva en la plataforma.",
  "Retomo una duda que tenemos en mi organización:",
];
const EXPERIENCE_OPENERS = [
  "Para sumar a la conversación:",
  "Comparto nuestra experiencia:",
  "Un dato que puede servir:",
  "Desde nuestra organización:",
];
const EXPERIENCES = [
  "firmamos el Pacto el año pasado y nos ayudó a ordenar nuestros indicadores.",
  "registramos dos iniciativas y en un mes encontramos un socio técnico.",
  "el reporte anual nos tomó menos de una hora con los datos que ya teníamos.",
  "participar en el Foro nos abrió contactos con compradores de material reciclado.",
  "usamos el buscador de organizaciones para encontrar un CITE en nuestra región.",
  "la firma del Pacto fue un argumento útil ante nuestro directorio.",
  "nos costó entender la diferencia entre hoja de ruta y Pacto; este hilo aclara mucho.",
  "las conversaciones de las iniciativas nos ahorran muchos correos.",
];
const EXPERIENCE_CLOSERS = ["", " Recomendado.", " Cualquier consulta, me escriben.", " Ojalá les sirva."];

/**
 * The long thread (≥ 300 posts, so pages and permalinks show in the demo): every question asked
 * and answered, a thank-you now and then, experiences in between; then the questions asked again
 * by others, answered by quoting the first answer (a link to an earlier page).
 */
export function pactQuestionsThread(random: () => number): ThreadSpec {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const posts: PostSpec[] = [];
  const firstAnswer = new Map<number, number>();
  const thanksFor = (asker: Who, answerer: Who) => {
    if (random() < 0.45) posts.push({ by: asker, body: pick(THANKS).replace("{who}", `{${answerer}}`) });
  };
  const experience = () => {
    if (random() < 0.55) {
      posts.push({ by: pick(ASKERS), body: `${pick(EXPERIENCE_OPENERS)} ${pick(EXPERIENCES)}${pick(EXPERIENCE_CLOSERS)}` });
    }
  };
  for (const round of [0, 1, 2]) {
    for (const [n, [question, answer]] of PACT_QA.entries()) {
      const asker = pick(ASKERS);
      const answerer = pick(ANSWERERS);
      const asked = posts.length + 1; // index in the thread: the opening post is 0
      posts.push({ by: asker, body: round === 0 ? question : `${pick(ASK_AGAIN)} ${question}` });
      if (round === 0) {
        firstAnswer.set(n, posts.length + 1);
        posts.push({ by: answerer, body: `@{${asker}} ${answer}`, quote: { of: asked, text: question } });
      } else {
        posts.push({
          by: answerer,
          body: `Lo respondimos más arriba, @{${asker}}:`,
          quote: { of: firstAnswer.get(n)!, text: answer },
        });
      }
      thanksFor(asker, answerer);
      experience();
    }
  }
  return {
    place: general,
    by: "lucia",
    start: 150,
    gapHours: 10,
    pinned: true,
    title: "Preguntas frecuentes sobre el Pacto Peruano por una Economía Circular",
    body: "Reunimos aquí las preguntas que más nos hacen sobre el Pacto y la plataforma. Pregunten con confianza: respondemos en este mismo hilo y las mejores respuestas pasan a la guía.",
    replies: posts.map((post): Reply => (post.quote ? [post.by, post.body, post.quote] : [post.by, post.body])),
  };
}
