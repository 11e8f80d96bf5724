import { desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { action as loginAction } from "#app/routes/login.tsx";
import { action as signupAction, loader as signupLoader } from "#app/routes/signup.tsx";
import { action as verifyAction, loader as verifyLoader } from "#app/routes/verify-email.tsx";
import { callRoute, cookiesFrom } from "./call-route.ts";

type Reply = { result: { error?: Record<string, string[] | null> } };

const unique = () => `p${crypto.randomUUID().slice(0, 8)}@correo.pe`;
let ipCounter = 0;
const nextIp = () => `198.51.100.${(ipCounter += 1)}`;

const signUp = (email: string, password: string, name = "Rosa Ccori") =>
  callRoute(signupAction, {
    method: "POST",
    url: "http://localhost:3000/signup",
    form: { name, email, password, acceptPrivacy: "on" },
    context: { clientIp: nextIp() },
  });

const mailsTo = (email: string) =>
  db.select().from(schema.outbox).where(eq(schema.outbox.to, email)).orderBy(desc(schema.outbox.id)).all();
const usersWith = (email: string) => db.select().from(schema.users).where(eq(schema.users.email, email)).all();
const tokenIn = (text: string) => new URL(text.match(/http:\/\/localhost:3000\S+/)![0]).searchParams.get("token")!;

function answer(res: Awaited<ReturnType<typeof callRoute>>) {
  return { status: res.status, location: res.headers.get("Location"), cookie: res.headers.get("Set-Cookie"), data: res.data };
}

describe("sign-up does not tell which addresses have accounts", () => {
  test("a registered address gets the same answer as a new one; its owner is emailed, in their language", async () => {
    const email = unique();
    const first = await signUp(email, "quinua-andina-2026");
    const firstToken = tokenIn(mailsTo(email)[0]!.text);
    expect((await callRoute(verifyAction, { method: "POST", form: { token: firstToken }, context: { clientIp: nextIp() } })).status).toBe(302);
    db.update(schema.users).set({ locale: "en" }).where(eq(schema.users.email, email)).run();

    const fresh = await signUp(unique(), "maca-del-altiplano-9");
    const again = await signUp(email.toUpperCase(), "otra-clave-distinta-7", "Otra Persona");
    expect(answer(again)).toEqual(answer(fresh));
    expect(answer(again)).toEqual(answer(first));
    expect(answer(again)).toMatchObject({ status: 303, location: "/signup?sent=1", cookie: null });

    // Still one account, with its own name and password.
    const rows = usersWith(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe("Rosa Ccori");
    const [note] = mailsTo(email);
    expect(note?.subject).toBe("Someone tried to create an account with your email on Peru Circular Country");
    expect(note?.locale).toBe("en");
    expect(note?.text).toContain("http://localhost:3000/login");
    expect(note?.text).toContain("http://localhost:3000/forgot-password");
    const withIntruderPassword = await callRoute(loginAction, {
      method: "POST",
      form: { email, password: "otra-clave-distinta-7" },
      context: { clientIp: nextIp() },
    });
    expect(withIntruderPassword.status).toBe(400);
    const withOwnPassword = await callRoute(loginAction, {
      method: "POST",
      form: { email, password: "quinua-andina-2026" },
      context: { clientIp: nextIp() },
    });
    expect(withOwnPassword.status).toBe(302);
  });

  test("a new address gets an unconfirmed account and a confirmation link; the sent page is shown", async () => {
    const email = unique();
    const res = await signUp(email, "quinua-andina-2026");
    expect(res.status).toBe(303);
    expect(usersWith(email)).toEqual([expect.objectContaining({ emailVerifiedAt: null })]);
    expect(mailsTo(email).map((m) => m.subject)).toEqual(["Confirma tu correo en Perú País Circular"]);
    const page = await callRoute(signupLoader, { url: "http://localhost:3000/signup?sent=1" });
    expect(page.data).toEqual({ sent: true });
  });

  test("logging in before confirming answers like a wrong password, and sends a fresh link", async () => {
    const email = unique();
    await signUp(email, "quinua-andina-2026");
    const right = await callRoute(loginAction, { method: "POST", form: { email, password: "quinua-andina-2026" }, context: { clientIp: nextIp() } });
    const wrong = await callRoute(loginAction, { method: "POST", form: { email: unique(), password: "quinua-andina-2026" }, context: { clientIp: nextIp() } });
    expect(right.status).toBe(400);
    expect((right.data as Reply).result.error).toEqual((wrong.data as Reply).result.error);
    expect(right.headers.get("Set-Cookie")).toBeNull();
    expect(mailsTo(email)).toHaveLength(2);
  });
});

describe("after confirming, the next step is registering an organisation", () => {
  test("the link signs the new member in and lands on the welcome page", async () => {
    const email = unique();
    await signUp(email, "quinua-andina-2026");
    const confirmed = await callRoute(verifyAction, {
      method: "POST",
      form: { token: tokenIn(mailsTo(email)[0]!.text) },
      context: { clientIp: nextIp() },
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/verify-email?welcome=1");
    const cookie = cookiesFrom(confirmed.headers);
    const root = await callRoute(rootLoader, { cookie });
    expect((root.data as { user: { email: string } | null }).user?.email).toBe(email);
    const welcome = await callRoute(verifyLoader, { url: "http://localhost:3000/verify-email?welcome=1", cookie });
    expect(welcome.data).toMatchObject({ welcome: true });
  });

  test("someone who signed up from an invitation is brought back to it; foreign targets are dropped", async () => {
    const email = unique();
    await callRoute(signupAction, {
      method: "POST",
      url: "http://localhost:3000/signup",
      form: { name: "Pedro Colega", email, password: "cafe-de-altura-2026", redirectTo: "/invitations/abc.def", acceptPrivacy: "on" },
      context: { clientIp: nextIp() },
    });
    const link = new URL(mailsTo(email)[0]!.text.match(/http:\/\/localhost:3000\S+/)![0]);
    expect(link.searchParams.get("next")).toBe("/invitations/abc.def");
    const page = await callRoute(verifyLoader, { url: link.toString() });
    expect(page.data).toMatchObject({ valid: true, next: "/invitations/abc.def" });
    const confirmed = await callRoute(verifyAction, {
      method: "POST",
      form: { token: link.searchParams.get("token")!, next: "/invitations/abc.def" },
      context: { clientIp: nextIp() },
    });
    expect(confirmed.headers.get("Location")).toBe("/invitations/abc.def");

    const other = unique();
    await callRoute(signupAction, {
      method: "POST",
      url: "http://localhost:3000/signup",
      form: { name: "Ana", email: other, password: "cafe-de-altura-2026", redirectTo: "//evil.example/x", acceptPrivacy: "on" },
      context: { clientIp: nextIp() },
    });
    expect(mailsTo(other)[0]!.text).not.toContain("next=");
  });
});
