import crypto from "node:crypto";
import sharp from "sharp";

import { MAX_IMAGE_BYTES } from "#app/utils/image-upload.ts";

export const MAX_LOGO_BYTES = MAX_IMAGE_BYTES;
const ALLOWED_FORMATS = new Set(["png", "jpeg", "webp"]);

/**
 * Checks an uploaded logo by its content (not its name or declared type), then re-encodes it as
 * a WebP within the given box (256×256 for logos), which also drops metadata and anything
 * smuggled inside the file. Event covers use the same rules with a wider box.
 */
export async function processLogo(input: Buffer, box: { width: number; height: number } = { width: 256, height: 256 }) {
  if (input.length === 0) return { ok: false, error: "org.errors.logoType" } as const;
  if (input.length > MAX_LOGO_BYTES) return { ok: false, error: "org.errors.logoSize" } as const;
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    return { ok: false, error: "org.errors.logoType" } as const;
  }
  if (!format || !ALLOWED_FORMATS.has(format)) return { ok: false, error: "org.errors.logoType" } as const;
  let image: Buffer;
  try {
    // A truncated file passes the header check but fails here; limitInputPixels refuses
    // decompression bombs.
    image = await sharp(input, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize(box.width, box.height, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    return { ok: false, error: "org.errors.logoType" } as const;
  }
  const hash = crypto.createHash("sha256").update(image).digest("hex").slice(0, 16);
  return { ok: true, image, contentType: "image/webp", hash } as const;
}
