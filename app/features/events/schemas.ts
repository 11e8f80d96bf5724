import { z } from "zod";
import { choices, idChoices, option, requiredOption } from "#app/utils/zod-options.ts";
import { REGION_CODES, ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import { EVENT_FORMATS, EVENT_TYPES, MAX_QUESTIONS } from "./taxonomy.ts";

const text = (max: number) => z.string().trim().max(max, "errors.tooLong").optional();

/** A wall-clock time in Lima as typed in a datetime-local field: "2026-12-10T09:00". */
const limaDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "ev.errors.dateTime")
  .refine((value) => {
    const instant = new Date(`${value}:00Z`);
    return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(0, 16) === value;
  }, "ev.errors.dateTime");

/** Lima has no daylight saving: local time is always UTC−5. */
export function limaLocalToUtc(local: string) {
  return new Date(`${local}:00-05:00`);
}

/** The datetime-local value for an instant, in Lima. */
export function utcToLimaLocal(instant: Date | number) {
  const shifted = new Date(new Date(instant).getTime() - 5 * 60 * 60 * 1000);
  return shifted.toISOString().slice(0, 16);
}

function isHttpsUrl(value: string) {
  try {
    return new URL(value).protocol === "https:" && /^https:\/\//i.test(value);
  } catch {
    return false;
  }
}

/** Fields that apply only to some events: the Forum edition, the online link, the venue. */
const FORUM_ONLY = ["forumYear"] as const;
const NOT_IN_PERSON = ["onlineUrl"] as const;
const NOT_ONLINE = ["venueName", "venueAddress", "city", "region"] as const;

/**
 * Drops, before validation, the fields that do not apply to the event's type and format (a form
 * used without JavaScript shows every field): a Forum year sent for a workshop, an online link
 * for an in-person event, a venue for an online one. They are neither validated nor stored.
 */
function dropFieldsThatDoNotApply(raw: unknown) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const value: Record<string, unknown> = { ...raw };
  const drop = (keys: readonly string[]) => keys.forEach((key) => delete value[key]);
  if (value.type !== undefined && value.type !== "" && value.type !== "forum") drop(FORUM_ONLY);
  if (value.format === "in_person") drop(NOT_IN_PERSON);
  if (value.format === "online") drop(NOT_ONLINE);
  return value;
}

export const EventSchema = z.preprocess(
  dropFieldsThatDoNotApply,
  z
  .object({
    title: z.string({ required_error: "errors.required" }).trim().min(5, "ev.errors.titleLength").max(150, "ev.errors.titleLength"),
    type: z.enum(EVENT_TYPES, requiredOption),
    summary: z.string({ required_error: "errors.required" }).trim().min(10, "ev.errors.summaryLength").max(300, "ev.errors.summaryLength"),
    description: z.string().trim().max(20_000, "errors.tooLong").default(""),
    startsAt: limaDateTime,
    endsAt: limaDateTime,
    format: z.enum(EVENT_FORMATS, requiredOption),
    venueName: text(200),
    venueAddress: text(300),
    city: text(100),
    region: z.enum(REGION_CODES, option).optional(),
    // One message for a bad link, whether it is not a URL at all or not https.
    onlineUrl: z.string().trim().max(500, "errors.tooLong").refine(isHttpsUrl, "org.errors.website").optional(),
    capacity: z.coerce.number({ invalid_type_error: "ev.errors.capacity" }).int("ev.errors.capacity").min(1, "ev.errors.capacity").max(100_000, "ev.errors.capacity").optional(),
    registrationOpensAt: limaDateTime.optional(),
    registrationClosesAt: limaDateTime.optional(),
    questions: z.string().max(2000, "errors.tooLong").optional(),
    organisers: idChoices(),
    // Co-organisers to add, one name or acronym per line; the server turns them into `organisers`
    // (app/.server/events/organisers.ts), so the form needs no list of every organisation.
    organiserNames: z.string().max(2000, "errors.tooLong").optional(),
    roadmaps: choices(ROADMAPS),
    valueChains: choices(VALUE_CHAINS),
    forumYear: z.coerce.number({ invalid_type_error: "ev.errors.forumYear" }).int().min(2018, "ev.errors.forumYear").max(2100, "ev.errors.forumYear").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.endsAt <= value.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "ev.errors.endBeforeStart" });
    if (value.format !== "online") {
      if (!value.venueName) ctx.addIssue({ code: "custom", path: ["venueName"], message: "ev.errors.venueRequired" });
      if (!value.city) ctx.addIssue({ code: "custom", path: ["city"], message: "ev.errors.venueRequired" });
      if (!value.region) ctx.addIssue({ code: "custom", path: ["region"], message: "ev.errors.venueRequired" });
    }
    if (value.format !== "in_person" && !value.onlineUrl) {
      ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: "ev.errors.onlineUrlRequired" });
    }
    if (value.registrationOpensAt && value.registrationClosesAt && value.registrationClosesAt <= value.registrationOpensAt) {
      ctx.addIssue({ code: "custom", path: ["registrationClosesAt"], message: "ev.errors.windowOrder" });
    }
    if (questionList(value.questions).length > MAX_QUESTIONS) {
      ctx.addIssue({ code: "custom", path: ["questions"], message: "ev.errors.tooManyQuestions" });
    }
  }),
);

export type EventInput = z.infer<typeof EventSchema>;
/** What the event form holds before validation (every field a string or list, all optional). */
export type EventFormInput = z.input<(typeof EventSchema)["_def"]["schema"]>;

/** Questions are typed one per line. */
export function questionList(text: string | undefined) {
  return (text ?? "")
    .split("\n")
    .map((line) => line.trim().slice(0, 200))
    .filter(Boolean);
}

export const SessionSchema = z
  .object({
    startsAt: limaDateTime,
    endsAt: limaDateTime,
    title: z.string({ required_error: "errors.required" }).trim().min(3, "ev.errors.sessionTitle").max(200, "ev.errors.sessionTitle"),
    description: z.string().trim().max(2000, "errors.tooLong").default(""),
    room: text(100),
    // One speaker per line: "Name | Role | Organisation".
    speakers: z.string().max(3000, "errors.tooLong").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.endsAt <= value.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "ev.errors.endBeforeStart" });
  });

export function parseSpeakers(text: string | undefined) {
  return (text ?? "")
    .split("\n")
    .map((line) => line.split("|").map((part) => part.trim()))
    .filter(([name]) => Boolean(name))
    .map(([name, role, organisation]) => ({
      name: name!.slice(0, 150),
      role: role ? role.slice(0, 150) : null,
      organisationName: organisation ? organisation.slice(0, 200) : null,
    }));
}

export const RegistrationSchema = z.object({
  organisationId: z.coerce.number().int().positive().optional(),
  answers: z.array(z.string().trim().max(500, "errors.tooLong")).default([]),
});

export const CancelEventSchema = z.object({
  reason: z.string({ required_error: "org.errors.reasonRequired" }).trim().min(5, "org.errors.reasonRequired").max(1000, "errors.tooLong"),
});
