import { sqlite } from "#app/.server/db.ts";

/** How many SQL statements `run` prepares: to check a page's work does not grow with its rows. */
export function countQueries(run: () => void) {
  const original = sqlite.prepare.bind(sqlite);
  let n = 0;
  sqlite.prepare = ((source: string) => {
    n += 1;
    return original(source);
  }) as typeof sqlite.prepare;
  try {
    run();
  } finally {
    sqlite.prepare = original;
  }
  return n;
}
