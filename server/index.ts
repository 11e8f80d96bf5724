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
import {
  contentSecurityPolicy,
  isDataRequestPath,
  isOneClickUnsubscribePath,
  isSameOriginRequest,
  MAX_BODY_BYTES,
  PAGE_METHODS,
  plainErrorPage,
  requestTargetProblem,
  ROUTED_METHODS,
} from "../app/.server/security.ts";
import { ApiError, apiErrorResponse, apiUnavailable, isApiPath, methodNotAllowed } from "../app/.server/api/errors.ts";
import { isExplainedStatus } from "../app/utils/http-errors.ts";
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
let listenerClosed = false;

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
    // after the keep-alive timeout. Not before the listener is closed: until then, connections
    // just accepted look idle too while their requests wait to be read (see shutdown()).
    if (shuttingDown && listenerClosed) setImmediate(() => server.closeIdleConnections());
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
// the one-click unsubscribe, which mail providers POST from their servers (RFC 8058). Their
// Origin is then dropped: it proves nothing there, and Remix's own origin check would throw on a
// foreign one (a 500 instead of the route's answer).
app.use((req, res, next) => {
  if (isSameOriginRequest(req)) return next();
  if (isApiPath(req.originalUrl) || isOneClickUnsubscribePath(req.originalUrl)) {
    delete req.headers.origin;
    return next();
  }
  res.status(403).type("html").send(plainErrorPage(req, 403));
});

// Then requests that no route can answer are refused (issue 14, hostile input): a method Remix
// does not route (TRACE and CONNECT made Node's Request throw, a 500) gets 405 with Allow; a target
// that is not a path, whose percent-encoding is not UTF-8, that holds a control character or a
// backslash (the router cannot match or rebuild it: 500s and internal messages), or that asks for
// Remix's legacy `?_data=` endpoint gets 400. The API answers in its own JSON.
app.use((req, res, next) => {
  const api = isApiPath(req.originalUrl);
  // Remix's single-fetch data requests (`/x.data`) are GETs of loaders and POSTs to actions; Remix
  // takes any other method for an action and, with a foreign Origin, throws (a 500).
  if (isDataRequestPath(req.originalUrl) && req.method !== "GET" && req.method !== "POST") {
    res.status(405).set("Allow", "GET, POST").type("html").send(plainErrorPage(req, 405));
    return;
  }
  if (!ROUTED_METHODS.has(req.method)) {
    if (api) return void sendResponse(res, methodNotAllowed());
    res.status(405).set("Allow", PAGE_METHODS).type("html").send(plainErrorPage(req, 405));
    return;
  }
  if (requestTargetProblem(req.originalUrl)) {
    if (api) return void sendResponse(res, apiErrorResponse(new ApiError(400, "invalid_parameter", "The request's address is malformed.")));
    res.status(400).type("html").send(plainErrorPage(req, 400));
    return;
  }
  next();
});

/** Sends a web Response (an API answer built by app code) through Express. */
async function sendResponse(res: express.Response, response: Response) {
  res.status(response.status);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.send(Buffer.from(await response.arrayBuffer()));
}

app.use((req, res, next) => {
  const length = Number(req.headers["content-length"] ?? 0);
  // A body without a declared length could be endless; browsers always declare it for forms.
  const undeclared = req.headers["transfer-encoding"] !== undefined && req.headers["content-length"] === undefined;
  if (length > MAX_BODY_BYTES || undeclared) {
    // Far larger bodies (or undeclared ones) are cut off instead of read.
    const answer = () => void res.status(413).type("html").send(plainErrorPage(req, 413));
    if (undeclared || length > 8 * MAX_BODY_BYTES) {
      res.set("Connection", "close");
      answer();
      return;
    }
    // The rest is read and discarded, so the client reads the 413 instead of a reset connection.
    // A client that asked for `Connection: close` gets the answer once its body is in: Node closes
    // such a connection right after the answer, and the body still arriving made the system reset
    // it, losing the answer on the way (issue 14, hostile input).
    req.resume();
    if (/\bclose\b/i.test(req.headers.connection ?? "")) req.once("end", answer);
    else answer();
    return;
  }
  next();
});

// The read-only API answers every write 405 with Allow (app/.server/api/handler.ts gives the same
// answer). It is given here once the body (bounded by the size guard above) has been read: an
// answer before it, on a connection the client asked to close, was lost to a reset while the body
// still arrived (issue 14, hostile input), as the 413 above was.
app.use((req, res, next) => {
  if (!isApiPath(req.originalUrl) || ["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const answer = () => void sendResponse(res, methodNotAllowed());
  if (req.complete) return answer();
  req.resume();
  req.once("end", answer);
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

// Errors Express itself meets (a static file's bad range, a body it could not read) get the
// translated page of their status, never Express's bare English one; anything else is a 500,
// logged, with the translated 500 page.
app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
  if (res.headersSent) return next(error);
  const status = typeof error === "object" && error && "status" in error && typeof error.status === "number" ? error.status : 500;
  if (isExplainedStatus(status)) {
    res.status(status).type("html").send(plainErrorPage(req, status));
    return;
  }
  console.error(error);
  res.status(500).type("html").send(plainErrorPage(req, 500));
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

// A request Node's parser refuses (a URL or headers over its 16 KB limit, broken framing) is
// answered here. Node's own answer destroys the connection while the client may still be sending,
// and the reset loses the answer on the way; instead it is sent, the rest of the request is read
// and discarded for a few seconds, and the connection closed.
const refusedSockets = new WeakSet<object>();
server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
  // Node's parser, fed the rest of the bytes, reports the same request again: answered once.
  if (refusedSockets.has(socket)) return;
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  refusedSockets.add(socket);
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  socket.removeAllListeners("data");
  socket.on("error", () => socket.destroy());
  socket.resume();
  setTimeout(() => socket.destroy(), 5_000).unref();
});

// A CONNECT (a proxy tunnel request) never reaches Express: without a listener Node drops the
// connection unanswered. This server is no proxy, so it says so.
server.on("connect", (_req, socket) => {
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: ${PAGE_METHODS}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
});

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
  // Requests that reached this process before the signal are answered even when it is too busy
  // to have taken them in yet: closing the listener resets the connections still waiting in the
  // kernel's accept queue, and closing idle connections resets those whose request is not read
  // yet. So the listener closes (which also closes idle connections) only once the accept queue
  // is empty and the requests on the connections accepted meanwhile have been read.
  afterPendingConnectionsTakenIn(() => {
    listenerClosed = true;
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
  });
}

/**
 * Calls `then` once a turn of the event loop has passed without accepting a connection (each
 * turn's poll accepts every connection waiting then, so the accept queue was empty), plus one
 * more turn, whose poll reads the requests already sent on the connections just accepted. Gives
 * up waiting after `maxMs` (clients that keep connecting must not hold the shutdown).
 */
function afterPendingConnectionsTakenIn(then: () => void, maxMs = 2_000) {
  const deadline = Date.now() + maxMs;
  let accepted = 0;
  const count = () => accepted++;
  server.on("connection", count);
  const check = () => {
    if (accepted > 0 && Date.now() < deadline) {
      accepted = 0;
      setImmediate(check);
      return;
    }
    server.off("connection", count);
    setImmediate(then);
  };
  // The signal's own turn counts as busy: its poll may have accepted connections before this
  // handler ran, and only the next poll reads their requests.
  accepted = 1;
  setImmediate(check);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
