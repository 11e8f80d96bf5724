import fs from "node:fs";
import path from "node:path";
import type { Figure } from "../../tests/http/figures.ts";
import { HttpClient } from "../../tests/http/client.ts";
import { freePort, startBuiltServer, type BuiltServer } from "../../tests/http/server.ts";
import {
  copySeededDatabase,
  DEMO_PASSWORD,
  figure,
  integrityOf,
  readDatabase,
  requireBuild,
  scratchFolder,
  sleep,
  tag,
  waitFor,
  type SoakOptions,
} from "./reliability-kit.ts";
import { SmtpSink, type Held } from "./smtp-sink.ts";

// Mail never lost (issue 14): the built server sends real mail — sign-up confirmations, password
// resets, reply notifications, all caused through its forms — to a real SMTP server on a local
// port (smtp-server, scripts/soak/smtp-sink.ts) that is first closed, then refuses (4xx for every
// message, 5xx and 4xx for chosen recipients), then accepts; then the server is killed with
// SIGKILL while the SMTP server holds a message's DATA open, before and after taking it. The
// queue's rows (mail_queue) are read from the database throughout; the SMTP server's log says what
// arrived, by Message-ID.

const SUITE = "Mail never lost";
/** MAIL_RETRY_SCALE for the server: waits of 30 s · 2ⁿ become 0.6 s · 2ⁿ, the 60 s lease 1.2 s. */
const SCALE = 0.02;
const RETRY_BASE_MS = 30_000 * SCALE;

type Row = { id: number; to: string; messageId: string; state: string; attempts: number; nextAttemptAt: number; lastError: string | null };
/** A state of a row as the scenario saw it, with when it first saw it. */
type Seen = { state: string; attempts: number; nextAttemptAt: number; seenAt: number };

/** Runs the scenario; returns its figures (every one `met` when the product keeps its promise). */
export async function run({ size }: SoakOptions): Promise<Figure[]> {
  requireBuild();
  const perKind = size === "full" ? 20 : 3;
  const crashes = size === "full" ? 5 : 1;
  const downAttempts = size === "full" ? 5 : 3;
  const folder = scratchFolder("mail");
  const databasePath = copySeededDatabase(path.join(folder, "app.sqlite"));
  const sink = new SmtpSink(await freePort());
  const env = { DATABASE_PATH: databasePath, SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_TRANSPORT: "", MAIL_RETRY_SCALE: String(SCALE) };
  const baseline = readDatabase(databasePath, (db) => (db.prepare("SELECT coalesce(max(id), 0) AS id FROM mail_queue").get() as { id: number }).id);
  const rows = (): Row[] =>
    readDatabase(databasePath, (db) =>
      db
        .prepare(
          `SELECT id, "to", message_id AS messageId, state, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError FROM mail_queue WHERE id > ? ORDER BY id`,
        )
        .all(baseline) as Row[],
    );
  const figures: Figure[] = [];
  let server: BuiltServer | undefined;
  let watching = false;
  const seen = new Map<number, Seen[]>();
  // Every state change of every row, polled every 100 ms while the mail server is down or refusing.
  const watch = async () => {
    watching = true;
    while (watching) {
      const now = Date.now();
      for (const row of rows()) {
        const history = seen.get(row.id) ?? [];
        const last = history.at(-1);
        if (!last || last.state !== row.state || last.attempts !== row.attempts || last.nextAttemptAt !== row.nextAttemptAt) {
          history.push({ state: row.state, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, seenAt: now });
          seen.set(row.id, history);
        }
      }
      await sleep(100);
    }
  };

  try {
    server = await startBuiltServer(env);
    // Two demo members: the first starts a thread, the second's replies notify the first by email
    // (replies are "email at once" by default).
    let author = new HttpClient(server);
    await author.login("miembro1@demo.pe", DEMO_PASSWORD);
    let replier = new HttpClient(server);
    await replier.login("miembro2@demo.pe", DEMO_PASSWORD);
    const started = await author.post("/discussions/c/general", { title: `Prueba de correo ${tag()}`, body: "¿Llegan los avisos por correo?" });
    const threadId = Number(/\/discussions\/threads\/(\d+)/.exec(started.headers.get("location") ?? "")?.[1]);
    if (!threadId) throw new Error(`starting a thread answered ${started.status} ${started.headers.get("location")}`);

    const actions = { signUps: 0, resets: 0, replies: 0 };
    const signUp = async (email: string) => {
      const answer = await new HttpClient(server!).post("/signup", { name: "Persona de Prueba", email, password: `Quinua-${tag()}-Andina`, acceptPrivacy: "on" });
      if (answer.status !== 303) throw new Error(`sign-up of ${email} answered ${answer.status}`);
      actions.signUps += 1;
    };
    const reset = async (email: string) => {
      const answer = await new HttpClient(server!).post("/forgot-password", { email });
      if (answer.status !== 200) throw new Error(`password reset for ${email} answered ${answer.status}`);
      actions.resets += 1;
    };
    const reply = async () => {
      const answer = await replier.post(`/discussions/threads/${threadId}`, { intent: "reply", body: `Respuesta ${tag()}` });
      if (answer.status !== 302 && answer.status !== 303) throw new Error(`reply answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      actions.replies += 1;
    };
    /** Sign-ups (confirmation mail), resets for those addresses, replies (notification mail). */
    const causeMail = async (prefix: string, n: number) => {
      const addresses = Array.from({ length: n }, () => `${prefix}-${tag()}@correo-prueba.pe`);
      for (const address of addresses) await signUp(address);
      for (const address of addresses) await reset(address);
      for (let i = 0; i < n; i += 1) await reply();
    };

    // 1. The mail server is down (its port closed): everything stays queued, retried with backoff.
    const watcher = watch();
    await causeMail("caido", perKind);
    const downRows = rows();
    // Until every message has failed `downAttempts` times (waits of 0.6, 1.2, 2.4 s… between).
    await waitFor(() => rows().every((row) => row.attempts >= downAttempts), { timeoutMs: 30_000, message: () => `${downAttempts} attempts of every message while the mail server is down` });
    const afterDown = rows();
    const deliveredWhileDown = sink.deliveries.length;
    const settledWhileDown = afterDown.filter((row) => row.state === "sent" || row.state === "failed").length;
    figures.push(
      figure(SUITE, "messages the app queued while the mail server was down (sign-ups, resets, replies)", downRows.length, `≥ ${3 * perKind}`, downRows.length >= 3 * perKind, `${actions.signUps} sign-ups, ${actions.resets} resets, ${actions.replies} replies`),
      figure(SUITE, "mail server down: messages marked sent or given up", settledWhileDown, "0", settledWhileDown === 0 && deliveredWhileDown === 0),
    );
    const backoff = backoffObserved(seen, new Set(downRows.map((r) => r.id)), downAttempts - 1);
    figures.push(
      figure(
        SUITE,
        "mail server down: wait before attempt n+1, observed in the rows (ms, median over messages)",
        backoff.observed.map((ms) => Math.round(ms)).join(" / "),
        `${backoff.expected.join(" / ")} (30 s · 2ⁿ⁻¹ × ${SCALE}), growing`,
        backoff.met,
        `attempts 1–${backoff.expected.length}; next_attempt_at − time the failure was seen, polled every 100 ms`,
      ),
    );

    // 2. The mail server answers but refuses: 451 to every message (temporary); one recipient is
    // refused for good (550, no such mailbox), another for now (452, mailbox full).
    sink.answer = () => "defer";
    sink.refuseRecipient = (address) => (address.startsWith("nadie-") ? 550 : address.startsWith("lleno-") ? 452 : null);
    await sink.start();
    const refusalStart = Date.now();
    const gone = `nadie-${tag()}@correo-prueba.pe`;
    const full = `lleno-${tag()}@correo-prueba.pe`;
    await signUp(gone);
    await signUp(full);
    await causeMail("rechazo", Math.max(1, Math.floor(perKind / 2)));
    const attemptsAtRefusal = new Map(rows().map((row) => [row.id, row.attempts]));
    // Until every queued message has been refused at least once more (the longest wait is 4.8 s).
    await waitFor(() => rows().every((row) => row.state === "failed" || row.attempts > (attemptsAtRefusal.get(row.id) ?? 0)), {
      timeoutMs: 40_000,
      message: () => "one more attempt of every message while the mail server refuses",
    });
    watching = false;
    await watcher;
    const refused = rows();
    const goneRow = refused.find((row) => row.to === gone)!;
    const fullRow = refused.find((row) => row.to === full)!;
    const keptWhileRefused = refused.filter((row) => row.to !== gone && row.state !== "sent" && row.state !== "failed").length;
    const refusalAnswers = sink.attempts.filter((a) => a.at >= refusalStart && a.answer === 451).length;
    figures.push(
      figure(SUITE, "mail server refusing (451 to every message): messages kept queued", `${keptWhileRefused} of ${refused.length - 1}`, "all", keptWhileRefused === refused.length - 1 && sink.deliveries.length === 0, `${refusalAnswers} refusals answered; the 550 recipient aside`),
      figure(SUITE, "recipient refused for good (550): attempts made", goneRow.attempts, "1, then failed (not retried)", goneRow.state === "failed" && goneRow.attempts === 1),
      figure(SUITE, "recipient refused for now (452): attempts while refused", fullRow.attempts, "≥ 2 (retried)", fullRow.attempts >= 2 && (fullRow.state === "pending" || fullRow.state === "sending")),
    );

    // 3. The mail server accepts again: every queued message arrives exactly once.
    sink.answer = () => "accept";
    sink.refuseRecipient = (address) => (address.startsWith("nadie-") ? 550 : null);
    const backAt = Date.now();
    await waitFor(() => rows().every((row) => row.state === "sent" || row.state === "failed"), { timeoutMs: 40_000, message: () => "every message sent after the mail server came back" });
    const drainMs = Date.now() - backAt;
    const afterBack = rows();
    const tally = compare(afterBack, sink.deliveredCounts());
    figures.push(
      figure(SUITE, "mail server back: messages lost (queued, never arrived)", tally.lost, "0", tally.lost === 0, `${afterBack.length - tally.failed} expected, ${tally.failed} refused for good`),
      figure(SUITE, "mail server back: duplicates (same Message-ID arrived twice)", tally.duplicates, "0", tally.duplicates === 0),
      figure(SUITE, "mail server back: time until the queue was empty", drainMs, "informative", true, "ms; each message goes at its own next attempt time"),
    );

    // 4. The server is killed (SIGKILL) while the mail server holds a message's DATA open.
    const crashCase = async (how: "hold-before-accept" | "hold-after-accept") => {
      const target = `${how === "hold-before-accept" ? "antes" : "despues"}-${tag()}@correo-prueba.pe`;
      let held: Held | undefined;
      sink.answer = (to) => (to === target && !held ? how : "accept");
      sink.onHold = (h) => (held = h);
      await signUp(target);
      // More mail queued behind it, claimed or not when the process dies.
      for (let i = 0; i < 3; i += 1) await reply();
      await waitFor(() => held, { timeoutMs: 20_000, message: () => `the mail server holding the message to ${target}` });
      server!.child.kill("SIGKILL");
      await server!.exited;
      const killedWhile = rows().find((row) => row.to === target)!;
      server = await startBuiltServer(env);
      replier = withCookiesOf(replier, server);
      author = withCookiesOf(author, server);
      await waitFor(() => rows().every((row) => row.state === "sent" || row.state === "failed"), { timeoutMs: 30_000, message: () => "every message sent after the restart" });
      const row = rows().find((r) => r.to === target)!;
      return { arrivals: sink.deliveredCounts().get(row.messageId) ?? 0, stateWhenKilled: killedWhile.state, sameMessageId: sink.deliveries.filter((d) => d.to === target).every((d) => d.messageId === row.messageId) };
    };
    const before: Array<Awaited<ReturnType<typeof crashCase>>> = [];
    const after: Array<Awaited<ReturnType<typeof crashCase>>> = [];
    for (let i = 0; i < crashes; i += 1) {
      before.push(await crashCase("hold-before-accept"));
      after.push(await crashCase("hold-after-accept"));
    }
    const beforeDuplicates = before.reduce((n, c) => n + Math.max(0, c.arrivals - 1), 0);
    const beforeLost = before.filter((c) => c.arrivals === 0).length;
    const afterExtra = after.reduce((n, c) => n + Math.max(0, c.arrivals - 1), 0);
    const afterLost = after.filter((c) => c.arrivals === 0).length;
    figures.push(
      figure(SUITE, "SIGKILL before the mail server took the message: lost + duplicates", beforeLost + beforeDuplicates, "0", beforeLost + beforeDuplicates === 0, `${crashes} crash(es); row was "${before[0]?.stateWhenKilled}" when killed, sent once after the restart`),
      figure(
        SUITE,
        "SIGKILL after the mail server took the message but before its 250 reached the app: extra copies",
        afterExtra,
        `≤ ${crashes} (one per crash), each with the same Message-ID; 0 lost`,
        afterLost === 0 && afterExtra <= crashes && after.every((c) => c.sameMessageId),
        "SMTP cannot tell a lost acknowledgement from a lost message; the resend carries the first copy's Message-ID, so mail systems can drop it",
      ),
    );

    // The end: every message the app queued either arrived or was refused for good; no duplicate
    // beyond the lost-acknowledgement ones; the database intact.
    const final = compare(rows(), sink.deliveredCounts());
    figures.push(
      figure(SUITE, "whole run: messages queued by the app / lost", `${final.total} / ${final.lost}`, "0 lost", final.lost === 0, `${final.failed} refused for good (550)`),
      figure(SUITE, "whole run: duplicates other than lost acknowledgements", final.duplicates - afterExtra, "0", final.duplicates - afterExtra === 0),
    );
    const stopped = await server.stop();
    server = undefined;
    const integrity = integrityOf(databasePath);
    figures.push(figure(SUITE, "integrity_check after the run (and 2 × crashes SIGKILLs)", integrity, "ok", integrity === "ok" && stopped === 0));
    return figures;
  } finally {
    watching = false;
    await server?.stop();
    await sink.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** A client for the restarted server with the same cookies (the session is in the database). */
function withCookiesOf(client: HttpClient, server: BuiltServer) {
  const next = new HttpClient(server);
  for (const [name, value] of client.cookies) next.cookies.set(name, value);
  return next;
}

/** Lost, duplicated and refused-for-good messages among `rows`, by the Message-IDs that arrived. */
function compare(rows: Row[], arrived: Map<string, number>) {
  const failed = rows.filter((row) => row.state === "failed").length;
  const lost = rows.filter((row) => row.state !== "failed" && !arrived.has(row.messageId)).length;
  const queued = new Set(rows.map((row) => row.messageId));
  const duplicates = [...arrived].filter(([id]) => queued.has(id)).reduce((n, [, count]) => n + count - 1, 0);
  return { total: rows.length, failed, lost, duplicates };
}

/**
 * The waits the queue set after each failed attempt, as seen in the rows: for attempt n, the
 * `next_attempt_at` of the row's first "pending with n attempts" state minus when that state was
 * first seen. The failure happened at most one poll (plus a batch's sends) earlier, so the
 * observed wait is at most the real one and, on a loaded machine, up to about a second less; met
 * when waits after at least `minAttempts` attempts were seen (the last attempt's wait may end the
 * phase before the watcher sees it), every median is in that band below 30 s · 2ⁿ⁻¹ × scale, and
 * the medians grow.
 */
function backoffObserved(seen: Map<number, Seen[]>, ids: Set<number>, minAttempts: number) {
  const waits = new Map<number, number[]>();
  for (const [id, history] of seen) {
    if (!ids.has(id)) continue;
    for (const state of history) {
      if (state.state !== "pending" || state.attempts < 1) continue;
      if (history.find((s) => s.state === "pending" && s.attempts === state.attempts) !== state) continue;
      waits.set(state.attempts, [...(waits.get(state.attempts) ?? []), state.nextAttemptAt - state.seenAt]);
    }
  }
  const attempts = [...waits.keys()].sort((a, b) => a - b);
  const observed = attempts.map((n) => median(waits.get(n)!));
  const expected = attempts.map((n) => RETRY_BASE_MS * 2 ** (n - 1));
  const inBand = observed.every((ms, i) => ms <= expected[i]! + 50 && ms >= expected[i]! - 1000);
  const growing = observed.every((ms, i) => i === 0 || ms > observed[i - 1]!);
  return { observed, expected, met: attempts.length >= minAttempts && inBand && growing };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
