import { afterAll, beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { DEMO_PASSWORD } from "#tests/factories/users.ts";
import { HttpClient } from "./client.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";

// The harness the HTTP suites stand on: the built server on this file's copy of the seeded demo
// database, a person signing in through the form, and the test reading the same database.
let server: BuiltServer;
beforeAll(async () => {
  server = await startBuiltServer();
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

test("a demo person signs in through the form and sees their account; the test sees the session in the database", async () => {
  const client = new HttpClient(server);
  await client.login("coordinadora@demo.pe", DEMO_PASSWORD);
  const account = await client.get("/account");
  expect(account.status).toBe(200);
  expect(account.body).toContain("coordinadora@demo.pe");
  const person = db.select().from(schema.users).where(eq(schema.users.email, "coordinadora@demo.pe")).get()!;
  const sessions = db.select().from(schema.sessions).where(eq(schema.sessions.userId, person.id)).all();
  expect(sessions.length).toBeGreaterThan(0);
});

test("without a session the account page sends to the log-in page", async () => {
  const answer = await new HttpClient(server).get("/account");
  expect(answer.status).toBe(302);
  expect(answer.headers.get("location")).toMatch(/^\/login/);
});
