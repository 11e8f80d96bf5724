import { z } from "zod";
import { LOCALES } from "#app/locales/locales.ts";

// Messages are i18n keys; forms translate them when they show them.
const email = z
  .string({ required_error: "errors.required" })
  .trim()
  .max(254, "errors.tooLong")
  .email("errors.email")
  // ".invalid" is reserved (RFC 2606) and can receive no mail; the deleted-account row uses it.
  .refine((value) => !/\.invalid$/i.test(value), "errors.email");

const newPassword = z
  .string({ required_error: "errors.required" })
  .min(8, "errors.passwordTooShort")
  .max(256, "errors.passwordTooLong");

const name = z
  .string({ required_error: "errors.required" })
  .trim()
  .min(2, "errors.nameLength")
  .max(100, "errors.nameLength");

const locale = z.enum(LOCALES, { errorMap: () => ({ message: "errors.invalidOption" }) });

/** The consent checkbox beside the privacy notice (issue 13): must be ticked to open an account. */
export const acceptPrivacy = z.literal("on", { errorMap: () => ({ message: "privacy.consent.required" }) });

export const SignupSchema = z.object({ name, email, password: newPassword, acceptPrivacy, redirectTo: z.string().optional() });

export const LoginSchema = z.object({
  email,
  // Any length is accepted here; only the check against the stored hash decides.
  password: z.string({ required_error: "errors.required" }).max(256, "errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email });

export const ResetPasswordSchema = z.object({ token: z.string(), password: newPassword });

export const ProfileSchema = z.object({ name, locale });

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ required_error: "errors.required" }).max(256, "errors.passwordTooLong"),
  newPassword,
});

export const ChangeEmailSchema = z.object({
  newEmail: email,
  password: z.string({ required_error: "errors.required" }).max(256, "errors.passwordTooLong"),
});
