// Issue 8, section 6 (events): fields that do not apply are ignored by the server. Without
// JavaScript the form shows every field, so a Forum year typed for a workshop, an online link for
// an in-person event or a venue for an online one must neither fail the form nor be stored/shown.
import { parseWithZod } from "@conform-to/zod";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { EventSchema } from "#app/features/events/schemas.ts";
import { loader as pageLoader } from "#app/routes/events.$slug._index.tsx";
import { loader as editLoader } from "#app/routes/events.$slug.edit.tsx";
import { action as newAction } from "#app/routes/events.new.tsx";
import { callRoute } from "./call-route.ts";
import { makePerson } from "./world.ts";

const BASE = "http://localhost:3000";

function form(overrides: Record<string, string>) {
  return {
    title: `Taller de compostaje ${crypto.randomUUID().slice(0, 6)}`,
    type: "training",
    summary: "Aprende a convertir residuos orgánicos en abono.",
    description: "",
    startsAt: "2031-05-10T09:00",
    endsAt: "2031-05-10T13:00",
    format: "in_person",
    venueName: "CITE Cusco",
    venueAddress: "Av. La Cultura 123",
    city: "Cusco",
    region: "CUS",
    onlineUrl: "",
    capacity: "",
    forumYear: "",
    questions: "",
    ...overrides,
  };
}

function formData(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

async function create(overrides: Record<string, string>) {
  const coordinator = makePerson("coordinator");
  const response = await callRoute(newAction, { url: `${BASE}/events/new`, method: "POST", cookie: coordinator.cookie, form: form(overrides) });
  const location = response.headers.get("Location") ?? "";
  const slug = /^\/events\/([^/]+)\/edit$/.exec(location)?.[1];
  const row = slug ? db.select().from(schema.events).where(eq(schema.events.slug, slug)).get() : undefined;
  return { response, row, coordinator };
}

describe("fields that do not apply are ignored, not refused", () => {
  test("a Forum year sent for a workshop is neither validated nor stored", async () => {
    for (const forumYear of ["2027", "1999", "dos mil"]) {
      const { response, row } = await create({ type: "training", forumYear });
      expect(response.status, JSON.stringify(response.data)).toBe(302);
      expect(row?.forumYear).toBeNull();
    }
  });

  test("a Forum year still counts, and is checked, for a Forum", async () => {
    expect((await create({ type: "forum", forumYear: "2027" })).row?.forumYear).toBe(2027);
    const refused = await create({ type: "forum", forumYear: "1999" });
    expect(refused.response.status).toBe(400);
    expect(JSON.stringify(refused.response.data)).toContain("ev.errors.forumYear");
  });

  test("an online link sent for an in-person event is neither validated, stored nor shown", async () => {
    for (const onlineUrl of ["https://reunion.example.org/sala", "http://sin-https.example.org", "no es un enlace"]) {
      const { response, row } = await create({ format: "in_person", onlineUrl });
      expect(response.status, JSON.stringify(response.data)).toBe(302);
      expect(row?.onlineUrl).toBeNull();
    }
  });

  test("a venue sent for an online event is neither validated nor stored", async () => {
    const { response, row } = await create({
      format: "online",
      onlineUrl: "https://reunion.example.org/sala",
      venueName: "Auditorio",
      city: "Lima",
      region: "XYZ",
    });
    expect(response.status, JSON.stringify(response.data)).toBe(302);
    expect(row).toMatchObject({ venueName: null, venueAddress: null, city: null, region: null, onlineUrl: "https://reunion.example.org/sala" });
  });

  test("the same schema in the browser ignores them too, and still requires what does apply", () => {
    const parse = (fields: Record<string, string>) => parseWithZod(formData(form(fields)), { schema: EventSchema });
    const parsed = parse({ forumYear: "1999", onlineUrl: "no es un enlace" });
    expect(parsed.status).toBe("success");
    expect(parsed.status === "success" && [parsed.value.forumYear, parsed.value.onlineUrl]).toEqual([undefined, undefined]);
    const errors = (fields: Record<string, string>) => {
      const result = parse(fields);
      return result.status === "error" ? result.error : null;
    };
    expect(errors({ format: "online", onlineUrl: "" })).toEqual({ onlineUrl: ["ev.errors.onlineUrlRequired"] });
    expect(errors({ format: "hybrid", onlineUrl: "no es un enlace" })).toEqual({ onlineUrl: ["org.errors.website"] });
  });

  test("an old in-person row that holds a link never shows it, not even to coordinators, nor a non-Forum year in the edit form", async () => {
    const { row, coordinator } = await create({ type: "training" });
    db.update(schema.events)
      .set({ onlineUrl: "https://reunion.example.org/antiguo", forumYear: 2026, status: "published" })
      .where(eq(schema.events.id, row!.id))
      .run();
    const page = await callRoute((args) => pageLoader({ ...args, params: { slug: row!.slug } }), { url: `${BASE}/events/${row!.slug}`, cookie: coordinator.cookie });
    expect((page.data as { event: { onlineUrl: string | null } }).event.onlineUrl).toBeNull();
    const editPage = await callRoute((args) => editLoader({ ...args, params: { slug: row!.slug } }), { url: `${BASE}/events/${row!.slug}/edit`, cookie: coordinator.cookie });
    const defaults = (editPage.data as { defaults: Record<string, unknown> }).defaults;
    expect(defaults.onlineUrl).toBeUndefined();
    expect(defaults.forumYear).toBeUndefined();
  });
});
