// The matrix rows of one's account and of signing in and out: account.*, login, logout, signup,
// forgot-password, reset-password, verify-email, privacy.accept, set-language, unsubscribe,
// notifications, admin.users.
import { and, eq, inArray } from "drizzle-orm";
import { createSession } from "#app/.server/auth/session.ts";
import { createEmailToken } from "#app/.server/auth/email-token.ts";
import { db, schema } from "#app/.server/db.ts";
import "#app/.server/notification-kinds.ts";
import { notify } from "#app/.server/notifications/index.ts";
import { createUnsubscribeLink } from "#app/.server/notifications/unsubscribe.ts";
import { LOCALE_COOKIE } from "#app/.server/i18n.ts";
import { ACTOR_PASSWORD, makeStranger, personOf, withPassword, type Actor } from "../actors.ts";
import { all, attempt, without, type Row } from "../matrix.ts";
import { freshEmail, unique, userRow } from "./state.ts";

const signedIn = all("allow", { anonymous: "deny" });
/** Pages for signed-out people (log-in, sign-up) send the signed-in to their account: no second session, no new account. */
const signedOutOnly = all("deny", { anonymous: "allow" });
const toAccount = /^\/account/;

const sessionIdOf = (token: string) => token.slice(0, token.indexOf("."));
const sessionExists = (id: string) => db.select({ id: schema.sessions.id }).from(schema.sessions).where(eq(schema.sessions.id, id)).get() !== undefined;
const currentSessionId = (actor: Actor) => sessionIdOf(personOf(actor).cookie.slice(personOf(actor).cookie.indexOf("=") + 1));
const tokensOf = (userId: number, purpose: "verify-email" | "reset-password" | "change-email") =>
  db
    .select({ id: schema.emailTokens.id, email: schema.emailTokens.email })
    .from(schema.emailTokens)
    .where(and(eq(schema.emailTokens.userId, userId), eq(schema.emailTokens.purpose, purpose)))
    .all();

/** A person's own notifications, unread: ids. */
function notificationsFor(userId: number, count: number) {
  for (let i = 0; i < count; i += 1) {
    notify({ type: "initiative.update", recipients: [userId], subject: { type: "initiative", id: 1 } });
  }
  return db.select({ id: schema.notifications.id }).from(schema.notifications).where(eq(schema.notifications.userId, userId)).all().map((r) => r.id);
}
/** Whether each of the notifications is read, in id order. */
const readStates = (ids: number[]) =>
  ids.length === 0
    ? []
    : db
        .select({ id: schema.notifications.id, readAt: schema.notifications.readAt })
        .from(schema.notifications)
        .where(inArray(schema.notifications.id, ids))
        .orderBy(schema.notifications.id)
        .all()
        .map((r) => ({ id: r.id, read: r.readAt !== null }));

export const accountRows: Row[] = [
  ...(["profile", null] as const).map(
    (intent): Row => ({
      key: { route: "account._index", intent },
      resource: "own",
      what: intent ? "save one's profile" : "save one's profile (no intent)",
      expect: signedIn,
      prepare: (actor) => {
        const name = unique("Nombre Nuevo");
        const observe = () => db.select({ id: schema.users.id, locale: schema.users.locale }).from(schema.users).where(eq(schema.users.name, name)).all();
        return attempt({
          path: "/account?index",
          form: { ...(intent ? { intent } : {}), name, locale: "en" },
          observe,
          done: (_b, after) => after.length === 1 && after[0]?.id === actor.person?.user.id && after[0]?.locale === "en",
        });
      },
    }),
  ),
  {
    key: { route: "account._index", intent: "resend-verification" },
    resource: "own",
    what: "have the confirmation link sent again",
    expect: signedIn,
    prepare: (actor) => {
      const id = actor.person?.user.id;
      if (id) db.update(schema.users).set({ emailVerifiedAt: null }).where(eq(schema.users.id, id)).run();
      return attempt({
        path: "/account?index",
        form: { intent: "resend-verification" },
        observe: () => (id ? tokensOf(id, "verify-email") : []),
        // A new link replaces any earlier one.
        done: (before, after) => after.length === 1 && after[0]!.id !== before[0]?.id,
      });
    },
  },
  {
    key: { route: "account.close", intent: null },
    resource: "own",
    what: "close one's account (a sole owner must hand over first: 409)",
    // The owners of organisations no one else owns are refused until they hand them over.
    expect: all("allow", { anonymous: "deny", owner: "deny", otherOrgMember: "deny", suspendedOrgOwner: "deny" }),
    prepare: async (actor) => {
      if (actor.person) await withPassword(actor.person);
      const id = actor.person?.user.id;
      return attempt({ path: "/account/close", form: { password: ACTOR_PASSWORD }, observe: () => (id ? userRow(id)?.id ?? "closed" : null), done: (_b, after) => after === "closed" });
    },
  },
  {
    key: { route: "account.data.download", intent: null },
    resource: "own",
    what: "download one's data",
    expect: signedIn,
    prepare: () =>attempt({
      path: "/account/data/download",
      form: { format: "json" },
      // Each download is logged (kind and date only).
      observe: () => db.select({ id: schema.dataRightsRequests.id }).from(schema.dataRightsRequests).where(eq(schema.dataRightsRequests.kind, "export_json")).all().length,
      done: (before, after) => after === before + 1,
    }),
  },
  {
    key: { route: "account.email", intent: null },
    resource: "own",
    what: "ask to change one's address",
    expect: signedIn,
    prepare: async (actor) => {
      if (actor.person) await withPassword(actor.person);
      const newEmail = freshEmail();
      return attempt({
        path: "/account/email",
        form: { newEmail, password: ACTOR_PASSWORD },
        observe: () => db.select({ userId: schema.emailTokens.userId }).from(schema.emailTokens).where(eq(schema.emailTokens.email, newEmail)).all(),
        done: (_b, after) => after.length === 1 && after[0]?.userId === actor.person?.user.id,
      });
    },
  },
  {
    key: { route: "account.notifications", intent: null },
    resource: "own",
    what: "save one's notification preferences",
    expect: signedIn,
    prepare: (actor) => {
      const id = actor.person?.user.id ?? 0;
      return attempt({
        path: "/account/notifications",
        form: {
          "channel.discussion_replies": "off",
          "channel.mentions": "off",
          "channel.initiatives": "email",
          "channel.events": "digest",
          "channel.organisations": "off",
          digestFrequency: "weekly",
        },
        observe: () => ({
          channels: db.select().from(schema.notificationPreferences).where(eq(schema.notificationPreferences.userId, id)).all(),
          settings: db.select().from(schema.notificationSettings).where(eq(schema.notificationSettings.userId, id)).get() ?? null,
        }),
        done: (_b, after) => after.channels.length === 4 && after.settings?.digestFrequency === "weekly",
      });
    },
  },
  {
    key: { route: "account.password", intent: null },
    resource: "own",
    what: "change one's password",
    expect: signedIn,
    prepare: async (actor) => {
      if (actor.person) await withPassword(actor.person);
      const id = actor.person?.user.id;
      return attempt({
        path: "/account/password",
        form: { currentPassword: ACTOR_PASSWORD, newPassword: "Otra-Clave-Segura-2026" },
        observe: () => (id ? userRow(id)!.passwordHash : null),
      });
    },
  },
  ...(["end", null] as const).flatMap((intent): Row[] => [
    {
      key: { route: "account.sessions", intent },
      resource: "own",
      what: "end one of one's other sessions",
      expect: signedIn,
      prepare: (actor) => {
        const other = actor.person ? sessionIdOf(createSession(actor.person.user.id).token) : null;
        return attempt({
          path: "/account/sessions",
          form: { ...(intent ? { intent } : {}), sessionId: other ?? "nada" },
          observe: () => (other ? sessionExists(other) : null),
          done: (before, after) => before === true && after === false,
        });
      },
    },
    {
      key: { route: "account.sessions", intent },
      resource: "other",
      what: "end someone else's session",
      expect: all("deny"),
      prepare: () => {
        const victim = sessionIdOf(createSession(makeStranger().user.id).token);
        return attempt({ path: "/account/sessions", form: { ...(intent ? { intent } : {}), sessionId: victim }, observe: () => sessionExists(victim) });
      },
    },
  ]),
  {
    key: { route: "account.sessions", intent: "end-others" },
    resource: "own",
    what: "end all one's other sessions (and nobody else's)",
    expect: signedIn,
    prepare: (actor) => {
      const mine = actor.person ? sessionIdOf(createSession(actor.person.user.id).token) : null;
      const current = actor.person ? currentSessionId(actor) : null;
      const strangers = sessionIdOf(createSession(makeStranger().user.id).token);
      return attempt({
        path: "/account/sessions",
        form: { intent: "end-others" },
        observe: () => ({ mine: mine ? sessionExists(mine) : null, current: current ? sessionExists(current) : null, strangers: sessionExists(strangers) }),
        done: (_b, after) => after.mine === false && after.current === true && after.strangers === true,
      });
    },
  },
  {
    key: { route: "admin.users", intent: null },
    resource: "other",
    what: "change someone's platform role",
    expect: all("deny", { admin: "allow" }),
    prepare: () => {
      const target = makeStranger();
      return attempt({ path: "/admin/users", form: { userId: String(target.user.id), role: "coordinator" }, observe: () => userRow(target.user.id)!.role });
    },
  },
  {
    key: { route: "admin.users", intent: null },
    resource: "own",
    what: "change one's own platform role (to admin, or an admin to member)",
    // Nobody raises themselves; an admin cannot demote themselves either (another admin must).
    expect: without(all("deny"), "anonymous"),
    prepare: (actor) => {
      const person = personOf(actor);
      return attempt({
        path: "/admin/users",
        form: { userId: String(person.user.id), role: actor.role === "admin" ? "member" : "admin" },
        observe: () => userRow(person.user.id)!.role,
      });
    },
  },
  {
    key: { route: "login", intent: null },
    resource: "own",
    what: "log in with one's password",
    expect: signedOutOnly,
    prepare: async (actor) => {
      const person = actor.person ?? makeStranger();
      await withPassword(person);
      const sessions = () => db.select({ id: schema.sessions.id }).from(schema.sessions).where(eq(schema.sessions.userId, person.user.id)).all().length;
      return attempt({
        path: "/login",
        form: { email: person.user.email, password: ACTOR_PASSWORD },
        observe: sessions,
        done: (before, after) => after === before + 1,
        denyLocation: toAccount,
      });
    },
  },
  {
    key: { route: "logout", intent: null },
    resource: "own",
    what: "log out (ends the session; nothing to end when signed out)",
    expect: all("allow"),
    prepare: (actor) => {
      const current = actor.person ? currentSessionId(actor) : null;
      return attempt({
        path: "/logout",
        observe: () => (current ? sessionExists(current) : null),
        done: (before, after) => (current ? before === true && after === false : true),
        // The browser's session cookie is cleared either way.
        answered: (answer) => answer.headers.getSetCookie().some((cookie) => /^__Host-session=;/.test(cookie) || /^__Host-session=[^;]*;.*Max-Age=0/i.test(cookie)),
      });
    },
  },
  {
    key: { route: "signup", intent: null },
    resource: "none",
    what: "open an account",
    expect: signedOutOnly,
    prepare: () => {
      const email = freshEmail();
      return attempt({
        path: "/signup",
        form: { name: "Rosa Mamani", email, password: "Una-Clave-Segura-2026", acceptPrivacy: "on" },
        observe: () => db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).all().length,
        done: (_b, after) => after === 1,
        denyLocation: toAccount,
      });
    },
  },
  {
    key: { route: "forgot-password", intent: null },
    resource: "other",
    what: "ask for a reset link for an address (it is mailed to that address's owner)",
    expect: all("allow"),
    prepare: () => {
      const owner = makeStranger();
      return attempt({
        path: "/forgot-password",
        form: { email: owner.user.email },
        observe: () => tokensOf(owner.user.id, "reset-password").length,
        done: (_b, after) => after === 1,
      });
    },
  },
  {
    key: { route: "reset-password", intent: null },
    resource: "own",
    what: "set a new password with one's reset link",
    // The link is the proof: whoever holds it (it went to the account's mailbox) sets the password.
    expect: all("allow"),
    prepare: (actor) => {
      const person = actor.person ?? makeStranger();
      const token = createEmailToken(person.user.id, "reset-password", person.user.email);
      return attempt({ path: "/reset-password", form: { token, password: "Clave-Renovada-2026" }, observe: () => userRow(person.user.id)!.passwordHash });
    },
  },
  {
    key: { route: "reset-password", intent: null },
    resource: "forged",
    what: "set a password with a made-up reset link",
    expect: all("deny"),
    prepare: (actor) => {
      const person = actor.person ?? makeStranger();
      createEmailToken(person.user.id, "reset-password", person.user.email);
      return attempt({ path: "/reset-password", form: { token: "inventado.abcdefghijklmnop", password: "Clave-Renovada-2026" }, observe: () => userRow(person.user.id)!.passwordHash });
    },
  },
  {
    key: { route: "verify-email", intent: null },
    resource: "own",
    what: "confirm one's address with the emailed link",
    expect: all("allow"),
    prepare: (actor) => {
      const person = actor.person ?? makeStranger();
      db.update(schema.users).set({ emailVerifiedAt: null }).where(eq(schema.users.id, person.user.id)).run();
      const token = createEmailToken(person.user.id, "verify-email", person.user.email);
      return attempt({ path: "/verify-email", form: { token }, observe: () => userRow(person.user.id)!.emailVerifiedAt !== null, done: (_b, after) => after === true });
    },
  },
  {
    key: { route: "verify-email", intent: null },
    resource: "own",
    what: "confirm a new address with the emailed link",
    expect: all("allow"),
    prepare: (actor) => {
      const person = actor.person ?? makeStranger();
      const newEmail = freshEmail();
      const token = createEmailToken(person.user.id, "change-email", newEmail);
      return attempt({ path: "/verify-email", form: { token, change: "1" }, observe: () => userRow(person.user.id)!.email, done: (_b, after) => after === newEmail });
    },
  },
  {
    key: { route: "verify-email", intent: null },
    resource: "forged",
    what: "confirm an address with a made-up link",
    expect: all("deny"),
    prepare: (actor) => {
      const person = actor.person ?? makeStranger();
      db.update(schema.users).set({ emailVerifiedAt: null }).where(eq(schema.users.id, person.user.id)).run();
      createEmailToken(person.user.id, "verify-email", person.user.email);
      return attempt({ path: "/verify-email", form: { token: "inventado.abcdefghijklmnop" }, observe: () => userRow(person.user.id)!.emailVerifiedAt });
    },
  },
  {
    key: { route: "privacy.accept", intent: null },
    resource: "own",
    what: "accept the privacy notice in force",
    expect: signedIn,
    prepare: (actor) => {
      const id = actor.person?.user.id;
      if (id) db.update(schema.users).set({ privacyNoticeVersion: null }).where(eq(schema.users.id, id)).run();
      return attempt({
        path: "/privacy/accept",
        form: { acceptPrivacy: "on", redirectTo: "/" },
        observe: () => (id ? db.select({ id: schema.privacyConsents.id }).from(schema.privacyConsents).where(eq(schema.privacyConsents.userId, id)).all().length : 0),
        done: (before, after) => after === before + 1,
      });
    },
  },
  {
    key: { route: "set-language", intent: null },
    resource: "own",
    what: "choose the interface language (remembered in the profile when signed in)",
    expect: all("allow"),
    prepare: (actor) => {
      const id = actor.person?.user.id;
      return attempt({
        path: "/set-language",
        form: { lang: "en", redirectTo: "/" },
        observe: () => (id ? userRow(id)!.locale : null),
        done: (before, after) => (id ? before === "es" && after === "en" : true),
        // The browser keeps the choice, signed in or not.
        answered: (answer) => answer.headers.getSetCookie().some((cookie) => cookie.startsWith(`${LOCALE_COOKIE}=en;`)),
      });
    },
  },
  {
    key: { route: "unsubscribe", intent: null },
    resource: "own",
    what: "stop a kind of email with the link in it (no sign-in needed: the link is the proof)",
    expect: all("allow"),
    prepare: (actor) => {
      const person = actor.person ?? makeStranger();
      const link = createUnsubscribeLink(db, person.user.id, "events");
      const channel = () =>
        db
          .select({ channel: schema.notificationPreferences.channel })
          .from(schema.notificationPreferences)
          .where(and(eq(schema.notificationPreferences.userId, person.user.id), eq(schema.notificationPreferences.preference, "events")))
          .get()?.channel ?? "default";
      return attempt({ path: `/unsubscribe${new URL(link).search}`, observe: channel, done: (_b, after) => after === "in_app" });
    },
  },
  {
    key: { route: "unsubscribe", intent: null },
    resource: "forged",
    what: "stop emails with a made-up link",
    expect: all("deny"),
    prepare: (actor) => {
      const person = actor.person ?? makeStranger();
      createUnsubscribeLink(db, person.user.id, "events");
      return attempt({
        path: "/unsubscribe?token=inventado.abcdefghijklmnop",
        observe: () => db.select().from(schema.notificationPreferences).where(eq(schema.notificationPreferences.userId, person.user.id)).all(),
      });
    },
  },
  ...(["mark-read", "seen"] as const).map(
    (intent): Row => ({
      key: { route: "notifications", intent },
      resource: "own",
      what: intent === "seen" ? "clear the badge (the page marks what it showed)" : "mark all one's notifications read (and nobody else's)",
      expect: signedIn,
      prepare: (actor) => {
        const mine = actor.person ? notificationsFor(actor.person.user.id, 2) : [];
        const strangers = notificationsFor(makeStranger().user.id, 1);
        const upTo = Math.max(...mine, ...strangers);
        return attempt({
          path: "/notifications",
          form: { intent, upTo: String(upTo) },
          observe: () => ({ mine: readStates(mine), strangers: readStates(strangers) }),
          done: (_b, after) => after.mine.every((n) => n.read) && after.strangers.every((n) => !n.read),
        });
      },
    }),
  ),
  {
    key: { route: "notifications", intent: "mark-one" },
    resource: "own",
    what: "mark one of one's notifications read",
    expect: signedIn,
    prepare: (actor) => {
      const mine = actor.person ? notificationsFor(actor.person.user.id, 2) : notificationsFor(makeStranger().user.id, 2);
      return attempt({
        path: "/notifications",
        form: { intent: "mark-one", id: String(mine[0]) },
        observe: () => readStates(mine),
        done: (_b, after) => after[0]?.read === true && after[1]?.read === false,
      });
    },
  },
  {
    key: { route: "notifications", intent: "mark-one" },
    resource: "other",
    what: "mark someone else's notification read",
    expect: all("deny"),
    prepare: () => {
      const theirs = notificationsFor(makeStranger().user.id, 1);
      return attempt({ path: "/notifications", form: { intent: "mark-one", id: String(theirs[0]) }, observe: () => readStates(theirs) });
    },
  },
];
