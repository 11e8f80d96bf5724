import { and, asc, eq, gte, inArray, isNull, like, lt, ne, notInArray } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { asciiSlug } from "#app/.server/names.ts";
import { DELETED_ACCOUNT_EMAIL } from "./deleted-account.ts";

// Public handles for @mentions (issue 10, ADR 0013): lower-case ASCII letters, digits and dashes,
// at most HANDLE_MAX characters, unique (users.handle has a UNIQUE index). Derived from the name at
// sign-up ("Lucía Huamán" → "lucia-huaman", then "lucia-huaman-2"…); older accounts get one when
// migrations run (assignMissingHandles).

/** Longest handle, suffix included. */
export const HANDLE_MAX = 30;
/** What a handle looks like (without the @). */
export const HANDLE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?$/;
const FALLBACK = "persona";

type Writer = Pick<typeof db, "select" | "update">;

/** Cuts a dashed slug to `max` characters, at a dash when there is one, never ending in a dash. */
function cut(slug: string, max: number) {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max + 1);
  const boundary = head.lastIndexOf("-");
  return (boundary > 0 ? head.slice(0, boundary) : slug.slice(0, max)).replace(/-+$/, "");
}

/**
 * The handle a name would get before collisions: transliterated to ASCII (any script), lower-case,
 * words joined by dashes, at most HANDLE_MAX characters. "Lucía Huamán" → "lucia-huaman";
 * "Москва" → "moskva"; a name with nothing to spell → "persona".
 */
export function handleFor(name: string): string {
  return cut(asciiSlug(name), HANDLE_MAX) || FALLBACK;
}

/**
 * Gives a person the first free handle for their name ("ana-torres", "ana-torres-2", …) and
 * returns it. Pass the transaction the person is created in (sign-up), so the read of taken
 * handles and the write are one immediate step. One read, one write.
 */
export function assignHandle(userId: number, name: string, writer: Writer = db): string {
  const handle = freeHandle(writer, handleFor(name));
  writer.update(schema.users).set({ handle }).where(eq(schema.users.id, userId)).run();
  return handle;
}

/** Handles starting with `prefix`, as a range on the unique index ("luc" ≤ handle < "lud"). */
function startsWith(prefix: string) {
  const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return and(gte(schema.users.handle, prefix), lt(schema.users.handle, upper));
}

function freeHandle(reader: Pick<typeof db, "select">, base: string): string {
  const taken = new Set(
    reader
      .select({ handle: schema.users.handle })
      .from(schema.users)
      // Every handle starting with the base cut as short as any suffix up to "-9999" needs.
      .where(startsWith(cut(base, HANDLE_MAX - 5)))
      .all()
      .map((row) => row.handle),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = cut(base, HANDLE_MAX - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Assigns a handle to every account that has none (accounts older than issue 10, people created
 * by direct inserts in scripts and tests), in one immediate transaction. Returns how many were
 * given one. `database` defaults to the app's connection (db/migrate.ts passes its own).
 */
export function assignMissingHandles(database: typeof db = db): number {
  return database.transaction(
    (tx) => {
      const missing = tx
        .select({ id: schema.users.id, name: schema.users.name })
        .from(schema.users)
        // The deleted-account row (issue 13) has no name and must never be mentionable.
        .where(and(isNull(schema.users.handle), ne(schema.users.email, DELETED_ACCOUNT_EMAIL)))
        .orderBy(asc(schema.users.id))
        .all();
      for (const person of missing) assignHandle(person.id, person.name, tx);
      return missing.length;
    },
    { behavior: "immediate" },
  );
}

/**
 * People by handle, for resolving @mentions: `Map<handle, { id, name }>` holding only handles that
 * exist (lower-cased before the lookup). One indexed query; an empty map for no handles.
 */
export function usersByHandles(handles: readonly string[]): Map<string, { id: number; name: string }> {
  const wanted = [...new Set(handles.map((h) => h.toLowerCase()))].filter((h) => HANDLE_PATTERN.test(h));
  if (wanted.length === 0) return new Map();
  const rows = db
    .select({ id: schema.users.id, name: schema.users.name, handle: schema.users.handle })
    .from(schema.users)
    .where(inArray(schema.users.handle, wanted))
    .all();
  return new Map(rows.map((row) => [row.handle!, { id: row.id, name: row.name }]));
}

/**
 * Up to `limit` people for @mention autocomplete: first those whose handle starts with `prefix`,
 * then those with a later word of their name starting with it ("hua" finds "lucia-huaman"). The
 * prefix is folded like a handle ("Lucí" → "luci"). Shape: `{ handle, name }[]`. Two indexed reads
 * at most; [] for an empty prefix.
 */
export function handleSuggestions(prefix: string, limit = 8): Array<{ handle: string; name: string }> {
  const folded = asciiSlug(prefix).slice(0, HANDLE_MAX);
  if (!folded) return [];
  const columns = { handle: schema.users.handle, name: schema.users.name };
  const first = db
    .select(columns)
    .from(schema.users)
    .where(startsWith(folded))
    .orderBy(asc(schema.users.handle))
    .limit(limit)
    .all();
  const found = first.map((row) => ({ handle: row.handle!, name: row.name }));
  if (found.length >= limit) return found;
  const more = db
    .select(columns)
    .from(schema.users)
    .where(
      and(
        like(schema.users.handle, `%-${folded}%`),
        found.length > 0 ? notInArray(schema.users.handle, found.map((row) => row.handle)) : undefined,
      ),
    )
    .orderBy(asc(schema.users.handle))
    .limit(limit - found.length)
    .all();
  return [...found, ...more.map((row) => ({ handle: row.handle!, name: row.name }))];
}

/**
 * Names and handles of many people at once, for lists that show authors: `Map<id, { id, name,
 * handle, createdAt }>`; unknown ids are left out. One indexed query; an empty map for no ids.
 */
export function peopleByIds(ids: readonly number[]): Map<number, { id: number; name: string; handle: string | null; createdAt: Date }> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = db
    .select({ id: schema.users.id, name: schema.users.name, handle: schema.users.handle, createdAt: schema.users.createdAt })
    .from(schema.users)
    .where(inArray(schema.users.id, wanted))
    .all();
  return new Map(rows.map((row) => [row.id, row]));
}
