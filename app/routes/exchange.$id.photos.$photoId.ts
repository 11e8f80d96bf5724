import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUserForFile } from "#app/.server/auth/index.ts";
import { canOnListing, photoOf, requireListing } from "#app/.server/exchange/index.ts";
import { withTranslatedErrors } from "#app/.server/security.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { idParam } from "#app/utils/id-param.ts";

// A listing's photo, seen by whoever may see the listing. Shared caches keep it only while an
// anonymous visitor could see the listing (published, not hidden, its organisation approved), and
// for a day at most even with ?v=<hash>: hiding the listing or suspending its organisation must
// take it out of public caches soon, so never "immutable".
async function serve({ request, params }: LoaderFunctionArgs) {
  const { listing, organisation } = requireListing(params.id, getUserForFile(request), "view");
  const photoId = idParam(params.photoId);
  const photo = photoId ? photoOf(listing.id, photoId) : undefined;
  if (!photo) throw notFound();
  const isPublic = canOnListing("view", null, { status: listing.status, hiddenAt: listing.hiddenAt, organisationStatus: organisation.status }, null);
  const versioned = new URL(request.url).searchParams.get("v") === photo.hash;
  const cache = !isPublic ? "private, no-store" : versioned ? "public, max-age=86400" : "public, max-age=300";
  return new Response(new Uint8Array(photo.image), { headers: { "Content-Type": photo.contentType, "Cache-Control": cache } });
}

export const loader = withTranslatedErrors(serve);
