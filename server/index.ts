import crypto from "node:crypto";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { contentSecurityPolicy, isSameOriginRequest, MAX_BODY_BYTES, plainErrorPage } from "../app/.server/security.ts";
import { databasePath, migrateDatabase, openDatabase } from "../db/connection.ts";
import { deleteExpiredRows } from "../db/housekeeping.ts";

const isProduction = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

// Migrations run before the app accepts requests. The same connection then does hourly
// housekeeping (expired sessions, spent tokens, old rate-limit windows).
const maintenance = openDatabase();
migrateDatabase(maintenance.db);
const housekeeping = setInterval(() => deleteExpiredRows(maintenance.db), 60 * 60 * 1000);
housekeeping.unref();
deleteExpiredRows(maintenance.db);

const viteDevServer = isProduction
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY);

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

// Cross-site writes are refused before any application code runs.
app.use((req, res, next) => {
  if (isSameOriginRequest(req)) return next();
  res.status(403).type("html").send(plainErrorPage(req, 403));
});

app.use((req, res, next) => {
  const length = Number(req.headers["content-length"] ?? 0);
  // A body without a declared length could be endless; browsers always declare it for forms.
  const undeclared = req.headers["transfer-encoding"] !== undefined && req.headers["content-length"] === undefined;
  if (length > MAX_BODY_BYTES || undeclared) {
    // Answer at once and discard what the client is still sending, so it reads the 413 instead
    // of a reset connection.
    // Far larger bodies (or undeclared ones) are cut off instead of read.
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
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
  : ((await import(new URL("../build/server/index.js", import.meta.url).href)) as ServerBuild);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: isProduction ? "production" : "development",
    getLoadContext: (req, res) => ({ clientIp: req.ip, cspNonce: res.locals.cspNonce as string }),
  }),
);

const server: Server = app.listen(port, host, () => {
  console.log(`Perú País Circular listening on http://localhost:${port} (database ${databasePath()})`);
});

// Graceful shutdown: stop accepting connections, let in-flight requests finish, then close the
// database so the WAL is checkpointed.
let shuttingDown = false;
function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal} received: finishing in-flight requests`);
  const force = setTimeout(() => {
    console.error("Shutdown timed out; exiting");
    process.exit(1);
  }, 10_000);
  force.unref();
  server.close(() => {
    const handle = (globalThis as { __appDb?: { sqlite: { close(): void } } }).__appDb;
    handle?.sqlite.close();
    clearInterval(housekeeping);
    maintenance.sqlite.close();
    void viteDevServer?.close();
    console.log("Closed cleanly");
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
