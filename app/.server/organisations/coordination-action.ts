import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { SessionUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { CoordinationSchema } from "#app/features/organisations/coordination-schemas.ts";
import { canOnOrganisation } from "./permissions.ts";
import { decideApplication, reinstateOrganisation, suspendOrganisation } from "./coordination.ts";
import { badRequest, forbidden, notFound } from "#app/utils/http-errors.ts";

/**
 * Handles a coordinator's form (approve, reject, suspend, reinstate) from the review queue or an
 * organisation's page, answering a redirect with a message, or the form with its errors.
 * `onlyOrganisationId`: on an organisation's own page, the form may act on that organisation only
 * (a posted id of another one is a 400), so the page's URL and the decision always agree.
 */
export async function handleCoordinationForm(
  formData: FormData,
  coordinator: SessionUser,
  redirectTo: string,
  onlyOrganisationId?: number,
) {
  if (!canOnOrganisation("review", coordinator, { status: "pending" }, null)) {
    throw forbidden();
  }
  const submission = parseWithZod(formData, { schema: CoordinationSchema });
  if (submission.status !== "success") {
    return data({ coordination: submission.reply() }, { status: 400 });
  }
  const value = submission.value;
  if (onlyOrganisationId !== undefined && value.organisationId !== onlyOrganisationId) throw badRequest();
  const result =
    value.intent === "approve"
      ? await decideApplication(value.organisationId, coordinator.id, { decision: "approve" })
      : value.intent === "reject"
        ? await decideApplication(value.organisationId, coordinator.id, { decision: "reject", reason: value.reason })
        : value.intent === "suspend"
          ? await suspendOrganisation(value.organisationId, coordinator.id, value.reason)
          : reinstateOrganisation(value.organisationId, coordinator.id);
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    const message = result.error === "notPending" ? "org.errors.notPending" : "org.errors.badState";
    return data({ coordination: submission.reply({ formErrors: [message] }) }, { status: 409 });
  }
  const name = result.organisation.name;
  const key = {
    approve: "review.approved",
    reject: "review.rejected",
    suspend: "org.coord.suspended",
    reinstate: "org.coord.reinstated",
  } as const;
  return redirectWithFlash(redirectTo, { key: key[value.intent], vars: { name } });
}
