// Fresh state for the core matrix rows, built with the features' own functions in the test process
// on the database file the server serves.
import { and, eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { changeInitiativeStatus } from "#app/.server/initiatives/mutations.ts";
import { setSuspension } from "#app/.server/organisations/index.ts";
import type { InitiativeStatus } from "#app/features/initiatives/taxonomy.ts";
import { makeRuc } from "#tests/factories/organisations.ts";
import { eventInput } from "#tests/factories/events.ts";
import { makeInitiativeInput } from "#tests/integration/initiative-world.ts";
import { makeSettledPerson } from "#tests/integration/discussion-world.ts";
import type { Person } from "#tests/integration/world.ts";

let seq = 0;
/** A unique short text for names, titles and addresses. */
export const unique = (prefix: string) => `${prefix} ${(seq += 1)}-${crypto.randomUUID().slice(0, 6)}`;
/** A unique address nobody has. */
export const freshEmail = () => `matriz-${(seq += 1)}-${crypto.randomUUID().slice(0, 8)}@prueba.pe`;
/** A valid RUC nobody has. */
export const freshRuc = () => makeRuc("20", 81_000_000 + (Date.now() % 100_000) * 10 + (seq += 1));

export const userRow = (id: number) => db.select().from(schema.users).where(eq(schema.users.id, id)).get();
export const organisationRow = (id: number) => db.select().from(schema.organisations).where(eq(schema.organisations.id, id)).get()!;

let staff: Person | undefined;
/** One coordinator of this file, who makes events and settles organisations' states. */
export function staffPerson() {
  staff ??= makeSettledPerson("coordinator");
  return staff;
}

/** The user id of an organisation's (first) owner. */
export function ownerIdOf(organisationId: number) {
  return db
    .select({ userId: schema.organisationMembers.userId })
    .from(schema.organisationMembers)
    .where(and(eq(schema.organisationMembers.organisationId, organisationId), eq(schema.organisationMembers.role, "owner")))
    .get()!.userId;
}

/**
 * Runs `build` with the organisation approved for the moment (a suspended organisation's team cannot
 * act, so what it did before its suspension is built this way), then puts the suspension back.
 */
export function whileApproved<T>(organisationId: number, build: () => T): T {
  const suspended = organisationRow(organisationId).status === "suspended";
  if (suspended) setSuspension(organisationId, staffPerson().user.id, false);
  try {
    return build();
  } finally {
    if (suspended) setSuspension(organisationId, staffPerson().user.id, true, "Prueba");
  }
}

/** An initiative led by `organisationId`, proposed by its owner and moved to `status`. */
export function initiativeLedBy(organisationId: number, status: InitiativeStatus = "open") {
  return whileApproved(organisationId, () => {
    const ownerId = ownerIdOf(organisationId);
    const proposed = proposeInitiative(ownerId, makeInitiativeInput(organisationId));
    if (!proposed.ok) throw new Error("could not propose an initiative");
    const steps: Record<InitiativeStatus, InitiativeStatus[]> = {
      draft: [],
      open: ["open"],
      in_progress: ["open", "in_progress"],
      completed: ["open", "in_progress", "completed"],
      cancelled: ["open", "cancelled"],
    };
    for (const step of steps[status]) {
      if (!changeInitiativeStatus(proposed.initiative.id, ownerId, step).ok) throw new Error(`could not move to ${step}`);
    }
    return db.select().from(schema.initiatives).where(eq(schema.initiatives.id, proposed.initiative.id)).get()!;
  });
}

/** An event by the file's coordinator: published unless `draft`, in 2031, for 20 people. */
export function makeEvent(state: "draft" | "published" = "published") {
  const created = createEvent(staffPerson().user.id, eventInput());
  if (state === "published") publishEvent(created.id);
  return db.select().from(schema.events).where(eq(schema.events.id, created.id)).get()!;
}

/** The form fields of a valid event (the create and edit forms), with a unique title. */
export function eventForm(overrides: Record<string, string> = {}) {
  return {
    title: unique("Taller de compostaje"),
    type: "training",
    summary: "Aprende a convertir residuos orgánicos en abono.",
    startsAt: "2031-03-10T09:00",
    endsAt: "2031-03-10T13:00",
    format: "in_person",
    venueName: "CITE Cusco",
    city: "Cusco",
    region: "CUS",
    capacity: "20",
    ...overrides,
  };
}

/** The form fields of a valid organisation profile (application and edit forms). */
export function organisationForm(overrides: Record<string, string> = {}) {
  return {
    name: unique("Cooperativa Matriz"),
    ruc: freshRuc(),
    actorType: "cooperative",
    hqRegion: "CUS",
    roadmaps: "agriculture",
    description: "Productores que valorizan sus residuos.",
    ...overrides,
  };
}

/** A small PNG (64×64, green), as a file part of a multipart form. */
export async function pngFile(name = "imagen.png") {
  const sharp = (await import("sharp")).default;
  const bytes = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 30, g: 140, b: 60 } } }).png().toBuffer();
  return new File([new Uint8Array(bytes)], name, { type: "image/png" });
}
