import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUser } from "#app/.server/auth/index.ts";
import { postLocation } from "#app/features/discussions/actions.server.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { postHref } from "#app/features/discussions/links.ts";
import { idParam } from "#app/features/discussions/schemas.ts";
import { notFound } from "#app/utils/http-errors.ts";

// A post's permalink: 302 to the page of its thread that holds it, scrolled to it (#post-N).
// 404 when there is no such post or this person may not see it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const found = id ? postLocation(id, getUser(request)) : null;
  if (!found) throw notFound();
  return redirect(postHref(found.threadId, found.number));
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
