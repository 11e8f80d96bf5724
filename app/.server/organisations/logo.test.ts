import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { MAX_LOGO_BYTES, processLogo } from "./logo.ts";

const image = (format: "png" | "jpeg" | "webp" | "gif", size = 600) =>
  sharp({ create: { width: size, height: size / 2, channels: 3, background: "#1f7f4c" } })
    .toFormat(format)
    .toBuffer();

describe("logo upload", () => {
  test.each(["png", "jpeg", "webp"] as const)("a %s is re-encoded as WebP within 256×256", async (format) => {
    const result = await processLogo(await image(format));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const meta = await sharp(result.image).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.width).toBe(256);
    expect(meta.height).toBe(128);
    expect(result.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  test("the type is judged by content: a GIF, or text named .png, is refused", async () => {
    expect(await processLogo(await image("gif"))).toEqual({ ok: false, error: "org.errors.logoType" });
    expect(await processLogo(Buffer.from("<svg onload=alert(1)>not an image</svg>"))).toEqual({
      ok: false,
      error: "org.errors.logoType",
    });
    expect(await processLogo(Buffer.alloc(0))).toEqual({ ok: false, error: "org.errors.logoType" });
  });

  test("a truncated image is refused, not a crash", async () => {
    const png = await image("png");
    expect(await processLogo(png.subarray(0, Math.floor(png.length / 2)))).toEqual({ ok: false, error: "org.errors.logoType" });
  });

  test("more than 2 MB is refused before decoding", async () => {
    expect(await processLogo(Buffer.alloc(MAX_LOGO_BYTES + 1))).toEqual({ ok: false, error: "org.errors.logoSize" });
  });
});
