import { describe, expect, test } from "vitest";
import { sqlite } from "#app/.server/db.ts";
import { initiativesPage, proposeInitiative } from "#app/.server/initiatives/index.ts";
import { directoryPage } from "#app/.server/organisations/index.ts";
import { parseInitiativeFilters } from "#app/features/initiatives/filters.ts";
import { parseDirectoryFilters } from "#app/features/organisations/directory-filters.ts";
import "#app/.server/discussion-parents.ts";
import { startThread, threadList } from "#app/.server/discussions/index.ts";
import { createEvent, eventsPage, publishEvent } from "#app/.server/events/index.ts";
import { eventSearch, parseEventFilters } from "#app/features/events/filters.ts";
import { eventInput } from "#tests/factories/events.ts";
import { makeCategory, makeSettledPerson } from "./discussion-world.ts";
import { advanceTo, makeInitiativeInput } from "./initiative-world.ts";
import { makeOrganisation, makePerson } from "./world.ts";

// Each test uses words no other row has, so results are exact.
const unique = () => `zq${Math.random().toString(36).slice(2, 8)}`;

function publicInitiative(title: string, summary = "Resumen de prueba.", leadName?: string) {
  const owner = makePerson();
  const lead = makeOrganisation(owner, "approved", leadName ? { name: leadName } : {});
  const result = proposeInitiative(owner.user.id, makeInitiativeInput(lead.id, { title, summary }));
  if (!result.ok) throw new Error("propose failed");
  advanceTo(result.initiative.id, owner.user.id, "open");
  return result.initiative;
}

const initiativeTitles = (q: string) => initiativesPage(parseInitiativeFilters(new URLSearchParams({ q }))).rows.map((r) => r.title).sort();
const organisationNames = (q: string) => directoryPage(parseDirectoryFilters(new URLSearchParams({ q }))).rows.map((r) => r.name).sort();

describe("text filters fold case and accents (issue 11's examples)", () => {
  test("initiatives: 'reuso' finds 'reúso', 'ancash' finds 'Áncash', upper case finds lower", () => {
    const tag = unique();
    publicInitiative(`Reúso de aguas grises ${tag}`);
    publicInitiative(`Compost en Áncash ${tag}`);
    expect(initiativeTitles(`reuso ${tag}`)).toEqual([`Reúso de aguas grises ${tag}`]);
    expect(initiativeTitles(`REÚSO ${tag}`)).toEqual([`Reúso de aguas grises ${tag}`]);
    expect(initiativeTitles(`ancash ${tag}`)).toEqual([`Compost en Áncash ${tag}`]);
    expect(initiativeTitles(tag)).toHaveLength(2);
  });

  test("initiatives: the last word is a prefix; the summary and the lead's name are searched too", () => {
    const tag = unique();
    publicInitiative(`Planta piloto ${tag}`, "Reciclaje de envases multicapa.");
    publicInitiative(`Otra iniciativa ${tag}`, "Sin relación.", `Municipalidad de Huánuco ${tag}`);
    expect(initiativeTitles(`${tag} recicl`)).toEqual([`Planta piloto ${tag}`]);
    expect(initiativeTitles(`huanuco ${tag}`)).toEqual([`Otra iniciativa ${tag}`]);
  });

  test("organisations: name, acronym and description, accents folded", () => {
    const tag = unique();
    makeOrganisation(makePerson(), "approved", { name: `Asociación Pesquera ${tag}`, acronym: `APX${tag}`.toUpperCase() });
    makeOrganisation(makePerson(), "approved", { name: `Empresa ${tag}`, description: "Valorización de residuos de camu camu en Loreto." });
    expect(organisationNames(`asociacion ${tag}`)).toEqual([`Asociación Pesquera ${tag}`]);
    expect(organisationNames(`apx${tag}`)).toEqual([`Asociación Pesquera ${tag}`]);
    expect(organisationNames(`valorizacion ${tag}`)).toEqual([`Empresa ${tag}`]);
  });

  test("query syntax and SQL in the text are literal words, never an error", () => {
    const tag = unique();
    publicInitiative(`Economía circular ${tag}`);
    for (const q of [`"${tag}`, `${tag} OR`, `${tag}*`, `NEAR(${tag})`, `title:${tag}`, `${tag}' --`, `^${tag}`, `${tag} AND NOT x`]) {
      expect(() => initiativeTitles(q), q).not.toThrow();
      expect(() => organisationNames(q), q).not.toThrow();
    }
    expect(initiativeTitles(`"${tag}`)).toEqual([`Economía circular ${tag}`]);
    // Every word must occur, operators included: "OR" is just a word nobody wrote here.
    expect(initiativeTitles(`${tag} OR`)).toEqual([]);
    expect(initiativeTitles("¿?")).toEqual([]);
  });

  test("a text filter longer than the search box allows is shortened, never dropped", () => {
    const tag = unique();
    publicInitiative(`Largo ${tag}`);
    const long = `${tag} ${"x".repeat(300)}`;
    // Shortened to 100 characters it still asks for a word nobody wrote: no results, not all.
    expect(initiativeTitles(long)).toEqual([]);
    expect(organisationNames(long)).toEqual([]);
    expect(parseInitiativeFilters(new URLSearchParams({ q: long })).q).toHaveLength(100);
    expect(parseDirectoryFilters(new URLSearchParams({ q: `${"á".repeat(99)}🌱🌱` })).q).toBe(`${"á".repeat(99)}🌱`);
  });

  test("the indexes follow edits and deletions", () => {
    const tag = unique();
    const initiative = publicInitiative(`Primer título ${tag}`);
    sqlite.prepare("UPDATE initiatives SET title = ? WHERE id = ?").run(`Segundo nombre ${tag}`, initiative.id);
    expect(initiativeTitles(`primer ${tag}`)).toEqual([]);
    expect(initiativeTitles(`segundo ${tag}`)).toEqual([`Segundo nombre ${tag}`]);
    sqlite.prepare("DELETE FROM initiatives WHERE id = ?").run(initiative.id);
    expect(initiativeTitles(tag)).toEqual([]);
  });
});

// Issue 11: the events listing and a category's threads filter through events_fts and
// discussion_threads_fts, as the directory and the initiatives do through theirs.
describe("events and a category's threads: the same folding, through their own indexes", () => {
  const eventTitles = (q: string, tab = "upcoming") =>
    eventsPage(parseEventFilters(new URLSearchParams({ q, tab }))).rows.map((r) => r.title).sort();

  test("events: title, summary or description; accents and case folded; the last word a prefix; drafts never", () => {
    const tag = unique();
    const coordinator = makePerson("coordinator");
    const published = (overrides: Parameters<typeof eventInput>[0]) => {
      const event = createEvent(coordinator.user.id, eventInput(overrides));
      publishEvent(event.id);
      return event;
    };
    published({ title: `Foro de energía en Áncash ${tag}` });
    published({ title: `Taller ${tag}`, summary: "Reúso de envases de vidrio." });
    published({ title: `Charla ${tag}`, description: "Reciclaje de residuos electrónicos." });
    createEvent(coordinator.user.id, eventInput({ title: `Borrador de energía ${tag}` }));
    expect(eventTitles(`energia ${tag}`)).toEqual([`Foro de energía en Áncash ${tag}`]);
    expect(eventTitles(`ANCASH ${tag}`)).toEqual([`Foro de energía en Áncash ${tag}`]);
    expect(eventTitles(`reuso ${tag}`)).toEqual([`Taller ${tag}`]);
    expect(eventTitles(`${tag} recicl`)).toEqual([`Charla ${tag}`]);
    expect(eventTitles(tag)).toHaveLength(3);
    expect(eventTitles(tag, "past")).toEqual([]);
    for (const q of [`"${tag}`, `${tag} OR`, `NEAR(${tag})`, `-${tag}`, `title:${tag}`, "¿?"]) expect(() => eventTitles(q), q).not.toThrow();
    expect(eventTitles(`-${tag}`)).toHaveLength(3);
    expect(eventTitles("¿?")).toEqual([]);
    // The filter stays in the listing's links.
    expect(eventSearch({ q: "energía", tab: "past", page: 2 })).toBe("?q=energ%C3%ADa&tab=past&page=2");
  });

  test("a category's threads: titles, folded, with the total of the filtered list", () => {
    const tag = unique();
    const coordinator = makeSettledPerson("coordinator");
    const category = makeCategory(coordinator);
    const author = makeSettledPerson();
    const start = (title: string) => {
      const started = startThread(author.user, { kind: "category", categoryId: category.id }, { title, body: "Hola." });
      if (!started.ok) throw new Error("could not start a thread");
      return started.threadId;
    };
    const peru = start(`Economía circular en el Perú ${tag}`);
    start(`Otro tema ${tag}`);
    const threads = (q: string | undefined) => threadList({ kind: "category", categoryId: category.id }, { sort: "activity", page: 1, q }, null);
    expect(threads(`peru ${tag}`).rows.map((r) => r.id)).toEqual([peru]);
    expect(threads(`peru ${tag}`).total).toBe(1);
    expect(threads(`ECONOMIA circ`).rows.map((r) => r.id)).toEqual([peru]);
    expect(threads(tag).total).toBe(2);
    expect(threads(undefined).total).toBe(2);
    expect(threads("¿?").rows).toEqual([]);
    for (const q of [`"${tag}`, `${tag} OR`, `NEAR(${tag})`, `(${tag}`]) expect(() => threads(q), q).not.toThrow();
  });
});
