import { desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { action as loginAction } from "#app/routes/login.tsx";
import { action as logoutAction } from "#app/routes/logout.tsx";
import { action as resetAction } from "#app/routes/reset-password.tsx";
import { action as forgotAction } from "#app/routes/forgot-password.tsx";
import { action as passwordAction } from "#app/routes/account.password.tsx";
import { action as verifyAction } from "#app/routes/verify-email.tsx";
import { action as emailAction } from "#app/routes/account.email.tsx";
import { loader as adminLoader, action as adminAction } from "#app/routes/admin.users.tsx";
import { loader as outboxLoader } from "#app/routes/dev.outbox.tsx";
import { loader as rootLoader } from "#app/root.tsx";
import { action as signupAction } from "#app/routes/signup.tsx";
import { callRoute, cookiesFrom } from "./call-route.ts";

type Reply = { result: { initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> } };

const unique = () => `u${crypto.randomUUID().slice(0, 8)}@correo.pe`;
const GOOD_PASSWORD = "quinua-andina-2026";

/** Sends the sign-up form only: the account exists, unconfirmed, and nobody is signed in. */
async function submitSignUp(email = unique(), password = GOOD_PASSWORD, ip = `198.51.100.${Math.floor(Math.random() * 250)}`) {
  const res = await callRoute(signupAction, {
    method: "POST",
    url: "http://localhost:3000/signup",
    form: { name: "María Pérez", email, password, acceptPrivacy: "on" },
    context: { clientIp: ip },
  });
  return { res, email };
}

/** Signs up and opens the emailed confirmation link, which signs the person in (`cookie`). */
async function signUp(email = unique(), password = GOOD_PASSWORD, ip = `198.51.100.${Math.floor(Math.random() * 250)}`) {
  const { res } = await submitSignUp(email, password, ip);
  if (res.status !== 303) return { res, email, cookie: "" };
  const token = linkIn(lastMailTo(email)!.text).searchParams.get("token")!;
  const confirmed = await callRoute(verifyAction, { method: "POST", form: { token }, context: { clientIp: ip } });
  return { res, email, cookie: cookiesFrom(confirmed.headers) };
}

function lastMailTo(email: string) {
  return db.select().from(schema.outbox).where(eq(schema.outbox.to, email)).orderBy(desc(schema.outbox.id)).get();
}

function linkIn(text: string) {
  const match = text.match(/http:\/\/localhost:3000(\/\S+)/);
  if (!match) throw new Error(`no link in: ${text}`);
  return new URL(match[1]!, "http://localhost:3000");
}

describe("sign-up", () => {
  test("validation errors answer 400, keep the name and email, never echo the password", async () => {
    const res = await callRoute(signupAction, {
      method: "POST",
      form: { name: "M", email: "no-es-un-correo", password: "corta", acceptPrivacy: "on" },
    });
    expect(res.status).toBe(400);
    const { result } = res.data as Reply;
    expect(result.error).toMatchObject({
      name: ["errors.nameLength"],
      email: ["errors.email"],
      password: ["errors.passwordTooShort"],
    });
    expect(result.initialValue).toMatchObject({ name: "M", email: "no-es-un-correo" });
    expect(result.initialValue).not.toHaveProperty("password");
  });

  test("a common password is refused with its own message", async () => {
    const res = await callRoute(signupAction, {
      method: "POST",
      form: { name: "María Pérez", email: unique(), password: "password123", acceptPrivacy: "on" },
    });
    expect(res.status).toBe(400);
    expect((res.data as Reply).result.error?.password).toEqual(["errors.passwordCommon"]);
  });

  test("success signs nobody in, says to check the email, and mails a link in Spanish that signs in", async () => {
    const { res, email } = await submitSignUp();
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/signup?sent=1");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const mail = lastMailTo(email);
    expect(mail?.subject).toBe("Confirma tu correo en Perú País Circular");
    expect(mail?.locale).toBe("es");
    const token = linkIn(mail!.text).searchParams.get("token")!;
    const confirmed = await callRoute(verifyAction, { method: "POST", form: { token } });
    expect(confirmed.status).toBe(302);
    expect(cookiesFrom(confirmed.headers)).toMatch(/session=[a-z2-7]+\.[a-z2-7]+/);
  });

  test("more than 10 sign-ups a minute from one address are refused with 429", async () => {
    const ip = "192.0.2.99";
    for (let i = 0; i < 10; i++) expect((await submitSignUp(unique(), GOOD_PASSWORD, ip)).res.status).toBe(303);
    const limited = await submitSignUp(unique(), GOOD_PASSWORD, ip);
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get("Retry-After")).toBeTruthy();
  });
});

describe("log-in", () => {
  test("a wrong password and an unknown email get the same message, and the email is kept", async () => {
    const { email } = await signUp();
    const wrong = await callRoute(loginAction, { method: "POST", form: { email, password: "otra-clave-123" } });
    const unknown = await callRoute(loginAction, {
      method: "POST",
      form: { email: unique(), password: "otra-clave-123" },
    });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect((wrong.data as Reply).result.error?.[""]).toEqual(["login.invalid"]);
    expect((unknown.data as Reply).result.error?.[""]).toEqual(["login.invalid"]);
    expect((wrong.data as Reply).result.initialValue).toEqual({ email });
  });

  test("every log-in creates a new session; log-out deletes it", async () => {
    const { email, cookie: first } = await signUp();
    const res = await callRoute(loginAction, {
      method: "POST",
      form: { email, password: GOOD_PASSWORD, redirectTo: "//evil.example" },
    });
    expect(res.status).toBe(302);
    // A foreign redirect target is ignored.
    expect(res.headers.get("Location")).toBe("/");
    const second = cookiesFrom(res.headers);
    expect(second).not.toBe(first);
    const user = db.select().from(schema.users).where(eq(schema.users.email, email)).get()!;
    expect(db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id)).all()).toHaveLength(2);

    await callRoute(logoutAction, { method: "POST", cookie: second });
    expect(db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id)).all()).toHaveLength(1);
  });

  test("after 10 attempts a minute from one address, log-in answers 429", async () => {
    const context = { clientIp: "192.0.2.150" };
    for (let i = 0; i < 10; i++) {
      const res = await callRoute(loginAction, { method: "POST", context, form: { email: unique(), password: "x" } });
      expect(res.status).toBe(400);
    }
    const res = await callRoute(loginAction, { method: "POST", context, form: { email: unique(), password: "x" } });
    expect(res.status).toBe(429);
  });
});

describe("password reset and change", () => {
  test("the emailed link resets the password once, ends every session and logs in", async () => {
    const { email, cookie: oldCookie } = await signUp();
    const forgot = await callRoute(forgotAction, { method: "POST", form: { email } });
    expect(forgot.status).toBe(200);
    const link = linkIn(lastMailTo(email)!.text);
    expect(link.pathname).toBe("/reset-password");
    const token = link.searchParams.get("token")!;

    const reset = await callRoute(resetAction, { method: "POST", form: { token, password: "nueva-clave-del-norte" } });
    expect(reset.status).toBe(302);
    // The old session is gone.
    const root = await callRoute(rootLoader, { cookie: oldCookie });
    expect((root.data as { user: unknown }).user).toBeNull();
    // The link cannot be used twice.
    const again = await callRoute(resetAction, { method: "POST", form: { token, password: "otra-clave-del-sur" } });
    expect(again.status).toBe(400);
    expect((again.data as Reply).result.error?.[""]).toEqual(["reset.invalid"]);

    const login = await callRoute(loginAction, { method: "POST", form: { email, password: "nueva-clave-del-norte" } });
    expect(login.status).toBe(302);
  });

  test("asking for a reset for an unknown email answers exactly as for a known one", async () => {
    const { email } = await signUp();
    const known = await callRoute(forgotAction, { method: "POST", form: { email } });
    const unknown = await callRoute(forgotAction, { method: "POST", form: { email: unique() } });
    expect(unknown.status).toBe(known.status);
    expect(unknown.data).toMatchObject({ sent: true });
    expect(known.data).toMatchObject({ sent: true });
  });

  test("changing the password needs the current one and ends the other sessions", async () => {
    const { email, cookie } = await signUp();
    const other = cookiesFrom(
      (await callRoute(loginAction, { method: "POST", form: { email, password: GOOD_PASSWORD } })).headers,
    );
    const wrong = await callRoute(passwordAction, {
      method: "POST",
      cookie,
      form: { currentPassword: "no-es-esta", newPassword: "camote-amarillo-77" },
    });
    expect(wrong.status).toBe(400);
    expect((wrong.data as Reply).result.error?.currentPassword).toEqual(["errors.wrongPassword"]);
    expect((wrong.data as Reply).result.initialValue).toEqual({});

    const ok = await callRoute(passwordAction, {
      method: "POST",
      cookie,
      form: { currentPassword: GOOD_PASSWORD, newPassword: "camote-amarillo-77" },
    });
    expect(ok.status).toBe(302);
    expect(((await callRoute(rootLoader, { cookie })).data as { user: unknown }).user).not.toBeNull();
    expect(((await callRoute(rootLoader, { cookie: other })).data as { user: unknown }).user).toBeNull();
  });
});

describe("stale links and bad bodies", () => {
  test("a reset link sent before an email change no longer works after it", async () => {
    const { email, cookie } = await signUp();
    await callRoute(forgotAction, { method: "POST", form: { email } });
    const token = linkIn(lastMailTo(email)!.text).searchParams.get("token")!;
    const newEmail = unique();
    const change = await callRoute(emailAction, {
      method: "POST",
      cookie,
      form: { newEmail, password: GOOD_PASSWORD },
    });
    expect(change.status).toBe(302);
    const confirm = linkIn(lastMailTo(newEmail)!.text).searchParams.get("token")!;
    expect((await callRoute(verifyAction, { method: "POST", cookie, form: { token: confirm, change: "1" } })).status).toBe(302);
    const reset = await callRoute(resetAction, { method: "POST", form: { token, password: "otra-clave-segura-1" } });
    expect(reset.status).toBe(400);
  });

  test("a body that is not a form answers 400, not 500", async () => {
    const res = await callRoute(loginAction, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=nada" },
      form: undefined,
    });
    expect(res.status).toBe(400);
  });

  test("every page load re-sends the session cookie with the current expiry", async () => {
    const { cookie } = await signUp();
    const res = await callRoute(rootLoader, { cookie });
    expect(res.headers.get("Set-Cookie")).toMatch(/^session=[a-z2-7]+\.[a-z2-7]+; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
  });
});

describe("email verification", () => {
  test("the link verifies the address once", async () => {
    const { email } = await submitSignUp();
    const token = linkIn(lastMailTo(email)!.text).searchParams.get("token")!;
    const first = await callRoute(verifyAction, { method: "POST", form: { token } });
    expect(first.status).toBe(302);
    const user = db.select().from(schema.users).where(eq(schema.users.email, email)).get()!;
    expect(user.emailVerifiedAt).not.toBeNull();
    const second = await callRoute(verifyAction, { method: "POST", cookie: cookiesFrom(first.headers), form: { token } });
    expect(second.status).toBe(400);
  });
});

describe("roles", () => {
  test("only admins reach the user admin page; coordinators and members get 403", async () => {
    const { email, cookie } = await signUp();
    expect((await callRoute(adminLoader, { cookie, url: "http://localhost:3000/admin/users" })).status).toBe(403);
    db.update(schema.users).set({ role: "coordinator" }).where(eq(schema.users.email, email)).run();
    expect((await callRoute(adminLoader, { cookie, url: "http://localhost:3000/admin/users" })).status).toBe(403);
    db.update(schema.users).set({ role: "admin" }).where(eq(schema.users.email, email)).run();
    expect((await callRoute(adminLoader, { cookie, url: "http://localhost:3000/admin/users" })).status).toBe(200);
    const anonymous = await callRoute(adminLoader, { url: "http://localhost:3000/admin/users" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
  });

  test("an admin changes another user's role, but not their own", async () => {
    const admin = await signUp();
    const member = await signUp();
    db.update(schema.users).set({ role: "admin" }).where(eq(schema.users.email, admin.email)).run();
    const adminRow = db.select().from(schema.users).where(eq(schema.users.email, admin.email)).get()!;
    const memberRow = db.select().from(schema.users).where(eq(schema.users.email, member.email)).get()!;

    const url = "http://localhost:3000/admin/users";
    const promote = await callRoute(adminAction, {
      method: "POST",
      url,
      cookie: admin.cookie,
      form: { userId: String(memberRow.id), role: "coordinator" },
    });
    expect(promote.status).toBe(302);
    expect(db.select().from(schema.users).where(eq(schema.users.id, memberRow.id)).get()?.role).toBe("coordinator");

    const self = await callRoute(adminAction, {
      method: "POST",
      url,
      cookie: admin.cookie,
      form: { userId: String(adminRow.id), role: "member" },
    });
    expect(self.status).toBe(403);
    const bad = await callRoute(adminAction, {
      method: "POST",
      url,
      cookie: admin.cookie,
      form: { userId: String(memberRow.id), role: "emperor" },
    });
    expect(bad.status).toBe(400);
    const byMember = await callRoute(adminAction, {
      method: "POST",
      url,
      cookie: member.cookie,
      form: { userId: String(adminRow.id), role: "member" },
    });
    expect(byMember.status).toBe(403);
  });

  test("in outbox mode a newcomer reads their confirmation mail in the outbox (see mail-transport.test.ts)", async () => {
    const { email, cookie } = await signUp();
    const res = await callRoute(outboxLoader, { cookie });
    expect(res.status).toBe(200);
    expect((res.data as { messages: Array<{ to: string }> }).messages.some((m) => m.to === email)).toBe(true);
  });
});
