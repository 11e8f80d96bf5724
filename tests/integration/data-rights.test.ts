// People's rights over their data (issue 13): the export holds everything that references the
// person, closing the account leaves nothing of them behind while others' content stays readable,
// and the refusals (last owner, wrong password, a closure racing a post) change nothing.
import { and, eq, getTableName } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { checkCredentials, requestPasswordReset, signUp } from "#app/.server/auth/account.ts";
import { createEmailToken } from "#app/.server/auth/email-token.ts";
import { hitRateLimit, RATE_LIMITS } from "#app/.server/auth/rate-limit.ts";
import { DELETED_ACCOUNT_EMAIL } from "#app/.server/auth/deleted-account.ts";
import { recordConsent } from "#app/.server/auth/consent.ts";
import { hashPassword } from "#app/.server/auth/password.ts";
import { createSession } from "#app/.server/auth/session.ts";
import { db, schema, sqlite } from "#app/.server/db.ts";
import { reply, startThread } from "#app/.server/discussions/index.ts";
import { withoutMention } from "#app/.server/discussions/personal-data.ts";
import { withoutPerson } from "#app/.server/organisations/personal-data.ts";
import { createEvent, register } from "#app/.server/events/mutations.ts";
import { changeMemberRole, createInvitation, recordHistoricalSignature, signPact, withdrawPact } from "#app/.server/organisations/mutations.ts";
import { createUnsubscribeLink } from "#app/.server/notifications/unsubscribe.ts";
import { saveNotificationPreferences } from "#app/.server/notifications/index.ts";
import { referenceName } from "#app/.server/personal-data.ts";
import { action as downloadAction } from "#app/routes/account.data.download.ts";
import { loader as threadApi } from "#app/routes/api.v1.threads_.$id.ts";
import { callRoute } from "./call-route.ts";
import { closeAccount, readPersonalData, PERSONAL_DATA_SOURCES, personalDataHtml } from "#app/.server/privacy/index.ts";
import { PRIVACY_NOTICE_VERSION } from "#app/features/privacy/version.ts";
import { es } from "#app/locales/es.ts";
import { SignupSchema } from "#app/features/auth/schemas.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { changeInitiativeStatus } from "#app/.server/initiatives/mutations.ts";
import { eventInput } from "#tests/factories/events.ts";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { categoryBySlug, makeCategory, makeSettledPerson, refresh } from "./discussion-world.ts";
import { makeInitiativeInput } from "./initiative-world.ts";
import { addMember, makeOrganisation, makePerson, type Person } from "./world.ts";

const PASSWORD = "chirimoya-del-valle-2026";

type ForeignKey = { name: string; table: string; column: string; onDelete: string };

/** Every column of the schema that references users.id, as SQLite sees the migrated database. */
function foreignKeysToUsers(): ForeignKey[] {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as Array<{ name: string }>;
  return tables.flatMap(({ name }) =>
    (sqlite.prepare("SELECT * FROM pragma_foreign_key_list(?)").all(name) as Array<{ table: string; from: string; on_delete: string }>)
      .filter((fk) => fk.table === "users")
      .map((fk) => ({ name: `${name}.${fk.from}`, table: name, column: fk.from, onDelete: fk.on_delete })),
  );
}

const countReferencing = (fk: ForeignKey, userId: number) =>
  (sqlite.prepare(`SELECT count(*) AS n FROM "${fk.table}" WHERE "${fk.column}" = ?`).get(userId) as { n: number }).n;

/**
 * Every text value in the database (all tables, virtual full-text ones included, except FTS5's
 * own shadow tables) that contains `needle`, case-insensitively: `table.column` → rows.
 */
function whereTextAppears(needle: string): Record<string, number> {
  const found: Record<string, number> = {};
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT GLOB '*_fts_*'")
    .all() as Array<{ name: string }>;
  for (const { name } of tables) {
    const columns = sqlite.prepare("SELECT name, type FROM pragma_table_info(?)").all(name) as Array<{ name: string; type: string }>;
    for (const column of columns) {
      if (/int|blob/i.test(column.type)) continue;
      const n = (sqlite.prepare(`SELECT count(*) AS n FROM "${name}" WHERE instr(lower("${column.name}"), lower(?)) > 0`).get(needle) as { n: number }).n;
      if (n > 0) found[`${name}.${column.name}`] = n;
    }
  }
  return found;
}

describe("the schema's references to people", () => {
  test("every column that references users is covered by a feature's source, with the closure the schema does", () => {
    const declared = new Map(PERSONAL_DATA_SOURCES.flatMap((source) => source.references.map((reference) => [referenceName(reference), reference])));
    const schemaKeys = foreignKeysToUsers();
    // A new reference to users fails here until a feature's personal-data.ts names it: then the
    // export reads it and the closure knows what happens to it.
    expect([...declared.keys()].sort()).toEqual(schemaKeys.map((fk) => fk.name).sort());
    const expected: Record<string, string> = { CASCADE: "cascade", "SET NULL": "set-null", "NO ACTION": "reassign" };
    for (const fk of schemaKeys) expect(`${fk.name}: ${declared.get(fk.name)!.onClosure}`).toBe(`${fk.name}: ${expected[fk.onDelete]}`);
  });
});

/**
 * A person with a row in every table that references people, each written the way the platform
 * writes it where that is a feature's function, and inserted directly otherwise. Returns the
 * person (a coordinator, so that moderation and facilitation are theirs too), the others around
 * them, and what the assertions look at.
 */
async function livelyPerson() {
  const suffix = crypto.randomUUID().slice(0, 8);
  const name = `Zoila Quispicusi ${suffix}`;
  const email = `zoila-${suffix}@correo.pe`;
  const base = makeSettledPerson("coordinator");
  db.update(schema.users).set({ name, email, passwordHash: await hashPassword(PASSWORD) }).where(eq(schema.users.id, base.user.id)).run();
  db.update(schema.users).set({ handle: `zoila-${suffix}` }).where(eq(schema.users.id, base.user.id)).run();
  const me = refresh(base);
  const id = me.user.id;
  const other = makeSettledPerson();
  const coordinator = makeSettledPerson("coordinator");

  // Account: sessions, an emailed link, a consent, a one-time form token, notification settings.
  createSession(id, { userAgent: "Firefox", ipAddress: "203.0.113.9" });
  createEmailToken(id, "reset-password", email);
  recordConsent(id);
  db.insert(schema.formSubmissions).values({ token: `t-${suffix}`, form: "initiative-update", userId: id, redirectTo: "/" }).run();
  saveNotificationPreferences(id, { channels: { discussion_replies: "digest", mentions: "email", initiatives: "in_app", events: "email", organisations: "email" }, digestFrequency: "weekly" });
  createUnsubscribeLink(db, id, "events");
  hitRateLimit(RATE_LIMITS.loginFailuresPerAccount, email);

  // Organisations: co-owner of one (another owner stays), Pact signed, recorded and withdrawn
  // by them, an invitation they sent and one sent to them, the audit of their edit.
  const organisation = makeOrganisation(other);
  addMember(organisation.id, me, "owner");
  // Through the organisations' own writes, so their history (organisation_audit) names the person
  // as the organisation records it: the Pact signed in their name, invitations, a role change.
  expect(recordHistoricalSignature(organisation.id, id, { signerName: "Firmante Histórico", signerPosition: "Gerente", signedAt: new Date("2021-10-01") })).toMatchObject({ ok: true });
  withdrawPact(organisation.id, id);
  expect(signPact(organisation.id, id, { signerName: name, signerPosition: "Gerenta" })).toMatchObject({ ok: true });
  expect(createInvitation(organisation.id, id, { email: `colega-${suffix}@correo.pe`, role: "member" })).toMatchObject({ ok: true });
  const otherOrganisation = makeOrganisation(coordinator);
  expect(createInvitation(otherOrganisation.id, coordinator.user.id, { email, role: "editor" })).toMatchObject({ ok: true });
  expect(changeMemberRole(organisation.id, other.user.id, id, "editor")).toMatchObject({ ok: true });
  expect(changeMemberRole(organisation.id, other.user.id, id, "owner")).toMatchObject({ ok: true });
  // The inviter's answer kept against a double submission repeats the address.
  db.insert(schema.formSubmissions).values({ token: `inv-${suffix}`, form: "invitation", userId: other.user.id, redirectTo: "/", flash: JSON.stringify({ key: "team.invited", values: { email } }) }).run();

  // Initiatives: one they created, its status change and update by them, a partnership they asked for, one they follow.
  const proposed = proposeInitiative(id, makeInitiativeInput(organisation.id));
  if (!proposed.ok) throw new Error("initiative");
  const initiativeId = proposed.initiative.id;
  expect(changeInitiativeStatus(initiativeId, id, "open")).toMatchObject({ ok: true });
  db.insert(schema.initiativeUpdates).values({ initiativeId, organisationId: organisation.id, reportedOn: "2026-11-01", body: "Avance de noviembre", authorId: id }).run();
  db.insert(schema.initiativePartners).values({ initiativeId, organisationId: otherOrganisation.id, role: "technical", state: "requested", requestedBy: id }).run();
  db.insert(schema.initiativeFollows).values({ initiativeId, userId: id }).run();

  // Events: one they created with one seat they hold and a person waiting; one they follow.
  const event = createEvent(id, eventInput({ capacity: 1 }));
  db.update(schema.events).set({ status: "published" }).where(eq(schema.events.id, event.id)).run();
  expect(register(event.id, id, { answers: ["Vegetariana"] })).toMatchObject({ ok: true, status: "confirmed" });
  expect(register(event.id, other.user.id, { answers: [""] })).toMatchObject({ ok: true, status: "waitlisted" });
  db.insert(schema.eventFollows).values({ eventId: event.id, userId: id }).run();

  // Discussions: their thread, with another person's reply quoting them and mentioning them;
  // their reaction, flag, a suspension they gave and one they got, their moderation.
  const category = makeCategory(coordinator);
  const thread = startThread(me.user, { kind: "category", categoryId: category.id }, { title: "Compostaje en mercados", body: "Empezamos en Huancayo." });
  if (!thread.ok) throw new Error(`thread: ${thread.reason}`);
  const quoting = reply(other.user, thread.threadId, { body: `> Empezamos en Huancayo.\n\n@${me.user.handle} ¿con qué municipio?`, quotedPostId: thread.postId });
  if (!quoting.ok) throw new Error(`reply: ${quoting.reason}`);
  // Their own words may carry their address and name (a signature): those leave with them.
  const theirReply = reply(me.user, thread.threadId, { body: `Con el provincial. Escríbanme a ${email}. — ${name}` });
  if (!theirReply.ok) throw new Error(`reply: ${theirReply.reason}`);
  db.insert(schema.discussionReactions).values({ postId: quoting.postId, userId: id, reaction: "thumbs_up" }).run();
  db.insert(schema.discussionFlags).values({ postId: quoting.postId, userId: id, reason: "off_topic" }).run();
  db.insert(schema.discussionSuspensions).values({ userId: other.user.id, until: new Date(Date.now() + 86_400_000), reason: "Insultos a otra persona", createdById: id }).run();
  db.insert(schema.discussionSuspensions).values({ userId: id, until: new Date(Date.now() - 1000), reason: "Antigua", createdById: coordinator.user.id }).run();
  db.insert(schema.moderationLog).values({ actorId: id, action: "hide_post", postId: quoting.postId, targetUserId: other.user.id }).run();
  db.insert(schema.moderationLog).values({ actorId: coordinator.user.id, action: "suspend_user", targetUserId: id, note: `Avisos repetidos de ${name}` }).run();
  // Their address given as their organisation's contact.
  db.update(schema.organisations).set({ contactEmail: email }).where(eq(schema.organisations.id, organisation.id)).run();

  // The exchange: a listing they posted, a conversation they started, facilitation, exchanges
  // they recorded and answered, the audit of their hiding a listing.
  const listing = makeListingRow(organisation.id, { createdBy: id });
  const othersListing = makeListingRow(otherOrganisation.id);
  const conversation = db.insert(schema.exchangeConversations).values({ listingId: othersListing.id, organisationId: organisation.id, startedBy: id }).returning().get();
  db.insert(schema.exchangeConversationFacilitators).values({ conversationId: conversation.id, userId: id, invitedBy: id }).run();
  const moved = { listingId: listing.id, supplierOrganisationId: organisation.id, receiverOrganisationId: otherOrganisation.id, recordedByOrganisationId: organisation.id, category: "agro_residues" as const, occurredOn: "2026-11-20", quantity: 1_000_000, unit: "t" as const };
  db.insert(schema.exchanges).values({ ...moved, recordedBy: id, respondedBy: id, status: "confirmed" }).run();
  db.insert(schema.exchangeAudit).values({ listingId: othersListing.id, actorId: id, action: "hidden", changes: { reason: "Prueba" } }).run();

  // Notifications to them and about their acts (the reply to their thread told them; theirs told the other).
  db.insert(schema.notifications).values({ userId: id, type: "discussion.reply", subjectType: "post", subjectId: quoting.postId, actorId: other.user.id, data: {} }).run();
  db.insert(schema.notifications).values({ userId: other.user.id, type: "discussion.reply", subjectType: "post", subjectId: theirReply.postId, actorId: id, data: {} }).run();

  return { me, name, email, handle: me.user.handle!, other, coordinator, organisation, thread, quoting, event, listing };
}

test("an audit entry loses the person's address, exact name and id, and nothing that merely contains a short name", () => {
  const person = { id: 7, email: "li@correo.pe", name: "Li" };
  expect(withoutPerson({ name: "Reciclaje Lima Norte", signerName: " li ", invited: "LI@correo.pe", userId: 7, other: { userId: 8 }, list: ["Li", "Lima"] }, person)).toEqual({
    name: "Reciclaje Lima Norte",
    signerName: "",
    invited: "",
    userId: null,
    other: { userId: 8 },
    list: ["", "Lima"],
  });
});

test("a mention of the handle becomes 'Cuenta eliminada'; longer handles and addresses stay", () => {
  expect(withoutMention("Hola @rocio-gutierrez y @ROCIO-GUTIERREZ, @rocio-gutierrez-2 y rocio@rocio-gutierrez.pe.", "rocio-gutierrez")).toBe(
    "Hola Cuenta eliminada y Cuenta eliminada, @rocio-gutierrez-2 y rocio@rocio-gutierrez.pe.",
  );
  expect(withoutMention("sin menciones", null)).toBe("sin menciones");
});

describe("download my data", () => {
  let world: Awaited<ReturnType<typeof livelyPerson>>;
  beforeAll(async () => {
    world = await livelyPerson();
  });

  test("the fixture touches every column that references people (so the checks below cover them all)", () => {
    for (const fk of foreignKeysToUsers()) expect(`${fk.name}: ${countReferencing(fk, world.me.user.id) > 0}`).toBe(`${fk.name}: true`);
  });

  test("the export holds, for every reference, exactly the person's rows, without secrets", () => {
    const exported = readPersonalData(world.me.user.id)!;
    expect(exported.person).toMatchObject({ id: world.me.user.id, email: world.email, name: world.name });
    expect(exported.privacyNoticeVersion).toBe(PRIVACY_NOTICE_VERSION);
    const byName = new Map(Object.values(exported.sections).flatMap((tables) => Object.entries(tables)));
    for (const source of PERSONAL_DATA_SOURCES) {
      for (const reference of source.references) {
        const name = referenceName(reference);
        if (reference.notExported) {
          expect(byName.has(name)).toBe(false);
          continue;
        }
        const fk = { name, table: getTableName(reference.table), column: reference.column.name, onDelete: "" };
        expect(`${name}: ${byName.get(name)?.length}`).toBe(`${name}: ${countReferencing(fk, world.me.user.id)}`);
      }
    }
    // The profile, and the invitation sent to their address (found by address, not by id).
    expect(byName.get("users")).toEqual([expect.objectContaining({ email: world.email, name: world.name })]);
    expect(byName.get("organisation_invitations_received")).toEqual([expect.objectContaining({ email: world.email, role: "editor" })]);
    expect(byName.get("privacy_consents.user_id")).toEqual(expect.arrayContaining([expect.objectContaining({ noticeVersion: PRIVACY_NOTICE_VERSION })]));
    expect(byName.get("event_registrations.user_id")).toEqual([expect.objectContaining({ eventId: world.event.id, status: "confirmed" })]);
    // Found by address: the mail sent to them (the mention mailed at once) and the attempt counters.
    expect(byName.get("mail_queue")).toEqual(expect.arrayContaining([expect.objectContaining({ to: world.email, state: "sent" })]));
    expect(byName.get("rate_limits")).toEqual([expect.objectContaining({ key: `${RATE_LIMITS.loginFailuresPerAccount.name}:${world.email}`, count: 1 })]);
    const text = JSON.stringify(exported);
    expect(text).not.toMatch(/secretHash|passwordHash|\$argon2/);
    // Their acts that concern other people come without those people's data: whom they invited,
    // whom they suspended and why, the names on a signature they recorded.
    expect(text).not.toContain(`colega-`);
    expect(text).not.toContain(world.other.user.email);
    expect(text).not.toContain("Insultos a otra persona");
    expect(text).not.toContain("Firmante Histórico");
    // Found without a foreign key: moderation entries about them, organisations showing their address.
    expect(byName.get("moderation_log_about_you")).toEqual([expect.objectContaining({ action: "suspend_user", note: `Avisos repetidos de ${world.name}` })]);
    expect(byName.get("organisations_with_your_address")).toEqual([expect.objectContaining({ slug: world.organisation.slug, contactEmail: world.email })]);
  });

  test("the readable summary is one escaped HTML document with every section", () => {
    db.update(schema.discussionPosts).set({ body: "<script>alert(1)</script>" }).where(eq(schema.discussionPosts.id, world.thread.postId)).run();
    const html = personalDataHtml(readPersonalData(world.me.user.id)!, "en");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`Personal data of ${world.name}`);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    for (const section of ["Account, sessions and consents", "Organisations and the Pact", "Initiatives", "Events", "Discussions", "Resource exchange", "Notifications", "Emails"]) {
      expect(html).toContain(`<h2>${section}</h2>`);
    }
    // Each kind of record under a heading in words, its table named below it.
    expect(html).toContain("<h3>Your posts · 2 rows</h3>");
    expect(html).toContain("Table and column: discussion_posts.author_id");
    // Every table a source can export has its heading in both languages.
    const exported = readPersonalData(world.me.user.id)!;
    for (const name of Object.values(exported.sections).flatMap((tables) => Object.keys(tables))) {
      expect(Object.keys(es)).toContain(`privacy.export.table.${name}`);
    }
  });
});

describe("the download route", () => {
  test("a signed-in person gets their data as a file in either format, logged; a bad format is 400; nobody else gets anything", async () => {
    const world = await livelyPerson();
    const { token } = createSession(world.me.user.id);
    const cookie = `session=${token}`;
    const logged = () => db.select().from(schema.dataRightsRequests).all().length;
    const before = logged();
    const json = await callRoute(downloadAction, { method: "POST", url: "http://localhost:3000/account/data/download", form: { format: "json" }, cookie });
    expect(json.status).toBe(200);
    expect(json.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(json.headers.get("Content-Disposition")).toMatch(/^attachment; filename="?mis-datos-peru-pais-circular-\d{4}-\d{2}-\d{2}\.json"?$/);
    expect(json.headers.get("Cache-Control")).toBe("no-store");
    expect(JSON.parse(json.data as string).person).toMatchObject({ id: world.me.user.id, email: world.email });
    const html = await callRoute(downloadAction, { method: "POST", url: "http://localhost:3000/account/data/download", form: { format: "html" }, cookie, headers: { "Accept-Language": "en" } });
    expect(html.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(html.data as string).toContain(`Personal data of ${world.name}`);
    expect(logged()).toBe(before + 2);
    expect((await callRoute(downloadAction, { method: "POST", url: "http://localhost:3000/account/data/download", form: { format: "xml" }, cookie })).status).toBe(400);
    const anonymous = await callRoute(downloadAction, { method: "POST", url: "http://localhost:3000/account/data/download", form: { format: "json" } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(logged()).toBe(before + 2);
    // Ten an hour: the eleventh is 429 with Retry-After, and is not logged.
    for (let i = 2; i < 10; i++) expect((await callRoute(downloadAction, { method: "POST", url: "http://localhost:3000/account/data/download", form: { format: "json" }, cookie })).status).toBe(200);
    const limited = await callRoute(downloadAction, { method: "POST", url: "http://localhost:3000/account/data/download", form: { format: "json" }, cookie });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(logged()).toBe(before + 10);
  });
});

describe("close my account", () => {
  test("a wrong password changes nothing", async () => {
    const world = await livelyPerson();
    const before = foreignKeysToUsers().map((fk) => countReferencing(fk, world.me.user.id));
    expect(await closeAccount(world.me.user.id, "no-es-la-clave")).toEqual({ ok: false, error: "wrongPassword" });
    expect(foreignKeysToUsers().map((fk) => countReferencing(fk, world.me.user.id))).toEqual(before);
    expect(db.select().from(schema.users).where(eq(schema.users.id, world.me.user.id)).get()).toBeDefined();
  });

  test("the last owner of an organisation is refused, with the organisation to hand over, and nothing changes", async () => {
    const owner = makePerson();
    db.update(schema.users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(schema.users.id, owner.user.id)).run();
    const organisation = makeOrganisation(owner);
    const sessions = () => db.select().from(schema.sessions).where(eq(schema.sessions.userId, owner.user.id)).all().length;
    const before = sessions();
    expect(await closeAccount(owner.user.id, PASSWORD)).toEqual({ ok: false, error: "lastOwner", organisations: [{ slug: organisation.slug, name: organisation.name, suspended: false }] });
    expect(sessions()).toBe(before);
    expect(db.select().from(schema.organisationMembers).where(eq(schema.organisationMembers.userId, owner.user.id)).all()).toHaveLength(1);
    // Another owner: now they may go, and the organisation keeps its owner.
    const next = makePerson();
    addMember(organisation.id, next, "owner");
    expect(await closeAccount(owner.user.id, PASSWORD)).toEqual({ ok: true });
    expect(db.select().from(schema.organisationMembers).where(eq(schema.organisationMembers.organisationId, organisation.id)).all()).toEqual([
      expect.objectContaining({ userId: next.user.id, role: "owner" }),
    ]);
  });

  describe("a lively account closed", () => {
    let world: Awaited<ReturnType<typeof livelyPerson>>;
    beforeAll(async () => {
      world = await livelyPerson();
      expect(await closeAccount(world.me.user.id, PASSWORD)).toEqual({ ok: true });
    });

    test("no row references the person any more, and the account is gone", () => {
      for (const fk of foreignKeysToUsers()) expect(`${fk.name}: ${countReferencing(fk, world.me.user.id)}`).toBe(`${fk.name}: 0`);
      expect(db.select().from(schema.users).where(eq(schema.users.id, world.me.user.id)).get()).toBeUndefined();
      expect(db.select().from(schema.moderationLog).where(eq(schema.moderationLog.targetUserId, world.me.user.id)).all()).toEqual([]);
      expect(db.select().from(schema.organisations).where(eq(schema.organisations.id, world.organisation.id)).get()!.contactEmail).toBeNull();
    });

    test("neither their address nor their name is anywhere, except the confirmation in the outbox (the recipient's mailbox)", () => {
      const outbox = db.select().from(schema.outbox).where(eq(schema.outbox.to, world.email)).all();
      expect(outbox.map((mail) => mail.subject)).toEqual(["Tu cuenta de Perú País Circular fue cerrada"]);
      expect(whereTextAppears(world.email)).toEqual({ "mail_outbox.to": 1 });
      // Only mail: the confirmation's greeting, and notices delivered to other people before the
      // closure ("… replied"), which the outbox keeps as their mailboxes would.
      const naming = db.select().from(schema.outbox).all().filter((mail) => mail.text.includes(world.name));
      expect(naming.filter((mail) => mail.to === world.email).map((mail) => mail.subject)).toEqual(["Tu cuenta de Perú País Circular fue cerrada"]);
      expect(whereTextAppears(world.name)).toEqual({ "mail_outbox.text": naming.length });
      expect(whereTextAppears(`title="${world.name}"`)).toEqual({});
      // The queued copy of the confirmation was deleted once sent.
      expect(db.select().from(schema.mailQueue).where(eq(schema.mailQueue.to, world.email)).all()).toEqual([]);
    });

    test("their thread stays readable with its replies, signed by the deleted account", () => {
      const deleted = db.select().from(schema.users).where(eq(schema.users.email, DELETED_ACCOUNT_EMAIL)).get()!;
      expect(deleted).toMatchObject({ name: "", handle: null });
      const thread = db.select().from(schema.discussionThreads).where(eq(schema.discussionThreads.id, world.thread.threadId)).get()!;
      expect(thread).toMatchObject({ authorId: deleted.id, lastPostAuthorId: deleted.id, replyCount: 2 });
      const posts = db.select().from(schema.discussionPosts).where(eq(schema.discussionPosts.threadId, world.thread.threadId)).orderBy(schema.discussionPosts.number).all();
      expect(posts.map((post) => [post.number, post.authorId === deleted.id])).toEqual([
        [1, true],
        [2, false],
        [3, true],
      ]);
      // The other person's reply still quotes and mentions, without the name: the quote's source
      // says "Cuenta eliminada", and so does the mention (handles are made from names).
      const quoting = posts[1]!;
      expect(quoting.bodyHtml).toContain(`↩ Cuenta eliminada #1`);
      expect(quoting.body).toBe("> Empezamos en Huancayo.\n\nCuenta eliminada ¿con qué municipio?");
      expect(quoting.bodyHtml).not.toContain(world.handle);
      expect(quoting.bodyHtml).not.toContain('class="mention"');
      expect(whereTextAppears(`@${world.handle}`)).toEqual({});
      expect(db.select().from(schema.discussionPostRevisions).all().filter((r) => posts.some((p) => p.id === r.postId && p.authorId === deleted.id))).toEqual([]);
    });

    test("the open data API gives their posts no author (pages say 'Cuenta eliminada')", async () => {
      const res = await callRoute(threadApi, { url: `http://localhost:3000/api/v1/threads/${world.thread.threadId}`, params: { id: String(world.thread.threadId) } });
      expect(res.status).toBe(200);
      const body = (JSON.parse(res.data as string) as { data: { author: unknown; posts: Array<{ number: number; author: unknown }> } }).data;
      expect(body.author).toEqual({ name: null, handle: null });
      expect(body.posts.map((post) => [post.number, post.author])).toEqual([
        [1, { name: null, handle: null }],
        [2, { name: world.other.user.name, handle: world.other.user.handle }],
        [3, { name: null, handle: null }],
      ]);
    });

    test("their seat went to the person waiting", () => {
      const rows = db.select().from(schema.eventRegistrations).where(eq(schema.eventRegistrations.eventId, world.event.id)).all();
      expect(rows).toEqual([expect.objectContaining({ userId: world.other.user.id, status: "confirmed" })]);
    });

    test("the organisation's records stay without them; the Pact signature without their name", () => {
      const listing = db.select().from(schema.exchangeListings).where(eq(schema.exchangeListings.id, world.listing.id)).get()!;
      expect(listing).toMatchObject({ organisationId: world.organisation.id, createdBy: null });
      const signatures = db.select().from(schema.pactSignatures).where(eq(schema.pactSignatures.organisationId, world.organisation.id)).orderBy(schema.pactSignatures.id).all();
      // The historical one they recorded keeps its signer (someone else's name); theirs loses their name.
      expect(signatures).toEqual([
        expect.objectContaining({ signerName: "Firmante Histórico", recordedBy: null, withdrawnBy: null }),
        expect.objectContaining({ signerName: "", signerPosition: "Gerenta", signedBy: null }),
      ]);
      // The organisation's history keeps the events, without their address, name or id.
      const history = db.select().from(schema.organisationAudit).where(eq(schema.organisationAudit.organisationId, world.organisation.id)).all();
      expect(history.map((entry) => entry.action)).toEqual(expect.arrayContaining(["pactSigned", "invited", "roleChanged"]));
      expect(history.find((entry) => entry.action === "pactSigned")!.changes).toEqual({ signerName: "", signerPosition: "Gerenta" });
      expect(history.filter((entry) => entry.action === "roleChanged").map((entry) => entry.changes.userId)).toEqual([null, null]);
      expect(db.select().from(schema.organisationMembers).where(eq(schema.organisationMembers.organisationId, world.organisation.id)).all()).toEqual([
        expect.objectContaining({ userId: world.other.user.id, role: "owner" }),
      ]);
    });

    test("the coordinators' log has the closure, and nothing about who", () => {
      const log = db.select().from(schema.dataRightsRequests).all();
      expect(log.filter((row) => row.kind === "closure").length).toBeGreaterThan(0);
      expect(Object.keys(log[0]!).sort()).toEqual(["createdAt", "id", "kind"]);
    });

    test("signing in again fails; a second closure finds nothing", async () => {
      expect(db.select().from(schema.users).where(eq(schema.users.email, world.email)).get()).toBeUndefined();
      expect(await closeAccount(world.me.user.id, PASSWORD)).toEqual({ ok: false, error: "notFound" });
    });
  });

  test("the deleted-account row exists before any closure, so nobody can register its address first", async () => {
    const row = db.select().from(schema.users).where(eq(schema.users.email, DELETED_ACCOUNT_EMAIL)).all();
    expect(row).toEqual([expect.objectContaining({ name: "", passwordHash: "!", handle: null })]);
    expect(SignupSchema.safeParse({ name: "Impostora", email: DELETED_ACCOUNT_EMAIL, password: "una-clave-cualquiera-1", acceptPrivacy: "on" }).success).toBe(false);
    expect(SignupSchema.safeParse({ name: "Impostora", email: "otra@algo.invalid", password: "una-clave-cualquiera-1", acceptPrivacy: "on" }).success).toBe(false);
    expect(await signUp({ email: DELETED_ACCOUNT_EMAIL, name: "Impostora", password: "una-clave-cualquiera-1", locale: "es" })).toEqual({ ok: true });
    expect(db.select().from(schema.users).where(eq(schema.users.email, DELETED_ACCOUNT_EMAIL)).all()).toEqual(row);
  });

  test("nobody can take the deleted-account row: no reset link, no log-in, no sign-up mail, no closure", async () => {
    const world = await livelyPerson();
    expect(await closeAccount(world.me.user.id, PASSWORD)).toEqual({ ok: true });
    const deleted = db.select().from(schema.users).where(eq(schema.users.email, DELETED_ACCOUNT_EMAIL)).get()!;
    const mailTo = () => db.select().from(schema.mailQueue).where(eq(schema.mailQueue.to, DELETED_ACCOUNT_EMAIL)).all().length + db.select().from(schema.outbox).where(eq(schema.outbox.to, DELETED_ACCOUNT_EMAIL)).all().length;
    for (const address of [DELETED_ACCOUNT_EMAIL, ` ${DELETED_ACCOUNT_EMAIL.toUpperCase()} `]) {
      await requestPasswordReset(address);
      expect(await checkCredentials({ email: address, password: "!" })).toBeNull();
      expect(await signUp({ email: address, name: "Impostora", password: "una-clave-cualquiera-1", locale: "es" })).toEqual({ ok: true });
    }
    expect(db.select().from(schema.emailTokens).where(eq(schema.emailTokens.userId, deleted.id)).all()).toEqual([]);
    expect(mailTo()).toBe(0);
    expect(db.select().from(schema.users).where(eq(schema.users.id, deleted.id)).get()).toMatchObject({ passwordHash: "!", name: "" });
    expect(await closeAccount(deleted.id, "!")).toEqual({ ok: false, error: "notFound" });
  });

  test("a post racing the closure is refused and writes nothing", async () => {
    const world = await livelyPerson();
    // The person's session was read before the closure committed; their post arrives after.
    const staleUser = world.me.user;
    expect(await closeAccount(world.me.user.id, PASSWORD)).toEqual({ ok: true });
    const before = db.select().from(schema.discussionPosts).where(eq(schema.discussionPosts.threadId, world.thread.threadId)).all().length;
    expect(reply(staleUser, world.thread.threadId, { body: "Un mensaje tarde" })).toEqual({ ok: false, reason: "not_member" });
    const general = categoryBySlug("general") ?? makeCategory(world.coordinator);
    expect(startThread(staleUser, { kind: "category", categoryId: general.id }, { title: "Tarde", body: "Tarde" })).toEqual({ ok: false, reason: "not_member" });
    expect(db.select().from(schema.discussionPosts).where(eq(schema.discussionPosts.threadId, world.thread.threadId)).all()).toHaveLength(before);
    expect(db.select().from(schema.discussionThreads).where(and(eq(schema.discussionThreads.title, "Tarde"))).all()).toEqual([]);
  });
});

export type { Person };
