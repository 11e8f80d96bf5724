// Bench mode for the SQL statement count, loaded only by the HTTP benchmark:
//   node --import ./scripts/bench-sql-preload.mjs build/server.js
// It counts, through better-sqlite3 itself (the database layer under Drizzle), every statement
// executed (Statement#run/get/all/iterate, which #pragma uses, and Database#exec) and every
// statement prepared (Database#prepare), in this process. The BEGIN/COMMIT that
// Database#transaction issues natively are not counted. `GET /__bench/sql` answers the running totals as JSON,
// before the app sees the request; the benchmark reads them before and after one request to a
// page, with no other traffic, so the difference is that page's count. No application code
// changes: the app's Statement objects share the prototype patched here.
import http from "node:http";
import { createRequire } from "node:module";
import process from "node:process";

const require = createRequire(`${process.cwd()}/package.json`);
const Database = require("better-sqlite3");

const counts = { executed: 0, prepared: 0 };

const probe = new Database(":memory:");
const statementPrototype = Object.getPrototypeOf(probe.prepare("SELECT 1"));
probe.close();

for (const method of ["run", "get", "all", "iterate"]) {
  const original = statementPrototype[method];
  statementPrototype[method] = function (...args) {
    counts.executed++;
    return original.apply(this, args);
  };
}
// Database#pragma runs its statement through Statement#get/all, so it is counted above.
const exec = Database.prototype.exec;
Database.prototype.exec = function (...args) {
  counts.executed++;
  return exec.apply(this, args);
};
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (...args) {
  counts.prepared++;
  return prepare.apply(this, args);
};

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === "request" && args[0].url === "/__bench/sql") {
    const response = args[1];
    response.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    response.end(JSON.stringify(counts));
    return true;
  }
  return emit.call(this, event, ...args);
};
