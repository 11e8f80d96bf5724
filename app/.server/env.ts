import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  // Public address of the site, used for links in emails (never taken from the Host header).
  APP_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Perú País Circular <no-reply@peru-circular.pe>"),
  // Multiplies every rate limit; end-to-end tests raise it because all their users share 127.0.0.1.
  RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Environment, validated once; a bad value stops the app at start-up with a clear message. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${JSON.stringify(parsed.error.flatten().fieldErrors)}`);
  }
  cached = parsed.data;
  return cached;
}

export const isProduction = () => env().NODE_ENV === "production";

export function appUrl() {
  return (env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");
}
