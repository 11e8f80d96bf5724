/**
 * The largest image (logo, event cover, listing photo) accepted, in bytes: 2 MB. The server checks
 * it (app/.server/organisations/logo.ts); the upload form checks it too, in the browser, before
 * sending (app/components/ui/image-upload.tsx), since a body over the server's limit is refused
 * before the app can answer with the form.
 */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** The message key for a chosen file, or null when it may be sent. */
export function imageSizeError(file: { size: number } | null | undefined): "org.errors.logoSize" | null {
  return file && file.size > MAX_IMAGE_BYTES ? "org.errors.logoSize" : null;
}
