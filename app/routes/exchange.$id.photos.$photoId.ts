import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "#app/.server/auth/index.ts";
import { listingIdParam, photoOf, requireListing } from "#app/.server/exchange/index.ts";
import { withTranslatedErrors } from "#app/.server/security.ts";
import { notFound } from "#app/utils/http-errors.ts";

// A listing's photo, seen by whoever may see the listing; its URL carries ?v=<hash>, so a
// versioned URL of a public listing can be cached for a year.
async function serve({ request, params }: LoaderFunctionArgs) {
  const { listing } = requireListing(params.id, getUser(request), "view");
  const photoId = listingIdParam(params.photoId);
  const photo = photoId ? photoOf(listing.id, photoId) : undefined;
  if (!photo) throw notFound();
  const isPublic = listing.status !== "draft" && listing.hiddenAt === null;
  const versioned = new URL(request.url).searchParams.get("v") === photo.hash;
  const cache = !isPublic ? "private, no-store" : versioned ? "public, max-age=31536000, immutable" : "public, max-age=300";
  return new Response(new Uint8Array(photo.image), { headers: { "Content-Type": photo.contentType, "Cache-Control": cache } });
}

export const loader = withTranslatedErrors(serve);
