import { sqlite } from "#app/.server/db.ts";

/** The groups of tables counted in `data_versions` (db/schema/data-versions.ts, migrations 0007 and 0008). */
export type DataGroup = "organisations" | "initiatives" | "events" | "people" | "discussions";

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
): (argument: A) => R {
  const cache = new Map<string, Entry>();
  return (argument: A) => {
    if (sqlite.inTransaction) return compute(argument);
    const key = JSON.stringify(argument) ?? "";
    const version = dataVersion(groups);
    const known = cache.get(key);
    cache.delete(key);
    if (known && known.version === version) {
      cache.set(key, known);
      return known.value as R;
    }
    const value = deepFreeze(compute(argument));
    cache.set(key, { version, value });
    if (cache.size > entries) cache.delete(cache.keys().next().value!);
    return value;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
