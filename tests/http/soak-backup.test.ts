import { expect, test } from "vitest";
import { run } from "../../scripts/soak/backup.ts";
import { recordFigures } from "./figures.ts";

// The backup-and-restore scenario of the reliability suite (scripts/soak/backup.ts) at its small
// size: `npm run db:backup` while clients post forms to the built server, the copy checked against
// what the clients saw acknowledged, `npm run db:restore` refused while the server runs and then
// restoring the stopped instance, which starts and serves. `npm run soak` runs it at full size.
test("an online backup under write load is a consistent snapshot, and restoring it into the stopped instance brings back exactly that", async () => {
  const figures = await run({ size: "small" });
  recordFigures("soak-backup-small", figures);
  expect(figures.filter((f) => !f.met)).toEqual([]);
  expect(figures.length).toBeGreaterThanOrEqual(12);
}, 150_000);
