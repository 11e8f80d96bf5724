import { create as contentDisposition } from "content-disposition";

const MAX_NAME_LENGTH = 100;

/**
 * The Content-Disposition header for a download called `name.extension`, where the name may come
 * from user data (a slug, a title): control characters are dropped, the name is cut to 100
 * characters, and non-ASCII names are sent per RFC 6266/8187 (`filename*=UTF-8''…`) with an ASCII
 * fallback, so no name can break the header or make it invalid (a 500). `extension` has no dot.
 */
export function attachmentHeader(name: string, extension: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = [...name.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim()].slice(0, MAX_NAME_LENGTH).join("") || "download";
  return contentDisposition(`${clean}.${extension}`);
}
