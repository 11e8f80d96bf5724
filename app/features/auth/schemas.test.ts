import { describe, expect, test } from "vitest";
import { LoginSchema, ProfileSchema, SignupSchema } from "./schemas.ts";

const errorsOf = (result: { success: boolean; error?: { flatten(): { fieldErrors: Record<string, string[]> } } }) =>
  result.success ? {} : result.error!.flatten().fieldErrors;

describe("sign-up schema", () => {
  test("accepts a valid person and trims the name and email", () => {
    const parsed = SignupSchema.parse({ name: "  Ana Torres ", email: " ana@correo.pe ", password: "12345678ab", acceptPrivacy: "on" });
    expect(parsed).toEqual({ name: "Ana Torres", email: "ana@correo.pe", password: "12345678ab", acceptPrivacy: "on" });
  });

  test("names the problem with each field as a message key", () => {
    expect(errorsOf(SignupSchema.safeParse({ name: "", email: "x", password: "1234567", acceptPrivacy: "yes" }))).toEqual({
      name: ["errors.nameLength"],
      email: ["errors.email"],
      password: ["errors.passwordTooShort"],
      acceptPrivacy: ["privacy.consent.required"],
    });
    // The privacy notice's box unticked (issue 13): no account without consent.
    expect(errorsOf(SignupSchema.safeParse({}))).toEqual({
      name: ["errors.required"],
      email: ["errors.required"],
      password: ["errors.required"],
      acceptPrivacy: ["privacy.consent.required"],
    });
  });

  test("passwords may be 8 to 256 characters", () => {
    const base = { name: "Ana Torres", email: "ana@correo.pe", acceptPrivacy: "on" };
    expect(SignupSchema.safeParse({ ...base, password: "a".repeat(256) }).success).toBe(true);
    expect(errorsOf(SignupSchema.safeParse({ ...base, password: "a".repeat(257) }))).toEqual({
      password: ["errors.passwordTooLong"],
    });
  });
});

describe("log-in and profile schemas", () => {
  test("log-in needs an email and a password", () => {
    expect(errorsOf(LoginSchema.safeParse({ email: "no" }))).toEqual({
      email: ["errors.email"],
      password: ["errors.required"],
    });
  });

  test("only Spanish or English can be the preferred language", () => {
    expect(ProfileSchema.safeParse({ name: "Ana Torres", locale: "en" }).success).toBe(true);
    expect(errorsOf(ProfileSchema.safeParse({ name: "Ana Torres", locale: "fr" }))).toEqual({
      locale: ["errors.invalidOption"],
    });
  });
});
