import { expect, test } from "vitest";
import { run } from "../../scripts/soak/disk.ts";
import { recordFigures } from "./figures.ts";

// The disk scenario of the reliability suite (scripts/soak/disk.ts) at its small size, as root: the
// built server's database on a tmpfs that fills up and on an ext4 loop device the kernel turns
// read-only; writes must get the translated 503 page with Retry-After (never a 500), reads go on,
// /healthz says so, nothing is corrupted, and writes resume once space returns. It fails (it
// does not skip) when it cannot mount: run the tests as root, as CI does.
test("a full or read-only disk answers writes 503 with a clear page, keeps reads and the data intact, and recovers when space returns", async () => {
  const figures = await run({ size: "small" });
  recordFigures("soak-disk-small", figures);
  expect(figures.filter((f) => !f.met)).toEqual([]);
  expect(figures.length).toBeGreaterThanOrEqual(14);
}, 150_000);
