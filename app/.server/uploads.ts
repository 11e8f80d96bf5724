import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_LOGO_BYTES, processLogo } from "#app/.server/organisations/logo.ts";

export const isMultipart = (request: Request) => Boolean(request.headers.get("Content-Type")?.startsWith("multipart/form-data"));

/**
 * Reads one uploaded image from a multipart form, checks it by content and re-encodes it
 * (PNG/JPEG/WebP, at most 2 MB, fitted into `box`). Failures carry the message key and the
 * status to answer with: 413 when too large, 400 otherwise.
 */
export async function readImageUpload(request: Request, field: string, box?: { width: number; height: number }) {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_LOGO_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: "org.errors.logoSize", status: 413 } as const;
    return { ok: false, error: "org.errors.logoType", status: 400 } as const;
  }
  const file = form.get(field);
  if (!(file instanceof File) || file.size === 0) return { ok: false, error: "org.errors.logoType", status: 400 } as const;
  const processed = await processLogo(Buffer.from(await file.arrayBuffer()), box);
  if (!processed.ok) return { ok: false, error: processed.error, status: processed.error === "org.errors.logoSize" ? 413 : 400 } as const;
  return processed;
}
