// The HTTP server. `npm run dev` runs this file with tsx and Vite in middleware mode; `npm run
// build` compiles it to build/server.js, which `npm start` runs with `exec node`, so the process
// that receives SIGTERM/SIGINT is the one that shuts down gracefully.
import crypto from "node:crypto";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { assignMissingHandles } from "../app/.server/auth/handles.ts";
import { env } from "../app/.server/env.ts";
import { startMailWorker, stopMailWorker } from "../app/.server/mail-queue.ts";
import "../app/.server/notification-kinds.ts";
import { sendDueDigests } from "../app/.server/notifications/index.ts";
import { runInRequestScope } from "../app/.server/request-scope.ts";
import { AnonymousPageCache, anonymousPageKey, isCacheableAnswer, type CachedPage } from "../app/.server/page-cache.ts";
import { contentSecurityPolicy, isOneClickUnsubscribePath, isSameOriginRequest, MAX_BODY_BYTES, plainErrorPage } from "../app/.server/security.ts";
import { apiUnavailable, isApiPath } from "../app/.server/api/errors.ts";
import { answerDatabaseTroubleWith503, DATABASE_RETRY_AFTER_SECONDS, databaseTrouble, databaseUnavailablePage } from "../app/.server/database-errors.ts";
import { databasePath, migrateDatabase, openDatabase } from "../db/connection.ts";
import { deleteExpiredRows } from "../db/housekeeping.ts";
import { expireListings, remindExpiringListings } from "../app/.server/exchange/expiry.ts";

// A bad or incomplete environment (e.g. production without a mail transport) stops here, before
// anything listens, with the reason.
let settings: ReturnType<typeof env>;
try {
  settings = env();
} catch (error) {
  console.error(`Perú País Circular cannot start.\n${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const isProduction = settings.NODE_ENV === "production";
const port = settings.PORT;
const host = process.env.HOST ?? "0.0.0.0";

// server/index.ts and build/server.js sit one level below the project root, so the same relative
// addresses work from both.
const projectFile = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

// Migrations run before the app accepts requests. The same connection then does hourly
// housekeeping (expired sessions, spent tokens, old rate-limit windows).
const maintenance = openDatabase();
migrateDatabase(maintenance.db);
// Accounts created before issue 10 get their @handle (ADR 0013) on the first start after it.
assignMissingHandles(maintenance.db);
// The resource exchange's listings expire the day after their available-until day and their
// owners are reminded a week before (issue 12); a failure is logged and retried the next hour.
function exchangeHousekeeping() {
  try {
    expireListings();
    remindExpiringListings();
  } catch (error) {
    console.error("Exchange housekeeping failed", error);
  }
}
// Deleting spent rows is a write: on a full or read-only disk it fails, which must neither stop
// the server from starting nor kill it an hour later (it serves what it can, answering writes
// 503); it is tried again the next hour.
function deleteSpentRows() {
  try {
    deleteExpiredRows(maintenance.db);
  } catch (error) {
    if (!databaseTrouble(error)) throw error;
    console.error("Housekeeping could not delete expired rows; will retry in an hour", error);
  }
}
const housekeeping = setInterval(() => {
  deleteSpentRows();
  exchangeHousekeeping();
}, 60 * 60 * 1000);
housekeeping.unref();
deleteSpentRows();
exchangeHousekeeping();

const app = express();
const server = http.createServer(app);
let shuttingDown = false;

// In development Vite's HMR websocket shares this server's port, so two dev servers on two ports
// never fight over Vite's default HMR port.
const viteDevServer = isProduction
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true, hmr: { server } } }));

app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY);

// A response sent before its request body was read (a 403, 405, 413, a redirect) leaves the rest
// of the body on a keep-alive connection; unread, it blocks the next request on that connection
// until the idle timeout closes it (≈ 5 s). Bodies are bounded (the size guard below), so the
// rest is read and discarded. Whoever was reading it (Remix's body stream pauses the request
// whenever its own buffer is full) is detached first, as Node's own `_dump()` does.
app.use((req, res, next) => {
  res.once("finish", () => {
    if (!req.complete && !req.destroyed) {
      req.removeAllListeners("data");
      req.resume();
    }
    // During shutdown a connection whose response just ended is idle: close it now rather than
    // after the keep-alive timeout.
    if (shuttingDown) setImmediate(() => server.closeIdleConnections());
  });
  if (shuttingDown) res.setHeader("Connection", "close");
  next();
});

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, { development: !isProduction }));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (isProduction) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
});

// Cross-site writes are refused before any application code runs. The open data API is read-only
// and open to every origin: a POST (or any other method) there only ever reaches its JSON 405 with
// Allow (app/.server/api/handler.ts `apiAction`), so it is let through to give that answer. So is
// the one-click unsubscribe, which mail providers POST from their servers (RFC 8058).
app.use((req, res, next) => {
  if (isSameOriginRequest(req) || isApiPath(req.originalUrl) || isOneClickUnsubscribePath(req.originalUrl)) return next();
  res.status(403).type("html").send(plainErrorPage(req, 403));
});

app.use((req, res, next) => {
  const length = Number(req.headers["content-length"] ?? 0);
  // A body without a declared length could be endless; browsers always declare it for forms.
  const undeclared = req.headers["transfer-encoding"] !== undefined && req.headers["content-length"] === undefined;
  if (length > MAX_BODY_BYTES || undeclared) {
    // Answer at once and discard what the client is still sending, so it reads the 413 instead
    // of a reset connection. Far larger bodies (or undeclared ones) are cut off instead of read.
    if (undeclared || length > 8 * MAX_BODY_BYTES) res.set("Connection", "close");
    else req.resume();
    res.status(413).type("html").send(plainErrorPage(req, 413));
    return;
  }
  next();
});

// React Router segments cannot mix a parameter and a suffix, so /events/:slug.ics is rewritten to
// the calendar resource route at /events/:slug/calendar.ics.
app.use((req, _res, next) => {
  const match = /^\/events\/([^/]+)\.ics$/.exec(req.path);
  if (match && (req.method === "GET" || req.method === "HEAD")) {
    // The Remix adapter builds its Request from originalUrl, so both are rewritten.
    req.url = `/events/${match[1]}/calendar.ics`;
    req.originalUrl = req.url;
  }
  next();
});

app.use(compression());

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  // Hashed file names change with their content, so they can be cached for a year.
  app.use("/assets", express.static(projectFile("build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(projectFile("build/client"), { maxAge: "1h" }));
}

// A database that cannot be used for reasons outside the request (disk full, read-only file
// system, I/O error, busy past its timeout) answers 503 with Retry-After from every loader and
// action, never a 500 (app/.server/database-errors.ts): the API in its JSON, pages with their
// translated error page.
const answerDatabaseTrouble = (serverBuild: ServerBuild) =>
  answerDatabaseTroubleWith503(serverBuild, (request) =>
    isApiPath(new URL(request.url).pathname) ? apiUnavailable(DATABASE_RETRY_AFTER_SECONDS) : databaseUnavailablePage(request),
  );
const build = viteDevServer
  ? () => (viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>).then(answerDatabaseTrouble)
  : answerDatabaseTrouble((await import(new URL("../build/server/index.js", import.meta.url).href)) as ServerBuild);

const handleWithRemix = createRequestHandler({
  build,
  mode: isProduction ? "production" : "development",
  getLoadContext: (req, res) => ({ clientIp: req.ip, cspNonce: res.locals.cspNonce as string }),
});
// Anonymous visitors' public pages come from the page cache when nothing they show has changed
// (app/.server/page-cache.ts). Off in development, where the code itself changes.
const pageCache = isProduction && process.env.PAGE_CACHE !== "off" ? new AnonymousPageCache() : undefined;

app.all("*", (req, res, next) => {
  const key = pageCache ? anonymousPageKey(req.method, req.originalUrl, req.headers.cookie, req.headers["accept-language"]) : null;
  if (pageCache && key) {
    const version = pageCache.version();
    const cached = pageCache.get(key, version);
    if (cached) return sendCachedPage(req, res, cached);
    res.setHeader("X-Page-Cache", "miss");
    keepPageWhenSent(res, (html) => pageCache.put(key, { version, html, nonce: res.locals.cspNonce as string, headers: headersToKeep(res) }));
  }
  runInRequestScope(req.method, () => handleWithRemix(req, res, next));
});

// The headers of a page that belong to the page itself (not to this one response).
function headersToKeep(res: express.Response) {
  const kept: Record<string, string> = {};
  for (const name of ["content-type", "cache-control", "vary", "content-language", "link"]) {
    const value = res.getHeader(name);
    if (value !== undefined) kept[name] = String(value);
  }
  return kept;
}

/** Collects the body the app writes (before compression) and hands it over if it may be kept. */
function keepPageWhenSent(res: express.Response, keep: (html: Buffer) => void) {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => express.Response;
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && typeof chunk !== "function") collect(chunk, rest[0]);
    const answer = { contentType: String(res.getHeader("content-type") ?? ""), setCookie: res.getHeader("set-cookie"), cacheControl: String(res.getHeader("cache-control") ?? "") };
    if (isCacheableAnswer(res.statusCode, answer)) keep(Buffer.concat(chunks));
    return end(chunk, ...rest);
  }) as typeof res.end;
}

/** Answers with a stored page: its own CSP nonce, gzip as stored when the client takes it. */
function sendCachedPage(req: express.Request, res: express.Response, page: CachedPage) {
  res.status(200);
  for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(page.nonce, { development: !isProduction }));
  res.setHeader("X-Page-Cache", "hit");
  const vary = String(res.getHeader("Vary") ?? "");
  if (!/accept-encoding/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  // With Content-Encoding already set, the compression middleware leaves the body alone.
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  const body = gzip ? page.gzip : page.html;
  res.setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}

server.listen(port, host, () => {
  const mail =
    settings.mailTransport === "smtp"
      ? "mail via SMTP"
      : "demo mail mode: mail is NOT sent; read it at /dev/outbox or in this log";
  console.log(`Perú País Circular listening on http://localhost:${port} (database ${databasePath()}; ${mail})`);
});

// Mail goes out from here, outside requests (ADR 0013): the worker polls the queue every second,
// is woken by every enqueue, retries with backoff, and once a minute sends the digests that are due.
startMailWorker({ everyMinute: sendDueDigests });

// Graceful shutdown: stop accepting connections, let in-flight requests finish, then close the
// database so the WAL is checkpointed.
function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal} received: finishing in-flight requests`);
  const force = setTimeout(() => {
    console.error("Shutdown timed out; exiting");
    process.exit(1);
  }, 10_000);
  force.unref();
  server.close(async () => {
    // A send under way finishes first; rows claimed and not sent are retried after their lease
    // by the next start (same Message-ID).
    await stopMailWorker();
    const handle = (globalThis as { __appDb?: { sqlite: { close(): void } } }).__appDb;
    handle?.sqlite.close();
    clearInterval(housekeeping);
    maintenance.sqlite.close();
    void viteDevServer?.close();
    console.log("Closed cleanly");
    process.exit(0);
  });
  // Keep-alive connections between requests are closed now; those with a request in progress
  // close after their response (Node answers them with `Connection: close`).
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
