import { asc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { requestPasswordReset, signUp } from "#app/.server/auth/account.ts";
import { db, schema } from "#app/.server/db.ts";
import "#app/.server/notification-kinds.ts";
import {
  notificationPreferences,
  notify,
  PREFERENCE_GROUPS,
  sendDueDigests,
  type PreferenceGroup,
} from "#app/.server/notifications/index.ts";
import { createUnsubscribeLink } from "#app/.server/notifications/unsubscribe.ts";
import { isOneClickUnsubscribePath } from "#app/.server/security.ts";
import {
  action as unsubscribeAction,
  loader as unsubscribeLoader,
} from "#app/routes/unsubscribe.tsx";
import {
  UNSUBSCRIBE_LINK_TTL_MS,
  type NotificationChannel,
} from "#db/schema/notifications.ts";
import { callRoute } from "./call-route.ts";
import { makeInitiativeWorld } from "./initiative-world.ts";
import { makeOrganisation, makePerson, type Person } from "./world.ts";

// One-click unsubscribe (issue 13, RFC 8058): every notification email carries a link of its own
// that stops its kind of email without signing in; opening it only asks; forged, malformed,
// unknown, reused and year-old links change nothing.

const BASE = "http://localhost:3000";
const DAY_MS = 24 * 3600_000;
const ONE_CLICK = "List-Unsubscribe=One-Click";

const queuedTo = (email: string) =>
  db
    .select()
    .from(schema.mailQueue)
    .where(eq(schema.mailQueue.to, email))
    .orderBy(asc(schema.mailQueue.id))
    .all();
const noticesOf = (person: Person) =>
  db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.userId, person.user.id))
    .orderBy(asc(schema.notifications.id))
    .all();
const channelsOf = (person: Person) =>
  notificationPreferences(person.user.id).channels;
const tokenRow = (id: string) =>
  db
    .select()
    .from(schema.unsubscribeTokens)
    .where(eq(schema.unsubscribeTokens.id, id))
    .get();
const tokenRowsOf = (person: Person) =>
  db
    .select()
    .from(schema.unsubscribeTokens)
    .where(eq(schema.unsubscribeTokens.userId, person.user.id))
    .all();

function choose(
  person: Person,
  preference: PreferenceGroup,
  channel: NotificationChannel
) {
  db.insert(schema.notificationPreferences)
    .values({ userId: person.user.id, preference, channel })
    .onConflictDoUpdate({
      target: [
        schema.notificationPreferences.userId,
        schema.notificationPreferences.preference,
      ],
      set: { channel },
    })
    .run();
}

/** The unsubscribe link of a queued email: its List-Unsubscribe header, checked against RFC 8058 and the text. */
function unsubscribeLinkOf(mail: typeof schema.mailQueue.$inferSelect) {
  expect(mail.headers).toMatchObject({ "List-Unsubscribe-Post": ONE_CLICK });
  const match =
    /^<(http:\/\/localhost:3000\/unsubscribe\?token=([a-z2-7]+\.[a-z2-7]+))>$/.exec(
      mail.headers!["List-Unsubscribe"] ?? ""
    );
  expect(
    match,
    `List-Unsubscribe header: ${mail.headers!["List-Unsubscribe"]}`
  ).not.toBeNull();
  const [, url, token] = match!;
  expect(mail.text).toContain(url!);
  return { url: url!, token: token!, id: token!.split(".")[0]! };
}

/** One initiative update for `person` (group "initiatives", mailed at once by default); returns the new queued email, if any. */
function tellAboutInitiative(
  person: Person,
  world = makeInitiativeWorld("open")
) {
  const before = queuedTo(person.user.email).length;
  notify({
    type: "initiative.update",
    recipients: [person.user.id],
    actorId: world.people.leadOwner.user.id,
    subject: { type: "initiative", id: world.initiative.id },
  });
  return queuedTo(person.user.email).slice(before);
}

const open = (token: string) =>
  callRoute(unsubscribeLoader, {
    url: `${BASE}/unsubscribe?token=${encodeURIComponent(token)}`,
  });
/** The page's button: a browser form post, no cookie. */
const press = (token: string) =>
  callRoute(unsubscribeAction, {
    method: "POST",
    url: `${BASE}/unsubscribe?token=${encodeURIComponent(token)}`,
    form: {},
  });
/** A mail provider's one-click POST (RFC 8058), no cookie. */
const oneClick = (token: string) =>
  callRoute(unsubscribeAction, {
    method: "POST",
    url: `${BASE}/unsubscribe?token=${encodeURIComponent(token)}`,
    form: { "List-Unsubscribe": "One-Click" },
  });

/** Everything an unsubscribe could change for `person`. */
function stateOf(person: Person) {
  return {
    channels: channelsOf(person),
    tokens: tokenRowsOf(person).map((r) => ({
      id: r.id,
      preference: r.preference,
      usedAt: r.usedAt,
    })),
    notices: noticesOf(person).map((n) => ({
      id: n.id,
      emailState: n.emailState,
    })),
  };
}

describe("every notification email carries a one-click unsubscribe link", () => {
  test("an email at once: RFC 8058 headers, the same link in the text, for the kind's group, one link per email", () => {
    const person = makePerson();
    const [first] = tellAboutInitiative(person);
    const [second] = tellAboutInitiative(person);
    const a = unsubscribeLinkOf(first!);
    const b = unsubscribeLinkOf(second!);
    expect(a.token).not.toBe(b.token);
    expect(tokenRow(a.id)).toMatchObject({
      userId: person.user.id,
      preference: "initiatives",
      usedAt: null,
    });
  });

  test("a feature's own email (notify's `email`) carries it too", () => {
    const person = makePerson();
    const world = makeInitiativeWorld("open");
    notify({
      type: "initiative.update",
      recipients: [person.user.id],
      subject: { type: "initiative", id: world.initiative.id },
      email: (recipient) => ({
        to: recipient.email,
        locale: recipient.locale,
        subject: "Aviso propio",
        text: "Texto propio del aviso",
      }),
    });
    const [mail] = queuedTo(person.user.email);
    expect(mail!.subject).toBe("Aviso propio");
    expect(mail!.text.startsWith("Texto propio del aviso")).toBe(true);
    const link = unsubscribeLinkOf(mail!);
    expect(tokenRow(link.id)).toMatchObject({
      userId: person.user.id,
      preference: "initiatives",
    });
  });

  test('the digest: headers and a link for scope "digest"', async () => {
    const person = makePerson();
    choose(person, "initiatives", "digest");
    expect(tellAboutInitiative(person)).toHaveLength(0);
    await sendDueDigests(new Date(Date.now() + DAY_MS + 60_000));
    const [digest] = queuedTo(person.user.email);
    expect(digest).toBeDefined();
    const link = unsubscribeLinkOf(digest!);
    expect(tokenRow(link.id)).toMatchObject({
      userId: person.user.id,
      preference: "digest",
      usedAt: null,
    });
  });

  test("transactional mail (sign-up confirmation, password reset) has no List-Unsubscribe", async () => {
    const email = `t${crypto.randomUUID().slice(0, 8)}@correo.pe`;
    await signUp({
      email,
      name: "Julia Quispe",
      password: "quinua-andina-2026",
      locale: "es",
    });
    const person = makePerson();
    await requestPasswordReset(person.user.email);
    const confirmation = queuedTo(email);
    const reset = queuedTo(person.user.email);
    expect(confirmation).toHaveLength(1);
    expect(reset).toHaveLength(1);
    for (const mail of [...confirmation, ...reset]) {
      expect(mail.headers?.["List-Unsubscribe"]).toBeUndefined();
      expect(mail.headers?.["List-Unsubscribe-Post"]).toBeUndefined();
      expect(mail.text).not.toContain("/unsubscribe");
    }
    const user = db
      .select()
      .from(schema.users)
      .where(eq(schema.users.email, email))
      .get()!;
    expect(
      db
        .select()
        .from(schema.unsubscribeTokens)
        .where(eq(schema.unsubscribeTokens.userId, user.id))
        .all()
    ).toEqual([]);
    expect(tokenRowsOf(person)).toEqual([]);
  });
});

describe("opening the link only asks", () => {
  test("GET shows what would stop and changes nothing", async () => {
    const person = makePerson();
    const link = unsubscribeLinkOf(tellAboutInitiative(person)[0]!);
    const before = stateOf(person);
    const res = await open(link.token);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ state: "ask", scope: "initiatives" });
    // Opened twice (a mail scanner, then the person): still asks.
    expect((await open(link.token)).data).toEqual({
      state: "ask",
      scope: "initiatives",
    });
    expect(stateOf(person)).toEqual(before);
    expect(tokenRow(link.id)!.usedAt).toBeNull();
  });
});

describe("the button and the mail client's one-click POST, without a session", () => {
  for (const [how, post] of [
    ["a browser form", press],
    ["RFC 8058's List-Unsubscribe=One-Click", oneClick],
  ] as const) {
    test(`${how}: the group goes to the app only, honoured at once; other groups unchanged`, async () => {
      const person = makePerson();
      const organisation = makeOrganisation(person);
      choose(person, "events", "digest");
      choose(person, "mentions", "off");
      const link = unsubscribeLinkOf(tellAboutInitiative(person)[0]!);
      const before = channelsOf(person);
      expect(before.initiatives).toBe("email");

      const res = await post(link.token);
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ state: "done", scope: "initiatives" });
      expect(res.headers.get("Set-Cookie")).toBeNull();
      expect(channelsOf(person)).toEqual({ ...before, initiatives: "in_app" });
      expect(tokenRow(link.id)!.usedAt).toBeInstanceOf(Date);

      // The next initiative notice stays in the app: written, not mailed.
      const noticesBefore = noticesOf(person).length;
      expect(tellAboutInitiative(person)).toEqual([]);
      const notices = noticesOf(person);
      expect(notices).toHaveLength(noticesBefore + 1);
      expect(notices.at(-1)).toMatchObject({
        type: "initiative.update",
        emailState: null,
      });

      // Another group's email still goes out.
      const mailsBefore = queuedTo(person.user.email).length;
      notify({
        type: "organisation.approved",
        recipients: [person.user.id],
        subject: { type: "organisation", id: organisation.id },
      });
      const after = queuedTo(person.user.email);
      expect(after).toHaveLength(mailsBefore + 1);
      const other = unsubscribeLinkOf(after.at(-1)!);
      expect(tokenRow(other.id)).toMatchObject({
        preference: "organisations",
        usedAt: null,
      });
    });
  }

  test("every group's link stops that group only", async () => {
    const person = makePerson();
    const world = makeInitiativeWorld("open");
    // One link per group, as its emails would carry (the footer is the same for every kind of a group).
    const links = new Map<PreferenceGroup, string>();
    for (const group of PREFERENCE_GROUPS) {
      links.set(
        group,
        new URL(
          createUnsubscribeLink(db, person.user.id, group)
        ).searchParams.get("token")!
      );
    }
    const expected = { ...channelsOf(person) };
    for (const group of PREFERENCE_GROUPS) {
      const res = await oneClick(links.get(group)!);
      expect(res.data).toEqual({ state: "done", scope: group });
      expected[group] = "in_app";
      expect(channelsOf(person)).toEqual(expected);
    }
    // Nothing is mailed any more, everything is still told in the app.
    expect(tellAboutInitiative(person, world)).toEqual([]);
    expect(noticesOf(person)).toHaveLength(1);
  });
});

describe("the digest's link", () => {
  test("groups set to the digest go to the app only; notices waiting for the digest are not mailed", async () => {
    const person = makePerson();
    const world = makeInitiativeWorld("open");
    choose(person, "initiatives", "digest");
    choose(person, "events", "digest");
    choose(person, "mentions", "email");
    choose(person, "organisations", "off");
    const start = Date.now();
    tellAboutInitiative(person, world);
    await sendDueDigests(new Date(start + DAY_MS + 60_000));
    const [digest] = queuedTo(person.user.email);
    const link = unsubscribeLinkOf(digest!);

    // More news waits for the next digest.
    tellAboutInitiative(person, world);
    tellAboutInitiative(person, world);
    const waiting = noticesOf(person).filter(
      (n) => n.emailState === "pending_digest"
    );
    expect(waiting).toHaveLength(2);
    const before = channelsOf(person);

    const res = await oneClick(link.token);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ state: "done", scope: "digest" });
    expect(channelsOf(person)).toEqual({
      ...before,
      initiatives: "in_app",
      events: "in_app",
    });
    expect(channelsOf(person)).toMatchObject({
      mentions: "email",
      organisations: "off",
    });
    // The waiting notices stay in the app, unmailed.
    const notices = noticesOf(person);
    expect(notices).toHaveLength(3);
    expect(notices.filter((n) => n.emailState === "pending_digest")).toEqual(
      []
    );
    await sendDueDigests(new Date(start + 5 * DAY_MS));
    expect(queuedTo(person.user.email)).toHaveLength(1);
    // And later news is not queued for a digest either.
    expect(tellAboutInitiative(person, world)).toEqual([]);
    expect(noticesOf(person).at(-1)).toMatchObject({ emailState: null });
  });
});

describe("bad links: 400, nothing changed", () => {
  /** A person with one real link and a digest-bound notice, so any wrong change would show. */
  function personWithLink() {
    const person = makePerson();
    const link = unsubscribeLinkOf(tellAboutInitiative(person)[0]!);
    choose(person, "events", "digest");
    return { person, link };
  }

  /** A character of base32 other than `c`. */
  const other = (c: string) => (c === "a" ? "b" : "a");

  test("forged (one character of the secret changed), malformed and unknown tokens", async () => {
    const { person, link } = personWithLink();
    const [id, secret] = link.token.split(".") as [string, string];
    const bad = {
      forgedLast: `${id}.${secret.slice(0, -1)}${other(secret.at(-1)!)}`,
      forgedFirst: `${id}.${other(secret[0]!)}${secret.slice(1)}`,
      secretMissing: `${id}.`,
      idOnly: id,
      noDot: `${id}${secret}`,
      twoDots: `${id}.${secret}.${secret}`,
      junk: "<script>alert(1)</script>",
      uppercase: link.token.toUpperCase(),
      empty: "",
      veryLong: `${id}.${secret.repeat(400)}`,
      veryLongId: `${"a".repeat(5000)}.${secret}`,
      unknownId: `${other(id[0]!)}${id.slice(1)}.${secret}`,
    };
    const before = stateOf(person);
    for (const [name, token] of Object.entries(bad)) {
      for (const [verb, call] of [
        ["GET", open],
        ["POST", press],
        ["one-click POST", oneClick],
      ] as const) {
        const res = await call(token);
        expect({ name, verb, status: res.status, data: res.data }).toEqual({
          name,
          verb,
          status: 400,
          data: { state: "invalid", scope: null },
        });
      }
    }
    // No token at all.
    expect(
      (await callRoute(unsubscribeLoader, { url: `${BASE}/unsubscribe` }))
        .status
    ).toBe(400);
    expect(
      (
        await callRoute(unsubscribeAction, {
          method: "POST",
          url: `${BASE}/unsubscribe`,
          form: {},
        })
      ).status
    ).toBe(400);
    expect(stateOf(person)).toEqual(before);
    // The real link was not spent by the attempts.
    expect((await press(link.token)).data).toEqual({
      state: "done",
      scope: "initiatives",
    });
  });

  test("a used link: 400 when used again (opening it only says it was used), and a choice made since is not overridden", async () => {
    const { person, link } = personWithLink();
    expect((await oneClick(link.token)).status).toBe(200);
    const usedAt = tokenRow(link.id)!.usedAt;
    expect(channelsOf(person).initiatives).toBe("in_app");
    // The person turns initiative emails back on from their preferences.
    choose(person, "initiatives", "email");
    const before = stateOf(person);
    for (const call of [press, oneClick]) {
      const res = await call(link.token);
      expect(res.status).toBe(400);
      expect(res.data).toEqual({ state: "used", scope: null });
    }
    const opened = await open(link.token);
    expect(opened.status).toBe(200);
    expect(opened.data).toEqual({ state: "used", scope: null });
    expect(stateOf(person)).toEqual(before);
    expect(tokenRow(link.id)!.usedAt).toEqual(usedAt);
    expect(tellAboutInitiative(person)).toHaveLength(1);
  });

  test("a link older than a year is invalid; one just under a year still works", async () => {
    const { person, link } = personWithLink();
    const young = unsubscribeLinkOf(tellAboutInitiative(person)[0]!);
    db.update(schema.unsubscribeTokens)
      .set({
        createdAt: new Date(Date.now() - UNSUBSCRIBE_LINK_TTL_MS - 60_000),
      })
      .where(eq(schema.unsubscribeTokens.id, link.id))
      .run();
    db.update(schema.unsubscribeTokens)
      .set({
        createdAt: new Date(Date.now() - UNSUBSCRIBE_LINK_TTL_MS + DAY_MS),
      })
      .where(eq(schema.unsubscribeTokens.id, young.id))
      .run();
    const before = stateOf(person);
    for (const call of [open, press, oneClick]) {
      const res = await call(link.token);
      expect(res.status).toBe(400);
      expect(res.data).toEqual({ state: "invalid", scope: null });
    }
    expect(stateOf(person)).toEqual(before);
    expect((await oneClick(young.token)).data).toEqual({
      state: "done",
      scope: "initiatives",
    });
    expect(channelsOf(person).initiatives).toBe("in_app");
  });

  test("a link belongs to its own person: using it changes nobody else", async () => {
    const { person, link } = personWithLink();
    const bystander = makePerson();
    tellAboutInitiative(bystander);
    const bystanderBefore = stateOf(bystander);
    // Even sent with the bystander's session cookie.
    const res = await callRoute(unsubscribeAction, {
      method: "POST",
      url: `${BASE}/unsubscribe?token=${link.token}`,
      form: {},
      cookie: bystander.cookie,
    });
    expect(res.data).toEqual({ state: "done", scope: "initiatives" });
    expect(channelsOf(person).initiatives).toBe("in_app");
    expect(stateOf(bystander)).toEqual(bystanderBefore);
  });
});

describe("isOneClickUnsubscribePath: cross-site POSTs are let through for the unsubscribe address only", () => {
  test.each([
    ["/unsubscribe?token=x", true],
    ["/unsubscribe", true],
    ["/unsubscribe.data", false],
    ["/unsubscribe.data?token=x", false],
    ["/unsubscribed", false],
    ["/unsubscribe/x", false],
    ["/x/unsubscribe", false],
    ["/account/password?next=/unsubscribe", false],
    ["/account?x=/unsubscribe?token=x", false],
    ["//unsubscribe", false],
  ])("%s → %s", (target, expected) => {
    expect(isOneClickUnsubscribePath(target)).toBe(expected);
  });
});
