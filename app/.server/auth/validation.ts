import type { z } from "zod";
import { isCommonPassword } from "./common-passwords.ts";

/**
 * Adds the server-only rule (the common-password list lives on the server) to a schema that has
 * a new-password field.
 */
export function withCommonPasswordCheck<T extends z.ZodTypeAny>(schema: T, field: string) {
  return schema.superRefine((value: Record<string, unknown>, ctx) => {
    const password = value[field];
    if (typeof password === "string" && isCommonPassword(password)) {
      ctx.addIssue({ code: "custom", path: [field], message: "errors.passwordCommon" });
    }
  });
}
