import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/.server/auth/index.ts";
import { respondToExchange } from "#app/.server/exchange/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ExchangeResponseSchema } from "#app/features/exchange/exchange-schemas.ts";
import { badRequest, conflict, forbidden, notFound } from "#app/utils/http-errors.ts";
import { idParam } from "#app/utils/id-param.ts";

// The other side's answer to a recorded exchange (issue 12): POST decision=confirm|decline, from
// the listing page. Not party to it → 404; the recording side or a plain member → 403; already
// answered → 409. Back to the listing's exchanges with a message.

export async function loader() {
  throw notFound();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const exchangeId = idParam(params.exchangeId);
  if (!exchangeId) throw notFound();
  const parsed = ExchangeResponseSchema.safeParse({ decision: (await readForm(request)).get("decision") ?? undefined });
  if (!parsed.success) throw badRequest();
  const result = respondToExchange(user, exchangeId, parsed.data.decision);
  if (!result.ok) throw result.error === "notFound" ? notFound() : result.error === "forbidden" ? forbidden() : conflict();
  return redirectWithFlash(`/exchange/${result.listingId}#exchanges`, { key: parsed.data.decision === "confirm" ? "xr.flash.confirmed" : "xr.flash.declined" });
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
