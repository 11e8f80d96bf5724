import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { action as initiativeAction, loader as initiativeLoader } from "#app/routes/initiatives.$slug._index.tsx";
import { loader as namesLoader } from "#app/routes/organisations.names[.]json.ts";
import { NAME_SUGGESTIONS } from "#app/.server/organisations/index.ts";
import { callRoute } from "./call-route.ts";
import { makeInitiativeWorld } from "./initiative-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

const BASE = "http://localhost:3000";

function invite(w: ReturnType<typeof makeInitiativeWorld>, organisation: string) {
  return callRoute((args) => initiativeAction({ ...args, params: { slug: w.initiative.slug } }), {
    url: `${BASE}/initiatives/${w.initiative.slug}`,
    method: "POST",
    cookie: w.people.leadEditor.cookie,
    form: { intent: "invite", organisation, role: "funder", message: "" },
  });
}

const invitationOf = (initiativeId: number, organisationId: number) =>
  db
    .select()
    .from(schema.initiativePartners)
    .where(and(eq(schema.initiativePartners.initiativeId, initiativeId), eq(schema.initiativePartners.organisationId, organisationId)))
    .get();

describe("inviting a partner by its name", () => {
  test("the name is matched ignoring case, accents and spacing", async () => {
    const w = makeInitiativeWorld();
    const tag = Math.random().toString(36).slice(2, 8);
    const invitee = makeOrganisation(makePerson(), "approved", { name: `Cámara de Comercio de Ucayali ${tag}` });
    const result = await invite(w, `  camara de COMERCIO de ucayali ${tag} `);
    expect(result.status).toBe(302);
    expect(invitationOf(w.initiative.id, invitee.id)?.state).toBe("invited");
  });

  test("the acronym, or the name as the directory shows it with its acronym, finds it too; a shared acronym does not", async () => {
    const w = makeInitiativeWorld();
    const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
    const sni = makeOrganisation(makePerson(), "approved", { name: `Sociedad Nacional de Industrias ${tag}`, acronym: `SNI${tag}` });
    expect((await invite(w, `sni${tag.toLowerCase()}`)).status).toBe(302);
    expect(invitationOf(w.initiative.id, sni.id)?.state).toBe("invited");
    const other = makeOrganisation(makePerson(), "approved", { name: `Otra Sociedad ${tag}`, acronym: `OS${tag}` });
    expect((await invite(w, `Otra Sociedad ${tag} (OS${tag})`)).status).toBe(302);
    expect(invitationOf(w.initiative.id, other.id)?.state).toBe("invited");
    makeOrganisation(makePerson(), "approved", { name: `Primera ${tag}`, acronym: `DUP${tag}` });
    makeOrganisation(makePerson(), "approved", { name: `Segunda ${tag}`, acronym: `DUP${tag}` });
    const shared = await invite(w, `DUP${tag}`);
    expect(shared.status).toBe(400);
    expect(JSON.stringify(shared.data)).toContain("ini.invite.unknownOrganisation");
  });

  test("an unknown, pending or empty name is refused next to the field, and nothing is written", async () => {
    const w = makeInitiativeWorld();
    const pending = makeOrganisation(makePerson(), "pending");
    for (const [name, message] of [
      ["Organización que no existe", "ini.invite.unknownOrganisation"],
      [pending.name, "ini.invite.unknownOrganisation"],
      ["   ", "errors.required"],
      ["x".repeat(201), "errors.tooLong"],
    ] as const) {
      const result = await invite(w, name);
      expect(result.status, name).toBe(400);
      expect(JSON.stringify(result.data), name).toContain(message);
      // What was typed comes back, so the form keeps it.
      if (name.trim()) expect(JSON.stringify(result.data)).toContain(JSON.stringify(name.trim()).slice(1, -1).slice(0, 50));
    }
    expect(invitationOf(w.initiative.id, pending.id)).toBeUndefined();
  });

  test("an organisation already involved is a conflict", async () => {
    const w = makeInitiativeWorld();
    const result = await invite(w, w.partnerOrg.name);
    expect(result.status).toBe(409);
    expect(JSON.stringify(result.data)).toContain("ini.errors.alreadyInvolved");
  });

  test("the page no longer carries a list of every organisation for its managers", async () => {
    const w = makeInitiativeWorld();
    const tag = Math.random().toString(36).slice(2, 8);
    for (let n = 0; n < 5; n++) makeOrganisation(makePerson(), "approved", { name: `Bystander ${tag} ${n}` });
    const page = await callRoute((args) => initiativeLoader({ ...args, params: { slug: w.initiative.slug } }), {
      url: `${BASE}/initiatives/${w.initiative.slug}`,
      cookie: w.people.leadOwner.cookie,
    });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).not.toContain(`Bystander ${tag}`);
  });
});

describe("GET /organisations/names.json", () => {
  const names = async (q: string) => {
    const result = await callRoute(namesLoader, { url: `${BASE}/organisations/names.json?q=${encodeURIComponent(q)}` });
    expect(result.status).toBe(200);
    return (JSON.parse(String(result.data)) as { names: string[] }).names;
  };

  test("suggests approved organisations by the words typed so far, accents folded, at most a few", async () => {
    const tag = `zz${Math.random().toString(36).slice(2, 7)}`;
    makeOrganisation(makePerson(), "approved", { name: `Asociación Agroindustrial ${tag}` });
    makeOrganisation(makePerson(), "pending", { name: `Asociación Pendiente ${tag}` });
    for (let n = 0; n < NAME_SUGGESTIONS + 3; n++) makeOrganisation(makePerson(), "approved", { name: `Empresa ${tag} número ${n}` });
    expect(await names(`asociacion ${tag}`)).toEqual([`Asociación Agroindustrial ${tag}`]);
    expect(await names(`${tag} asoc`)).toEqual([`Asociación Agroindustrial ${tag}`]);
    expect(await names(`empresa ${tag}`)).toHaveLength(NAME_SUGGESTIONS);
    makeOrganisation(makePerson(), "approved", { name: `Sociedad Nacional ${tag}`, acronym: `SN${tag}` });
    expect(await names(`sn${tag}`)).toEqual([`Sociedad Nacional ${tag}`]);
  });

  test("answers are not kept by the browser, so an approval or a suspension shows at once", async () => {
    const result = await callRoute(namesLoader, { url: `${BASE}/organisations/names.json?q=x` });
    expect(result.headers.get("Cache-Control")).toBe("no-store");
  });

  test("query syntax, empty and huge input answer an empty or literal list, never an error", async () => {
    for (const q of ["", "¿?", '"', "OR NEAR(", "*", "x".repeat(5000), "name:x"]) expect(Array.isArray(await names(q)), q).toBe(true);
  });
});
