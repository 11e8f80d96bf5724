import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { installZodMessages } from "#app/utils/zod-messages.ts";

// Each test file gets its own copy of the seeded demo database. The file's server (server.ts)
// opens it, and the test process opens the same file through the app's own modules to build its
// world and to check what reached the database — two processes on one WAL database, as in
// production with a maintenance script beside the server.
installZodMessages();

const tmp = process.env.HTTP_TEST_TMP_DIR;
if (!tmp) throw new Error("tests/http/global-setup.ts did not run (use vitest.http.config.ts)");
const file = path.join(tmp, `http-${process.pid}-${crypto.randomUUID()}.sqlite`);
fs.copyFileSync(path.join(tmp, "seeded.sqlite"), file);

const globalForDb = globalThis as unknown as { __appDb?: { sqlite: { close(): void } } };
globalForDb.__appDb?.sqlite.close();
globalForDb.__appDb = undefined;

process.env.DATABASE_PATH = file;
process.env.NODE_ENV = "test";
process.env.APP_URL = "http://localhost:3000";
delete process.env.SMTP_URL;
process.env.MAIL_TRANSPORT = "outbox";

afterAll(() => {
  globalForDb.__appDb?.sqlite.close();
  globalForDb.__appDb = undefined;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
