import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Figure } from "../../tests/http/figures.ts";
import { HttpClient, type HttpAnswer } from "../../tests/http/client.ts";
import type { BuiltServer } from "../../tests/http/server.ts";
import {
  copySeededDatabase,
  DEMO_PASSWORD,
  figure,
  integrityOf,
  readDatabase,
  requireBuild,
  scratchFolder,
  sleep,
  startServerAnswering,
  tag,
  type SoakOptions,
} from "./reliability-kit.ts";

// Disk full and read-only database (issue 14). As root, the database is put on a small tmpfs that
// a filler file fills up, and on an ext4 file system (a loop device, errors=remount-ro) that the
// kernel turns read-only on an error (/sys/fs/ext4/<dev>/trigger_fs_error, what a failing disk
// does). Meanwhile a member's replies, sign-ups and a JavaScript (single fetch) submission must get
// the translated 503 page with Retry-After — never a 500 — while pages, signed-in ones included,
// are still read; /healthz says what is wrong; integrity_check stays ok; no acknowledged write is
// lost; and once space returns, writes succeed without a restart. A write lock held past the busy
// timeout is answered the same way, and the server restarts on a full disk.

const SUITE = "Disk full / read-only database";
const RETRY_AFTER = "30";
const PAGE_TITLE = { es: "Por ahora no podemos guardar cambios", en: "We can't save changes right now" };

/** Runs a system command (mount, mkfs.ext4…); returns its standard output, throws when it fails. */
function sh(command: string, args: string[]) {
  return execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"] }).toString();
}

/** Throws, saying why, unless this process may mount file systems (root, tmpfs, ext4 on a loop device). */
function requireMounting(folder: string) {
  if (process.getuid?.() !== 0) {
    throw new Error(`The disk scenario mounts a small tmpfs and an ext4 loop device, which needs root (id -u is ${process.getuid?.()}). Run the tests as root (CI does).`);
  }
  const probe = path.join(folder, "probe");
  fs.mkdirSync(probe, { recursive: true });
  try {
    sh("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe]);
    sh("umount", [probe]);
  } catch (error) {
    throw new Error(`The disk scenario could not mount a tmpfs (mount -t tmpfs): ${String((error as { stderr?: Buffer }).stderr ?? error)}. It needs root with mount rights (e.g. a privileged container).`);
  }
}

/** A tmpfs of `megabytes` at `at`. */
function mountTmpfs(at: string, megabytes: number) {
  fs.mkdirSync(at, { recursive: true });
  sh("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", at]);
}

/** An ext4 file system of `megabytes` in `image`, mounted at `at` through a loop device; returns the device's name (loop3). */
function mountExt4(image: string, at: string, megabytes: number) {
  fs.mkdirSync(at, { recursive: true });
  fs.rmSync(image, { force: true });
  fs.writeFileSync(image, "");
  fs.truncateSync(image, megabytes * 1024 * 1024);
  try {
    sh("mkfs.ext4", ["-q", "-F", image]);
    sh("mount", ["-o", "loop,errors=remount-ro", image, at]);
  } catch (error) {
    throw new Error(`The disk scenario could not mount an ext4 image through a loop device (mkfs.ext4, mount -o loop): ${String((error as { stderr?: Buffer }).stderr ?? error)}. It needs root, /dev/loop-control and e2fsprogs.`);
  }
  return path.basename(sh("findmnt", ["-n", "-o", "SOURCE", at]).trim());
}

function unmount(at: string) {
  try {
    sh("umount", [at]);
  } catch {
    try {
      sh("umount", ["-l", at]);
    } catch {
      // Not mounted.
    }
  }
}

/** Fills the file system holding `file` to the last byte; returns the bytes written. */
function fill(file: string) {
  const handle = fs.openSync(file, "w");
  let written = 0;
  try {
    for (const size of [1 << 20, 4096, 512]) {
      const chunk = Buffer.alloc(size, 0x5a);
      try {
        for (;;) written += fs.writeSync(handle, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      }
    }
  } finally {
    fs.closeSync(handle);
  }
  return written;
}

type Tally = { answers: HttpAnswer[]; failures: string[] };

/** Checks a write's answer: 503, Retry-After, the page in `locale` (or the data answer of single fetch). */
function expect503(tally: Tally, label: string, answer: HttpAnswer, locale: "es" | "en" | "data") {
  tally.answers.push(answer);
  const problems: string[] = [];
  if (answer.status !== 503) problems.push(`status ${answer.status}`);
  if (answer.headers.get("retry-after") !== RETRY_AFTER) problems.push(`Retry-After ${answer.headers.get("retry-after")}`);
  if (locale === "es" || locale === "en") {
    if (!answer.body.includes(PAGE_TITLE[locale])) problems.push(`no ${locale} 503 page`);
    if (locale === "es" && answer.body.includes(PAGE_TITLE.en)) problems.push("English page for Spanish");
  }
  if (/at .*\(.*:\d+:\d+\)|SqliteError/.test(answer.body)) problems.push("stack trace or SQLite error in the body");
  if (problems.length > 0) tally.failures.push(`${label}: ${problems.join(", ")}`);
}

/** Runs the scenario; returns its figures (every one `met` when the product keeps its promise). */
export async function run({ size }: SoakOptions): Promise<Figure[]> {
  requireBuild();
  const folder = scratchFolder("disk");
  requireMounting(folder);
  const writesPerPhase = size === "full" ? 20 : 4;
  const fullCycles = size === "full" ? 3 : 1;
  const figures: Figure[] = [];
  const fullAt = path.join(folder, "full");
  const roAt = path.join(folder, "ro");
  let server: BuiltServer | undefined;
  const mounted: string[] = [];
  try {
    // Both file systems first, so a machine that cannot provide them fails at once, saying why.
    const seededBytes = fs.statSync(copySeededDatabase(path.join(folder, "seed-size.sqlite"))).size;
    const image = path.join(folder, "ro.ext4");
    const device = mountExt4(image, roAt, Math.ceil(seededBytes / 1024 / 1024) + 32);
    mounted.push(roAt);
    const trigger = `/sys/fs/ext4/${device}/trigger_fs_error`;
    try {
      fs.accessSync(trigger, fs.constants.W_OK);
    } catch (error) {
      throw new Error(`${trigger} cannot be written (${(error as NodeJS.ErrnoException).code}): the kernel cannot be asked to turn the file system read-only (ext4's trigger_fs_error needs root and a writable /sys).`);
    }
    mountTmpfs(fullAt, Math.ceil(seededBytes / 1024 / 1024) + 16);
    mounted.push(fullAt);

    // ---- A. Disk full (tmpfs) ----
    const databasePath = copySeededDatabase(path.join(fullAt, "app.sqlite"));
    server = await startServerAnswering({ DATABASE_PATH: databasePath });
    let member = new HttpClient(server);
    await member.login("miembro1@demo.pe", DEMO_PASSWORD);
    const started = await member.post("/discussions/c/general", { title: `Disco lleno ${tag()}`, body: "¿Qué pasa si el disco se llena?" });
    const threadPath = /\/discussions\/threads\/\d+/.exec(started.headers.get("location") ?? "")?.[0];
    if (!threadPath) throw new Error(`starting a thread answered ${started.status}`);
    const acknowledged: string[] = [];
    const reply = async (client: HttpClient, headers?: Record<string, string>) => {
      const body = `Respuesta ${tag()}`;
      const answer = await client.request(threadPath, { form: { intent: "reply", body }, headers });
      if (answer.status === 302 || answer.status === 303) acknowledged.push(body);
      return answer;
    };
    const signUp = () => new HttpClient(server!).post("/signup", { name: "Persona de Prueba", email: `lleno-${tag()}@correo-prueba.pe`, password: `Quinua-${tag()}-Andina`, acceptPrivacy: "on" });
    const before = await reply(member);
    if (before.status !== 302) throw new Error(`a reply before the disk filled answered ${before.status}`);

    // A write lock held by another process past the 5 s busy timeout: 503, not 500.
    const busy: Tally = { answers: [], failures: [] };
    const holder = new Database(databasePath);
    holder.pragma("busy_timeout = 5000");
    holder.exec("BEGIN IMMEDIATE");
    const busyStarted = Date.now();
    const busyAnswer = await reply(member).finally(() => {
      holder.exec("ROLLBACK");
      holder.close();
    });
    const busyMs = Date.now() - busyStarted;
    const workerWaited = /Mail worker round failed/.test(server.output());
    expect503(busy, "reply while another process held the write lock", busyAnswer, "es");
    const afterBusy = await reply(member);
    figures.push(
      figure(SUITE, "write while another process holds the lock past the 5 s busy timeout: answer", busyAnswer.status, "503 with Retry-After and the page, then writes resume", busy.failures.length === 0 && afterBusy.status === 302, `answered after ${busyMs} ms${workerWaited ? " (the mail worker's poll, which takes the write lock, waited out its own 5 s first)" : ""}; next reply ${afterBusy.status}${busy.failures.length ? `; ${busy.failures.join("; ")}` : ""}`),
    );

    const full: Tally = { answers: [], failures: [] };
    const reads: string[] = [];
    let recoveredWrites = 0;
    let recoveryAttempts = 0;
    let healthWhileFull = "";
    let healthAfter = "";
    const english = new HttpClient(server);
    await english.login("miembro3@demo.pe", DEMO_PASSWORD);
    for (let cycle = 0; cycle < fullCycles; cycle += 1) {
      // A member back after an hour: reading a page would write their session's last-seen time.
      const writer = new Database(databasePath);
      writer.pragma("busy_timeout = 5000");
      writer.prepare("UPDATE sessions SET last_seen_at = ? WHERE user_id IN (SELECT id FROM users WHERE email IN ('miembro1@demo.pe', 'miembro3@demo.pe'))").run(Date.now() - 3600_000);
      // With the WAL emptied, every new commit needs new space.
      writer.pragma("wal_checkpoint(TRUNCATE)");
      writer.close();
      const filler = path.join(fullAt, "filler");
      fill(filler);

      for (let i = 0; i < writesPerPhase; i += 1) expect503(full, `reply ${i}`, await reply(member), "es");
      expect503(full, "reply in English", await reply(english, { "Accept-Language": "en" }), "en");
      for (let i = 0; i < Math.max(1, writesPerPhase / 2); i += 1) expect503(full, `sign-up ${i}`, await signUp(), "es");
      const viaScript = await member.request(`${threadPath}.data`, { form: { intent: "reply", body: `Con JavaScript ${tag()}` } });
      expect503(full, "reply sent with JavaScript (single fetch)", viaScript, "data");

      for (const [who, target] of [
        ["anonymous", "/"],
        ["anonymous", "/events"],
        ["anonymous", "/discussions"],
        ["member", threadPath],
        ["member", "/account"],
        ["member", "/notifications"],
        ["anonymous", "/api/v1/organisations"],
      ] as const) {
        const client = who === "member" ? member : new HttpClient(server);
        const answer = await client.get(target);
        if (answer.status !== 200) reads.push(`${who} GET ${target}: ${answer.status}`);
      }
      const health = await member.get("/healthz");
      healthWhileFull = `${health.status} ${health.body}`;

      // Space returns: writes succeed again, without a restart.
      fs.rmSync(filler);
      recoveryAttempts += 1;
      const again = await reply(member);
      if (again.status === 302) recoveredWrites += 1;
      const signedUp = await signUp();
      if (signedUp.status === 303) recoveredWrites += 1;
      recoveryAttempts += 1;
      const healthBack = await member.get("/healthz");
      healthAfter = `${healthBack.status} ${healthBack.body}`;
    }
    const other5xx = full.answers.filter((a) => a.status >= 500 && a.status !== 503).length;
    figures.push(
      figure(SUITE, "disk full: writes answered / with 503, Retry-After and the translated page", `${full.answers.length} / ${full.answers.length - full.failures.length}`, "all", full.failures.length === 0, full.failures.slice(0, 3).join("; ") || `replies (es, en), sign-ups and a single-fetch submission, ${fullCycles} fill(s)`),
      figure(SUITE, "disk full: answers 500–599 other than 503", other5xx, "0", other5xx === 0),
      figure(SUITE, "disk full: page reads that failed (anonymous and signed in)", reads.length, "0", reads.length === 0, reads.slice(0, 3).join("; ") || "6 pages and an API list per fill, a member's stale session among them"),
      figure(SUITE, "disk full: /healthz", healthWhileFull.slice(0, 3), "503 reporting \"full\"", healthWhileFull.startsWith("503") && healthWhileFull.includes('"database":"full"'), healthWhileFull.slice(4, 120)),
      figure(SUITE, "space back: writes that succeeded without a restart", `${recoveredWrites} of ${recoveryAttempts}`, "all", recoveredWrites === recoveryAttempts && healthAfter.startsWith("200"), `/healthz then ${healthAfter.slice(0, 3)}`),
    );

    // A restart while the disk is full (a reader holds the WAL, as a long report would): the
    // server must start, serve reads and answer writes 503, even though its start-up housekeeping
    // cannot delete expired rows.
    const pin = new Database(databasePath);
    pin.pragma("busy_timeout = 5000");
    pin.prepare("INSERT OR REPLACE INTO rate_limits (key, count, reset_at) VALUES (?, 1, 0)").run(`soak:expired:${tag()}`);
    pin.exec("BEGIN");
    pin.prepare("SELECT count(*) FROM users").get();
    const filler = path.join(fullAt, "filler");
    fill(filler);
    const stoppedCode = await server.stop();
    let restart = "";
    try {
      server = await startServerAnswering({ DATABASE_PATH: databasePath });
      member = withCookiesOf(member, server);
      const page = await member.get(threadPath);
      const write = await reply(member);
      const health = await member.get("/healthz");
      restart = `started; thread page ${page.status}; reply ${write.status}; /healthz ${health.status}`;
      figures.push(figure(SUITE, "restart on the full disk: the server starts, reads, answers writes 503", restart, "started; 200; 503; 503", page.status === 200 && write.status === 503 && health.status === 503, `stopped with exit code ${stoppedCode}`));
    } catch (error) {
      server = undefined;
      figures.push(figure(SUITE, "restart on the full disk: the server starts, reads, answers writes 503", "did not start", "started; 200; 503; 503", false, String(error).split("\n").find((l) => /SQLITE|Error/.test(l))?.slice(0, 160)));
    } finally {
      pin.exec("ROLLBACK");
      pin.close();
      fs.rmSync(filler, { force: true });
    }
    if (server) {
      const resumed = await reply(member);
      figures.push(figure(SUITE, "after the restart on the full disk, space back: a reply", resumed.status, "302", resumed.status === 302));
      await server.stop();
      server = undefined;
    }
    const presentFull = readDatabase(databasePath, (db) => acknowledged.filter((body) => db.prepare("SELECT 1 FROM discussion_posts WHERE body = ?").get(body)).length);
    const integrityFull = integrityOf(databasePath);
    figures.push(
      figure(SUITE, "disk full: acknowledged replies missing afterwards", acknowledged.length - presentFull, "0", presentFull === acknowledged.length, `${acknowledged.length} acknowledged`),
      figure(SUITE, "disk full: integrity_check afterwards", integrityFull, "ok", integrityFull === "ok"),
    );
    unmount(fullAt);
    mounted.splice(mounted.indexOf(fullAt), 1);

    // ---- B. Read-only file system (ext4 turned read-only by the kernel after an error) ----
    const roDatabase = copySeededDatabase(path.join(roAt, "app.sqlite"));
    server = await startServerAnswering({ DATABASE_PATH: roDatabase });
    member = new HttpClient(server);
    await member.login("miembro2@demo.pe", DEMO_PASSWORD);
    const roThread = await member.post("/discussions/c/general", { title: `Solo lectura ${tag()}`, body: "¿Y si el disco pasa a solo lectura?" });
    const roThreadPath = /\/discussions\/threads\/\d+/.exec(roThread.headers.get("location") ?? "")?.[0];
    if (!roThreadPath) throw new Error(`starting a thread answered ${roThread.status}`);
    const roAcknowledged: string[] = [];
    const roReply = async () => {
      const body = `Respuesta ${tag()}`;
      const answer = await member.post(roThreadPath, { intent: "reply", body });
      if (answer.status === 302) roAcknowledged.push(body);
      return answer;
    };
    // Replies made durable by a checkpoint (it fsyncs), then more only in the WAL: with the app's
    // synchronous=NORMAL a commit is not fsynced, so a file system that fails now loses those
    // last ones as a power cut would (SQLite's documented trade-off), while the durable ones
    // must survive.
    for (let i = 0; i < 3; i += 1) await roReply();
    const checkpointer = new Database(roDatabase);
    checkpointer.pragma("busy_timeout = 5000");
    checkpointer.pragma("wal_checkpoint(FULL)");
    checkpointer.close();
    const durable = [...roAcknowledged];
    for (let i = 0; i < 2; i += 1) await roReply();
    const recent = roAcknowledged.slice(durable.length);
    fs.writeFileSync(trigger, "soak: read-only test\n");
    const options = sh("findmnt", ["-n", "-o", "OPTIONS", roAt]).trim();
    const readOnly: Tally = { answers: [], failures: [] };
    for (let i = 0; i < writesPerPhase; i += 1) expect503(readOnly, `reply ${i}`, await roReply(), "es");
    expect503(readOnly, "sign-up", await signUpOn(server), "es");
    const roReads: string[] = [];
    for (const target of ["/", "/events", roThreadPath, "/account"]) {
      const answer = await (target.startsWith("/account") || target === roThreadPath ? member : new HttpClient(server)).get(target);
      if (answer.status !== 200) roReads.push(`GET ${target}: ${answer.status}`);
    }
    const roHealth = await member.get("/healthz");
    figures.push(
      figure(SUITE, "read-only file system: writes answered 503 with Retry-After and the page", `${readOnly.answers.length - readOnly.failures.length} of ${readOnly.answers.length}`, "all", readOnly.failures.length === 0 && /\bro\b|emergency_ro/.test(options), readOnly.failures.slice(0, 3).join("; ") || `mount options after the error: ${options}`),
      figure(SUITE, "read-only file system: page reads that failed", roReads.length, "0", roReads.length === 0, roReads.join("; ") || "4 pages, anonymous and signed in"),
      figure(SUITE, "read-only file system: /healthz", roHealth.status, "503 reporting \"read-only\" or \"io-error\"", roHealth.status === 503 && /"database":"(read-only|io-error)"/.test(roHealth.body), roHealth.body.slice(0, 140)),
    );

    // Back to writable. Linux refuses `mount -o remount,rw` on a file system it turned read-only
    // after an error (emergency_ro); it must be checked (e2fsck) and mounted again, which needs
    // the server stopped. Where the kernel does allow it, writes must resume without a restart.
    let remounted = false;
    try {
      sh("mount", ["-o", "remount,rw", roAt]);
      remounted = true;
    } catch {
      remounted = false;
    }
    let recovery: string;
    if (remounted) {
      const again = await roReply();
      recovery = `remount rw allowed; reply without a restart ${again.status}`;
      figures.push(figure(SUITE, "read-only file system made writable again: a reply without a restart", again.status, "302", again.status === 302, recovery));
      await server.stop();
      server = undefined;
    } else {
      await server.stop();
      server = undefined;
      unmount(roAt);
      let fsck = 0;
      try {
        sh("e2fsck", ["-f", "-y", image]);
      } catch (error) {
        fsck = (error as { status?: number }).status ?? -1;
      }
      sh("mount", ["-o", "loop,errors=remount-ro", image, roAt]);
      server = await startServerAnswering({ DATABASE_PATH: roDatabase });
      member = withCookiesOf(member, server);
      const again = await roReply();
      recovery = `the kernel refused remount,rw (emergency read-only); stop, e2fsck (exit ${fsck}), mount, start: reply ${again.status}`;
      figures.push(figure(SUITE, "read-only file system repaired and mounted again: a reply", again.status, "302", again.status === 302 && fsck >= 0 && fsck <= 1, recovery));
      await server.stop();
      server = undefined;
    }
    const present = (bodies: string[]) => readDatabase(roDatabase, (db) => bodies.filter((body) => db.prepare("SELECT 1 FROM discussion_posts WHERE body = ?").get(body)).length);
    const afterRecovery = roAcknowledged.slice(durable.length + recent.length);
    const lostDurable = durable.length - present(durable) + (afterRecovery.length - present(afterRecovery));
    const lostRecent = recent.length - present(recent);
    const integrityRo = integrityOf(roDatabase);
    figures.push(
      figure(SUITE, "read-only file system: acknowledged replies lost that were checkpointed before the error, or written after the repair", lostDurable, "0", lostDurable === 0, `${durable.length + afterRecovery.length} such replies`),
      figure(
        SUITE,
        "read-only file system: acknowledged replies lost that were only in the WAL when the disk failed",
        `${lostRecent} of ${recent.length}`,
        "informative (synchronous=NORMAL)",
        true,
        "SQLite in WAL mode with synchronous=NORMAL does not fsync each commit: the file system's failure drops them as a power cut would; synchronous=FULL would keep them at one fsync per commit",
      ),
      figure(SUITE, "read-only file system: integrity_check afterwards", integrityRo, "ok", integrityRo === "ok"),
    );
    return figures;
  } finally {
    await server?.stop();
    for (const at of mounted) unmount(at);
    await sleep(50);
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function signUpOn(server: BuiltServer) {
  return new HttpClient(server).post("/signup", { name: "Persona de Prueba", email: `solo-${tag()}@correo-prueba.pe`, password: `Quinua-${tag()}-Andina`, acceptPrivacy: "on" });
}

/** A client for the restarted server with the same cookies (the session is in the database). */
function withCookiesOf(client: HttpClient, server: BuiltServer) {
  const next = new HttpClient(server);
  for (const [name, value] of client.cookies) next.cookies.set(name, value);
  return next;
}
