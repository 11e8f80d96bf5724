import type { LoaderFunctionArgs } from "@remix-run/node";
import { organisationNameSuggestions } from "#app/.server/organisations/index.ts";

// Names of approved organisations for what someone has typed so far (`?q=`), for the datalists
// of fields that take an organisation's name (inviting a partner to an initiative). Public data,
// as the directory is; a bounded answer whatever the number of organisations.
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  // Not kept by the browser: an organisation approved or suspended a moment ago must show at once.
  return Response.json({ names: organisationNameSuggestions(typed) }, { headers: { "Cache-Control": "no-store" } });
}
