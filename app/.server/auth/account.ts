import { and, count, desc, eq, inArray, like, ne, or } from "drizzle-orm";
import { db, isUniqueViolation, schema, type Tx } from "#app/.server/db.ts";
import { appUrl } from "#app/.server/env.ts";
import { linkEmail, sendMail } from "#app/.server/mail.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n.ts";
import type { PlatformRole, User } from "#db/schema/auth.ts";
import { assignHandle } from "./handles.ts";
import { DELETED_ACCOUNT_EMAIL } from "./deleted-account.ts";
import { recordConsent } from "./consent.ts";
import { consumeEmailToken, createEmailToken, peekEmailToken } from "./email-token.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.ts";
import { createSession, invalidateOtherSessions } from "./session.ts";

export type SessionMeta = { userAgent?: string | null; ipAddress?: string | null };

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/**
 * The account with this address, if any. Never the deleted-account row (issue 13): nobody can
 * sign in to it, reset its password, be told about it at sign-up, or close it.
 */
export function findUserByEmail(email: string) {
  const address = normaliseEmail(email);
  if (address === DELETED_ACCOUNT_EMAIL) return undefined;
  return db.select().from(schema.users).where(eq(schema.users.email, address)).get();
}

/** The account with this id, if any; read inside `reader` (a transaction) when given. */
export function findUserById(id: number, reader: Pick<Tx, "select"> = db) {
  return reader.select().from(schema.users).where(eq(schema.users.id, id)).get();
}

/**
 * Deletes an account's row inside the caller's transaction (issue 13: the last step of closing
 * it, after every feature's erase); the foreign keys remove or detach what references it.
 */
export function deleteUserRow(tx: Pick<Tx, "delete">, id: number) {
  tx.delete(schema.users).where(eq(schema.users.id, id)).run();
}

/**
 * What other features need to email people: address, display name and preferred language, for
 * many at once in one query. Shape: `{ id, email, name, locale }[]` in no particular order;
 * unknown ids are left out.
 */
export function mailContactsOf(userIds: readonly number[]): Array<{ id: number; email: string; name: string; locale: Locale }> {
  if (userIds.length === 0) return [];
  return db
    .select({ id: schema.users.id, email: schema.users.email, name: schema.users.name, locale: schema.users.locale })
    .from(schema.users)
    .where(inArray(schema.users.id, [...userIds]))
    .all();
}

/**
 * Ids of every person holding one of `roles` (e.g. `["coordinator", "admin"]`, to tell them of
 * something needing their attention), in id order. One query on users_role_idx.
 */
export function userIdsWithRoles(roles: readonly PlatformRole[]): number[] {
  if (roles.length === 0) return [];
  return db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(inArray(schema.users.role, [...roles]))
    .orderBy(schema.users.id)
    .all()
    .map((row) => row.id);
}


/**
 * Mails a link that proves the person holds the address: opening it (and pressing the button)
 * confirms the address and signs them in. `purpose` picks the wording: confirming a new account,
 * or finishing a log-in that needed confirmation (docs/decisions/0008-login-throttling-and-sign-up-privacy.md).
 */
async function sendVerificationEmail(
  user: Pick<User, "id" | "email" | "name" | "locale">,
  purpose: "confirm" | "signIn" = "confirm",
  next?: string,
) {
  const token = createEmailToken(user.id, "verify-email", user.email);
  const signIn = purpose === "signIn";
  // `next` (a local path, e.g. the invitation the person came from) is where the link lands.
  const then = next && next !== "/" ? `&next=${encodeURIComponent(next)}` : "";
  await sendMail(
    linkEmail(user.locale, {
      to: user.email,
      name: user.name,
      subject: signIn ? "mail.signInLink.subject" : "mail.verify.subject",
      body: signIn ? "mail.signInLink.body" : "mail.verify.body",
      url: `${appUrl()}/verify-email?token=${encodeURIComponent(token)}${then}`,
    }),
  );
}

/** Tells the owner of an address that someone tried to open a second account with it. */
async function sendSignupAttemptEmail(user: Pick<User, "email" | "name" | "locale">) {
  const t = (key: MessageKey, vars?: Record<string, string>) => translate(user.locale, key, vars);
  const text = [
    t("mail.greeting", { name: user.name }),
    "",
    t("mail.signupExisting.body"),
    "",
    t("mail.signupExisting.login"),
    `${appUrl()}/login`,
    "",
    t("mail.signupExisting.reset"),
    `${appUrl()}/forgot-password`,
    "",
    t("mail.ignore"),
    "",
    t("mail.signature"),
  ].join("\n");
  await sendMail({ to: user.email, subject: t("mail.signupExisting.subject"), text, locale: user.locale });
}

/**
 * Opens an account, or — when the address already has one — mails its owner instead. Both paths
 * do the same work (one password hash, one email) and return the same `{ ok: true }`, so the
 * answer never tells the caller whether the address was registered. No session is created: the
 * emailed link confirms the address and signs the person in (`verifyEmail`), then lands on
 * `next` (a path already checked with safeRedirect) when given. The caller has checked that the
 * person accepted the privacy notice (the form's checkbox); the consent is recorded with the
 * account, in the same transaction.
 */
export async function signUp(input: { email: string; name: string; password: string; locale: Locale; next?: string; now?: Date }) {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const existing = findUserByEmail(email);
  if (existing) {
    await sendSignupAttemptEmail(existing);
    return { ok: true } as const;
  }
  let user: User;
  try {
    // The handle for @mentions is chosen in the same immediate transaction, so two sign-ups with
    // the same name never pick the same one.
    user = db.transaction(
      (tx) => {
        const created = tx
          .insert(schema.users)
          .values({ email, name: input.name.trim(), passwordHash, locale: input.locale })
          .returning()
          .get();
        // The sign-up form's consent to the privacy notice in force, with its date (issue 13).
        recordConsent(created.id, { tx, now: input.now });
        return { ...created, handle: assignHandle(created.id, created.name, tx) };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    // Two sign-ups for the same address at the same moment: the unique index decides, and the
    // second is answered like any sign-up for a registered address.
    if (isUniqueViolation(error)) {
      const winner = findUserByEmail(email);
      if (winner) await sendSignupAttemptEmail(winner);
      return { ok: true } as const;
    }
    throw error;
  }
  await sendVerificationEmail(user, "confirm", input.next);
  return { ok: true } as const;
}

/**
 * Checks an email and password. Returns the user when the password is right, else null; unknown
 * addresses take as long as known ones.
 */
export async function checkCredentials(input: { email: string; password: string }) {
  const user = findUserByEmail(input.email);
  if (!user) {
    await verifyAgainstDummy(input.password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, input.password)) ? user : null;
}

/** Starts a session for a user whose credentials were checked. */
export function startSession(userId: number, meta: SessionMeta) {
  return createSession(userId, meta);
}

/** Mails a link that confirms the address and signs its owner in (a log-in that needs the mailbox). */
export async function sendSignInLink(user: Pick<User, "id" | "email" | "name" | "locale" | "emailVerifiedAt">) {
  await sendVerificationEmail(user, user.emailVerifiedAt ? "signIn" : "confirm");
}

export async function resendVerification(userId: number) {
  const user = findUserById(userId);
  if (!user || user.emailVerifiedAt) return;
  await sendVerificationEmail(user);
}

/**
 * Uses an emailed confirmation link once: marks the address confirmed and returns its user, who
 * has thereby shown they hold the mailbox (the caller may sign them in); `firstConfirmation` is
 * true when the address was not confirmed before (a new account). Null for a bad, used or expired
 * link, or one sent to an address the account no longer has.
 */
export function verifyEmail(token: string | null): { id: number; email: string; firstConfirmation: boolean } | null {
  const result = consumeEmailToken(token, "verify-email", (row, tx) => {
    // The link only counts for the address it was sent to.
    const owner = and(eq(schema.users.id, row.userId), eq(schema.users.email, row.email));
    const before = tx.select({ verifiedAt: schema.users.emailVerifiedAt }).from(schema.users).where(owner).get();
    if (!before) return null;
    tx.update(schema.users).set({ emailVerifiedAt: new Date() }).where(owner).run();
    return { id: row.userId, email: row.email, firstConfirmation: !before.verifiedAt };
  });
  return result.ok ? result.value : null;
}

/** Sends a reset link when the account exists; says nothing either way to the caller's user. */
export async function requestPasswordReset(email: string) {
  const user = findUserByEmail(email);
  if (!user) return;
  const token = createEmailToken(user.id, "reset-password", user.email);
  await sendMail(
    linkEmail(user.locale, {
      to: user.email,
      name: user.name,
      subject: "mail.reset.subject",
      body: "mail.reset.body",
      url: `${appUrl()}/reset-password?token=${encodeURIComponent(token)}`,
    }),
  );
}

/** Sets a new password from a reset link, ends every session and starts a fresh one. */
export async function resetPassword(token: string | null, password: string, meta: SessionMeta) {
  // Check the link before the (deliberately slow) hash, so bad tokens cost nothing.
  if (!peekEmailToken(token, "reset-password")) return { ok: false } as const;
  const passwordHash = await hashPassword(password);
  let result: ReturnType<typeof consumeEmailToken<number>>;
  try {
    result = consumeEmailToken(token, "reset-password", (row, tx) => {
      // The link only works for the address it was sent to, not after an email change.
      const changed = tx
        .update(schema.users)
        .set({ passwordHash, emailVerifiedAt: new Date() })
        .where(and(eq(schema.users.id, row.userId), eq(schema.users.email, row.email)))
        .run().changes;
      if (changed !== 1) throw new StaleResetLink();
      tx.delete(schema.sessions).where(eq(schema.sessions.userId, row.userId)).run();
      return row.userId;
    });
  } catch (error) {
    if (error instanceof StaleResetLink) return { ok: false } as const;
    throw error;
  }
  if (!result.ok) return { ok: false } as const;
  return { ok: true, session: createSession(result.value, meta) } as const;
}

class StaleResetLink extends Error {}

/** Unused reset links stop working when the password or the address changes. */
function dropResetLinks(tx: Pick<typeof db, "delete">, userId: number) {
  tx.delete(schema.emailTokens)
    .where(and(eq(schema.emailTokens.userId, userId), eq(schema.emailTokens.purpose, "reset-password")))
    .run();
}

export function updateProfile(userId: number, input: { name: string; locale: Locale }) {
  db.update(schema.users)
    .set({ name: input.name.trim(), locale: input.locale })
    .where(eq(schema.users.id, userId))
    .run();
}

export function setPreferredLocale(userId: number, locale: Locale) {
  db.update(schema.users).set({ locale }).where(eq(schema.users.id, userId)).run();
}

export async function changePassword(
  userId: number,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const user = findUserById(userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, error: "wrongPassword" } as const;
  }
  const passwordHash = await hashPassword(input.newPassword);
  db.transaction(
    (tx) => {
      tx.update(schema.users).set({ passwordHash }).where(eq(schema.users.id, userId)).run();
      dropResetLinks(tx, userId);
      // Every other session ends: whoever else knew the old password is signed out.
      tx.delete(schema.sessions)
        .where(and(eq(schema.sessions.userId, userId), ne(schema.sessions.id, currentSessionId)))
        .run();
    },
    { behavior: "immediate" },
  );
  return { ok: true } as const;
}

export async function requestEmailChange(userId: number, input: { newEmail: string; password: string }) {
  const user = findUserById(userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
    return { ok: false, error: "wrongPassword" } as const;
  }
  const newEmail = normaliseEmail(input.newEmail);
  if (newEmail === user.email) return { ok: false, error: "sameEmail" } as const;
  if (findUserByEmail(newEmail)) return { ok: false, error: "emailTaken" } as const;
  const token = createEmailToken(user.id, "change-email", newEmail);
  await sendMail(
    linkEmail(user.locale, {
      to: newEmail,
      name: user.name,
      subject: "mail.changeEmail.subject",
      body: "mail.changeEmail.body",
      url: `${appUrl()}/verify-email?change=1&token=${encodeURIComponent(token)}`,
    }),
  );
  return { ok: true, email: newEmail } as const;
}

export function confirmEmailChange(token: string | null) {
  try {
    const result = consumeEmailToken(token, "change-email", (row, tx) => {
      tx.update(schema.users)
        .set({ email: row.email, emailVerifiedAt: new Date() })
        .where(eq(schema.users.id, row.userId))
        .run();
      dropResetLinks(tx, row.userId);
      return row.email;
    });
    return result.ok ? ({ ok: true, email: result.value } as const) : ({ ok: false, error: "invalid" } as const);
  } catch (error) {
    // Someone registered the address after the link was sent; the transaction rolled back.
    if (isUniqueViolation(error)) return { ok: false, error: "emailTaken" } as const;
    throw error;
  }
}

export { invalidateOtherSessions };

const USERS_PAGE_SIZE = 25;

export function listUsers({ query, page }: { query?: string; page: number }) {
  // The deleted-account row (issue 13) is nobody: it is not listed, nor given a role.
  const where = and(
    ne(schema.users.email, DELETED_ACCOUNT_EMAIL),
    query ? or(like(schema.users.email, `%${query.toLowerCase()}%`), like(schema.users.name, `%${query}%`)) : undefined,
  );
  const rows = db
    .select({
      id: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.users.role,
      createdAt: schema.users.createdAt,
    })
    .from(schema.users)
    .where(where)
    .orderBy(desc(schema.users.createdAt), desc(schema.users.id))
    .limit(USERS_PAGE_SIZE)
    .offset((page - 1) * USERS_PAGE_SIZE)
    .all();
  const total = db.select({ n: count() }).from(schema.users).where(where).get()?.n ?? 0;
  return { rows, total, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

export function setUserRole(actorId: number, targetId: number, role: PlatformRole) {
  if (actorId === targetId) return { ok: false, error: "notSelf" } as const;
  const target = findUserById(targetId);
  if (!target || target.email === DELETED_ACCOUNT_EMAIL) return { ok: false, error: "notFound" } as const;
  db.update(schema.users).set({ role }).where(eq(schema.users.id, targetId)).run();
  return { ok: true, email: target.email } as const;
}
