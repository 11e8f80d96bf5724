import { desc, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { clearEnvCache } from "#app/.server/env.ts";
import { sendMail } from "#app/.server/mail.ts";
import {
  claimDueMail,
  deliverDueMail,
  enqueueMail,
  isMailWorkerRunning,
  MAIL_LEASE_MS,
  retryDelayMs,
  startMailWorker,
  stopMailWorker,
} from "#app/.server/mail-queue.ts";
import "#app/.server/notification-kinds.ts";
import { groupDigest, notify, sendDueDigests, type PreferenceGroup } from "#app/.server/notifications/index.ts";
import { makeInitiativeWorld } from "./initiative-world.ts";
import { makePerson, type Person } from "./world.ts";

// The mail queue against a real SMTP server (smtp-server on a random local port): delivery,
// refusals and outages with backoff, a crash mid-send, the digest, and the worker loop.

type Received = { messageId: string; to: string; raw: string };
const received: Received[] = [];
let refusing = false;
let server: SMTPServer;
let port = 0;

function startServer(onPort = 0) {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Mailboxes that do not exist are refused for good (550); full ones for now (452).
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("nobody-")) return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      if (address.address.startsWith("full-")) return callback(Object.assign(new Error("Mailbox full, try later"), { responseCode: 452 }));
      callback();
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        if (refusing) {
          const error = Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 });
          return callback(error);
        }
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? "";
        received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  return new Promise<void>((resolve) =>
    server.listen(onPort, "127.0.0.1", () => {
      port = (server.server.address() as { port: number }).port;
      resolve();
    }),
  );
}

const stopServer = () => new Promise<void>((resolve) => server.close(() => resolve()));

const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_TRANSPORT: process.env.MAIL_TRANSPORT };
beforeAll(async () => {
  await startServer();
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  delete process.env.MAIL_TRANSPORT;
  clearEnvCache();
});
afterAll(async () => {
  await stopMailWorker();
  await stopServer();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  clearEnvCache();
});
afterEach(() => {
  refusing = false;
});

const address = () => `q-${crypto.randomUUID().slice(0, 8)}@correo.pe`;
const rowTo = (to: string) => db.select().from(schema.mailQueue).where(eq(schema.mailQueue.to, to)).orderBy(desc(schema.mailQueue.id)).get()!;
const receivedBy = (to: string) => received.filter((m) => m.to === to);
const message = (to: string) => ({ to, subject: "Prueba", text: "Hola", locale: "es" as const });
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe("delivery through SMTP", () => {
  test("a message is delivered once, with the Message-ID chosen when it was queued", async () => {
    const to = address();
    await sendMail({ ...message(to), headers: { "List-Unsubscribe": "<http://localhost:3000/account/notifications>" } });
    const row = rowTo(to);
    expect(row).toMatchObject({ state: "sent", attempts: 1, lastError: null });
    expect(receivedBy(to)).toHaveLength(1);
    expect(receivedBy(to)[0]!.messageId).toBe(row.messageId);
    expect(receivedBy(to)[0]!.raw).toMatch(/^List-Unsubscribe: <http:\/\/localhost:3000\/account\/notifications>/m);
    // Nothing is due any more.
    expect(await deliverDueMail(later(new Date(), 24 * 3600_000))).toBe(0);
    expect(receivedBy(to)).toHaveLength(1);
  });

  test("a refusing server: the message stays queued, is retried with backoff, and delivered once it accepts", async () => {
    const to = address();
    refusing = true;
    const before = Date.now();
    await sendMail(message(to));
    let row = rowTo(to);
    expect(row).toMatchObject({ state: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/try later/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 30_000);
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 30_000);

    // Not before it is due.
    const firstRetry = row.nextAttemptAt;
    expect(await deliverDueMail(later(firstRetry, -1))).toBe(0);
    // Second failure: the wait doubles.
    expect(await deliverDueMail(firstRetry)).toBe(1);
    row = rowTo(to);
    expect(row).toMatchObject({ state: "pending", attempts: 2 });
    expect(row.nextAttemptAt.getTime()).toBe(firstRetry.getTime() + 60_000);

    refusing = false;
    await deliverDueMail(row.nextAttemptAt);
    expect(rowTo(to)).toMatchObject({ state: "sent", attempts: 3 });
    expect(receivedBy(to)).toHaveLength(1);
    expect(receivedBy(to)[0]!.messageId).toBe(row.messageId);
  });

  test("the backoff doubles from 30 s up to 6 h, and after 10 attempts the message is given up", async () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(10)).toBe(30_000 * 2 ** 9);
    expect(retryDelayMs(11)).toBe(6 * 3600_000);
    expect(retryDelayMs(30)).toBe(6 * 3600_000);

    const to = address();
    refusing = true;
    await sendMail(message(to));
    let at = rowTo(to).nextAttemptAt;
    for (let attempt = 2; attempt <= 10; attempt += 1) {
      await deliverDueMail(at);
      at = rowTo(to).nextAttemptAt;
    }
    expect(rowTo(to)).toMatchObject({ state: "failed", attempts: 10 });
    refusing = false;
    expect(await deliverDueMail(later(at, 365 * 24 * 3600_000))).toBe(0);
    expect(receivedBy(to)).toHaveLength(0);
  });

  test("a recipient refused for good (5xx) is not retried; one refused for now (4xx) is", async () => {
    const gone = `nobody-${address()}`;
    await sendMail(message(gone));
    expect(rowTo(gone)).toMatchObject({ state: "failed", attempts: 1 });
    expect(rowTo(gone).lastError).toMatch(/550/);
    expect(await deliverDueMail(later(new Date(), 365 * 24 * 3600_000), [rowTo(gone).id])).toBe(0);

    const full = `full-${address()}`;
    await sendMail(message(full));
    expect(rowTo(full)).toMatchObject({ state: "pending", attempts: 1 });
    expect(rowTo(full).lastError).toMatch(/452/);
    expect(await deliverDueMail(rowTo(full).nextAttemptAt, [rowTo(full).id])).toBe(1);
    expect(rowTo(full)).toMatchObject({ state: "pending", attempts: 2 });
    expect(received.filter((m) => m.to === gone || m.to === full)).toHaveLength(0);
  });

  test("a server that is down: the message waits and goes out once the server is back", async () => {
    const to = address();
    const samePort = port;
    await stopServer();
    try {
      await sendMail(message(to));
      expect(rowTo(to)).toMatchObject({ state: "pending", attempts: 1 });
      expect(rowTo(to).lastError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await startServer(samePort);
    }
    await deliverDueMail(rowTo(to).nextAttemptAt);
    expect(rowTo(to)).toMatchObject({ state: "sent", attempts: 2 });
    expect(receivedBy(to)).toHaveLength(1);
  });

  test("a crash mid-send: the claimed row is sent again once, with the same Message-ID, after its lease", async () => {
    const to = address();
    const id = enqueueMail(message(to));
    const now = new Date();
    // A worker claims it, then dies before sending or settling it.
    expect(claimDueMail(now).map((r) => r.id)).toContain(id);
    expect(rowTo(to)).toMatchObject({ state: "sending", attempts: 1 });
    // While the lease runs nobody else takes it.
    expect(await deliverDueMail(later(now, MAIL_LEASE_MS - 1), [id])).toBe(0);
    // After it, the next worker does, once.
    expect(await deliverDueMail(later(now, MAIL_LEASE_MS), [id])).toBe(1);
    expect(await deliverDueMail(later(now, 2 * MAIL_LEASE_MS), [id])).toBe(0);
    expect(rowTo(to)).toMatchObject({ state: "sent", attempts: 2 });
    expect(receivedBy(to).map((m) => m.messageId)).toEqual([rowTo(to).messageId]);
  });
});

describe("the worker loop", () => {
  test("once started it delivers what is queued (woken by the enqueue); once stopped, sending is inline again", async () => {
    let minutes = 0;
    startMailWorker({ pollMs: 20, minuteMs: 50, everyMinute: () => (minutes += 1) });
    expect(isMailWorkerRunning()).toBe(true);
    try {
      const to = address();
      await sendMail(message(to));
      // Handed to the worker, not sent inline.
      for (let waited = 0; rowTo(to).state !== "sent" && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(rowTo(to).state).toBe("sent");
      expect(receivedBy(to)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 150));
      expect(minutes).toBeGreaterThanOrEqual(2);
    } finally {
      await stopMailWorker();
    }
    expect(isMailWorkerRunning()).toBe(false);
    const inline = address();
    await sendMail(message(inline));
    expect(rowTo(inline).state).toBe("sent");
  });
});

describe("the digest", () => {
  test("groupDigest: one group per thread or initiative, newest activity first, lines oldest first", () => {
    const at = (minutes: number) => new Date(Date.UTC(2031, 0, 1, 12, minutes));
    const rows = [
      { id: 1, groupKey: "thread:7", createdAt: at(1) },
      { id: 2, groupKey: "initiative:3", createdAt: at(2) },
      { id: 3, groupKey: "thread:7", createdAt: at(5) },
      { id: 4, groupKey: null, createdAt: at(9) },
      { id: 5, groupKey: "initiative:3", createdAt: at(3) },
      { id: 6, groupKey: "thread:7", createdAt: at(4) },
    ];
    expect(groupDigest(rows).map((g) => ({ key: g.key, ids: g.rows.map((r) => r.id) }))).toEqual([
      { key: "thread:7", ids: [1, 6, 3] },
      { key: "initiative:3", ids: [2, 5] },
      { key: null, ids: [4] },
    ]);
    expect(groupDigest([])).toEqual([]);
  });

  function digestReader(locale: "es" | "en", frequency: "daily" | "weekly" = "daily") {
    const person = makePerson();
    db.update(schema.users).set({ locale }).where(eq(schema.users.id, person.user.id)).run();
    for (const preference of ["initiatives", "events"] satisfies PreferenceGroup[]) {
      db.insert(schema.notificationPreferences).values({ userId: person.user.id, preference, channel: "digest" }).run();
    }
    db.insert(schema.notificationSettings).values({ userId: person.user.id, digestFrequency: frequency }).run();
    return person;
  }

  const digestsTo = (person: Person) => db.select().from(schema.mailQueue).where(eq(schema.mailQueue.to, person.user.email)).all();
  const pendingOf = (person: Person) =>
    db.select().from(schema.notifications).where(eq(schema.notifications.userId, person.user.id)).all().filter((n) => n.emailState === "pending_digest");

  test("one email per period, grouped under each initiative's current title with its link, then settled", async () => {
    const [first, second] = [makeInitiativeWorld("open"), makeInitiativeWorld("open")];
    const reader = digestReader("es");
    const publish = (world: typeof first, type: string) =>
      notify({ type, recipients: [reader.user.id], actorId: world.people.leadOwner.user.id, subject: { type: "initiative", id: world.initiative.id } });
    publish(first, "initiative.update");
    publish(second, "initiative.status.in_progress");
    publish(first, "initiative.status.in_progress");
    expect(digestsTo(reader)).toHaveLength(0);
    expect(pendingOf(reader)).toHaveLength(3);
    db.update(schema.initiatives).set({ title: "Biohuertos escolares" }).where(eq(schema.initiatives.id, first.initiative.id)).run();
    db.update(schema.initiatives).set({ title: "Reúso de llantas" }).where(eq(schema.initiatives.id, second.initiative.id)).run();

    const now = new Date();
    // Not before a day has passed since the oldest waiting notification.
    expect(await sendDueDigests(later(now, 3600_000))).toBe(0);
    const due = later(now, 24 * 3600_000 + 1000);
    expect(await sendDueDigests(due)).toBeGreaterThanOrEqual(1);
    const [digest] = digestsTo(reader);
    expect(digest).toMatchObject({ state: "sent", subject: "Tu resumen de Perú País Circular: 3 novedades" });
    const text = digest!.text;
    expect(text).toContain("Esto es lo que pasó desde tu último resumen diario:");
    // The most recent activity first, each group under its current title with its count and link.
    const firstHeading = text.indexOf("«Biohuertos escolares» · 2 novedades");
    const secondHeading = text.indexOf("«Reúso de llantas» · 1 novedad");
    expect(firstHeading).toBeGreaterThan(0);
    expect(secondHeading).toBeGreaterThan(firstHeading);
    expect(text).toContain(`http://localhost:3000/initiatives/${first.initiative.slug}`);
    const firstGroup = text.slice(firstHeading, secondHeading);
    // Newest last within the group.
    expect(firstGroup.indexOf("Hay un nuevo reporte de avance en «Biohuertos escolares».")).toBeLessThan(firstGroup.indexOf("«Biohuertos escolares» está en ejecución."));
    expect(text).toContain("http://localhost:3000/account/notifications");
    expect(receivedBy(reader.user.email)).toHaveLength(1);
    // Settled: the rows are sent, the next digest waits a day from now.
    expect(pendingOf(reader)).toHaveLength(0);
    const settings = db.select().from(schema.notificationSettings).where(eq(schema.notificationSettings.userId, reader.user.id)).get()!;
    expect(settings.lastDigestAt?.getTime()).toBe(due.getTime());
    expect(await sendDueDigests(later(due, 24 * 3600_000))).toBe(0);
    expect(digestsTo(reader)).toHaveLength(1);
  });

  test("weekly readers wait a week; the digest reads in their language", async () => {
    const world = makeInitiativeWorld("open");
    const reader = digestReader("en", "weekly");
    notify({ type: "initiative.update", recipients: [reader.user.id], subject: { type: "initiative", id: world.initiative.id } });
    const now = new Date();
    await sendDueDigests(later(now, 2 * 24 * 3600_000));
    expect(digestsTo(reader)).toHaveLength(0);
    await sendDueDigests(later(now, 7 * 24 * 3600_000 + 1000));
    const [digest] = digestsTo(reader);
    expect(digest!.subject).toBe("Your Perú País Circular digest: 1 update");
    expect(digest!.text).toContain("Here is what happened since your last weekly digest:");
    expect(digest!.text).toMatch(/“.+” · 1 update/);
  });
});
