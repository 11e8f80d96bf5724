import { describe, expect, test } from "vitest";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { loader as adminUsersLoader } from "#app/routes/admin.users.tsx";
import { loader as eventsLoader } from "#app/routes/events._index.tsx";
import { loader as initiativesLoader } from "#app/routes/initiatives._index.tsx";
import { loader as directoryLoader } from "#app/routes/organisations._index.tsx";
import { loader as notificationsLoader } from "#app/routes/notifications.tsx";
import { db, schema } from "#app/.server/db.ts";
import type { EventInput } from "#app/features/events/schemas.ts";
import { callRoute } from "./call-route.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

// Each list gets just over one page (page sizes: 20 organisations, initiatives and events, 25 users),
// so the last page is 2 and page 3 onwards is out of range.
const owner = makePerson();
const lead = makeOrganisation(owner);
for (let n = 0; n < 20; n += 1) makeOrganisation(makePerson());
for (let n = 0; n < 21; n += 1) {
  const proposed = proposeInitiative(owner.user.id, makeInitiativeInput(lead.id));
  if (!proposed.ok) throw new Error("could not propose");
  advanceTo(proposed.initiative.id, owner.user.id, "open");
}
const coordinator = makePerson("coordinator");
for (let n = 0; n < 21; n += 1) {
  const input: EventInput = {
    title: `Taller de paginación ${n}`,
    type: "training",
    summary: "Un taller.",
    description: "",
    startsAt: "2031-03-10T09:00",
    endsAt: "2031-03-10T13:00",
    format: "in_person",
    venueName: "CITE Cusco",
    venueAddress: "Av. La Cultura 123",
    city: "Cusco",
    region: "CUS",
    onlineUrl: undefined,
    capacity: 20,
    registrationOpensAt: undefined,
    registrationClosesAt: undefined,
    questions: undefined,
    organisers: [],
    roadmaps: [],
    valueChains: [],
    forumYear: undefined,
  };
  publishEvent(createEvent(coordinator.user.id, input).id);
}
const admin = makePerson("admin");
// 20 + 2 per organisation (owner and reviewing coordinator) already exceed 25 users.
const reader = makePerson();
db.insert(schema.notifications)
  .values(Array.from({ length: 31 }, (_, n) => ({ userId: reader.user.id, messageKey: "ini.notice.update", vars: { title: `Aviso ${n}` }, link: "/" })))
  .run(); // 30 a page

const LISTS = [
  { name: "directory", path: "/organisations", loader: directoryLoader, extra: "sort=newest", cookie: undefined },
  { name: "initiatives", path: "/initiatives", loader: initiativesLoader, extra: "status=open&sort=newest", cookie: undefined },
  { name: "events", path: "/events", loader: eventsLoader, extra: "region=CUS", cookie: undefined },
  { name: "admin users", path: "/admin/users", loader: adminUsersLoader, extra: "q=prueba", cookie: admin.cookie },
  { name: "notifications", path: "/notifications", loader: notificationsLoader, extra: "view=all", cookie: reader.cookie },
] as const;

describe.each(LISTS)("pagination of the $name list", ({ path, loader, extra, cookie }) => {
  const get = (query: string) => callRoute(loader, { url: `http://localhost:3000${path}?${query}`, cookie });

  test("a page past the last redirects to the last page, keeping the other parameters", async () => {
    for (const page of ["99999", "3", "1e99", "Infinity"]) {
      const result = await get(`${extra}&page=${page}`);
      expect(result.status, `page=${page}`).toBe(302);
      const location = new URL(result.headers.get("Location")!, "http://localhost:3000");
      expect(location.pathname).toBe(path);
      expect(location.searchParams.get("page"), `page=${page}`).toBe("2");
      for (const [key, value] of new URLSearchParams(extra)) expect(location.searchParams.getAll(key)).toContain(value);
    }
  });

  test("the last page itself is shown", async () => {
    const result = await get(`${extra}&page=2`);
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
