import { describe, expect, test } from "vitest";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { signPact } from "#app/.server/organisations/index.ts";
import { loader as pactLoader } from "#app/routes/pact.tsx";
import { loader as coordinationLoader } from "#app/routes/coordination.organisations.tsx";
import { loader as adminUsersLoader } from "#app/routes/admin.users.tsx";
import { loader as eventsLoader } from "#app/routes/events._index.tsx";
import { loader as initiativesLoader } from "#app/routes/initiatives._index.tsx";
import { loader as directoryLoader } from "#app/routes/organisations._index.tsx";
import { loader as notificationsLoader } from "#app/routes/notifications.tsx";
import { db, schema } from "#app/.server/db.ts";
import { eventInput } from "#tests/factories/events.ts";
import { callRoute } from "./call-route.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

// Each list gets more than one page (page sizes: 20 organisations, initiatives and events, 25 users,
// 50 Pact signatories and other organisations for coordinators, 30 notifications); any page after the last is out of range.
const owner = makePerson();
const lead = makeOrganisation(owner);
// 51 signatories of the Pact (50 a page).
for (let n = 0; n < 51; n += 1) {
  const signer = makePerson();
  const organisation = n === 0 ? lead : makeOrganisation(signer);
  signPact(organisation.id, n === 0 ? owner.user.id : signer.user.id, { signerName: "Firma", signerPosition: "Gerencia" });
}
for (let n = 0; n < 21; n += 1) {
  const proposed = proposeInitiative(owner.user.id, makeInitiativeInput(lead.id));
  if (!proposed.ok) throw new Error("could not propose");
  advanceTo(proposed.initiative.id, owner.user.id, "open");
}
const coordinator = makePerson("coordinator");
for (let n = 0; n < 21; n += 1) {
  const input = eventInput({ title: `Taller de paginación ${n}`, summary: "Un taller.", questions: undefined });
  publishEvent(createEvent(coordinator.user.id, input).id);
}
const admin = makePerson("admin");
// 20 + 2 per organisation (owner and reviewing coordinator) already exceed 25 users.
const reader = makePerson();
db.insert(schema.notifications)
  .values(Array.from({ length: 31 }, (_, n) => ({ userId: reader.user.id, type: "ini.notice.update", data: { title: `Aviso ${n}` }, link: "/" })))
  .run(); // 30 a page

const LISTS = [
  { name: "directory", path: "/organisations", loader: directoryLoader, extra: "sort=newest", cookie: undefined },
  { name: "initiatives", path: "/initiatives", loader: initiativesLoader, extra: "status=open&sort=newest", cookie: undefined },
  { name: "events", path: "/events", loader: eventsLoader, extra: "region=CUS", cookie: undefined },
  { name: "admin users", path: "/admin/users", loader: adminUsersLoader, extra: "q=prueba", cookie: admin.cookie },
  { name: "coordination (other organisations)", path: "/coordination/organisations", loader: coordinationLoader, extra: "view=all", cookie: coordinator.cookie },
  { name: "pact signatories", path: "/pact", loader: pactLoader, extra: "view=all", cookie: undefined },
  { name: "notifications", path: "/notifications", loader: notificationsLoader, extra: "view=all", cookie: reader.cookie },
] as const;

describe.each(LISTS)("pagination of the $name list", ({ path, loader, extra, cookie }) => {
  const get = (query: string) => callRoute(loader, { url: `http://localhost:3000${path}?${query}`, cookie });

  test("a page past the last redirects to the last page, keeping the other parameters", async () => {
    const { pages } = (await get(extra)).data as { pages: number };
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const page of ["99999", String(pages + 1), "1e99", "Infinity"]) {
      const result = await get(`${extra}&page=${page}`);
      expect(result.status, `page=${page}`).toBe(302);
      const location = new URL(result.headers.get("Location")!, "http://localhost:3000");
      expect(location.pathname).toBe(path);
      expect(location.searchParams.get("page"), `page=${page}`).toBe(String(pages));
      for (const [key, value] of new URLSearchParams(extra)) expect(location.searchParams.getAll(key)).toContain(value);
    }
  });

  test("the last page itself is shown", async () => {
    const { pages } = (await get(extra)).data as { pages: number };
    const result = await get(`${extra}&page=${pages}`);
    expect(result.status).toBe(200);
  });

  test("junk page values show page 1, never an error", async () => {
    for (const page of ["0", "-1", "abc", "1.5", "", "%00", "NaN", "-1e99"]) {
      const result = await get(`${extra}&page=${page}`);
      expect(result.status, `page=${page}`).toBe(200);
      const data = result.data as { page?: number; filters?: { page: number } };
      expect(data.filters?.page ?? data.page, `page=${page}`).toBe(1);
    }
  });
});

test("a list with one page drops the page parameter when redirecting", async () => {
  const result = await callRoute(directoryLoader, { url: "http://localhost:3000/organisations?q=zzzz-nothing&page=99999" });
  expect(result.status).toBe(302);
  expect(result.headers.get("Location")).toBe("/organisations?q=zzzz-nothing");
});
