import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUserForFile } from "#app/.server/auth/index.ts";
import { logoOf, requireOrganisation } from "#app/.server/organisations/index.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { withTranslatedErrors } from "#app/.server/security.ts";

// The logo image. Its URL carries ?v=<hash>, so it can be cached for a year: a new logo gets a new URL.
async function serve({ request, params }: LoaderFunctionArgs) {
  const { organisation } = requireOrganisation(params.slug, getUserForFile(request), "view");
  const logo = logoOf(organisation.id);
  if (!logo) throw notFound();
  const versioned = new URL(request.url).searchParams.get("v") === logo.hash;
  const cache =
    organisation.status !== "approved"
      ? "private, no-store"
      : versioned
        ? "public, max-age=31536000, immutable"
        : "public, max-age=300";
  return new Response(new Uint8Array(logo.image), {
    headers: { "Content-Type": logo.contentType, "Cache-Control": cache, ETag: `"${logo.hash}"` },
  });
}

// A missing or hidden thing answers with a translated page, not a bare "Not Found".
export const loader = withTranslatedErrors(serve);
