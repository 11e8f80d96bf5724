import { z } from "zod";
import { choices, option, requiredOption } from "#app/utils/zod-options.ts";
import { isValidRuc } from "./ruc.ts";
import {
  ACTOR_TYPES,
  COMPANY_SIZES,
  MEMBER_ROLES,
  REGION_CODES,
  ROADMAPS,
  RUC_OPTIONAL_ACTOR_TYPES,
  VALUE_CHAINS,
  hasCompanySize,
} from "./taxonomy.ts";

const optionalText = (max: number) => z.string().trim().max(max, "errors.tooLong").optional();

export const OrganisationProfileSchema = z
  .object({
    name: z
      .string({ required_error: "errors.required" })
      .trim()
      .min(2, "org.errors.nameLength")
      .max(150, "org.errors.nameLength"),
    acronym: optionalText(20),
    ruc: z
      .string()
      .trim()
      .optional()
      .refine((value) => value === undefined || isValidRuc(value), "org.errors.ruc"),
    actorType: z.enum(ACTOR_TYPES, requiredOption),
    companySize: z.enum(COMPANY_SIZES, option).optional(),
    hqRegion: z.enum(REGION_CODES, requiredOption),
    operatingRegions: choices(REGION_CODES),
    roadmaps: choices(ROADMAPS),
    valueChains: choices(VALUE_CHAINS),
    description: z.string().trim().max(5000, "errors.tooLong").default(""),
    website: z
      .string()
      .trim()
      .max(300, "errors.tooLong")
      .url("org.errors.website")
      .refine((value) => /^https?:\/\//i.test(value), "org.errors.website")
      .optional(),
    contactEmail: z.string().trim().max(254, "errors.tooLong").email("errors.email").optional(),
    foundedYear: z.coerce
      .number({ invalid_type_error: "org.errors.foundedYear" })
      .int("org.errors.foundedYear")
      .min(1800, "org.errors.foundedYear")
      .max(new Date().getFullYear(), "org.errors.foundedYear")
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.ruc && !RUC_OPTIONAL_ACTOR_TYPES.includes(value.actorType)) {
      ctx.addIssue({ code: "custom", path: ["ruc"], message: "org.errors.rucRequired" });
    }
    if (hasCompanySize(value.actorType) && !value.companySize) {
      ctx.addIssue({ code: "custom", path: ["companySize"], message: "org.errors.companySize" });
    }
  })
  // A size sent for an actor type that has none (a form used without JavaScript shows the field
  // to everyone) is dropped, not refused, so it is never stored.
  .transform((value) => (hasCompanySize(value.actorType) ? value : { ...value, companySize: undefined }));

export type OrganisationProfile = z.infer<typeof OrganisationProfileSchema>;

export const ReviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), organisationId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal("reject"),
    organisationId: z.coerce.number().int().positive(),
    reason: z
      .string({ required_error: "org.errors.reasonRequired" })
      .trim()
      .min(5, "org.errors.reasonRequired")
      .max(1000, "errors.tooLong"),
  }),
]);

export const InviteSchema = z.object({
  email: z.string({ required_error: "errors.required" }).trim().max(254, "errors.tooLong").email("errors.email"),
  role: z.enum(MEMBER_ROLES, option),
});

export const PactSignatureSchema = z.object({
  signerName: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(2, "errors.nameLength")
    .max(100, "errors.nameLength"),
  signerPosition: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(2, "org.errors.positionLength")
    .max(100, "org.errors.positionLength"),
  confirm: z.literal("on", { errorMap: () => ({ message: "pact.errors.confirm" }) }),
});

export const HistoricalSignatureSchema = z.object({
  organisationId: z.coerce.number({ required_error: "errors.required" }).int().positive("errors.required"),
  signerName: PactSignatureSchema.shape.signerName,
  signerPosition: PactSignatureSchema.shape.signerPosition,
  signedOn: z
    .string({ required_error: "errors.required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "org.errors.date")
    .refine((value) => {
      const date = new Date(`${value}T00:00:00-05:00`);
      // A real calendar day: "2024-02-31" would otherwise roll over to 2 March and be stored as such.
      const real = !Number.isNaN(date.getTime()) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
      return real && date.getTime() <= Date.now() && value >= "2000-01-01";
    }, "org.errors.date"),
});

/** A calendar day in Lima (UTC−5, no daylight saving) as the instant it starts. */
export function limaDayStart(isoDay: string) {
  return new Date(`${isoDay}T00:00:00-05:00`);
}
