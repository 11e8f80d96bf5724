import crypto from "node:crypto";
import type { EventInput } from "#app/features/events/schemas.ts";

/**
 * A valid event as the create form submits it after validation: an in-person training in Cusco on
 * 10 March 2031, 09:00–13:00 Lima time, for 20 people, with a unique title. Override what a test
 * is about.
 */
export function eventInput(overrides: Partial<EventInput> = {}): EventInput {
  return {
    title: `Taller de compostaje ${crypto.randomUUID().slice(0, 6)}`,
    type: "training",
    summary: "Aprende a convertir residuos orgánicos en abono.",
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
    questions: "",
    organisers: [],
    roadmaps: [],
    valueChains: [],
    forumYear: undefined,
    ...overrides,
  };
}
