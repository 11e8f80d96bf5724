import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/.server/auth/index.ts";
import { mentionSuggestions } from "#app/.server/discussions/index.ts";

// People to @mention for what someone has typed after "@" (`?q=`), for the reply box's
// suggestions: up to eight `{ handle, name }`. Signed-in people only (anonymous requests go to log
// in); never kept by the browser, so a new member shows at once.
export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  const typed = (new URL(request.url).searchParams.get("q") ?? "").trim().replace(/^@/, "").slice(0, 40);
  const people = typed ? mentionSuggestions(typed).map((p) => ({ handle: p.handle, name: p.name })) : [];
  return Response.json({ people }, { headers: { "Cache-Control": "no-store" } });
}
