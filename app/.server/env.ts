import { z } from "zod";

/** Where email goes: an SMTP server, or the local outbox (stored, shown at /dev/outbox, logged). */
export type MailTransport = "smtp" | "outbox";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  // Public address of the site, used for links in emails (never taken from the Host header).
  APP_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  // The explicit choice of the local outbox instead of SMTP (demos, tests). Required in
  // production when SMTP_URL is unset, so a deployment never keeps mail where others can read it
  // by accident.
  MAIL_TRANSPORT: z.enum(["smtp", "outbox"]).optional(),
  MAIL_FROM: z.string().default("Perú País Circular <no-reply@peru-circular.pe>"),
  // Where people write about their personal data (shown in the privacy notice, issue 13).
  PRIVACY_CONTACT_EMAIL: z.string().email().default("privacidad@peru-circular.pe"),
  // Multiplies every rate limit; end-to-end tests raise it because all their users share 127.0.0.1.
  RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
  // Multiplies the mail queue's waits (the backoff between attempts, 30 s doubling to 6 h, and the
  // 60 s lease of a message being sent); the reliability suite lowers it (0.02) so retries and a
  // crash mid-send play out in seconds. Leave at 1 in deployments.
  MAIL_RETRY_SCALE: z.coerce.number().positive().default(1),
});

type ParsedEnv = z.infer<typeof EnvSchema>;
export type Env = ParsedEnv & { mailTransport: MailTransport };

let cached: Env | undefined;

/**
 * Decides the mail transport from SMTP_URL and MAIL_TRANSPORT.
 * - SMTP_URL set: SMTP (MAIL_TRANSPORT may say "smtp" or be unset).
 * - MAIL_TRANSPORT=outbox without SMTP_URL: the outbox.
 * - Neither: the outbox in development and tests; in production, an error.
 * Returns the transport, or the message explaining why the combination is refused.
 */
export function resolveMailTransport(parsed: Pick<ParsedEnv, "NODE_ENV" | "SMTP_URL" | "MAIL_TRANSPORT">):
  | { ok: true; transport: MailTransport }
  | { ok: false; message: string } {
  const { NODE_ENV, SMTP_URL, MAIL_TRANSPORT } = parsed;
  if (SMTP_URL && MAIL_TRANSPORT === "outbox") {
    return {
      ok: false,
      message:
        "SMTP_URL is set and MAIL_TRANSPORT=outbox asks for the local outbox: choose one. Unset MAIL_TRANSPORT to send mail through SMTP_URL, or unset SMTP_URL for the demo outbox.",
    };
  }
  if (SMTP_URL) return { ok: true, transport: "smtp" };
  if (MAIL_TRANSPORT === "smtp") {
    return { ok: false, message: "MAIL_TRANSPORT=smtp needs SMTP_URL (for example smtps://user:pass@smtp.example.pe:465)." };
  }
  if (MAIL_TRANSPORT === "outbox" || NODE_ENV !== "production") return { ok: true, transport: "outbox" };
  return {
    ok: false,
    message: [
      "No way to deliver email in production. Set one of:",
      "  SMTP_URL=smtps://user:pass@smtp.example.pe:465   to send mail through an SMTP server, or",
      "  MAIL_TRANSPORT=outbox                            for a demo: mail is not sent but shown to anyone at /dev/outbox",
      "                                                   and written to the server log (what `npm run start:demo` does).",
    ].join("\n"),
  };
}

/**
 * Parses and checks an environment (process.env by default). Throws an Error whose message says
 * what is wrong and how to fix it: a malformed value, or no usable mail transport.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings (`SMTP_URL=` in a shell or an .env file) count as unset.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${JSON.stringify(parsed.error.flatten().fieldErrors)}`);
  }
  const mail = resolveMailTransport(parsed.data);
  if (!mail.ok) throw new Error(`Invalid environment: ${mail.message}`);
  return { ...parsed.data, mailTransport: mail.transport };
}

/** Environment, validated once; a bad value stops the app at start-up with a clear message. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Forgets the validated environment, so the next env() reads process.env again (tests change it). */
export function clearEnvCache() {
  cached = undefined;
}

export const isProduction = () => env().NODE_ENV === "production";

export function appUrl() {
  return (env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");
}
