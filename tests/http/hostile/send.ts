import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { recordFigures } from "../figures.ts";
import type { BuiltServer } from "../server.ts";

// Sends the hostile requests byte for byte over a plain TCP connection (no fetch, which would
// re-encode the target, refuse non-Latin-1 header values and normalise `..`), reads the answer
// and checks it: an answer at all, no 5xx, and no stack trace or internal path in the body.

/** A request as bytes: `target` and header values are latin1 strings (one character per byte). */
export type RawRequest = {
  method: string;
  target: string;
  headers: [string, string][];
  body?: Buffer;
  /** What the request aims at, for the report ("POST /login [field email]"). */
  label: string;
};

export type RawAnswer = { status: number; headers: Record<string, string>; body: string };

/** Sends one request on its own connection; resolves with the answer, or an Error when there was none. */
export function sendRaw(port: number, request: RawRequest, timeoutMs = 60_000): Promise<RawAnswer | Error> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (result: RawAnswer | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(new Error(`no complete answer in ${timeoutMs} ms`)), timeoutMs);
    const tryParse = (ended: boolean) => {
      const parsed = parseAnswer(Buffer.concat(chunks), ended);
      if (parsed) finish(parsed);
      else if (ended) finish(new Error(chunks.length ? `incomplete answer: ${Buffer.concat(chunks).subarray(0, 200).toString("latin1")}` : "connection closed without an answer"));
    };
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      tryParse(false);
    });
    socket.on("end", () => tryParse(true));
    // A server may answer (413) and close before the whole body is written: the answer counts.
    socket.on("error", () => tryParse(true));
    socket.on("close", () => tryParse(true));
    socket.on("connect", () => {
      const head = [`${request.method} ${request.target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Connection: close"];
      const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
      if (request.body && !names.has("content-length") && !names.has("transfer-encoding")) head.push(`Content-Length: ${request.body.length}`);
      for (const [name, value] of request.headers) head.push(`${name}: ${value}`);
      socket.write(Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"));
      if (request.body) socket.write(request.body);
    });
  });
}

/** A complete HTTP/1.1 answer from bytes, or null while it is incomplete. */
function parseAnswer(bytes: Buffer, ended: boolean): RawAnswer | null {
  const headEnd = bytes.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const lines = bytes.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1]);
  if (!status) return null;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  let body = bytes.subarray(headEnd + 4);
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    const out: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf("\r\n", at);
      if (lineEnd < 0) return ended ? { status, headers, body: Buffer.concat(out).toString("utf8") } : null;
      const size = parseInt(body.subarray(at, lineEnd).toString("latin1"), 16);
      if (size === 0) break;
      if (body.length < lineEnd + 2 + size) return ended ? { status, headers, body: Buffer.concat(out).toString("utf8") } : null;
      out.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(out);
  } else if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    if (body.length < length && !ended) return null;
    body = body.subarray(0, length);
  } else if (!ended && status !== 204 && status !== 304) {
    return null;
  }
  return { status, headers, body: body.toString("utf8") };
}

// Signs of an internal detail in a body: a stack frame, the checkout's path, a dependency's path,
// the database driver's error, an error's printed name.
const LEAKS: [string, RegExp][] = [
  ["stack frame", /\bat (?:async )?[\w$.<>[\] ]+ \((?:file:\/\/|\/|node:)[^)]*:\d+:\d+\)|\n\s+at (?:file:\/\/|\/|node:)/],
  ["checkout path", new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))],
  ["node_modules", /node_modules/],
  ["SqliteError", /SqliteError|SQLITE_[A-Z]+/],
  ["an error's name", /\b(?:[A-Z][A-Za-z]*)?Error:/],
];

/** The first leak in a body, with a little context, or null. */
export function leakIn(body: string) {
  for (const [kind, pattern] of LEAKS) {
    const found = pattern.exec(body);
    if (found) return `${kind}: …${body.slice(Math.max(0, found.index - 60), found.index + 100).replace(/\s+/g, " ")}…`;
  }
  return null;
}

/** A request and what went wrong with its answer, printed so it can be sent again. */
export type Fault = { label: string; problem: string; request: string; seed: number };

/** What one file of the suite saw. */
export class Tally {
  sent = 0;
  byClass: Record<"2xx" | "3xx" | "4xx" | "5xx", number> = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 };
  noAnswer = 0;
  leaks = 0;
  faults: Fault[] = [];
  /** Answers per status, for the log. */
  statuses = new Map<number, number>();

  constructor(readonly seed: number) {}

  /** Counts an answer and records it as a fault when it is a 5xx, a leak or missing. */
  check(request: RawRequest, answer: RawAnswer | Error) {
    this.sent++;
    // HOSTILE_LOG=<file> keeps every request's label and status, to see where the input went.
    if (process.env.HOSTILE_LOG) fs.appendFileSync(process.env.HOSTILE_LOG, `${answer instanceof Error ? "---" : answer.status} ${request.label}\n`);
    if (answer instanceof Error) {
      this.noAnswer++;
      this.fault(request, `no answer: ${answer.message}`);
      return;
    }
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    const kind = answer.status >= 500 ? "5xx" : answer.status >= 400 ? "4xx" : answer.status >= 300 ? "3xx" : "2xx";
    this.byClass[kind]++;
    if (answer.status >= 500) this.fault(request, `${answer.status}: ${answer.body.slice(0, 200).replace(/\s+/g, " ")}`);
    const leak = leakIn(answer.body);
    if (leak) {
      this.leaks++;
      this.fault(request, `${answer.status} with ${leak}`);
    }
  }

  private fault(request: RawRequest, problem: string) {
    if (process.env.HOSTILE_LOG) fs.appendFileSync(process.env.HOSTILE_LOG, `  FAULT ${problem.slice(0, 300)}\n    ${describeRequest(request)}\n`);
    if (this.faults.length < 200) this.faults.push({ label: request.label, problem, request: describeRequest(request), seed: this.seed });
  }

  /** The faults grouped by what failed, for the assertion message. */
  report(file: string, serverOutput = "") {
    if (this.faults.length === 0) return "";
    const lines = [`${this.faults.length} fault(s); replay with HOSTILE_SEED=${this.seed} npx vitest run --config vitest.http.config.ts ${file}`];
    for (const fault of this.faults.slice(0, 40)) lines.push(`- ${fault.label}: ${fault.problem}\n    ${fault.request}`);
    // What the server logged about it (the errors behind the 500s), last lines first cut.
    const logged = serverOutput.split("\n").filter((line) => !/^\s+at (?:node:|.*node_modules)/.test(line)).join("\n");
    if (logged.trim()) lines.push(`server log (end):\n${logged.slice(-4000)}`);
    return lines.join("\n");
  }
}

/** A request as text (bytes outside printable ASCII escaped), shortened, to reproduce by hand. */
export function describeRequest(request: RawRequest) {
  const escape = (text: string) => text.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  const target = request.target.length > 300 ? `${escape(request.target.slice(0, 300))}…(${request.target.length} bytes)` : escape(request.target);
  // The signed-in person's session token is left out (it names who sent it, not what was sent).
  const shown = request.headers.filter(([name]) => !/^origin$/i.test(name)).map(([n, v]): [string, string] => [n, v.replace(/__Host-session=[\w-]{8,}\.[\w-]+/g, "__Host-session=<session>")]);
  const headers = shown.filter(([name, value]) => !(/^cookie$/i.test(name) && value === "__Host-session=<session>")).map(([n, v]) => `${n}: ${escape(v.slice(0, 160))}`);
  const body = request.body ? ` body(${request.body.length} B): ${escape(request.body.subarray(0, 300).toString("latin1"))}` : "";
  return `${request.method} ${target} ${headers.length ? `[${headers.join("; ")}]` : ""}${body}`;
}

/** Sends every request, `concurrency` at a time, counting and checking each answer. */
export async function sendAll(server: Pick<BuiltServer, "port">, requests: RawRequest[], tally: Tally, concurrency = 4) {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      tally.check(request, await sendRaw(server.port, request));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** With HOSTILE_LOG set, keeps the server's whole output beside the log (what lies behind a 500). */
export function keepServerLog(server: Pick<BuiltServer, "output">) {
  if (process.env.HOSTILE_LOG) fs.writeFileSync(`${process.env.HOSTILE_LOG}.server.log`, server.output());
}

/** The seed of this run: HOSTILE_SEED when set (to replay), else a fixed one. */
export function hostileSeed(fallback: number) {
  const given = Number(process.env.HOSTILE_SEED);
  return Number.isInteger(given) && process.env.HOSTILE_SEED ? given : fallback;
}

/** The files of the suite: the figures are recorded whole once every part of one run is in. */
export const HOSTILE_PARTS = ["forms-1", "forms-2", "urls", "api", "protocol"] as const;
export const HOSTILE_MINIMUM = 10_000;

/**
 * Records one file's counts, then the suite's figures from every part of this run seen so far
 * (each test file runs in its own process; the parts meet in the run's temporary directory). The
 * total target is met only when all the parts have run.
 */
export function recordHostilePart(part: (typeof HOSTILE_PARTS)[number], tally: Tally) {
  const dir = path.join(process.env.HTTP_TEST_TMP_DIR!, "hostile-parts");
  fs.mkdirSync(dir, { recursive: true });
  const mine = { part, sent: tally.sent, byClass: tally.byClass, noAnswer: tally.noAnswer, leaks: tally.leaks, seed: tally.seed };
  fs.writeFileSync(path.join(dir, `${part}.json`), JSON.stringify(mine));
  const parts = fs.readdirSync(dir).map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as typeof mine);
  const sum = (pick: (p: typeof mine) => number) => parts.reduce((total, p) => total + pick(p), 0);
  const sent = sum((p) => p.sent);
  const complete = HOSTILE_PARTS.every((name) => parts.some((p) => p.part === name));
  const fiveHundreds = sum((p) => p.byClass["5xx"]);
  const note = `${parts.map((p) => `${p.part} ${p.sent}`).join(", ")}; seeds ${[...new Set(parts.map((p) => p.seed))].join(", ")}`;
  recordFigures("hostile-input", [
    { suite: "Hostile input", measure: "generated requests sent", value: sent, target: "≥ 10,000", met: complete && sent >= HOSTILE_MINIMUM, note: complete ? note : `only ${note}` },
    { suite: "Hostile input", measure: "answers 500–599", value: fiveHundreds, target: "0", met: fiveHundreds === 0 },
    { suite: "Hostile input", measure: "bodies with a stack trace or internal path", value: sum((p) => p.leaks), target: "0", met: sum((p) => p.leaks) === 0 },
    { suite: "Hostile input", measure: "requests left without an answer", value: sum((p) => p.noAnswer), target: "0", met: sum((p) => p.noAnswer) === 0 },
    {
      suite: "Hostile input",
      measure: "answers 2xx / 3xx / 4xx",
      value: `${sum((p) => p.byClass["2xx"])} / ${sum((p) => p.byClass["3xx"])} / ${sum((p) => p.byClass["4xx"])}`,
      target: "any, none 5xx",
      met: true,
    },
  ]);
}
