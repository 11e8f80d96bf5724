// The matrix rows of the open data API (api.v1.*): it is read-only, so every write — POST, PUT,
// PATCH, DELETE, with or without a session — answers 405 and changes nothing.
import { count, eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { all, attempt, type Row } from "../matrix.ts";

const first = <T>(rows: T[], what: string) => {
  if (!rows[0]) throw new Error(`the seeded database has no ${what}`);
  return rows[0];
};

type Target = { path: string; row?: () => unknown };

const event = () => first(db.select().from(schema.events).where(eq(schema.events.status, "published")).limit(1).all(), "published event");
const initiative = () => first(db.select().from(schema.initiatives).where(eq(schema.initiatives.status, "open")).limit(1).all(), "open initiative");
const organisation = () => first(db.select().from(schema.organisations).where(eq(schema.organisations.status, "approved")).limit(1).all(), "approved organisation");
const thread = () => first(db.select().from(schema.discussionThreads).limit(1).all(), "thread");

/** Where each API route answers on the seeded database, and the row a write there would be about. */
const TARGETS: Record<string, () => Target> = {
  "api.v1.$": () => ({ path: "/api/v1/no-such-endpoint" }),
  "api.v1.events": () => ({ path: "/api/v1/events" }),
  "api.v1.events_.$slug": () => {
    const { id, slug } = event();
    return { path: `/api/v1/events/${slug}`, row: () => db.select().from(schema.events).where(eq(schema.events.id, id)).get() };
  },
  "api.v1.initiatives": () => ({ path: "/api/v1/initiatives" }),
  "api.v1.initiatives_.$slug": () => {
    const { id, slug } = initiative();
    return { path: `/api/v1/initiatives/${slug}`, row: () => db.select().from(schema.initiatives).where(eq(schema.initiatives.id, id)).get() };
  },
  "api.v1.openapi[.]json": () => ({ path: "/api/v1/openapi.json" }),
  "api.v1.organisations": () => ({ path: "/api/v1/organisations" }),
  "api.v1.organisations_.$slug": () => {
    const { id, slug } = organisation();
    return { path: `/api/v1/organisations/${slug}`, row: () => db.select().from(schema.organisations).where(eq(schema.organisations.id, id)).get() };
  },
  "api.v1.threads": () => ({ path: "/api/v1/threads" }),
  "api.v1.threads_.$id": () => {
    const { id } = thread();
    return { path: `/api/v1/threads/${id}`, row: () => db.select().from(schema.discussionThreads).where(eq(schema.discussionThreads.id, id)).get() };
  },
};

/** How many rows the public tables hold (a write through the API would add, or remove, some). */
function publicTables() {
  const tables = { organisations: schema.organisations, initiatives: schema.initiatives, events: schema.events, threads: schema.discussionThreads, posts: schema.discussionPosts };
  return Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, db.select({ n: count() }).from(table).get()!.n]));
}

export const API_ROUTES = Object.keys(TARGETS);

export const apiRows: Row[] = API_ROUTES.flatMap((route) =>
  ["POST", "PUT", "PATCH", "DELETE"].map(
    (method): Row => ({
      key: { route, intent: null },
      resource: "none",
      what: `${method} (the API is read-only: 405)`,
      expect: all("deny"),
      prepare: () => {
        const target = TARGETS[route]!();
        return attempt({ path: target.path, method, form: { title: "Cambio", status: "cancelled" }, observe: () => ({ tables: publicTables(), row: target.row?.() ?? null }), denyStatus: [405] });
      },
    }),
  ),
);
