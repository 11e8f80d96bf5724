import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { installZodMessages } from "#app/utils/zod-messages.ts";

// As both entries do: zod's own messages become dictionary keys.
installZodMessages();

// Every test file gets its own copy of the migrated base database: no shared state, no wiping.
const tmp = process.env.TEST_TMP_DIR ?? path.resolve("tests/.tmp");
const file = path.join(tmp, `test-${process.pid}-${crypto.randomUUID()}.sqlite`);
fs.copyFileSync(path.join(tmp, "base.sqlite"), file);

const globalForDb = globalThis as unknown as { __appDb?: { sqlite: { close(): void } } };
globalForDb.__appDb?.sqlite.close();
globalForDb.__appDb = undefined;

process.env.DATABASE_PATH = file;
process.env.NODE_ENV = "test";
process.env.APP_URL = "http://localhost:3000";
// Mail stays in the outbox table, where tests read it.
delete process.env.SMTP_URL;
process.env.MAIL_TRANSPORT = "outbox";

afterAll(() => {
  globalForDb.__appDb?.sqlite.close();
  globalForDb.__appDb = undefined;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
