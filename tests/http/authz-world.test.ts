import { afterAll, beforeAll, expect, test } from "vitest";
import { clientFor, makeRoleWorld, type RoleWorld } from "./authz/world.ts";
import { ROLES } from "./authz/types.ts";
import { startBuiltServer, type BuiltServer } from "./server.ts";

// The matrix's people are who they claim to be on the built server: each signed-in role reaches
// its account page, the anonymous client is sent to log in.
let server: BuiltServer;
let world: RoleWorld;
beforeAll(async () => {
  world = makeRoleWorld();
  server = await startBuiltServer();
});
afterAll(async () => {
  await server.stop();
});

test.each(ROLES)("%s reaches /account as themselves (or is sent to log in when anonymous)", async (role) => {
  const answer = await clientFor(server, world, role).get("/account");
  if (role === "anonymous") {
    expect(answer.status).toBe(302);
    return;
  }
  expect(answer.status).toBe(200);
  expect(answer.body).toContain(world.people[role].user.email);
});
