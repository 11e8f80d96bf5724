// Run by tests/e2e/layout-360.spec.ts with tsx against the e2e database (DATABASE_PATH):
// creates, through the app's own mutations, a person, an organisation, an initiative, an event
// and notifications whose names are long unbroken strings, and prints what was made as JSON.
import { PRIVACY_NOTICE_VERSION } from "../../app/features/privacy/version.ts";
import { eq } from "drizzle-orm";
import { hashPassword } from "#app/.server/auth/password.ts";
import { db, schema } from "#app/.server/db.ts";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { changeInitiativeStatus } from "#app/.server/initiatives/mutations.ts";
import { applyForMembership, reviewApplication, signPact } from "#app/.server/organisations/index.ts";
import { utcToLimaLocal } from "#app/features/events/schemas.ts";
import { makeOrganisationProfile } from "#tests/factories/organisations.ts";
import { DEMO_PASSWORD } from "#tests/factories/users.ts";

/** Markdown with a heading and a list, as the forms invite («Puedes usar Markdown»). */
const MARKDOWN = "## Qué hacemos\n\nTexto del párrafo.\n\n- Compostaje\n- Reciclaje\n\n1. Primero\n2. Segundo\n";

const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** An unbroken run of letters of exactly `length` characters, unique per run. */
const unbroken = (prefix: string, length: number) => `${prefix}${tag}${"x".repeat(length)}`.slice(0, length);

const userName = unbroken("Persona", 100);
const email = `largo-${tag}@correo.pe`;
const user = db
  .insert(schema.users)
  .values({ email, name: userName, role: "member", locale: "es", passwordHash: await hashPassword(DEMO_PASSWORD), emailVerifiedAt: new Date(), privacyNoticeVersion: PRIVACY_NOTICE_VERSION })
  .returning()
  .get();
const coordinator = db.select().from(schema.users).where(eq(schema.users.role, "coordinator")).get();
if (!coordinator) throw new Error("the e2e database has no coordinator (run the seed first)");

const organisationName = unbroken("Organizacion", 140);
const applied = applyForMembership(user.id, makeOrganisationProfile({ name: organisationName, description: MARKDOWN }));
if (!applied.ok) throw new Error(`could not apply: ${applied.error}`);
const organisation = applied.organisation;
reviewApplication(organisation.id, coordinator.id, { decision: "approve" });
signPact(organisation.id, user.id, { signerName: unbroken("Firmante", 100), signerPosition: unbroken("Cargo", 100) });

const initiativeTitle = unbroken("Iniciativa", 140);
const proposed = proposeInitiative(user.id, {
  leadOrganisationId: organisation.id,
  title: initiativeTitle,
  summary: unbroken("Resumen", 140),
  description: MARKDOWN,
  roadmap: "agriculture",
  approach: undefined,
  valueChains: ["agricultural"],
  regions: ["CUS"],
  startOn: "2026-01-01",
  endOn: "2027-12-31",
  needs: ["partners"],
  partnersNote: unbroken("Socios", 140),
  partnerActorTypes: ["service_provider"],
  financingNote: undefined,
  financingAmount: undefined,
  financingKind: undefined,
  technologyNote: undefined,
  trainingNote: undefined,
  infrastructureNote: undefined,
  otherNote: undefined,
  genderPerspective: undefined,
  genderNote: undefined,
});
if (!proposed.ok) throw new Error(`could not propose: ${proposed.error}`);
const opened = changeInitiativeStatus(proposed.initiative.id, user.id, "open");
if (!opened.ok) throw new Error("could not open the initiative");

// Starts in a few hours, so it is the next event on the home page.
const startsAt = new Date(Date.now() + 3 * 3600_000);
const eventTitle = unbroken("Evento", 140);
const event = createEvent(coordinator.id, {
  title: eventTitle,
  type: "training",
  summary: unbroken("Resumen", 140),
  description: MARKDOWN,
  startsAt: utcToLimaLocal(startsAt),
  endsAt: utcToLimaLocal(new Date(startsAt.getTime() + 2 * 3600_000)),
  format: "in_person",
  venueName: unbroken("Local", 120),
  venueAddress: unbroken("Direccion", 140),
  city: unbroken("Ciudad", 80),
  region: "CUS",
  onlineUrl: undefined,
  capacity: 30,
  registrationOpensAt: undefined,
  registrationClosesAt: undefined,
  questions: undefined,
  organisers: [organisation.id],
  roadmaps: [],
  valueChains: [],
  forumYear: undefined,
});
publishEvent(event.id);
const eventSlug = event.slug;
const initiativeSlug = proposed.initiative.slug;

db.insert(schema.notifications)
  .values([
    // One of each: a notification of a kind, worded from its subject when shown, and one written
    // before issue 10 (a message key and its values).
    { userId: user.id, type: "initiative.update", subjectType: "initiative", subjectId: proposed.initiative.id, data: {}, groupKey: `initiative:${proposed.initiative.id}` },
    { userId: user.id, type: "ev.notice.changed", data: { title: eventTitle }, link: `/events/${eventSlug}` },
  ])
  .run();

console.log(
  JSON.stringify({
    email,
    password: DEMO_PASSWORD,
    userName,
    organisationName,
    organisationSlug: organisation.slug,
    initiativeTitle,
    initiativeSlug,
    eventTitle,
    eventSlug,
  }),
);
