import { and, eq, inArray, sql } from "drizzle-orm";
import type { SessionUser } from "../app/.server/auth/index.ts";
import { assignMissingHandles } from "../app/.server/auth/handles.ts";
import "../app/.server/discussion-parents.ts";
import {
  editPost,
  ensureDefaultCategories,
  flagPost,
  listAllCategories,
  markRead,
  moderateThread,
  reply,
  startThread,
  toggleReaction,
  type Place,
} from "../app/.server/discussions/index.ts";
import { clearEnvCache } from "../app/.server/env.ts";
import { slugify } from "../app/.server/names.ts";
import { REACTIONS } from "../app/features/discussions/taxonomy.ts";
import { translate } from "../app/i18n.ts";
import type { AppDatabase } from "./connection.ts";
import { DEMO_KEYS, DISCUSSION_PEOPLE, pactQuestionsThread, THREADS, type ThreadSpec, type Who } from "./seed-discussions-threads.ts";
import { users } from "./schema/auth.ts";
import { discussionThreads } from "./schema/discussions.ts";
import { mailQueue, outbox } from "./schema/mail.ts";
import { events } from "./schema/events.ts";
import { initiatives } from "./schema/initiatives.ts";
import { organisationMembers, organisations } from "./schema/organisations.ts";

// Demo discussions (issue 10): forum categories, and threads in them and on initiatives and events,
// written through the discussion feature's own mutations (so counters, handles, rendered markdown,
// follows, read marks and notifications are what the app makes), each at its own moment in the past
// (the mutations take the time as an argument). Runs after the other seeds. Not run again over
// itself: when the long thread exists, it leaves the discussions as they are.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** When the demo accounts and the discussion people joined (the platform launched in 2022). */
export const DEMO_ACCOUNTS_SINCE = new Date("2022-03-01T14:00:00Z");

/** A Lima local time "YYYY-MM-DDTHH:MM" as a UTC instant. */
const lima = (local: string) => new Date(`${local}:00-05:00`);

/** The same small linear congruential generator as the benchmark data, for a repeatable demo. */
function randomSource(seed: number) {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return { random, pick };
}

type Person = { user: SessionUser; handle: string; organisationId: number | null };

/** The forum category of a thread spec's key: "general", "announcements", "roadmap:<r>", "value_chain:<c>". */
function categorySlug(key: string) {
  const [kind, code] = key.split(":") as [string, string | undefined];
  if (kind === "general") return "general";
  if (kind === "announcements") return "anuncios";
  // As ensureDefaultCategories names them, from the Spanish name of the roadmap or value chain.
  if (kind === "roadmap") return `hoja-de-ruta-${slugify(translate("es", `org.roadmap.${code}` as never), code)}`;
  return `cadena-${slugify(translate("es", `org.chain.${code}` as never), code)}`;
}

/** The people added for discussions: accounts (password `passwordHash`), members of their organisation. */
function seedPeople(db: AppDatabase, passwordHash: string) {
  db.transaction(
    (tx) => {
      for (const person of DISCUSSION_PEOPLE) {
        const values = { email: person.email, name: person.name, role: "member" as const, locale: person.locale ?? ("es" as const), passwordHash };
        const row = tx
          .insert(users)
          .values({ ...values, emailVerifiedAt: DEMO_ACCOUNTS_SINCE, createdAt: DEMO_ACCOUNTS_SINCE })
          .onConflictDoUpdate({ target: users.email, set: values })
          .returning({ id: users.id })
          .get();
        if (!person.organisation) continue;
        const organisation = tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, person.organisation)).get();
        if (!organisation) throw new Error(`Demo organisation ${person.organisation} is missing; seed organisations first.`);
        tx.insert(organisationMembers).values({ organisationId: organisation.id, userId: row.id, role: "member" }).onConflictDoNothing().run();
      }
    },
    { behavior: "immediate" },
  );
  assignMissingHandles(db);
}

/** Every writer by key, as a session would present them, with their handle and organisation. */
function loadPeople(db: AppDatabase): Map<Who, Person> {
  const keys = new Map<string, Who>([...Object.entries(DEMO_KEYS), ...DISCUSSION_PEOPLE.map((p) => [p.email, p.key] as const)]);
  const rows = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      emailVerifiedAt: users.emailVerifiedAt,
      privacyNoticeVersion: users.privacyNoticeVersion,
      handle: users.handle,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(inArray(users.email, [...keys.keys()]))
    .all();
  const memberships = db
    .select({ userId: organisationMembers.userId, organisationId: organisationMembers.organisationId })
    .from(organisationMembers)
    .innerJoin(organisations, and(eq(organisations.id, organisationMembers.organisationId), eq(organisations.status, "approved")))
    .where(inArray(organisationMembers.userId, rows.map((r) => r.id)))
    .all();
  const people = new Map<Who, Person>();
  for (const { handle, createdAt, ...user } of rows) {
    if (!handle) throw new Error(`${user.email} has no handle`);
    if (createdAt > DEMO_ACCOUNTS_SINCE) throw new Error(`${user.email} joined after the demo discussions start; seed users with DEMO_ACCOUNTS_SINCE`);
    people.set(keys.get(user.email)!, { user, handle, organisationId: memberships.find((m) => m.userId === user.id)?.organisationId ?? null });
  }
  for (const key of keys.values()) if (!people.has(key)) throw new Error(`Demo person "${key}" is missing; seed users first.`);
  return people;
}

/** Fails the seed with what was refused: demo data the rules refuse is a bug in the demo data. */
function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`Demo discussions: ${what} was refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** The moments of a thread's posts: its start, then one every `gap` hours (drawn), all before `now`. */
function postTimes(spec: ThreadSpec, posts: number, now: number, random: () => number) {
  const start = typeof spec.start === "string" ? lima(spec.start).getTime() : now - spec.start * DAY_MS - Math.floor(random() * 10) * HOUR_MS;
  const latest = now - HOUR_MS;
  let gap = (spec.gapHours ?? 2 + random() * 18) * HOUR_MS;
  if (posts > 1 && start + (posts - 1) * gap > latest) gap = (latest - start) / (posts - 1);
  // Each post somewhere in the first half of its slot, so they stay in order.
  return Array.from({ length: posts }, (_, n) => new Date(Math.floor(start + n * gap + (n === 0 ? 0 : random() * gap * 0.5))));
}

const fill = (text: string, people: Map<Who, Person>) =>
  text.replace(/@\{(\w+)\}/g, (_, key: Who) => {
    const person = people.get(key);
    if (!person) throw new Error(`Unknown person @{${key}} in the demo discussions`);
    return `@${person.handle}`;
  });

/**
 * Seeds the demo discussions; returns how many threads and posts it wrote (0 and 0 when they were
 * there already). `passwordHash` is the demo password's, for the people added for discussions.
 */
export function seedDiscussions(db: AppDatabase, passwordHash: string): { threads: number; posts: number } {
  seedPeople(db, passwordHash);
  ensureDefaultCategories();
  const { random, pick } = randomSource(2026);
  const long = pactQuestionsThread(random);
  if (long.replies.length < 300) throw new Error(`The long demo thread has ${long.replies.length + 1} posts; it needs 300 at least`);
  const seeded = db.select({ id: discussionThreads.id }).from(discussionThreads).where(eq(discussionThreads.title, long.title)).get();
  if (seeded) return { threads: 0, posts: 0 };

  return withoutMail(db, () => writeThreads(db, long, random, pick));
}

/**
 * Runs `write` with mail kept in the local outbox whatever the environment says (the demo's
 * notifications must never reach a real mail server), then removes the mail it produced: a
 * fresh demo should not hold thousands of messages about months-old posts, nor send them as
 * digests. The in-app notifications stay. The outbox lines in the terminal are left out too.
 */
export function withoutMail<T>(db: AppDatabase, write: () => T): T {
  const lastId = (table: typeof outbox | typeof mailQueue) => db.select({ id: sql<number>`coalesce(max(${table.id}), 0)` }).from(table).get()!.id;
  const before = { outbox: lastId(outbox), queue: lastId(mailQueue) };
  const environment = { SMTP_URL: process.env.SMTP_URL, MAIL_TRANSPORT: process.env.MAIL_TRANSPORT };
  delete process.env.SMTP_URL;
  process.env.MAIL_TRANSPORT = "outbox";
  clearEnvCache();
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (typeof args[0] !== "string" || !args[0].startsWith("[mail outbox]")) log(...args);
  };
  try {
    return write();
  } finally {
    console.log = log;
    for (const [name, value] of Object.entries(environment)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    clearEnvCache();
    db.transaction(
      (tx) => {
        tx.delete(outbox).where(sql`${outbox.id} > ${before.outbox}`).run();
        tx.delete(mailQueue).where(sql`${mailQueue.id} > ${before.queue}`).run();
      },
      { behavior: "immediate" },
    );
  }
}

function writeThreads(db: AppDatabase, long: ThreadSpec, random: () => number, pick: <T>(list: readonly T[]) => T) {
  const people = loadPeople(db);
  const categories = new Map(listAllCategories().map((c) => [c.slug, c.id]));
  const parentIds = (table: typeof initiatives | typeof events) => new Map(db.select({ id: table.id, slug: table.slug }).from(table).all().map((r) => [r.slug, r.id]));
  const initiativeIds = parentIds(initiatives);
  const eventIds = parentIds(events);
  const placeOf = (spec: ThreadSpec): Place => {
    const found =
      "category" in spec.place
        ? { kind: "category" as const, categoryId: categories.get(categorySlug(spec.place.category)) }
        : "initiative" in spec.place
          ? { kind: "parent" as const, type: "initiative" as const, id: initiativeIds.get(spec.place.initiative) }
          : { kind: "parent" as const, type: "event" as const, id: eventIds.get(spec.place.event) };
    const id = "categoryId" in found ? found.categoryId : found.id;
    if (id === undefined) throw new Error(`Demo thread "${spec.title}": no such place ${JSON.stringify(spec.place)}`);
    return { ...found, ...("categoryId" in found ? { categoryId: id } : { id }) } as Place;
  };

  const now = Date.now();
  const coordinator = people.get("lucia")!.user;
  const everyone = [...people.keys()];
  const threads: Array<{ id: number; posts: number[]; last: Date }> = [];
  // Oldest first, so ids follow time as they would on a real forum.
  const specs = [...THREADS, long]
    .map((spec) => ({ spec, times: postTimes(spec, spec.replies.length + 1, now, random) }))
    .sort((a, b) => a.times[0]!.getTime() - b.times[0]!.getTime());
  let posts = 0;
  for (const { spec, times } of specs) {
    const author = people.get(spec.by)!;
    const started = must(
      startThread(author.user, placeOf(spec), { title: spec.title, body: fill(spec.body, people), organisationId: author.organisationId }, times[0]),
      `thread "${spec.title}"`,
    );
    const ids = [started.postId];
    for (const [n, [by, body, quote]] of spec.replies.entries()) {
      const quoted = quote ? `> ${quote.text}\n\n` : "";
      const written = must(
        reply(people.get(by)!.user, started.threadId, { body: quoted + fill(body, people), quotedPostId: quote ? ids[quote.of] : null }, times[n + 1]),
        `reply ${n + 1} in "${spec.title}"`,
      );
      ids.push(written.postId);
    }
    // A few reactions, more on the announcements everyone reads.
    for (const [n, postId] of ids.entries()) {
      const writer = n === 0 ? spec.by : spec.replies[n - 1]![0];
      const chance = spec.pinned && n === 0 ? 1 : spec === long ? 0.12 : 0.35;
      if (random() >= chance) continue;
      const reactors = new Set(Array.from({ length: spec.pinned && n === 0 ? 9 : 1 + Math.floor(random() * 3) }, () => pick(everyone)));
      reactors.delete(writer);
      for (const who of reactors) must(toggleReaction(people.get(who)!.user, postId, pick(REACTIONS)), `a reaction in "${spec.title}"`);
    }
    const last = times[times.length - 1]!;
    if (spec.pinned) must(moderateThread(coordinator, started.threadId, "pin", "", new Date(times[0]!.getTime() + HOUR_MS)), `pinning "${spec.title}"`);
    if (spec.locked) must(moderateThread(coordinator, started.threadId, "lock", "Resuelto.", new Date(last.getTime() + HOUR_MS)), `locking "${spec.title}"`);
    threads.push({ id: started.threadId, posts: ids, last });
    posts += ids.length;
  }

  // An edited post (its earlier text kept for coordinators) and a flag waiting in the moderation queue.
  const priceThread = threads[specs.findIndex(({ spec }) => spec.title === "Precio del PET post consumo en regiones")]!;
  must(
    editPost(people.get("luis")!.user, priceThread.posts[0]!, "¿A cuánto están pagando el kilo de PET en sus regiones? En Piura está entre S/ 0.80 y S/ 1.10 según limpieza y si viene compactado.", new Date(priceThread.last.getTime() - 2 * HOUR_MS)),
    "an edit",
  );
  const flagged = threads[specs.findIndex(({ spec }) => spec.title.startsWith("Bolsas plásticas"))]!;
  must(flagPost(people.get("andrea")!.user, flagged.posts[1]!, "off_topic", "Parece publicidad de una empresa.", new Date(flagged.last.getTime() + DAY_MS)), "a flag");

  // Read marks: the demo member (and the coordinators) have read most threads, some only part way,
  // so lists show what is new for them.
  for (const key of ["carmen", "lucia", "jorge"] as const) {
    const userId = people.get(key)!.user.id;
    for (const thread of threads) {
      const draw = random();
      if (draw < 0.6) markRead(userId, thread.id, thread.posts.length);
      else if (draw < 0.8) markRead(userId, thread.id, 1 + Math.floor(random() * thread.posts.length));
    }
  }

  backdateWhatTheMutationsStampedNow(db, threads.flatMap((t) => t.posts), now);
  return { threads: threads.length, posts };
}

/**
 * Rows the mutations write with the present time (reactions, notifications, read marks, follows)
 * get the moment of what they refer to. Seed data only, in one transaction.
 */
function backdateWhatTheMutationsStampedNow(db: AppDatabase, postIds: number[], now: number) {
  const posts = sql.join(postIds.map((id) => sql`${id}`), sql`, `);
  const threads = sql`SELECT DISTINCT thread_id FROM discussion_posts WHERE id IN (${posts})`;
  const seeded = sql`((subject_type = 'post' AND subject_id IN (${posts})) OR (subject_type = 'thread' AND subject_id IN (${threads})))`;
  db.transaction(
    (tx) => {
      tx.run(sql`UPDATE discussion_reactions SET created_at = (SELECT created_at + 3600000 FROM discussion_posts p WHERE p.id = post_id) WHERE post_id IN (${posts})`);
      tx.run(sql`UPDATE notifications SET created_at = (SELECT created_at FROM discussion_posts p WHERE p.id = subject_id) WHERE subject_type = 'post' AND subject_id IN (${posts})`);
      tx.run(sql`UPDATE notifications SET created_at = (SELECT t.created_at FROM discussion_threads t WHERE t.id = subject_id) WHERE subject_type = 'thread' AND subject_id IN (${threads})`);
      // Their mail was not kept (withoutMail), and no digest is owed for them; what happened more
      // than a week ago has been seen.
      tx.run(sql`UPDATE notifications SET email_state = 'sent' WHERE email_state IS NOT NULL AND ${seeded}`);
      tx.run(sql`UPDATE notifications SET read_at = created_at + ${DAY_MS} WHERE read_at IS NULL AND created_at < ${now - 7 * DAY_MS} AND ${seeded}`);
      tx.run(sql`UPDATE discussion_follows SET created_at = (SELECT t.created_at FROM discussion_threads t WHERE t.id = thread_id) WHERE thread_id IN (${threads})`);
      tx.run(sql`UPDATE discussion_reads SET updated_at = (SELECT t.last_post_at FROM discussion_threads t WHERE t.id = thread_id) WHERE thread_id IN (${threads})`);
    },
    { behavior: "immediate" },
  );
}
