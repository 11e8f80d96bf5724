import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUserForFile } from "#app/.server/auth/index.ts";
import { coverOf, requireEvent } from "#app/.server/events/index.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { withTranslatedErrors } from "#app/.server/security.ts";

// The cover image; its URL carries ?v=<hash>, so a versioned URL can be cached for a year.
async function serve({ request, params }: LoaderFunctionArgs) {
  const { event } = requireEvent(params.slug, getUserForFile(request), "view");
  const cover = coverOf(event.id);
  if (!cover) throw notFound();
  const versioned = new URL(request.url).searchParams.get("v") === cover.hash;
  const cache = event.status === "draft" ? "private, no-store" : versioned ? "public, max-age=31536000, immutable" : "public, max-age=300";
  return new Response(new Uint8Array(cover.image), { headers: { "Content-Type": cover.contentType, "Cache-Control": cache } });
}

// A missing or hidden thing answers with a translated page, not a bare "Not Found".
export const loader = withTranslatedErrors(serve);
