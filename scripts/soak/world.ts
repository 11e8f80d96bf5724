// What the soak scenarios write to, made with the features' own functions on the database the
// servers serve: settled people with sessions, each owning an approved organisation; published
// events with few seats; discussion threads; open initiatives; pending exchanges to confirm.
import { eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { startThread } from "#app/.server/discussions/index.ts";
import { createEvent, publishEvent } from "#app/.server/events/mutations.ts";
import { recordExchange } from "#app/.server/exchange/exchanges.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { changeInitiativeStatus } from "#app/.server/initiatives/mutations.ts";
import { eventInput } from "#tests/factories/events.ts";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { makeCategory, makeSettledPerson } from "#tests/integration/discussion-world.ts";
import { makeInitiativeInput } from "#tests/integration/initiative-world.ts";
import { addMember, makeOrganisation, makePerson, type Person } from "#tests/integration/world.ts";
import { limaDayFromNow } from "./forms.ts";

/** A person the clients act as: their user id, the session token their cookie carries, and the approved organisation they own. */
export type SoakPerson = { userId: number; token: string; organisationId: number };

/** The token part of a world person's cookie (`session=<token>`), for the production cookie name. */
export const tokenOf = (person: Person) => person.cookie.slice(person.cookie.indexOf("=") + 1);

/** `count` settled people (older than a day, handles, privacy accepted), each owning an approved organisation. */
export function makeSoakPeople(count: number): { people: SoakPerson[]; persons: Person[] } {
  const persons = Array.from({ length: count }, () => makeSettledPerson());
  const people = persons.map((person) => ({ userId: person.user.id, token: tokenOf(person), organisationId: makeOrganisation(person, "approved").id }));
  return { people, persons };
}

/** Makes `person` an editor of `organisationId` (they may act for it: partner requests, confirmations). */
export function makeEditor(organisationId: number, person: Person) {
  addMember(organisationId, person, "editor");
}

/** `count` published events far in the future with `capacity` seats each: `{ id, slug, capacity }[]`. */
export function makeEvents(count: number, capacity: number) {
  const coordinator = makePerson("coordinator");
  return Array.from({ length: count }, (_, i) => {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const created = createEvent(coordinator.user.id, eventInput({ capacity, startsAt: `2031-04-${day}T09:00`, endsAt: `2031-04-${day}T13:00` }));
    publishEvent(created.id);
    const row = db.select({ id: schema.events.id, slug: schema.events.slug }).from(schema.events).where(eq(schema.events.id, created.id)).get()!;
    return { ...row, capacity };
  });
}

/** `count` threads in a forum category of their own, each started by a settled person: thread ids. */
export function makeThreads(count: number) {
  const coordinator = makeSettledPerson("coordinator");
  const category = makeCategory(coordinator);
  const author = makeSettledPerson();
  return Array.from({ length: count }, (_, i) => {
    const started = startThread(author.user, { kind: "category", categoryId: category.id }, { title: `Prueba de carga ${i + 1}`, body: "Hilo para la prueba de carga." });
    if (!started.ok) throw new Error(`could not start a thread: ${started.reason}`);
    return started.threadId;
  });
}

/** `count` open initiatives led by an organisation of their own: `{ id, slug }[]`. */
export function makeOpenInitiatives(count: number) {
  const leadOwner = makePerson();
  const lead = makeOrganisation(leadOwner, "approved");
  return Array.from({ length: count }, () => {
    const proposed = proposeInitiative(leadOwner.user.id, makeInitiativeInput(lead.id));
    if (!proposed.ok) throw new Error("could not propose an initiative");
    const opened = changeInitiativeStatus(proposed.initiative.id, leadOwner.user.id, "open");
    if (!opened.ok) throw new Error("could not open the initiative");
    return { id: proposed.initiative.id, slug: proposed.initiative.slug };
  });
}

/**
 * A recycler (an approved organisation with a published listing) records `perCounterpart`
 * exchanges with each of `counterparts`, each pending the counterpart's confirmation:
 * `Map<counterpart organisation id, exchange ids>`.
 */
export function makePendingExchanges(counterparts: readonly number[], perCounterpart: number) {
  const recycler = makePerson();
  const organisation = makeOrganisation(recycler, "approved");
  const listing = makeListingRow(organisation.id, { availableFrom: limaDayFromNow(-30), availableUntil: limaDayFromNow(300) });
  const byCounterpart = new Map<number, number[]>();
  for (const counterpart of counterparts) {
    const ids: number[] = [];
    for (let i = 0; i < perCounterpart; i++) {
      const recorded = recordExchange(recycler.user, listing.id, {
        occurredOn: limaDayFromNow(-1),
        unit: "t",
        baseQuantity: 1_000_000 * (1 + (i % 5)),
        valueCents: null,
        actingOrganisationId: organisation.id,
        counterpartOrganisationId: counterpart,
      });
      if (!recorded.ok) throw new Error(`could not record an exchange: ${recorded.error}`);
      ids.push(recorded.exchangeId);
    }
    byCounterpart.set(counterpart, ids);
  }
  return byCounterpart;
}
