import type { ServerBuild } from "@remix-run/node";
import { getLocale } from "#app/.server/i18n.ts";
import { errorPageHtml } from "#app/.server/security.ts";

// When SQLite cannot do its work for reasons outside the request — the disk is full, the file
// system turned read-only, an I/O error, or another writer held the lock past the 5 s busy
// timeout — the request is answered 503 with Retry-After and a page saying so (issue 14), never a
// 500: nothing is wrong with what the person sent, and trying again later can work. The mapping
// happens in one place, `answerDatabaseTroubleWith503`, which server/index.ts applies to every
// loader and action of the Remix build. /healthz reports the same conditions (health.ts).

/** Why the database could not serve a request: the kind of trouble, not a bug. */
export type DatabaseTrouble = "full" | "read-only" | "io-error" | "busy";

/** Seconds a client is told to wait (Retry-After) when the database is in trouble. */
export const DATABASE_RETRY_AFTER_SECONDS = 30;

/** The SQLite result code of an error (better-sqlite3's `SqliteError.code`, also behind Drizzle's wrapper). */
function sqliteCode(error: unknown): string | undefined {
  for (let at: unknown = error, depth = 0; at instanceof Error && depth < 3; at = at.cause, depth += 1) {
    const code = (at as Error & { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_")) return code;
  }
  return undefined;
}

/**
 * The trouble an error stands for, or null when it is not one (a constraint, a bug): SQLITE_FULL,
 * SQLITE_READONLY*, SQLITE_IOERR* and SQLITE_BUSY* (the busy timeout ran out) are troubles.
 */
export function databaseTrouble(error: unknown): DatabaseTrouble | null {
  const code = sqliteCode(error);
  if (!code) return null;
  if (code === "SQLITE_FULL") return "full";
  if (code === "SQLITE_READONLY" || code.startsWith("SQLITE_READONLY_")) return "read-only";
  if (code === "SQLITE_IOERR" || code.startsWith("SQLITE_IOERR_")) return "io-error";
  if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_")) return "busy";
  return null;
}

/** The last trouble seen by this process, shared by the server bundle and the Remix build (two copies of this module). */
type TroubleSeen = { trouble: DatabaseTrouble; code: string; at: number };
const shared = globalThis as unknown as { __databaseTrouble?: TroubleSeen };

/** The last database trouble met in this process, if it was less than `withinMs` ago and not cleared since. */
export function recentDatabaseTrouble(withinMs = 60_000, now = Date.now()): TroubleSeen | undefined {
  const seen = shared.__databaseTrouble;
  return seen && now - seen.at <= withinMs ? seen : undefined;
}

/** Records `error` as the last trouble seen (when it is one); returns its kind, or null. */
export function noteDatabaseTrouble(error: unknown): DatabaseTrouble | null {
  const trouble = databaseTrouble(error);
  if (trouble) shared.__databaseTrouble = { trouble, code: sqliteCode(error)!, at: Date.now() };
  return trouble;
}

/** Forgets the last trouble: the database took a write again (health.ts). */
export function clearDatabaseTrouble() {
  shared.__databaseTrouble = undefined;
}

/** The translated 503 page (Spanish unless the request asks for English) with Retry-After, never cached. */
export function databaseUnavailablePage(request: Request) {
  return new Response(errorPageHtml(getLocale(request), 503), {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}

type Handler = (args: { request: Request }) => unknown;

/**
 * A copy of a Remix server build whose every loader and action answers a database trouble with
 * `respond(request)` (thrown, so a page route shows its error boundary with that status, and a
 * resource route sends it as it is), after logging it in one line and recording it for /healthz.
 * Any other error passes through unchanged.
 */
export function answerDatabaseTroubleWith503(build: ServerBuild, respond: (request: Request) => Response): ServerBuild {
  const wrap = (handler: Handler): Handler => async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      const trouble = noteDatabaseTrouble(error);
      if (!trouble) throw error;
      const code = sqliteCode(error)!;
      const url = new URL(args.request.url);
      console.error(`Database unavailable (${code}: ${trouble}) during ${args.request.method} ${url.pathname}; answered 503`);
      throw respond(args.request);
    }
  };
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = { ...route.module };
      if (module.loader) module.loader = wrap(module.loader as Handler) as typeof module.loader;
      if (module.action) module.action = wrap(module.action as Handler) as typeof module.action;
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}
