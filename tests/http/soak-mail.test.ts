import { expect, test } from "vitest";
import { run } from "../../scripts/soak/mail.ts";
import { recordFigures } from "./figures.ts";

// The mail scenario of the reliability suite (scripts/soak/mail.ts) at its small size: the built
// server's real mail (sign-ups, resets, reply notifications) through a real local SMTP server that
// is down, refusing (4xx, and 5xx for one recipient), back, and holding DATA open while the server
// is killed. Every figure must meet its target; `npm run soak` runs it at full size.
test("mail is never lost: kept and retried with backoff while the mail server is down or refusing, delivered once when it is back, and after a SIGKILL mid-send", async () => {
  const figures = await run({ size: "small" });
  recordFigures("soak-mail-small", figures);
  expect(figures.filter((f) => !f.met)).toEqual([]);
  expect(figures.length).toBeGreaterThanOrEqual(10);
}, 150_000);
