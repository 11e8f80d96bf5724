import { z } from "zod";

const reason = z
  .string({ required_error: "org.errors.reasonRequired" })
  .trim()
  .min(5, "org.errors.reasonRequired")
  .max(1000, "errors.tooLong");

/** The coordinators' decisions on an organisation, one form per intent. */
export const CoordinationSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), organisationId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("reject"), organisationId: z.coerce.number().int().positive(), reason }),
  z.object({ intent: z.literal("suspend"), organisationId: z.coerce.number().int().positive(), reason }),
  z.object({ intent: z.literal("reinstate"), organisationId: z.coerce.number().int().positive() }),
]);
