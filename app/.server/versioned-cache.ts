import { sqlite } from "#app/.server/db.ts";

/** The groups of tables counted in `data_versions` (db/schema/data-versions.ts, migrations 0007 and 0008). */
export type DataGroup = "organisations" | "initiatives" | "events" | "people" | "discussions" | "exchange";

/** How many distinct arguments one cached function remembers (least recently used dropped first). */
export const VERSIONED_CACHE_ENTRIES = 500;

/**
 * The current counters of the given groups, as one string (e.g. "12.40"). One indexed read of a
 * two-row table. Triggers bump a group's counter inside every writing transaction, so the string
 * changes as soon as any table of the groups changes, whichever process wrote.
 */
export function dataVersion(groups: readonly DataGroup[]): string {
  const rows = sqlite.prepare("SELECT name, version FROM data_versions").all() as Array<{ name: string; version: number }>;
  return groups.map((group) => rows.find((row) => row.name === group)?.version ?? 0).join(".");
}

type Entry = { version: string; value: unknown };

/**
 * Wraps a read-only query function so that its result is computed once per argument and reused
 * until one of `groups` changes (issue 9: listings and facet counts that do not rescan the tables
 * on every request). `compute` must read only tables of those groups (a test checks each use).
 *
 * - The argument is the cache key, through JSON.stringify: pass normalised, parsed values.
 * - Results are deep-frozen: callers share them and must not mutate them.
 * - Inside a transaction the cache is bypassed, so uncommitted rows are never remembered.
 * - At most `entries` arguments are kept per function; the least recently used goes first.
 */
export function versionedCache<A, R>(
  groups: readonly DataGroup[],
  compute: (argument: A) => R,
  entries = VERSIONED_CACHE_ENTRIES,
): VersionedCache<A, R> {
  const cache = new Map<string, Entry>();
  const lookup = (argument: A): CacheLookup<R> => {
    if (sqlite.inTransaction) return { hit: false, version: null };
    const key = JSON.stringify(argument) ?? "";
    const version = dataVersion(groups);
    const known = cache.get(key);
    cache.delete(key);
    if (known && known.version === version) {
      cache.set(key, known);
      return { hit: true, value: known.value as R };
    }
    return { hit: false, version };
  };
  const store = (argument: A, version: string | null, value: R): R => {
    if (version === null) return value;
    const frozen = deepFreeze(value);
    cache.set(JSON.stringify(argument) ?? "", { version, value: frozen });
    if (cache.size > entries) cache.delete(cache.keys().next().value!);
    return frozen;
  };
  const read = (argument: A) => {
    const found = lookup(argument);
    return found.hit ? found.value : store(argument, found.version, compute(argument));
  };
  return Object.assign(read, { lookup, store });
}

/** A cached value, or the data version to store a fresh one under (null: inside a transaction, not to be stored). */
export type CacheLookup<R> = { hit: true; value: R } | { hit: false; version: string | null };

/**
 * A versionedCache function, plus its two halves for a caller that computes the value itself
 * (e.g. folded into statements it runs anyway): `lookup(argument)` (one statement: the version)
 * and `store(argument, version, value)`, which must be given the version `lookup` returned, read
 * before the value was computed, so a write in between makes the next lookup miss.
 */
export type VersionedCache<A, R> = ((argument: A) => R) & {
  lookup: (argument: A) => CacheLookup<R>;
  store: (argument: A, version: string | null, value: R) => R;
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
