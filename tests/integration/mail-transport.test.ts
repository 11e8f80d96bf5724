import { desc, eq } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { clearEnvCache, parseEnv } from "#app/.server/env.ts";
import { describeOutboxMessage, isOutboxMode, sendMail } from "#app/.server/mail.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { loader as outboxLoader } from "#app/routes/dev.outbox.tsx";
import { action as signupAction } from "#app/routes/signup.tsx";
import { callRoute } from "./call-route.ts";

// Mail delivery is an explicit choice: SMTP_URL, or MAIL_TRANSPORT=outbox; production refuses to
// start with neither, so a deployment never shows mail (reset links) on /dev/outbox by accident.

const variables = process.env as Record<string, string | undefined>;
const saved = { ...variables };
afterEach(() => {
  for (const name of ["NODE_ENV", "SMTP_URL", "MAIL_TRANSPORT"]) {
    if (saved[name] === undefined) delete variables[name];
    else variables[name] = saved[name];
  }
  clearEnvCache();
});

describe("choosing the mail transport", () => {
  test("production with neither SMTP_URL nor MAIL_TRANSPORT=outbox is refused, saying how to fix it", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SMTP_URL=.*\n.*MAIL_TRANSPORT=outbox/s);
    // An empty value (`SMTP_URL=` in a shell) is no choice either.
    expect(() => parseEnv({ NODE_ENV: "production", SMTP_URL: "", MAIL_TRANSPORT: "" })).toThrow(/No way to deliver email/);
  });

  test("production runs with SMTP, or with the explicit outbox", () => {
    expect(parseEnv({ NODE_ENV: "production", SMTP_URL: "smtps://u:p@smtp.example.pe:465" }).mailTransport).toBe("smtp");
    expect(parseEnv({ NODE_ENV: "production", MAIL_TRANSPORT: "outbox" }).mailTransport).toBe("outbox");
  });

  test("contradictory or incomplete choices are refused", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SMTP_URL: "smtp://h:25", MAIL_TRANSPORT: "outbox" })).toThrow(/choose one/);
    expect(() => parseEnv({ NODE_ENV: "development", MAIL_TRANSPORT: "smtp" })).toThrow(/needs SMTP_URL/);
    expect(() => parseEnv({ NODE_ENV: "development", MAIL_TRANSPORT: "pigeon" })).toThrow(/MAIL_TRANSPORT/);
  });

  test("development and tests default to the outbox", () => {
    expect(parseEnv({ NODE_ENV: "development" }).mailTransport).toBe("outbox");
    expect(parseEnv({}).mailTransport).toBe("outbox");
    expect(parseEnv({ NODE_ENV: "test", SMTP_URL: "smtp://h:25" }).mailTransport).toBe("smtp");
  });
});

describe("the outbox in production demo mode (npm run start:demo)", () => {
  test("an anonymous newcomer reads the confirmation mail at /dev/outbox and the pages point there", async () => {
    variables.NODE_ENV = "production";
    process.env.MAIL_TRANSPORT = "outbox";
    delete process.env.SMTP_URL;
    clearEnvCache();
    const email = `nuevo-${crypto.randomUUID().slice(0, 8)}@correo.pe`;
    const signup = await callRoute(signupAction, {
      method: "POST",
      url: "http://localhost:3000/signup",
      form: { name: "Nueva Persona", email, password: "quinua-andina-2026", acceptPrivacy: "on" },
      context: { clientIp: "198.51.100.77" },
    });
    expect(signup.status).toBeLessThan(400);

    const page = await callRoute(outboxLoader, { url: "http://localhost:3000/dev/outbox" });
    expect(page.status).toBe(200);
    const mail = (page.data as { messages: Array<{ to: string; text: string }> }).messages.find((m) => m.to === email);
    expect(mail?.text).toMatch(/\/verify-email\?token=/);

    const root = await callRoute(rootLoader);
    expect((root.data as { showOutbox: boolean }).showOutbox).toBe(true);
  });

  test("attachments reach the outbox page", async () => {
    const to = `adjunto-${crypto.randomUUID().slice(0, 8)}@correo.pe`;
    await sendMail({
      to,
      subject: "Invitación",
      text: "Tu inscripción: http://localhost:3000/events/foro",
      locale: "es",
      attachments: [{ filename: "foro.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" }],
    });
    const page = await callRoute(outboxLoader);
    const mail = (page.data as { messages: Array<{ to: string; attachments: Array<{ filename: string }> }> }).messages.find((m) => m.to === to);
    expect(mail?.attachments.map((a) => a.filename)).toEqual(["foro.ics"]);
  });

  test("with SMTP there is no outbox page and pages do not point to one", async () => {
    variables.NODE_ENV = "production";
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    delete process.env.MAIL_TRANSPORT;
    clearEnvCache();
    expect(isOutboxMode()).toBe(false);
    expect((await callRoute(outboxLoader)).status).toBe(404);
    expect(((await callRoute(rootLoader)).data as { showOutbox: boolean }).showOutbox).toBe(false);
  });
});

test("each outbox message is described in the server log with its links and attachments", () => {
  const line = describeOutboxMessage({
    to: "ana@correo.pe",
    subject: "Confirma tu correo",
    text: "Hola Ana,\n\nAbre este enlace:\nhttp://localhost:3000/verify-email?token=abc123\n\nSaludos",
    attachments: [{ filename: "foro.ics", contentType: "text/calendar", content: "" }],
  });
  expect(line).toContain("ana@correo.pe");
  expect(line).toContain("http://localhost:3000/verify-email?token=abc123");
  expect(line).toContain("foro.ics");
  expect(line).toContain("/dev/outbox");
});

test("outbox rows keep what was sent", async () => {
  const to = `fila-${crypto.randomUUID().slice(0, 8)}@correo.pe`;
  await sendMail({ to, subject: "S", text: "T", locale: "en" });
  const row = db.select().from(schema.outbox).where(eq(schema.outbox.to, to)).orderBy(desc(schema.outbox.id)).get();
  expect(row).toMatchObject({ subject: "S", text: "T", locale: "en" });
});
