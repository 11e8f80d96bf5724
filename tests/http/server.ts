import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/** A production server (`node build/server.js`) started by a test, on a port of its own. */
export type BuiltServer = {
  /** e.g. "http://127.0.0.1:40123" — also the server's APP_URL, so same-origin checks pass. */
  origin: string;
  port: number;
  /** The database file it serves (the test file's own copy unless another was given). */
  databasePath: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit (SIGKILL after `ms`). */
  stop: (ms?: number) => Promise<number | null>;
};

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Polls /healthz until it answers 200, once the server has said it listens on the origin's port;
 * throws with the server's output after `timeoutMs`. Another process may take the port between
 * `freePort()` and the server's listen (test files run in parallel and restart servers): its
 * /healthz must not pass for this server's.
 */
export async function waitUntilHealthy(server: Pick<BuiltServer, "origin" | "output" | "child">, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  const listening = `listening on http://localhost:${new URL(server.origin).port} `;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`server exited before it was healthy:\n${server.output()}`);
    }
    const ok = server.output().includes(listening) && await fetch(`${server.origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy in ${timeoutMs} ms:\n${server.output()}`);
}

/**
 * Starts the compiled server as `npm run start:demo` does (NODE_ENV=production, mail kept in the
 * outbox table) on the test file's database (`process.env.DATABASE_PATH`, set by setup.ts) and a
 * free port, and waits until it is healthy. Rate limits are scaled up (RATE_LIMIT_SCALE=1000)
 * because every request comes from 127.0.0.1; `env` overrides any of it.
 */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<BuiltServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const databasePath = env.DATABASE_PATH ?? process.env.DATABASE_PATH!;
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !["NODE_ENV", "MAIL_TRANSPORT", "SMTP_URL", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"].includes(name)),
  );
  const child = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...inherited,
      NODE_ENV: "production",
      MAIL_TRANSPORT: "outbox",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: origin,
      DATABASE_PATH: databasePath,
      RATE_LIMIT_SCALE: "1000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const server: BuiltServer = {
    origin,
    port,
    databasePath,
    child,
    output: () => output,
    exited,
    stop: async (ms = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), ms);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  await waitUntilHealthy(server);
  return server;
}
