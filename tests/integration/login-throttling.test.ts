import { PRIVACY_NOTICE_VERSION } from "#app/features/privacy/version.ts";
import { desc, eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { hashPassword } from "#app/.server/auth/password.ts";
import { db, schema } from "#app/.server/db.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { action as loginAction } from "#app/routes/login.tsx";
import { action as verifyAction } from "#app/routes/verify-email.tsx";
import { callRoute, cookiesFrom } from "./call-route.ts";

type Reply = { result: { error?: Record<string, string[] | null> } };

const PASSWORD = "ceviche-de-pota-2026";

async function makeOwner(locale: "es" | "en" = "es") {
  const email = `dueno-${crypto.randomUUID().slice(0, 8)}@correo.pe`;
  db.insert(schema.users)
    .values({ email, name: "Dueña", passwordHash: await hashPassword(PASSWORD), locale, emailVerifiedAt: new Date(), privacyNoticeVersion: PRIVACY_NOTICE_VERSION })
    .run();
  return email;
}

const logIn = (email: string, password: string, ip: string) =>
  callRoute(loginAction, { method: "POST", form: { email, password }, context: { clientIp: ip } });

const mailsTo = (email: string) =>
  db.select().from(schema.outbox).where(eq(schema.outbox.to, email)).orderBy(desc(schema.outbox.id)).all();

async function signedInUser(cookie: string) {
  return ((await callRoute(rootLoader, { cookie })).data as { user: { email: string } | null }).user;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("log-in throttling cannot be used to lock an owner out", () => {
  test("failures from many IPs never block the owner: past the total, the right password earns an emailed sign-in link", async () => {
    const email = await makeOwner();
    // 12 attackers × 10 wrong passwords = 120 failures within the hour, in well under a minute.
    for (let n = 1; n <= 12; n++) {
      for (let i = 0; i < 10; i++) expect((await logIn(email, `adivina-${n}-${i}`, `203.0.113.${n}`)).status).toBe(400);
    }
    // The owner, from their own IP, with the right password: not 429, and never a session for
    // the password alone now, but a link to their mailbox.
    const owner = await logIn(email, PASSWORD, "198.51.100.20");
    expect(owner.status).toBe(400);
    expect((owner.data as Reply).result.error?.[""]).toEqual(["login.checkEmail"]);
    expect(owner.headers.get("Set-Cookie")).toBeNull();
    // A wrong password in this state gets exactly the same answer: guessing on teaches nothing.
    const guess = await logIn(email, "otra-adivinanza", "198.51.100.21");
    expect(guess.status).toBe(owner.status);
    expect(guess.data).toEqual(owner.data);

    const [mail] = mailsTo(email);
    expect(mail?.subject).toBe("Termina de ingresar a Perú País Circular");
    const link = new URL(mail!.text.match(/http:\/\/localhost:3000\S+/)![0]);
    expect(link.pathname).toBe("/verify-email");
    const confirmed = await callRoute(verifyAction, {
      method: "POST",
      form: { token: link.searchParams.get("token")! },
      context: { clientIp: "198.51.100.20" },
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/");
    expect((await signedInUser(cookiesFrom(confirmed.headers)))?.email).toBe(email);

    // The email-verified log-in reset the count: the password alone works again.
    const again = await logIn(email, PASSWORD, "198.51.100.20");
    expect(again.status).toBe(302);
  });

  test("one IP failing on one address is refused with 429 and Retry-After, only for that address", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2031-05-01T10:00:00Z");
    vi.setSystemTime(start);
    const email = await makeOwner();
    const other = await makeOwner();
    const ip = "192.0.2.77";
    for (let i = 0; i < 10; i++) expect((await logIn(email, `mala-${i}`, ip)).status).toBe(400);
    // Two minutes later the per-IP minute has passed, but this IP is done with this address.
    vi.setSystemTime(new Date(start.getTime() + 2 * 60_000));
    const limited = await logIn(email, `mala-11`, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBe(13 * 60);
    // The same IP may still try other addresses; the owner elsewhere is untouched.
    expect((await logIn(other, PASSWORD, ip)).status).toBe(302);
    expect((await logIn(email, PASSWORD, "198.51.100.30")).status).toBe(302);
  });

  test("one IP hammering many addresses hits the per-IP limit, with Retry-After", async () => {
    const ip = "192.0.2.88";
    for (let i = 0; i < 10; i++) expect((await logIn(`x${i}@correo.pe`, "x-y-z-1234", ip)).status).toBe(400);
    const limited = await logIn("x11@correo.pe", "x-y-z-1234", ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});
