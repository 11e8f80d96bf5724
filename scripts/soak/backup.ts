import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { BackupReport } from "../db-backup.ts";
import type { Figure } from "../../tests/http/figures.ts";
import { HttpClient } from "../../tests/http/client.ts";
import { startBuiltServer, type BuiltServer } from "../../tests/http/server.ts";
import {
  copySeededDatabase,
  DEMO_PASSWORD,
  figure,
  integrityOf,
  readDatabase,
  requireBuild,
  rowCounts,
  scratchFolder,
  sleep,
  tag,
  type SoakOptions,
} from "./reliability-kit.ts";

// Backup and restore (issue 14): clients post real forms to the built server (replies in a thread
// by signed-in demo members, sign-ups by newcomers) while `npm run db:backup` takes an online
// backup; the backup must be one consistent snapshot (every write acknowledged before it began is
// in it, none begun after it ended, the counts are the snapshot's, a thread's counter matches its
// posts). `npm run db:restore` must refuse while the server runs, then put the backup in place of
// the stopped instance's database; the restarted server serves what the backup held.

const SUITE = "Backup and restore";
const MEMBERS = ["miembro1@demo.pe", "miembro2@demo.pe", "miembro3@demo.pe", "rocio.gutierrez@demo.pe", "andrea.loayza@demo.pe", "gonzalo.medina@demo.pe"];

/** One write a load client sent: what it made (a post's text, an account's address) and when. */
type Write = { kind: "reply" | "signup"; marker: string; startedAt: number; answeredAt: number; ok: boolean; status: number };

/** Runs an npm script with the scenario's database; resolves with its exit code and output. */
function npmRun(script: string, args: string[], databasePath: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile("npm", ["run", "-s", script, "--", ...args], { env: { ...process.env, DATABASE_PATH: databasePath } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs the scenario; returns its figures (every one `met` when the product keeps its promise). */
export async function run({ size }: SoakOptions): Promise<Figure[]> {
  requireBuild();
  const replyClients = size === "full" ? 6 : 2;
  const signupClients = size === "full" ? 2 : 1;
  const backups = size === "full" ? 3 : 1;
  const loadBetweenMs = size === "full" ? 3000 : 1000;
  const folder = scratchFolder("backup");
  const databasePath = copySeededDatabase(path.join(folder, "app.sqlite"));
  const figures: Figure[] = [];
  let server: BuiltServer | undefined = await startBuiltServer({ DATABASE_PATH: databasePath });
  try {
    const starter = new HttpClient(server);
    await starter.login(MEMBERS[0]!, DEMO_PASSWORD);
    const started = await starter.post("/discussions/c/general", { title: `Hilo de carga ${tag()}`, body: "Escrituras durante la copia de seguridad." });
    const threadId = Number(/\/discussions\/threads\/(\d+)/.exec(started.headers.get("location") ?? "")?.[1]);
    if (!threadId) throw new Error(`starting a thread answered ${started.status}`);
    const repliers = await Promise.all(
      Array.from({ length: replyClients }, async (_, i) => {
        const client = new HttpClient(server!);
        await client.login(MEMBERS[i % MEMBERS.length]!, DEMO_PASSWORD);
        return client;
      }),
    );

    // The load: each client sends its next form as soon as the previous one is answered.
    const writes: Write[] = [];
    let loading = true;
    const send = async (kind: Write["kind"], marker: string, request: () => Promise<{ status: number }>) => {
      const startedAt = Date.now();
      const { status } = await request().catch(() => ({ status: 0 }));
      const ok = kind === "reply" ? status === 302 || status === 303 : status === 303;
      writes.push({ kind, marker, startedAt, answeredAt: Date.now(), ok, status });
    };
    const loops = [
      ...repliers.map(async (client) => {
        while (loading) {
          const body = `Carga ${tag()} ${tag()}`;
          await send("reply", body, () => client.post(`/discussions/threads/${threadId}`, { intent: "reply", body }));
        }
      }),
      ...Array.from({ length: signupClients }, async () => {
        while (loading) {
          const email = `copia-${tag()}@correo-prueba.pe`;
          await send("signup", email, () => new HttpClient(server!).post("/signup", { name: "Persona de Carga", email, password: `Quinua-${tag()}-Andina`, acceptPrivacy: "on" }));
        }
      }),
    ];

    // Backups while the load runs.
    const reports: Array<BackupReport & { ms: number }> = [];
    const backupFailures: string[] = [];
    for (let i = 0; i < backups; i += 1) {
      await sleep(loadBetweenMs);
      const file = path.join(folder, "backups", `app-${i + 1}.sqlite`);
      const t0 = Date.now();
      const result = await npmRun("db:backup", [file, "--json"], databasePath);
      if (result.code !== 0) backupFailures.push(result.stderr.trim() || `exit ${result.code}`);
      else reports.push({ ...(JSON.parse(result.stdout.trim().split("\n").at(-1)!) as BackupReport), ms: Date.now() - t0 });
    }
    await sleep(loadBetweenMs);
    loading = false;
    await Promise.all(loops);
    if (reports.length === 0) throw new Error(`npm run db:backup failed: ${backupFailures.join("; ")}`);

    const failedWrites = writes.filter((w) => !w.ok);
    figures.push(
      figure(SUITE, "forms answered during the online backups / failed", `${writes.length} / ${failedWrites.length}`, "0 failed", failedWrites.length === 0 && writes.length > 0, `${replyClients} repliers + ${signupClients} sign-up clients; statuses of failures: ${[...new Set(failedWrites.map((w) => w.status))].join(", ") || "none"}`),
      figure(SUITE, "npm run db:backup under write load: runs that failed", backupFailures.length, "0", backupFailures.length === 0, `${backups} backup(s)`),
      figure(
        SUITE,
        "backup time under load, snapshot to checked file (median)",
        Math.round(median(reports.map((r) => Date.parse(r.finishedAt) - Date.parse(r.snapshotNotBefore)))),
        "informative",
        true,
        `ms for ${(reports[0]!.bytes / 1024 / 1024).toFixed(1)} MB, copy + integrity_check + counts; the whole command took ${Math.round(median(reports.map((r) => r.ms)))} ms with npm and tsx start-up`,
      ),
    );

    // Each backup is the snapshot it reports.
    let missingAcknowledged = 0;
    let presentLater = 0;
    let acknowledgedBefore = 0;
    let begunAfter = 0;
    let countMismatches = 0;
    let tornThreads = 0;
    let badIntegrity = 0;
    for (const report of reports) {
      const from = Date.parse(report.snapshotNotBefore);
      const by = Date.parse(report.snapshotNotAfter);
      const held = readDatabase(report.file, (db) => ({
        counts: rowCounts(db),
        integrity: (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("\n"),
        posts: new Set((db.prepare("SELECT body FROM discussion_posts WHERE thread_id = ?").all(threadId) as Array<{ body: string }>).map((r) => r.body)),
        users: new Set((db.prepare("SELECT email FROM users WHERE email LIKE 'copia-%'").all() as Array<{ email: string }>).map((r) => r.email)),
        torn: (db.prepare("SELECT count(*) AS n FROM discussion_threads t WHERE t.last_post_number <> (SELECT coalesce(max(number), 0) FROM discussion_posts p WHERE p.thread_id = t.id)").get() as { n: number }).n,
      }));
      if (held.integrity !== "ok") badIntegrity += 1;
      tornThreads += held.torn;
      countMismatches += Object.keys({ ...held.counts, ...report.tables }).filter((name) => held.counts[name] !== report.tables[name]).length;
      for (const write of writes.filter((w) => w.ok)) {
        const inBackup = write.kind === "reply" ? held.posts.has(write.marker) : held.users.has(write.marker);
        if (write.answeredAt < from) {
          acknowledgedBefore += 1;
          if (!inBackup) missingAcknowledged += 1;
        } else if (write.startedAt > by) {
          begunAfter += 1;
          if (inBackup) presentLater += 1;
        }
      }
    }
    figures.push(
      figure(SUITE, "writes acknowledged before a backup's snapshot that are missing from it", missingAcknowledged, "0", missingAcknowledged === 0 && acknowledgedBefore > 0, `of ${acknowledgedBefore} (over ${reports.length} backup(s))`),
      figure(SUITE, "writes begun after a backup's snapshot that are in it", presentLater, "0", presentLater === 0, `of ${begunAfter}`),
      figure(SUITE, "tables whose row count in the backup differs from the snapshot's", countMismatches, "0", countMismatches === 0, `${Object.keys(reports[0]!.tables).length} tables per backup, counted by db:backup inside the snapshot`),
      figure(SUITE, "threads whose last post number disagrees with their posts (a torn copy)", tornThreads, "0", tornThreads === 0),
      figure(SUITE, "backups failing integrity_check", badIntegrity, "0", badIntegrity === 0),
    );

    // Restore: refused while the server runs, nothing changed.
    const chosen = reports.at(-1)!;
    const liveBefore = readDatabase(databasePath, rowCounts);
    const whileRunning = await npmRun("db:restore", [chosen.file], databasePath);
    const liveAfterRefusal = readDatabase(databasePath, rowCounts);
    const refusedCleanly = whileRunning.code !== 0 && /open in another process/.test(whileRunning.stderr) && sameCounts(liveBefore, liveAfterRefusal);
    figures.push(figure(SUITE, "db:restore while the server runs: refused, database unchanged", refusedCleanly ? "refused" : `exit ${whileRunning.code}`, "refused", refusedCleanly, whileRunning.stderr.trim().split("\n")[0]));

    // Into the stopped instance.
    const stoppedCode = await server.stop();
    server = undefined;
    const stoppedCounts = readDatabase(databasePath, rowCounts);
    const restored = await npmRun("db:restore", [chosen.file], databasePath);
    const keptAt = /kept at (.+\.sqlite)\./.exec(restored.stdout)?.[1];
    const restoredCounts = readDatabase(databasePath, rowCounts);
    const differing = Object.keys({ ...restoredCounts, ...chosen.tables }).filter((name) => restoredCounts[name] !== chosen.tables[name]);
    const stale = ["-wal", "-shm", "-journal"].filter((suffix) => fs.existsSync(databasePath + suffix));
    const keptWhole = keptAt !== undefined && sameCounts(readDatabase(keptAt, rowCounts), stoppedCounts);
    const integrity = integrityOf(databasePath);
    figures.push(
      figure(SUITE, "db:restore into the stopped instance: tables whose counts differ from the backup's", differing.length, "0", restored.code === 0 && stoppedCode === 0 && differing.length === 0, restored.code === 0 ? `${Object.keys(restoredCounts).length} tables` : restored.stderr.trim()),
      figure(SUITE, "restored database: integrity_check; stale -wal/-shm left", `${integrity}; ${stale.length}`, "ok; 0", integrity === "ok" && stale.length === 0),
      figure(SUITE, "replaced database kept aside, whole (its counts are the stopped instance's)", keptWhole ? "yes" : "no", "yes", keptWhole, keptAt ? path.basename(keptAt) : restored.stdout.trim()),
    );

    // The restored instance starts and serves: a reply from before the backup is on its page, one
    // from after is not, a member signs in and writes.
    server = await startBuiltServer({ DATABASE_PATH: databasePath });
    const early = writes.find((w) => w.kind === "reply" && w.ok && w.answeredAt < Date.parse(chosen.snapshotNotBefore));
    const late = [...writes].reverse().find((w) => w.kind === "reply" && w.ok && w.startedAt > Date.parse(chosen.snapshotNotAfter));
    const reader = new HttpClient(server);
    await reader.login(MEMBERS[1]!, DEMO_PASSWORD);
    const postId = (marker: string) => readDatabase(databasePath, (db) => (db.prepare("SELECT id FROM discussion_posts WHERE body = ?").get(marker) as { id: number } | undefined)?.id);
    const earlyId = early && postId(early.marker);
    const permalink = earlyId ? await reader.get(`/discussions/posts/${earlyId}`) : undefined;
    const page = permalink?.headers.get("location") ? await reader.get(permalink.headers.get("location")!) : undefined;
    const shows = Boolean(early && page?.status === 200 && page.body.includes(early.marker));
    const lateAbsent = late ? postId(late.marker) === undefined : true;
    const after = await reader.post(`/discussions/threads/${threadId}`, { intent: "reply", body: `Después de restaurar ${tag()}` });
    const health = await reader.get("/healthz");
    const serves = shows && lateAbsent && (after.status === 302 || after.status === 303) && health.status === 200;
    figures.push(
      figure(SUITE, "restored instance starts and serves (a reply from before the backup shown, one from after absent, a new reply accepted)", serves ? "yes" : "no", "yes", serves, `permalink ${permalink?.status ?? "-"}, page ${page?.status ?? "-"}, new reply ${after.status}, /healthz ${health.status}`),
    );
    const exit = await server.stop();
    server = undefined;
    figures.push(figure(SUITE, "integrity_check after the restored instance ran", integrityOf(databasePath), "ok", integrityOf(databasePath) === "ok" && exit === 0));
    return figures;
  } finally {
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function sameCounts(a: Record<string, number>, b: Record<string, number>) {
  return Object.keys({ ...a, ...b }).every((name) => a[name] === b[name]);
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
