import crypto from "node:crypto";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { db, schema, type Tx } from "#app/.server/db.ts";
import { appUrl, env } from "#app/.server/env.ts";
import type { Locale } from "#app/i18n.ts";
import type { MailAttachment } from "#db/schema/mail.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";

// The outgoing mail queue (ADR 0013): requests only insert into `mail_queue`; a worker loop in the
// server process delivers (SMTP, or the local outbox), retrying with exponential backoff. Processes
// without the worker (tests, scripts, the seed) deliver each message at once when they enqueue it,
// through the same code.

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  locale: Locale;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>;
  /** Delete the queued row once delivered (or given up) instead of keeping it as sent (issue 13). */
  forgetAfterSend?: boolean;
};

type QueuedMail = typeof schema.mailQueue.$inferSelect;

/** How long a claimed row stays "sending" before another attempt may take it (a crash mid-send). */
export const MAIL_LEASE_MS = 60_000;
/** First retry after 30 s, then doubling: 30 s · 2ⁿ, capped at 6 h. */
export const MAIL_RETRY_BASE_MS = 30_000;
export const MAIL_RETRY_CAP_MS = 6 * 60 * 60 * 1000;
/** After this many failed attempts the row is "failed" (and logged), never tried again. */
export const MAIL_MAX_ATTEMPTS = 10;
const BATCH = 20;

/**
 * The delay before the next attempt after `attempts` failed ones (≥ 1): 30 s · 2^(attempts−1), at
 * most 6 h, times MAIL_RETRY_SCALE (1 unless a test shortens the waits).
 */
export function retryDelayMs(attempts: number) {
  return Math.min(MAIL_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), MAIL_RETRY_CAP_MS) * env().MAIL_RETRY_SCALE;
}

/** The lease of a claimed row in ms: MAIL_LEASE_MS times MAIL_RETRY_SCALE. */
export function mailLeaseMs() {
  return MAIL_LEASE_MS * env().MAIL_RETRY_SCALE;
}

/**
 * True when the mail server refused this message for good: a 5xx answer (RFC 5321's permanent
 * negative completion, 503 aside) to a recipient or to the message itself. Sending it again would
 * get the same answer, so it is not retried. Everything else is temporary and retried with
 * backoff: a 4xx answer, a server that is down or times out, and also a 5xx refusal of the
 * sender or of the log-in, which is this site's configuration, not the message (once it is
 * mended the queued mail goes out).
 */
export function isPermanentRefusal(error: unknown) {
  if (!(error instanceof Error)) return false;
  const { responseCode, command } = error as Error & { responseCode?: number; command?: string };
  return typeof responseCode === "number" && responseCode >= 500 && responseCode < 600 && responseCode !== 503 && (command === "RCPT TO" || command === "DATA");
}

/** A fresh Message-ID in the site's domain, e.g. `<5f0c…@peru-circular.pe>`. */
function newMessageId() {
  let host = "localhost";
  try {
    host = new URL(appUrl()).hostname || host;
  } catch {
    // appUrl() is validated by env(); keep localhost if it is somehow unusable.
  }
  return `<${crypto.randomUUID()}@${host}>`;
}

/**
 * Puts a message in the queue (inside the caller's transaction when `tx` is given) and returns its
 * row id. Delivery happens later: call `deliverEnqueued(ids)` once the transaction has committed.
 */
export function enqueueMail(message: MailMessage, tx: Pick<Tx, "insert"> = db): number {
  return tx
    .insert(schema.mailQueue)
    .values({
      to: message.to,
      subject: message.subject,
      text: message.text,
      locale: message.locale,
      attachments: message.attachments ?? null,
      headers: message.headers ?? null,
      forgetAfterSend: message.forgetAfterSend ?? false,
      messageId: newMessageId(),
    })
    .returning({ id: schema.mailQueue.id })
    .get().id;
}

/** The running worker of this process, shared through globalThis: the Remix build and the HTTP
 * server may hold two copies of this module (Vite's dev loader, the server bundle). */
type WorkerHandle = { wake(): void };
const shared = globalThis as unknown as { __mailWorker?: WorkerHandle };

/**
 * After enqueued rows are committed: wakes the worker when one runs in this process; otherwise
 * delivers those rows now. With the outbox transport the delivery is done when this returns (it
 * is synchronous), so callers that cannot await (a synchronous `notify`) still leave the outbox
 * filled; with SMTP the promise settles when the server has answered.
 */
export function deliverEnqueued(ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return Promise.resolve(0);
  if (shared.__mailWorker) {
    shared.__mailWorker.wake();
    return Promise.resolve(0);
  }
  return deliverDueMail(new Date(), ids);
}

/**
 * Claims due rows for delivery, in one immediate transaction: "pending" rows whose
 * `next_attempt_at` has come, and "sending" rows whose lease has expired (a worker died mid-send).
 * Each claimed row becomes "sending" until `now + mailLeaseMs()`, its attempt counted. `only`
 * limits the claim to those ids. Returns the claimed rows.
 */
export function claimDueMail(now: Date, only?: readonly number[]): QueuedMail[] {
  const q = schema.mailQueue;
  const dueNow = (reader: Pick<Tx, "select">, limit: number) =>
    reader
      .select({ id: q.id })
      .from(q)
      .where(and(inArray(q.state, ["pending", "sending"]), lte(q.nextAttemptAt, now), only ? inArray(q.id, [...only]) : undefined))
      .orderBy(q.nextAttemptAt, q.id)
      .limit(limit)
      .all();
  // Most polls find nothing due: a plain read says so without taking the write lock, which every
  // server process on the database file would otherwise wait for once a second.
  if (dueNow(db, 1).length === 0) return [];
  return db.transaction(
    (tx) => {
      const due = dueNow(tx, BATCH);
      if (due.length === 0) return [];
      return tx
        .update(q)
        .set({ state: "sending", attempts: sql`${q.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + mailLeaseMs()) })
        .where(inArray(q.id, due.map((d) => d.id)))
        .returning()
        .all();
    },
    { behavior: "immediate" },
  );
}

// A claimed row is only settled by the attempt that claimed it (same attempt count, still sending).
const stillMine = (row: QueuedMail) =>
  and(eq(schema.mailQueue.id, row.id), eq(schema.mailQueue.state, "sending"), eq(schema.mailQueue.attempts, row.attempts));

function markSent(row: QueuedMail, now: Date, tx: Pick<Tx, "update" | "delete"> = db) {
  if (row.forgetAfterSend) tx.delete(schema.mailQueue).where(stillMine(row)).run();
  else tx.update(schema.mailQueue).set({ state: "sent", sentAt: now, lastError: null }).where(stillMine(row)).run();
}

/** Names shorter than this are not looked for inside other people's mail. */
const NAME_MATCH_MIN = 6;

/**
 * Erases the mail kept about a person (issue 13, an account closing), in the caller's
 * transaction: every queued or sent row to their address (mail not yet sent to it is not sent),
 * the local outbox's copies of those (development and demo), and the records of mail already
 * delivered to other people that name them (e.g. "Ana replied…"; what reached others' mailboxes
 * is theirs). Mail to others still waiting to go keeps its text.
 */
export function forgetMailTo(tx: Pick<Tx, "delete">, person: { email: string; name: string }) {
  const q = schema.mailQueue;
  tx.delete(q).where(eq(q.to, person.email)).run();
  tx.delete(schema.outbox).where(eq(schema.outbox.to, person.email)).run();
  // A full name is specific enough to find in others' mail ("Ana Torres respondió…"); a short one
  // ("Li") would take unrelated mail with it, which the retention sweep removes soon anyway.
  if (person.name.trim().length >= NAME_MATCH_MIN) {
    tx.delete(q).where(and(inArray(q.state, ["sent", "failed"]), sql`instr(${q.text}, ${person.name.trim()}) > 0`)).run();
  }
}

function markFailedAttempt(row: QueuedMail, error: unknown, now: Date) {
  const message = error instanceof Error ? error.message : String(error);
  const givenUp = row.attempts >= MAIL_MAX_ATTEMPTS || isPermanentRefusal(error);
  const why = row.attempts >= MAIL_MAX_ATTEMPTS ? "Mail given up after repeated failures" : "Mail refused for good by the mail server";
  if (givenUp && row.forgetAfterSend) {
    db.delete(schema.mailQueue).where(stillMine(row)).run();
    console.error(why, { id: row.id, error: message });
    return;
  }
  db.update(schema.mailQueue)
    .set(
      givenUp
        ? { state: "failed", lastError: message }
        : { state: "pending", lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)) },
    )
    .where(stillMine(row))
    .run();
  if (givenUp) console.error(why, { id: row.id, to: row.to, subject: row.subject, error: message });
  else console.warn("Mail not delivered; will retry", { id: row.id, to: row.forgetAfterSend ? "(not logged)" : row.to, attempts: row.attempts, error: message });
}

let smtp: { url: string; transporter: Transporter } | undefined;

function smtpTransporter(url: string) {
  if (smtp?.url !== url) smtp = { url, transporter: nodemailer.createTransport(url) };
  return smtp.transporter;
}

/**
 * Delivers due mail (see `claimDueMail`): through SMTP when SMTP_URL is set, else into the local
 * outbox. A failure puts the row back with exponential backoff, or marks it "failed" after
 * MAIL_MAX_ATTEMPTS, or at once when the mail server refused it for good (`isPermanentRefusal`). Resolves to the number of rows claimed. Never rejects for a mail server
 * failure. With the outbox transport everything is done synchronously, before this returns.
 */
export function deliverDueMail(now = new Date(), only?: readonly number[]): Promise<number> {
  const rows = claimDueMail(now, only);
  if (rows.length === 0) return Promise.resolve(0);
  const { SMTP_URL, MAIL_FROM, mailTransport, NODE_ENV } = env();
  if (mailTransport !== "smtp" || !SMTP_URL) {
    // The whole batch in one transaction: each copy and its "sent" mark commit together, and the
    // write lock is taken once per batch rather than once per message.
    db.transaction(
      (tx) => {
        for (const row of rows) {
          tx.insert(schema.outbox).values({ to: row.to, subject: row.subject, text: row.text, locale: row.locale, attachments: row.attachments }).run();
          markSent(row, now, tx);
        }
      },
      { behavior: "immediate" },
    );
    // Whoever runs the demo finds confirmation and reset links in the terminal too. Test runs
    // stay quiet; they read the outbox table.
    if (NODE_ENV !== "test") for (const row of rows) console.log(describeOutboxMessage({ ...row, attachments: row.attachments ?? undefined }));
    return Promise.resolve(rows.length);
  }
  const transporter = smtpTransporter(SMTP_URL);
  return (async () => {
    for (const row of rows) {
      try {
        await transporter.sendMail({
          from: MAIL_FROM,
          to: row.to,
          subject: row.subject,
          text: row.text,
          messageId: row.messageId,
          headers: row.headers ?? undefined,
          attachments: row.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
        });
        markSent(row, now);
      } catch (error) {
        markFailedAttempt(row, error, now);
      }
    }
    return rows.length;
  })();
}

/**
 * The server-log line for a message kept in the outbox: recipient, subject, every http(s) link
 * in the text and the names of attachments, e.g.
 * `[mail outbox] to ana@example.pe · "Confirma tu correo" · links: http://…/verify-email?token=… · see /dev/outbox`.
 */
export function describeOutboxMessage(message: Pick<MailMessage, "to" | "subject" | "text" | "attachments">) {
  const links = message.text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
  const parts = [`[mail outbox] to ${message.to}`, JSON.stringify(message.subject)];
  if (links.length > 0) parts.push(`links: ${links.join(" ")}`);
  if (message.attachments?.length) parts.push(`attachments: ${message.attachments.map((a) => a.filename).join(", ")}`);
  parts.push("see /dev/outbox");
  return parts.join(" · ");
}

type WorkerOptions = {
  /** Time between polls of the queue (ms); an enqueue wakes the worker at once. */
  pollMs?: number;
  /** Run about once a minute (e.g. `sendDueDigests`); mail it enqueues goes out in the same round. */
  everyMinute?: (now: Date) => unknown;
  minuteMs?: number;
};

let worker:
  | { timer: NodeJS.Timeout | undefined; running: Promise<void> | undefined; again: boolean; stopped: boolean; lastMinute: number; options: Required<Omit<WorkerOptions, "everyMinute">> & WorkerOptions }
  | undefined;

async function runWorkerRound() {
  const w = worker;
  if (!w) return;
  do {
    w.again = false;
    try {
      const now = new Date();
      if (w.options.everyMinute && now.getTime() - w.lastMinute >= w.options.minuteMs) {
        w.lastMinute = now.getTime();
        await w.options.everyMinute(now);
      }
      // Keep going while full batches come back: a backlog drains without waiting a poll each.
      while ((await deliverDueMail(new Date())) >= BATCH && !w.stopped);
    } catch (error) {
      console.error("Mail worker round failed", error);
    }
  } while (w.again && !w.stopped);
}

function scheduleRound(delay: number) {
  const w = worker;
  if (!w || w.stopped) return;
  if (w.timer) clearTimeout(w.timer);
  w.timer = setTimeout(() => {
    w.timer = undefined;
    if (w.running) {
      w.again = true;
      return;
    }
    w.running = runWorkerRound().finally(() => {
      w.running = undefined;
      scheduleRound(w.options.pollMs);
    });
  }, delay);
  w.timer.unref();
}

/**
 * Starts this process's mail worker: every `pollMs` (1 s) it delivers due mail; about every minute
 * it runs `everyMinute` (the digests); an enqueue wakes it at once. From then on enqueuing no
 * longer delivers inline. Starting twice is a no-op.
 */
export function startMailWorker(options: WorkerOptions = {}) {
  if (worker) return;
  worker = {
    timer: undefined,
    running: undefined,
    again: false,
    stopped: false,
    lastMinute: 0,
    options: { pollMs: options.pollMs ?? 1000, minuteMs: options.minuteMs ?? 60_000, everyMinute: options.everyMinute },
  };
  const w = worker;
  shared.__mailWorker = {
    wake: () => {
      if (w.running) w.again = true;
      else scheduleRound(0);
    },
  };
  scheduleRound(0);
}

/**
 * Stops the worker: no new round starts, and the promise resolves once the round in progress (a
 * send under way) has finished, so shutdown never cuts a message in half. Rows claimed but not
 * settled are retried after their lease by the next worker.
 */
export async function stopMailWorker() {
  const w = worker;
  if (!w) return;
  w.stopped = true;
  if (w.timer) clearTimeout(w.timer);
  delete shared.__mailWorker;
  worker = undefined;
  await w.running;
}

/** Whether a worker runs in this process (then enqueuing leaves delivery to it). */
export function isMailWorkerRunning() {
  return shared.__mailWorker !== undefined;
}

/**
 * The mail kept for a person (issue 13): the queue's rows to their address (recipient, subject,
 * text, state and times; kept SENT_MAIL_RETENTION_MS after sending). No column references users, so
 * the rows are found by address; closing the account erases them and the records naming the
 * person (`forgetMailTo`).
 */
export const mailPersonalData: PersonalDataSource = {
  section: "mail",
  references: [],
  erase: (tx, person) => forgetMailTo(tx, person),
  more: (reader, person) => ({
    mail_queue: reader
      .select({ to: schema.mailQueue.to, subject: schema.mailQueue.subject, text: schema.mailQueue.text, state: schema.mailQueue.state, createdAt: schema.mailQueue.createdAt, sentAt: schema.mailQueue.sentAt })
      .from(schema.mailQueue)
      .where(eq(schema.mailQueue.to, person.email))
      .orderBy(schema.mailQueue.id)
      .all(),
  }),
};
