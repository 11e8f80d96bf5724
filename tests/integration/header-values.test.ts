// Issue 8 §7: never a 500 for user input, including values that end up in a response header —
// redirect targets (redirectTo), Location headers built from slugs, and Content-Disposition
// filenames built from slugs. Crafted values (non-ASCII, CR/LF, %0d%0a, very long) are encoded
// or refused.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { hashPassword } from "#app/.server/auth/password.ts";
import { db, schema } from "#app/.server/db.ts";
import { createEvent, publishEvent } from "#app/.server/events/index.ts";
import { loader as attendeesCsvLoader } from "#app/routes/events.$slug.attendees[.]csv.ts";
import { loader as calendarLoader } from "#app/routes/events.$slug.calendar[.]ics.ts";
import { action as eventEditAction, loader as eventEditLoader } from "#app/routes/events.$slug.edit.tsx";
import { action as loginAction } from "#app/routes/login.tsx";
import { action as setLanguageAction } from "#app/routes/set-language.tsx";
import { callRoute } from "./call-route.ts";
import { makePerson } from "./world.ts";
import { eventInput } from "#tests/factories/events.ts";

const BASE = "http://localhost:3000";

/** The crafted redirect targets and where each must lead: encoded, or the fallback. */
const CRAFTED_TARGETS: Array<[label: string, sent: string, location: string]> = [
  ["non-ASCII path", "/organizaciones/森林協会", "/organizaciones/%E6%A3%AE%E6%9E%97%E5%8D%94%E4%BC%9A"],
  ["non-ASCII query and fragment", "/events?q=café día#más", "/events?q=caf%C3%A9%20d%C3%ADa#m%C3%A1s"],
  ["raw CR/LF", "/a\r\nSet-Cookie: pwned=1", "/"],
  ["encoded %0d%0a", "/a%0d%0aSet-Cookie:%20pwned=1", "/a%0d%0aSet-Cookie:%20pwned=1"],
  ["a line separator", "/\u2028x", "/%E2%80%A8x"],
  ["5,000 characters", `/${"x".repeat(5000)}`, "/"],
  ["backslashes to another host", "/\\\\evil.example", "/"],
  ["another site", "https://evil.example/", "/"],
];

function expectSafeRedirect(res: { status: number; headers: Headers }, location: string) {
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toBe(location);
  expect(res.headers.getSetCookie().some((c) => c.startsWith("pwned"))).toBe(false);
}

describe("user-supplied redirect targets", () => {
  test.each(CRAFTED_TARGETS)("set-language with a redirectTo: %s", async (_label, sent, location) => {
    const res = await callRoute(setLanguageAction, { url: `${BASE}/set-language`, method: "POST", form: { lang: "en", redirectTo: sent } });
    expectSafeRedirect(res, location);
  });

  test.each(CRAFTED_TARGETS)("login with a redirectTo: %s", async (_label, sent, location) => {
    const email = `destino-${crypto.randomUUID().slice(0, 8)}@prueba.pe`;
    const password = "Economia-Circular-2026";
    db.insert(schema.users).values({ email, name: "Destino", passwordHash: await hashPassword(password), emailVerifiedAt: new Date() }).run();
    const res = await callRoute(loginAction, {
      url: `${BASE}/login`,
      method: "POST",
      form: { email, password, redirectTo: sent },
      context: { clientIp: `203.0.113.${Math.floor(Math.random() * 250)}` },
    });
    expectSafeRedirect(res, location);
  });
});

describe("the log-in redirect of a page that needs a session", () => {
  test("a non-ASCII or overlong address comes back encoded, or as the home page", async () => {
    const nonAscii = await callRoute((args) => eventEditLoader({ ...args, params: { slug: "森林" } }), { url: `${BASE}/events/森林/edit?q=día` });
    expect(nonAscii.status).toBe(302);
    expect(nonAscii.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/events/%E6%A3%AE%E6%9E%97/edit?q=d%C3%ADa")}`);
    const long = await callRoute((args) => eventEditLoader({ ...args, params: { slug: "x" } }), { url: `${BASE}/events/x/edit?q=${"y".repeat(5000)}` });
    expect(long.status).toBe(302);
    expect(long.headers.get("Location")).toBe("/login?redirectTo=%2F");
  });
});

describe("headers built from slugs", () => {
  // Slugs are generated ASCII today; these stand for any slug or title with other characters.
  function eventWithSlug(slug: string) {
    const coordinator = makePerson("coordinator");
    const created = createEvent(coordinator.user.id, eventInput({ title: "Foro de los bosques" }));
    publishEvent(created.id);
    db.update(schema.events).set({ slug }).where(eq(schema.events.id, created.id)).run();
    return { coordinator, slug };
  }

  test("a non-ASCII slug: the .ics and attendee CSV downloads name it in RFC 8187 form", async () => {
    const { coordinator, slug } = eventWithSlug("森林-foro-día");
    const ics = await callRoute((args) => calendarLoader({ ...args, params: { slug } }), { url: `${BASE}/events/x.ics` });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("Content-Disposition")).toBe(
      `attachment; filename="??-foro-d?a.ics"; filename*=UTF-8''%E6%A3%AE%E6%9E%97-foro-d%C3%ADa.ics`,
    );
    const csv = await callRoute((args) => attendeesCsvLoader({ ...args, params: { slug } }), { url: `${BASE}/events/x/attendees.csv`, cookie: coordinator.cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''inscritos-%E6%A3%AE%E6%9E%97-foro-d%C3%ADa.csv`);
  });

  test("quotes, CR/LF and great length in a slug cannot break the Content-Disposition header", async () => {
    const { slug } = eventWithSlug(`a"b\r\nSet-Cookie: pwned=1 ${"x".repeat(300)}`);
    const ics = await callRoute((args) => calendarLoader({ ...args, params: { slug } }), { url: `${BASE}/events/x.ics` });
    expect(ics.status).toBe(200);
    const header = ics.headers.get("Content-Disposition")!;
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="a\\"bSet-Cookie: pwned=1 x+\.ics"$/);
    expect(header.length).toBeLessThan(130);
    expect(ics.headers.getSetCookie()).toEqual([]);
  });

  test("a redirect with a flash message to a non-ASCII path is percent-encoded", async () => {
    const { coordinator, slug } = eventWithSlug("森林-foro");
    const params = { slug };
    const page = await callRoute((args) => eventEditLoader({ ...args, params }), { url: `${BASE}/events/x/edit`, cookie: coordinator.cookie });
    const res = await callRoute((args) => eventEditAction({ ...args, params }), {
      url: `${BASE}/events/x/edit`,
      method: "POST",
      cookie: coordinator.cookie,
      form: {
        formToken: (page.data as { formToken: string }).formToken,
        intent: "add-session",
        startsAt: "2031-03-10T09:00",
        endsAt: "2031-03-10T10:00",
        title: "Apertura",
      },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/events/%E6%A3%AE%E6%9E%97-foro/edit");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("flash="))).toBe(true);
  });
});
