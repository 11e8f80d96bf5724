import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { expect, test } from "@playwright/test";

// The production server as the README starts it (`npm run start:demo`, i.e. `exec node
// build/server.js`), on a port and database of its own: start-up checks, signals, restarts.
// No browser is needed here.

const PORT = 3111;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DATABASE = "test-results/server-lifecycle.sqlite";

type Started = { pid: number; output: () => string; exited: Promise<number | null> };

/** Starts `npm run <script>` in a process group of its own, with a clean mail configuration. */
function startScript(script: "start" | "start:demo", extraEnv: Record<string, string> = {}): Started {
  // The scripts set NODE_ENV themselves; the mail choice is exactly what the script makes it.
  const inherited = Object.entries(process.env).filter(([name]) => !["NODE_ENV", "MAIL_TRANSPORT", "SMTP_URL"].includes(name));
  const env = { ...Object.fromEntries(inherited), PORT: String(PORT), HOST: "127.0.0.1", DATABASE_PATH: DATABASE, APP_URL: ORIGIN, ...extraEnv };
  const child = spawn("npm", ["run", "-s", script], { env: env as unknown as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { pid: child.pid!, output: () => output, exited };
}

async function waitUntilHealthy(server: Started, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${ORIGIN}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${server.output()}`);
}

/** Resolves with the exit code, or rejects when the process group has not exited in time. */
async function exitWithin(server: Started, ms: number) {
  return Promise.race([
    server.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms:\n${server.output()}`)), ms)),
  ]);
}

function killGroup(server: Started, signal: NodeJS.Signals) {
  try {
    process.kill(-server.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * A slow client: sends a POST's headers and half its body now; `finish()` sends the rest and
 * resolves with the status code, or with the network error's code.
 */
function slowPost(path: string, body: string) {
  const socket = net.connect(PORT, "127.0.0.1");
  let received = "";
  const answer = new Promise<string>((resolve) => {
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    socket.on("close", () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? `closed without an answer`));
  });
  const half = Math.floor(body.length / 2);
  const sent = new Promise<void>((resolve) => {
    socket.once("connect", () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nOrigin: ${ORIGIN}\r\nConnection: close\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
        () => resolve(),
      );
    });
  });
  return {
    sent,
    finish: () => {
      socket.write(body.slice(half));
      return answer;
    },
  };
}

/** Shuts a server down under load and checks that every request in flight is answered. */
async function sigtermUnderLoad(target: "npm process" | "process group") {
  const server = startScript("start:demo");
  await waitUntilHealthy(server);
  const requests = Array.from({ length: 40 }, (_, i) => slowPost("/set-language", `lang=en&redirectTo=%2Fevents%3Fn%3D${i}`));
  await Promise.all(requests.map((r) => r.sent));
  // Give the server time to read every request's headers: they are in flight now.
  await new Promise((r) => setTimeout(r, 1_000));

  if (target === "npm process") process.kill(server.pid, "SIGTERM");
  else killGroup(server, "SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  const statuses = await Promise.all(requests.map((r) => r.finish()));

  const failed = statuses.filter((status) => status !== "302");
  expect(failed, `answers: ${statuses.join(",")}\n${server.output()}`).toEqual([]);
  expect(await exitWithin(server, 10_000)).toBe(0);
  expect(server.output()).toContain("Closed cleanly");

  // The port is free at once: a restart right away works.
  const restarted = startScript("start:demo");
  try {
    await waitUntilHealthy(restarted, 20_000);
    expect(restarted.output()).not.toContain("EADDRINUSE");
  } finally {
    killGroup(restarted, "SIGTERM");
    await exitWithin(restarted, 10_000);
  }
}

test.describe("the production server", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(() => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(DATABASE + suffix, { force: true });
  });

  test("`npm start` with neither SMTP_URL nor MAIL_TRANSPORT=outbox refuses to start and says why", async () => {
    const server = startScript("start");
    const code = await exitWithin(server, 20_000);
    expect(code).not.toBe(0);
    expect(server.output()).toContain("SMTP_URL=");
    expect(server.output()).toContain("MAIL_TRANSPORT=outbox");
    const listening = await fetch(`${ORIGIN}/healthz`).then(
      () => true,
      () => false,
    );
    expect(listening).toBe(false);
  });

  test("SIGTERM to the process `npm run start:demo` creates: in-flight requests finish, clean exit, restart works", async () => {
    test.setTimeout(90_000);
    await sigtermUnderLoad("npm process");
  });

  test("SIGTERM to the whole process group: in-flight requests finish, clean exit, restart works", async () => {
    test.setTimeout(90_000);
    await sigtermUnderLoad("process group");
  });

  test("demo mail mode logs each message with its links; 429 answers carry Retry-After", async () => {
    test.setTimeout(60_000);
    const server = startScript("start:demo");
    try {
      await waitUntilHealthy(server);
      expect(server.output()).toContain("mail is NOT sent");
      const email = `registro-${Date.now()}@correo.pe`;
      const headers = { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" };
      const signup = await fetch(`${ORIGIN}/signup`, {
        method: "POST",
        headers,
        body: new URLSearchParams({ name: "Persona Nueva", email, password: "quinua-andina-2026", acceptPrivacy: "on" }),
        redirect: "manual",
      });
      expect(signup.status).toBeLessThan(400);
      await expect.poll(() => server.output()).toMatch(new RegExp(`\\[mail outbox\\] to ${email}.*${ORIGIN}/verify-email\\?token=\\S+`));

      // The per-IP limit of the reset form is 10 a minute.
      let limited: Response | undefined;
      for (let i = 0; i < 15 && !limited; i++) {
        const res = await fetch(`${ORIGIN}/forgot-password`, { method: "POST", headers, body: "email=nadie%40correo.pe" });
        await res.text();
        if (res.status === 429) limited = res;
      }
      expect(limited?.status).toBe(429);
      expect(Number(limited?.headers.get("Retry-After"))).toBeGreaterThan(0);
    } finally {
      killGroup(server, "SIGTERM");
      await exitWithin(server, 10_000);
    }
  });
});

/**
 * Sends `first` (a POST with a body of `bytes` bytes) and right behind it a GET /healthz on the
 * same connection, as a keep-alive client may. Resolves with the status codes answered on that
 * connection; rejects if the second answer does not arrive within 2 s of the first.
 */
function twoRequestsOnOneConnection(baseURL: string, first: { path: string; origin?: string; bytes: number }) {
  const url = new URL(baseURL);
  const host = url.host;
  return new Promise<string[]>((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let received = "";
    let timer: NodeJS.Timeout | undefined;
    const statuses = () => [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]!);
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(statuses());
    };
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const seen = statuses();
      if (seen.length === 1 && !timer) {
        timer = setTimeout(() => done(new Error(`answers so far: ${seen.join(",")}; the second request got none within 2 s`)), 2_000);
      }
      if (seen.length >= 2) done();
    });
    socket.on("error", (error) => done(error));
    socket.on("close", () => done(new Error(`connection closed after answers: ${statuses().join(",") || "none"}`)));
    socket.write(
      `POST ${first.path} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${first.origin ?? url.origin}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${first.bytes}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(first.bytes, "a"));
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
  });
}

test.describe("a large body answered early does not block its keep-alive connection", () => {
  const MB = 1024 * 1024;

  test("after a 413 from the size guard", async ({ baseURL }) => {
    expect(await twoRequestsOnOneConnection(baseURL!, { path: "/login", bytes: 4 * MB })).toEqual(["413", "200"]);
  });

  test("after a 403 for a cross-site post", async ({ baseURL }) => {
    const answers = await twoRequestsOnOneConnection(baseURL!, { path: "/login", origin: "https://elsewhere.example", bytes: 2 * MB });
    expect(answers).toEqual(["403", "200"]);
  });

  test("after the app answers without reading the body (a post to a page that takes none)", async ({ baseURL }) => {
    const [first, second] = await twoRequestsOnOneConnection(baseURL!, { path: "/organisations", bytes: 2.5 * MB });
    expect(Number(first)).toBeGreaterThanOrEqual(400);
    expect(second).toBe("200");
  });
});
