import { z } from "zod";
import { option, requiredOption } from "#app/utils/zod-options.ts";
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

export const EventSchema = z
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
    onlineUrl: z.string().trim().max(500).url("org.errors.website").refine((v) => /^https:\/\//i.test(v), "org.errors.website").optional(),
    capacity: z.coerce.number({ invalid_type_error: "ev.errors.capacity" }).int("ev.errors.capacity").min(1, "ev.errors.capacity").max(100_000, "ev.errors.capacity").optional(),
    registrationOpensAt: limaDateTime.optional(),
    registrationClosesAt: limaDateTime.optional(),
    questions: z.string().max(2000, "errors.tooLong").optional(),
    organisers: z.array(z.coerce.number().int().positive()).default([]),
    roadmaps: z.array(z.enum(ROADMAPS, option)).default([]),
    valueChains: z.array(z.enum(VALUE_CHAINS, option)).default([]),
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
  });

export type EventInput = z.infer<typeof EventSchema>;

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
