import { z } from "zod";
import { choices, option, requiredOption } from "#app/utils/zod-options.ts";
import { ACTOR_TYPES, REGION_CODES, ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import {
  FINANCING_KINDS,
  INDICATOR_CODES,
  INDUSTRY_APPROACHES,
  INITIATIVE_STATUSES,
  NEED_KINDS,
  PARTNER_ROLES,
  toStoredIndicator,
} from "./taxonomy.ts";

const note = z.string().trim().max(500, "errors.tooLong").optional();
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "ini.errors.date")
  .refine((value) => {
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value && value >= "2000-01-01" && value <= "2100-12-31";
  }, "ini.errors.date")
  .optional();

/** Soles as typed ("12500", "12,500.50", "12500.5") → integer céntimos, or null if it is not money. */
export function solesToCents(text: string): number | null {
  const clean = text.trim().replace(/^S\/\s*/i, "").replace(/,/g, "");
  const match = clean.match(/^(\d{1,10})(?:\.(\d{1,2}))?$/);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0") || 0);
}

/** The largest amount an initiative may seek: S/ 1,000,000,000. Anything above is a typo. */
export const MAX_FINANCING_CENTS = 1_000_000_000 * 100;

export const InitiativeSchema = z
  .object({
    leadOrganisationId: z.coerce.number({ required_error: "errors.required", invalid_type_error: "errors.required" }).int().positive("errors.required"),
    title: z.string({ required_error: "errors.required" }).trim().min(5, "ini.errors.titleLength").max(150, "ini.errors.titleLength"),
    summary: z.string({ required_error: "errors.required" }).trim().min(10, "ini.errors.summaryLength").max(280, "ini.errors.summaryLength"),
    description: z.string().trim().max(10_000, "errors.tooLong").default(""),
    roadmap: z.enum(ROADMAPS, requiredOption),
    approach: z.enum(INDUSTRY_APPROACHES, option).optional(),
    valueChains: choices(VALUE_CHAINS),
    regions: choices(REGION_CODES),
    startOn: isoDay,
    endOn: isoDay,
    needs: choices(NEED_KINDS),
    partnersNote: note,
    partnerActorTypes: choices(ACTOR_TYPES),
    financingNote: note,
    financingAmount: z.string().trim().max(30, "ini.errors.amount").optional(),
    financingKind: z.enum(FINANCING_KINDS, option).optional(),
    technologyNote: note,
    trainingNote: note,
    infrastructureNote: note,
    otherNote: note,
    genderPerspective: z.literal("on").optional(),
    genderNote: note,
  })
  .superRefine((value, ctx) => {
    if (value.roadmap === "industry" && !value.approach) {
      ctx.addIssue({ code: "custom", path: ["approach"], message: "ini.errors.approachRequired" });
    }
    if (value.startOn && value.endOn && value.endOn < value.startOn) {
      ctx.addIssue({ code: "custom", path: ["endOn"], message: "ini.errors.endBeforeStart" });
    }
    if (value.financingAmount) {
      const cents = solesToCents(value.financingAmount);
      if (cents === null || cents <= 0 || cents > MAX_FINANCING_CENTS) {
        ctx.addIssue({ code: "custom", path: ["financingAmount"], message: "ini.errors.amount" });
      }
    }
    if (value.needs.includes("financing") && !value.financingKind) {
      ctx.addIssue({ code: "custom", path: ["financingKind"], message: "ini.errors.financingKind" });
    }
  })
  // Approaches belong to the industry roadmap only. One sent with another roadmap (a form used
  // without JavaScript shows the field to everyone) is dropped, not refused, so it is never stored.
  .transform((value) => (value.roadmap === "industry" ? value : { ...value, approach: undefined }));

export type InitiativeInput = z.infer<typeof InitiativeSchema>;

export const StatusChangeSchema = z.object({
  status: z.enum(INITIATIVE_STATUSES, option),
});

export const PartnerRequestSchema = z.object({
  organisationId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
  role: z.enum(PARTNER_ROLES, requiredOption),
  message: z.string().trim().max(1000, "errors.tooLong").default(""),
});

// An invitation names the organisation: the server finds the approved organisation of that name,
// so the form needs no list of every organisation.
export const PartnerInviteSchema = z.object({
  organisation: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(200, "errors.tooLong"),
  role: z.enum(PARTNER_ROLES, requiredOption),
  message: z.string().trim().max(1000, "errors.tooLong").default(""),
});

export const PartnerResponseSchema = z.object({
  partnerId: z.coerce.number().int().positive(),
  decision: z.enum(["accept", "decline"], option),
  note: z.string().trim().max(500, "errors.tooLong").optional(),
});

export const ProgressUpdateSchema = z
  .object({
    organisationId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
    reportedOn: z
      .string({ required_error: "errors.required" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "ini.errors.date")
      // A real calendar day, not in the future (in Lima).
      .refine((value) => {
        const day = new Date(`${value}T00:00:00-05:00`);
        return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value && day.getTime() <= Date.now();
      }, "ini.errors.date"),
    body: z.string({ required_error: "errors.required" }).trim().min(5, "ini.errors.updateLength").max(10_000, "errors.tooLong"),
    ...Object.fromEntries(INDICATOR_CODES.map((code) => [code, z.string().trim().max(20, "ini.errors.indicator").optional()])),
  })
  .superRefine((value, ctx) => {
    for (const code of INDICATOR_CODES) {
      const text = (value as unknown as Record<string, string | undefined>)[code];
      if (text && toStoredIndicator(code, text) === null) {
        ctx.addIssue({ code: "custom", path: [code], message: "ini.errors.indicator" });
      }
    }
  });
