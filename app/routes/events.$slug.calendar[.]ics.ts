import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUserForFile } from "#app/.server/auth/index.ts";
import { attachmentHeader } from "#app/.server/downloads.ts";
import { appUrl } from "#app/.server/env.ts";
import { eventToIcs, requireEvent } from "#app/.server/events/index.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { withTranslatedErrors } from "#app/.server/security.ts";

// Served at /events/:slug.ics (the server rewrites that address here; see server/index.ts).
async function serve({ request, params }: LoaderFunctionArgs) {
  const { event } = requireEvent(params.slug, getUserForFile(request), "view");
  return new Response(eventToIcs(event, appUrl(), getLocale(request)), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": attachmentHeader(event.slug, "ics"),
      "Cache-Control": "no-cache",
      Vary: "Accept-Language, Cookie",
    },
  });
}

// A missing or hidden thing answers with a translated page, not a bare "Not Found".
export const loader = withTranslatedErrors(serve);
