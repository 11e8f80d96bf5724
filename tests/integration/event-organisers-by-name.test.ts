// Issue 9: the event form listed every approved organisation as a co-organiser checkbox (20,000
// at 100×). Co-organisers are now added by name or acronym, one per line; the form lists only
// the event's current ones.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { action as editAction, loader as editLoader } from "#app/routes/events.$slug.edit.tsx";
import { action as newAction, loader as newLoader } from "#app/routes/events.new.tsx";
import { callRoute } from "./call-route.ts";
import { makeOrganisation, makePerson } from "./world.ts";

const BASE = "http://localhost:3000";

const fields = (overrides: Record<string, string>) => ({
  title: `Feria de economía circular ${crypto.randomUUID().slice(0, 6)}`,
  type: "training",
  summary: "Encuentro de productores y compradores de material reciclado.",
  startsAt: "2031-06-10T09:00",
  endsAt: "2031-06-10T13:00",
  format: "in_person",
  venueName: "Centro de Convenciones",
  city: "Piura",
  region: "PIU",
  ...overrides,
});

const organisersOf = (eventId: number) =>
  db.select().from(schema.eventOrganisers).where(eq(schema.eventOrganisers.eventId, eventId)).all().map((row) => row.organisationId).sort();

async function create(coordinator: ReturnType<typeof makePerson>, overrides: Record<string, string>) {
  const response = await callRoute(newAction, { url: `${BASE}/events/new`, method: "POST", cookie: coordinator.cookie, form: fields(overrides) });
  const slug = /^\/events\/([^/]+)\/edit$/.exec(response.headers.get("Location") ?? "")?.[1];
  const event = slug ? db.select().from(schema.events).where(eq(schema.events.slug, slug)).get() : undefined;
  return { response, event };
}

describe("co-organisers by name", () => {
  test("names (case and accents aside) and acronyms, one per line, become the event's organisers", async () => {
    const coordinator = makePerson("coordinator");
    const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
    const camara = makeOrganisation(makePerson(), "approved", { name: `Cámara de Comercio de Piura ${tag}` });
    const sni = makeOrganisation(makePerson(), "approved", { name: `Sociedad Nacional ${tag}`, acronym: `SN${tag}` });
    const { response, event } = await create(coordinator, { organiserNames: `camara de comercio de piura ${tag}\n\n  sn${tag.toLowerCase()}  \nCámara de Comercio de Piura ${tag}` });
    expect(response.status, JSON.stringify(response.data)).toBe(302);
    expect(organisersOf(event!.id)).toEqual([camara.id, sni.id].sort());
  });

  test("a name that is not an approved organisation is refused beside the field, with the name, and nothing is created", async () => {
    const coordinator = makePerson("coordinator");
    const pending = makeOrganisation(makePerson(), "pending");
    const title = `Evento que no se crea ${crypto.randomUUID().slice(0, 6)}`;
    const { response, event } = await create(coordinator, { title, organiserNames: `Organización Inventada\n${pending.name}` });
    expect(response.status).toBe(400);
    const reply = JSON.stringify(response.data);
    expect(reply).toContain("organiserNames");
    expect(reply).toContain("«Organización Inventada»");
    expect(reply).toContain(`«${pending.name}»`);
    // What was typed comes back, so the form keeps it.
    expect(reply).toContain("Organización Inventada");
    expect(event).toBeUndefined();
    expect(db.select().from(schema.events).where(eq(schema.events.title, title)).get()).toBeUndefined();
  });

  test("in English the message is English", async () => {
    const coordinator = makePerson("coordinator");
    const response = await callRoute(newAction, {
      url: `${BASE}/events/new`,
      method: "POST",
      cookie: `${coordinator.cookie}; lang=en`,
      form: fields({ organiserNames: "Nobody Knows" }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.data)).toContain("These are not approved organisations in the directory: «Nobody Knows»");
  });

  test("the create page lists no organisations; the edit page only the event's own, which can be kept or removed", async () => {
    const coordinator = makePerson("coordinator");
    const tag = Math.random().toString(36).slice(2, 7);
    for (let n = 0; n < 5; n++) makeOrganisation(makePerson(), "approved", { name: `Bystander ${tag} ${n}` });
    const kept = makeOrganisation(makePerson(), "approved", { name: `Se queda ${tag}` });
    const removed = makeOrganisation(makePerson(), "approved", { name: `Se va ${tag}` });
    const page = await callRoute(newLoader, { url: `${BASE}/events/new`, cookie: coordinator.cookie });
    expect(JSON.stringify(page.data)).not.toContain(`Bystander ${tag}`);

    const { event } = await create(coordinator, { organiserNames: `Se queda ${tag}\nSe va ${tag}` });
    const edit = (args: Parameters<typeof editLoader>[0]) => editLoader({ ...args, params: { slug: event!.slug } });
    const editPage = await callRoute(edit, { url: `${BASE}/events/${event!.slug}/edit`, cookie: coordinator.cookie });
    const listed = JSON.stringify((editPage.data as { organisations: unknown }).organisations);
    expect(listed).toContain(`Se queda ${tag}`);
    expect(listed).not.toContain(`Bystander ${tag}`);

    // Saving with only the kept one checked removes the other.
    const saved = await callRoute((args) => editAction({ ...args, params: { slug: event!.slug } }), {
      url: `${BASE}/events/${event!.slug}/edit`,
      method: "POST",
      cookie: coordinator.cookie,
      form: [...Object.entries(fields({ title: event!.title })), ["organisers", String(kept.id)]],
    });
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    expect(organisersOf(event!.id)).toEqual([kept.id]);
    expect(organisersOf(event!.id)).not.toContain(removed.id);
  });
});
