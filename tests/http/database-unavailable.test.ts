import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_PASSWORD } from "#tests/factories/users.ts";
import { HttpClient } from "./client.ts";
import { recordFigures } from "./figures.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";

// The database refusing writes, as the test command can cause it on any machine: another process
// holds SQLite's write lock past the server's busy timeout (5 s), so the server's writes fail with
// SQLITE_BUSY. Like a full or read-only disk (scripts/soak/disk.ts, which needs root to mount a
// file system and runs in `npm run soak`), that must answer 503 with Retry-After and the
// translated page — never a 500 — while reads go on, and writes work again once the lock is gone,
// without a restart.
let server: BuiltServer;
beforeAll(async () => {
  server = await startBuiltServer();
});
afterAll(async () => {
  await server.stop();
});

test("while another process holds the write lock, a write answers the translated 503 with Retry-After, reads go on, and writes resume after", async () => {
  const holder = new Database(server.databasePath);
  holder.pragma("busy_timeout = 5000");
  let spanish: Awaited<ReturnType<HttpClient["post"]>>;
  let english: Awaited<ReturnType<HttpClient["post"]>>;
  let read: Awaited<ReturnType<HttpClient["get"]>>;
  try {
    holder.exec("BEGIN IMMEDIATE");
    // Signing in writes a session (and a rate-limit window): it cannot happen now.
    spanish = await new HttpClient(server).post("/login", { email: "miembro2@demo.pe", password: DEMO_PASSWORD });
    english = await new HttpClient(server).post("/login", { email: "miembro2@demo.pe", password: DEMO_PASSWORD }, { "Accept-Language": "en-GB,en;q=0.9" });
    read = await new HttpClient(server).get("/organisations");
  } finally {
    holder.exec("ROLLBACK");
    holder.close();
  }
  expect(spanish.status).toBe(503);
  expect(spanish.headers.get("retry-after")).toBe("30");
  expect(spanish.body).toContain("Por ahora no podemos guardar cambios");
  expect(spanish.body).not.toMatch(/SqliteError|SQLITE_|node_modules|\n\s+at /);
  expect(english.status).toBe(503);
  expect(english.body).toMatch(/We can(&#x27;|&#39;|')t save changes right now/);
  expect(read.status).toBe(200);
  expect(server.output()).toMatch(/Database unavailable \(SQLITE_BUSY/);

  // The lock is gone: the same log-in works, and the health check says so.
  const client = new HttpClient(server);
  const after = await client.post("/login", { email: "miembro2@demo.pe", password: DEMO_PASSWORD });
  expect(after.status).toBe(302);
  expect(client.cookies.has("__Host-session")).toBe(true);
  const health = await fetch(`${server.origin}/healthz`);
  expect(health.status).toBe(200);
  recordFigures("database-unavailable", [
    { suite: "Database unavailable (lock held, in the test command)", measure: "writes answered 503 with Retry-After and the translated page", value: [spanish, english].filter((a) => a.status === 503 && a.headers.get("retry-after")).length, target: "2 of 2", met: spanish.status === 503 && english.status === 503 },
    { suite: "Database unavailable (lock held, in the test command)", measure: "reads failed meanwhile", value: read.status === 200 ? 0 : 1, target: "0", met: read.status === 200 },
    { suite: "Database unavailable (lock held, in the test command)", measure: "writes failing after the lock is released", value: after.status === 302 ? 0 : 1, target: "0", met: after.status === 302 },
  ]);
}, 60_000);
