import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { PRIVACY_NOTICE_VERSION } from "#app/features/privacy/version.ts";
import { loader as rootLoader } from "#app/root.tsx";
import {
  action as profileAction,
  loader as profileLoader,
} from "#app/routes/account._index.tsx";
import { loader as closeLoader } from "#app/routes/account.close.tsx";
import { loader as dataLoader } from "#app/routes/account.data.tsx";
import { action as passwordAction } from "#app/routes/account.password.tsx";
import { loader as accountLayoutLoader } from "#app/routes/account.tsx";
import { action as interestAction } from "#app/routes/exchange.$id.interest.tsx";
import { action as logoutAction } from "#app/routes/logout.tsx";
import { loader as logoLoader } from "#app/routes/organisations.$slug.logo.ts";
import { loader as myWorkLoader } from "#app/routes/my-work.tsx";
import { loader as noticeLoader } from "#app/routes/privacy._index.tsx";
import {
  action as acceptAction,
  loader as acceptLoader,
} from "#app/routes/privacy.accept.tsx";
import { action as signupAction } from "#app/routes/signup.tsx";
import { loader as unsubscribeLoader } from "#app/routes/unsubscribe.tsx";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { callRoute, type RouteResult } from "./call-route.ts";
import { makeOrganisation, makePerson, type Person } from "./world.ts";

// Consent to the privacy notice (issue 13, Ley 29733): sign-up records it (version and date); a
// signed-in person who has not accepted the notice in force is asked before any page or action
// but the notice, the asking page, signing out and their rights; accepting is recorded once.

const BASE = "http://localhost:3000";
const OLD_VERSION = "2020-01-01";

type Reply = {
  result: {
    initialValue?: Record<string, unknown>;
    error?: Record<string, string[] | null>;
  };
};

let ip = 0;
const nextIp = () => `198.51.100.${(ip += 1)}`;
const unique = () => `c${crypto.randomUUID().slice(0, 8)}@correo.pe`;
const usersWith = (email: string) =>
  db.select().from(schema.users).where(eq(schema.users.email, email)).all();
const consentsOf = (userId: number) =>
  db
    .select()
    .from(schema.privacyConsents)
    .where(eq(schema.privacyConsents.userId, userId))
    .all();
const versionOf = (person: Person) =>
  db
    .select({ v: schema.users.privacyNoticeVersion })
    .from(schema.users)
    .where(eq(schema.users.id, person.user.id))
    .get()!.v;

/** A signed-in person who accepted `version` of the notice (null: none, as accounts older than issue 13). */
function personWithVersion(version: string | null) {
  const person = makePerson();
  db.update(schema.users)
    .set({ privacyNoticeVersion: version })
    .where(eq(schema.users.id, person.user.id))
    .run();
  return person;
}

const askedAt = (path: string) =>
  `/privacy/accept?redirectTo=${encodeURIComponent(path)}`;

function expectRedirect(res: RouteResult, location: string) {
  expect({ status: res.status, location: res.headers.get("Location") }).toEqual(
    { status: 302, location }
  );
}

describe("sign-up asks for consent", () => {
  test("without the box: 400 with the field error, no account, name and email kept, the password not echoed", async () => {
    const email = unique();
    for (const acceptPrivacy of [undefined, "", "off", "yes"]) {
      const form: Record<string, string> = {
        name: "Rosa Ccori",
        email,
        password: "quinua-andina-2026",
      };
      if (acceptPrivacy !== undefined) form.acceptPrivacy = acceptPrivacy;
      const res = await callRoute(signupAction, {
        method: "POST",
        url: `${BASE}/signup`,
        form,
        context: { clientIp: nextIp() },
      });
      expect(res.status).toBe(400);
      const { result } = res.data as Reply;
      expect(result.error).toEqual({
        acceptPrivacy: ["privacy.consent.required"],
      });
      expect(result.initialValue).toMatchObject({ name: "Rosa Ccori", email });
      expect(result.initialValue?.password).toBeUndefined();
      expect(JSON.stringify(res.data)).not.toContain("quinua-andina-2026");
    }
    expect(usersWith(email)).toEqual([]);
    expect(
      db.select().from(schema.outbox).where(eq(schema.outbox.to, email)).all()
    ).toEqual([]);
  });

  test("with the box: the account holds the notice's version and one dated consent", async () => {
    const email = unique();
    const before = Date.now();
    const res = await callRoute(signupAction, {
      method: "POST",
      url: `${BASE}/signup`,
      form: {
        name: "Rosa Ccori",
        email,
        password: "quinua-andina-2026",
        acceptPrivacy: "on",
      },
      context: { clientIp: nextIp() },
    });
    expect(res.status).toBe(303);
    const [user] = usersWith(email);
    expect(user?.privacyNoticeVersion).toBe(PRIVACY_NOTICE_VERSION);
    const consents = consentsOf(user!.id);
    expect(consents).toEqual([
      expect.objectContaining({ noticeVersion: PRIVACY_NOTICE_VERSION }),
    ]);
    expect(consents[0]!.acceptedAt.getTime()).toBeGreaterThanOrEqual(
      before - 1000
    );
    expect(consents[0]!.acceptedAt.getTime()).toBeLessThanOrEqual(
      Date.now() + 1000
    );
  });
});

describe("the consent gate", () => {
  for (const [label, version] of [
    ["never accepted", null],
    ["accepted an older notice", OLD_VERSION],
  ] as const) {
    describe(`a signed-in person who ${label}`, () => {
      test("pages send them to /privacy/accept and back to where they were going", async () => {
        const person = personWithVersion(version);
        for (const path of [
          "/",
          "/account",
          "/my-work",
          "/discussions?page=2&q=compost",
          "/notifications",
        ]) {
          expectRedirect(
            await callRoute(rootLoader, {
              url: `${BASE}${path}`,
              cookie: person.cookie,
            }),
            askedAt(path)
          );
        }
        expectRedirect(
          await callRoute(profileLoader, {
            url: `${BASE}/account`,
            cookie: person.cookie,
          }),
          askedAt("/account")
        );
        expectRedirect(
          await callRoute(myWorkLoader, {
            url: `${BASE}/my-work`,
            cookie: person.cookie,
          }),
          askedAt("/my-work")
        );
        expect(versionOf(person)).toBe(version);
      });

      test("actions that need a session are refused the same way, changing nothing", async () => {
        const person = personWithVersion(version);
        const hashBefore = db
          .select()
          .from(schema.users)
          .where(eq(schema.users.id, person.user.id))
          .get()!;
        const password = await callRoute(passwordAction, {
          method: "POST",
          url: `${BASE}/account/password`,
          cookie: person.cookie,
          form: {
            currentPassword: "not-used",
            newPassword: "maca-del-altiplano-9",
          },
        });
        expectRedirect(password, askedAt("/account/password"));
        const profile = await callRoute(profileAction, {
          method: "POST",
          url: `${BASE}/account`,
          cookie: person.cookie,
          form: { name: "Otro Nombre", locale: "en" },
        });
        expectRedirect(profile, askedAt("/account"));
        expect(
          db
            .select()
            .from(schema.users)
            .where(eq(schema.users.id, person.user.id))
            .get()
        ).toEqual(hashBefore);
      });

      test("an action that reads the session itself (I'm interested in a listing) is refused too, writing nothing", async () => {
        const mill = makeOrganisation(makePerson());
        const listing = makeListingRow(mill.id);
        const person = personWithVersion(version);
        makeOrganisation(person);
        const threadsBefore = db
          .select()
          .from(schema.discussionThreads)
          .all().length;
        const res = await callRoute(
          (args) =>
            interestAction({ ...args, params: { id: String(listing.id) } }),
          {
            method: "POST",
            url: `${BASE}/exchange/${listing.id}/interest`,
            cookie: person.cookie,
            form: { message: "Nos interesa para compost." },
          }
        );
        expectRedirect(res, askedAt(`/exchange/${listing.id}/interest`));
        expect(db.select().from(schema.discussionThreads).all()).toHaveLength(
          threadsBefore
        );
      });

      test("the notice, the asking page, their rights and signing out stay open", async () => {
        const person = personWithVersion(version);
        for (const path of [
          "/privacy",
          "/privacy/accept",
          "/account/data",
          "/account/close",
          "/account/notifications",
          "/logout",
          "/unsubscribe",
        ]) {
          const res = await callRoute(rootLoader, {
            url: `${BASE}${path}`,
            cookie: person.cookie,
          });
          expect({ path, status: res.status }).toEqual({ path, status: 200 });
        }
        const get = (loader: Parameters<typeof callRoute>[0], path: string) =>
          callRoute(loader, { url: `${BASE}${path}`, cookie: person.cookie });
        expect((await get(noticeLoader, "/privacy")).status).toBe(200);
        const asking = await get(
          acceptLoader,
          "/privacy/accept?redirectTo=%2Fmy-work"
        );
        expect(asking.status).toBe(200);
        expect(asking.data).toEqual({
          redirectTo: "/my-work",
          version: PRIVACY_NOTICE_VERSION,
          first: version === null,
        });
        // The account layout's own loader runs for /account/data and /account/close too.
        for (const path of ["/account/data", "/account/close"])
          expect((await get(accountLayoutLoader, path)).status).toBe(200);
        expect((await get(dataLoader, "/account/data")).status).toBe(200);
        expect((await get(closeLoader, "/account/close")).status).toBe(200);
        // The unsubscribe page answers on its own (400 for a missing token), not with the gate.
        const unsubscribe = await get(unsubscribeLoader, "/unsubscribe");
        expect(unsubscribe.headers.get("Location")).toBeNull();
        // Signing out works: the session ends.
        const logout = await callRoute(logoutAction, {
          method: "POST",
          url: `${BASE}/logout`,
          cookie: person.cookie,
        });
        expectRedirect(logout, "/");
        const after = await callRoute(rootLoader, {
          url: `${BASE}/my-work`,
          cookie: person.cookie,
        });
        expect(after.status).toBe(200);
        expect((after.data as { user: unknown }).user).toBeNull();
        expect(versionOf(person)).toBe(version);
      });
    });
  }

  test("files that pages embed (logos, photos, covers, calendar files; here a logo) are served without the gate", async () => {
    const person = personWithVersion(null);
    const organisation = makeOrganisation(makePerson());
    db.insert(schema.organisationLogos).values({ organisationId: organisation.id, image: Buffer.from("GIF89a"), contentType: "image/gif", hash: "abc" }).run();
    db.update(schema.organisations).set({ logoHash: "abc" }).where(eq(schema.organisations.id, organisation.id)).run();
    const logo = await callRoute(logoLoader, { url: `${BASE}/organisations/${organisation.slug}/logo?v=abc`, cookie: person.cookie, params: { slug: organisation.slug } });
    expect({ status: logo.status, location: logo.headers.get("Location") }).toEqual({ status: 200, location: null });
  });

  test("someone who accepted the notice in force is not asked", async () => {
    const person = makePerson();
    expect(versionOf(person)).toBe(PRIVACY_NOTICE_VERSION);
    const res = await callRoute(rootLoader, {
      url: `${BASE}/my-work`,
      cookie: person.cookie,
    });
    expect(res.status).toBe(200);
    expect((res.data as { user: { email: string } }).user.email).toBe(
      person.user.email
    );
    expect(
      (
        await callRoute(myWorkLoader, {
          url: `${BASE}/my-work`,
          cookie: person.cookie,
        })
      ).status
    ).toBe(200);
  });

  test("anonymous visitors are never sent to the consent page", async () => {
    for (const path of ["/", "/my-work", "/privacy", "/discussions"]) {
      const res = await callRoute(rootLoader, { url: `${BASE}${path}` });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    // A page that needs a session asks them to log in instead.
    expectRedirect(
      await callRoute(myWorkLoader, { url: `${BASE}/my-work` }),
      "/login?redirectTo=%2Fmy-work"
    );
    expectRedirect(
      await callRoute(acceptLoader, { url: `${BASE}/privacy/accept` }),
      "/login?redirectTo=%2Fprivacy%2Faccept"
    );
    const posted = await callRoute(acceptAction, {
      method: "POST",
      url: `${BASE}/privacy/accept`,
      form: { acceptPrivacy: "on" },
    });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("accepting at /privacy/accept", () => {
  const accept = (person: Person, form: Record<string, string>) =>
    callRoute(acceptAction, {
      method: "POST",
      url: `${BASE}/privacy/accept`,
      cookie: person.cookie,
      form,
    });

  test("without the box: 400 with the field error, nothing recorded, still asked", async () => {
    const person = personWithVersion(null);
    const res = await accept(person, { redirectTo: "/my-work" });
    expect(res.status).toBe(400);
    // Words for someone who already has an account (not sign-up's "to open an account…").
    expect((res.data as Reply).result.error).toEqual({
      acceptPrivacy: ["privacy.accept.requiredAgain"],
    });
    expect(consentsOf(person.user.id)).toEqual([]);
    expect(versionOf(person)).toBeNull();
    expectRedirect(
      await callRoute(rootLoader, {
        url: `${BASE}/my-work`,
        cookie: person.cookie,
      }),
      askedAt("/my-work")
    );
  });

  for (const [label, version] of [
    ["never accepted", null],
    ["accepted an older notice", OLD_VERSION],
  ] as const) {
    test(`with the box (${label}): one dated consent, the version updated, back where they were going`, async () => {
      const person = personWithVersion(version);
      const before = Date.now();
      const res = await accept(person, {
        acceptPrivacy: "on",
        redirectTo: "/discussions?page=2",
      });
      expectRedirect(res, "/discussions?page=2");
      expect(res.headers.get("Set-Cookie")).toMatch(/^flash=/);
      expect(versionOf(person)).toBe(PRIVACY_NOTICE_VERSION);
      const consents = consentsOf(person.user.id);
      expect(consents).toEqual([
        expect.objectContaining({ noticeVersion: PRIVACY_NOTICE_VERSION }),
      ]);
      expect(consents[0]!.acceptedAt.getTime()).toBeGreaterThanOrEqual(
        before - 1000
      );
      expect(consents[0]!.acceptedAt.getTime()).toBeLessThanOrEqual(
        Date.now() + 1000
      );
      // The gate lets them through now.
      expect(
        (
          await callRoute(rootLoader, {
            url: `${BASE}/my-work`,
            cookie: person.cookie,
          })
        ).status
      ).toBe(200);
      expect(
        (
          await callRoute(myWorkLoader, {
            url: `${BASE}/my-work`,
            cookie: person.cookie,
          })
        ).status
      ).toBe(200);
    });
  }

  test("a foreign or missing redirectTo lands on the home page", async () => {
    for (const redirectTo of [
      "//evil.example",
      "https://evil.example/",
      "/\\evil.example",
      undefined,
    ]) {
      const person = personWithVersion(null);
      const form: Record<string, string> = { acceptPrivacy: "on" };
      if (redirectTo !== undefined) form.redirectTo = redirectTo;
      expectRedirect(await accept(person, form), "/");
      expect(versionOf(person)).toBe(PRIVACY_NOTICE_VERSION);
    }
  });

  test("accepting twice (two tabs) records one consent", async () => {
    const person = personWithVersion(OLD_VERSION);
    expectRedirect(
      await accept(person, { acceptPrivacy: "on", redirectTo: "/my-work" }),
      "/my-work"
    );
    expectRedirect(
      await accept(person, { acceptPrivacy: "on", redirectTo: "/my-work" }),
      "/my-work"
    );
    expect(consentsOf(person.user.id)).toHaveLength(1);
  });

  test("the asking page sends someone who already accepted on their way (a safe target only)", async () => {
    const person = makePerson();
    const get = (query: string) =>
      callRoute(acceptLoader, {
        url: `${BASE}/privacy/accept${query}`,
        cookie: person.cookie,
      });
    expectRedirect(await get("?redirectTo=%2Fmy-work"), "/my-work");
    expectRedirect(await get("?redirectTo=%2F%2Fevil.example"), "/");
    expectRedirect(await get(""), "/");
    expect(consentsOf(person.user.id)).toEqual([]);
  });
});
