// Shared by query-counts.test.ts and query-plans.test.ts (issue 9): a recorder of the SQL
// statements better-sqlite3 executes, a world with everything the main pages show, and generated
// rows so the query planner chooses as it would on a real database.
import { eq } from "drizzle-orm";
import { db, schema, sqlite } from "#app/.server/db.ts";
import { addSession, createEvent, publishEvent } from "#app/.server/events/index.ts";
import { register } from "#app/.server/events/mutations.ts";
import { proposeInitiative, setFollowing } from "#app/.server/initiatives/index.ts";
import { changeInitiativeStatus, postProgressUpdate, requestToJoin, respondToPartnership } from "#app/.server/initiatives/mutations.ts";
import { notify } from "#app/.server/notifications/index.ts";
import "#app/.server/notification-kinds.ts";
import { signPact } from "#app/.server/organisations/index.ts";
import { eventInput } from "#tests/factories/events.ts";
import { generateBulk } from "../../scripts/bench-data.ts";
import { makeInitiativeInput } from "./initiative-world.ts";
import { addMember, makeOrganisation, makePerson } from "./world.ts";

// ---- Recording statements --------------------------------------------------------------------

/** One statement as better-sqlite3 ran it: its SQL text and the arguments it was bound with. */
export type ExecutedStatement = { source: string; params: unknown[] };

type Patchable = Record<string, (this: { source: string }, ...args: unknown[]) => unknown>;

/**
 * Runs `run` and records every SQL statement executed meanwhile, the way the HTTP benchmark counts
 * them (scripts/bench-sql-preload.mjs): Statement#run/get/all/iterate (Database#pragma goes through
 * them) and Database#exec, patched on the prototypes the app's own statements share, so nothing in
 * the app is stubbed. Statements prepared but never executed are not counted; the BEGIN/COMMIT
 * that Database#transaction issues natively are not seen (GET loaders write nothing).
 */
export async function recordStatements<T>(run: () => T | Promise<T>): Promise<{ result: T; statements: ExecutedStatement[] }> {
  const statements: ExecutedStatement[] = [];
  const statementPrototype = Object.getPrototypeOf(sqlite.prepare("SELECT 1")) as Patchable;
  const databasePrototype = Object.getPrototypeOf(sqlite) as Patchable;
  const originals: Array<[Patchable, string, Patchable[string]]> = [];
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = statementPrototype[method]!;
    originals.push([statementPrototype, method, original]);
    statementPrototype[method] = function (...args) {
      statements.push({ source: this.source, params: args });
      return original.apply(this, args);
    };
  }
  const exec = databasePrototype.exec!;
  originals.push([databasePrototype, "exec", exec]);
  databasePrototype.exec = function (...args) {
    statements.push({ source: String(args[0]), params: [] });
    return exec.apply(this, args);
  };
  try {
    const result = await run();
    return { result, statements };
  } finally {
    for (const [target, method, original] of originals) target[method] = original;
  }
}

// ---- A world with everything the main pages show ---------------------------------------------

/**
 * One approved organisation in Lima (operating in Cusco and Arequipa, on two roadmaps and two value
 * chains, Pact signed) with an owner and a plain member; a partner organisation; an open
 * initiative it leads ("Reciclaje…", agriculture, seeking financing, in Cusco) with needs,
 * regions, chains, an active partner, a status change, two progress updates with indicator values
 * and a follower; a published event co-organised by both organisations with two sessions and
 * speakers, roadmaps, value chains and three registrations. The member (`member.cookie`) follows
 * the initiative, is registered for the event and has one unread notification.
 */
export function makePageWorld() {
  const owner = makePerson();
  const organisation = makeOrganisation(owner, "approved", {
    hqRegion: "LMA",
    operatingRegions: ["CUS", "ARE"],
    roadmaps: ["industry", "agriculture"],
    valueChains: ["plastics", "agricultural"],
    description: "Recicladora que valoriza residuos plásticos y agrícolas.",
  });
  const signed = signPact(organisation.id, owner.user.id, { signerName: "Gerencia general", signerPosition: "Gerente general" });
  if (!signed.ok) throw new Error("could not sign the Pact");
  const member = makePerson();
  addMember(organisation.id, member, "member");

  const partnerOwner = makePerson();
  const partner = makeOrganisation(partnerOwner, "approved", { hqRegion: "CUS", actorType: "service_provider" });

  const proposed = proposeInitiative(
    owner.user.id,
    makeInitiativeInput(organisation.id, {
      title: `Reciclaje de residuos agrícolas en Cusco ${crypto.randomUUID().slice(0, 6)}`,
      summary: "Compost y bioplásticos a partir de residuos de cosecha.",
      roadmap: "agriculture",
      regions: ["CUS", "LMA"],
      valueChains: ["agricultural", "plastics"],
      needs: ["partners", "financing", "technology"],
      technologyNote: "Biodigestores",
    }),
  );
  if (!proposed.ok) throw new Error("could not propose the initiative");
  const initiative = proposed.initiative;
  must(changeInitiativeStatus(initiative.id, owner.user.id, "open"));
  const asked = requestToJoin(initiative.id, partnerOwner.user.id, { organisationId: partner.id, role: "technical", message: "Podemos ayudar" });
  if (!asked.ok) throw new Error("could not request to join");
  must(respondToPartnership(asked.partnerId, owner.user.id, "accept"));
  must(
    postProgressUpdate(initiative.id, owner.user.id, {
      organisationId: organisation.id,
      reportedOn: "2026-03-01",
      body: "Primera cosecha **compostada**.",
      indicators: { waste_diverted_t: "12.5", jobs_created: "4" },
    }),
  );
  must(
    postProgressUpdate(initiative.id, partnerOwner.user.id, {
      organisationId: partner.id,
      reportedOn: "2026-04-01",
      body: "Capacitación a productores.",
      indicators: { people_trained: "35", waste_diverted_t: "3" },
    }),
  );
  setFollowing(initiative.id, member.user.id, true);

  const coordinator = makePerson("coordinator");
  const created = createEvent(
    coordinator.user.id,
    eventInput({ organisers: [organisation.id, partner.id], roadmaps: ["industry", "agriculture"], valueChains: ["plastics"], capacity: 50 }),
  );
  must(publishEvent(created.id));
  addSession(created.id, {
    startsAt: "2031-03-10T09:00",
    endsAt: "2031-03-10T10:30",
    title: "Apertura",
    description: "",
    speakers: `Rosa Quispe | Gerente | ${organisation.name}\nLuis Ramírez | Investigador | Otra entidad`,
  });
  addSession(created.id, { startsAt: "2031-03-10T11:00", endsAt: "2031-03-10T13:00", title: "Taller", description: "", speakers: "Ana Torres | Facilitadora" });
  must(register(created.id, member.user.id, { organisationId: organisation.id, answers: [] }));
  must(register(created.id, owner.user.id, { answers: [] }));
  must(register(created.id, partnerOwner.user.id, { organisationId: partner.id, answers: [] }));
  const event = db.select({ id: schema.events.id, slug: schema.events.slug }).from(schema.events).where(eq(schema.events.id, created.id)).get()!;

  notify({ type: "initiative.update", recipients: [member.user.id], subject: { type: "initiative", id: initiative.id } });
  return { owner, member, organisation, partner, initiative, event };
}

export type PageWorld = ReturnType<typeof makePageWorld>;

function must(result: { ok: boolean }) {
  if (!result.ok) throw new Error(`setup step refused: ${JSON.stringify(result)}`);
}

// ---- Generated rows --------------------------------------------------------------------------

/**
 * Adds generated organisations, initiatives and events with their facets, updates and programmes
 * (the benchmark's own generator, scripts/bench-data.ts `generateBulk`), then people with
 * notifications, with a fixed seed. Deliberately no ANALYZE: production never runs it, so plans
 * must hold without statistics.
 */
export function addGeneratedRows(counts: { organisations: number; initiatives: number; events: number; people: number }, seed = 7) {
  const now = Date.now();
  generateBulk(sqlite, counts, seed, now);
  const insertUser = sqlite.prepare("INSERT INTO users (email, name, password_hash, role) VALUES (?, ?, 'not-used', 'member')");
  const insertNotification = sqlite.prepare(
    "INSERT INTO notifications (user_id, type, data, link, created_at) VALUES (?, 'ini.notice.update', '{}', '/initiatives', ?)",
  );
  sqlite.transaction(() => {
    for (let n = 1; n <= counts.people; n++) {
      const userId = Number(insertUser.run(`gen-${seed}-${now}-${n}@prueba.pe`, `Persona generada ${n}`).lastInsertRowid);
      for (let k = 0; k < 3; k++) insertNotification.run(userId, now - k * 60_000);
    }
  })();
}
