import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser } from "#app/.server/auth/index.ts";
import { expressInterest, interestPanel, interestStatus, listingConversations, requireListing } from "#app/.server/exchange/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { idParam } from "#app/utils/id-param.ts";
import { InterestForm, type InterestErrors } from "#app/features/exchange/conversations-section.tsx";
import { hazardConfirmationError } from "#app/features/exchange/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { namedTitleMeta } from "#app/utils/meta.ts";

// "I'm interested" (issue 12): POST opens (or reuses) the private conversation between the
// listing's organisation and the viewer's, with the message typed, and leads to it. The listing's
// page carries the same form; this page shows it again with its errors and what was typed.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? namedTitleMeta(matches, data.listing.title) : []);

/** The listing (404 when unknown or not visible) and the form's state for the viewer. */
function pageData(request: Request, id: string | undefined) {
  const user = getUser(request);
  const { listing, organisation } = requireListing(id, user, "view");
  const panel = interestPanel(listing, user, listingConversations(listing.id, user));
  return { user, listing: { id: listing.id, title: listing.title, hazardous: listing.hazardous }, organisation: { name: organisation.name }, panel };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user: _user, ...rest } = pageData(request, params.id);
  return rest;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, listing } = pageData(request, params.id);
  const here = `/exchange/${listing.id}`;
  if (!user) return redirect(`/login?redirectTo=${encodeURIComponent(here)}`);
  const form = await readForm(request);
  const message = String(form.get("message") ?? "");
  const organisationField = String(form.get("organisationId") ?? "");
  const values = { message, organisationId: organisationField };
  const eors = hazardConfirmationError(listing, form);
  if (eors) return data<InterestErrors>({ eors, values }, { status: 400 });
  const organisationId = idParam(organisationField);
  const answer = expressInterest(user, listing.id, { message, organisationId });
  if (answer.ok) return redirectWithFlash(`/discussions/threads/${answer.threadId}`, { key: "xm.interest.sent" });
  if (answer.reason === "login") return redirect(`/login?redirectTo=${encodeURIComponent(here)}`);
  const errors: InterestErrors =
    answer.reason === "invalid"
      ? { message: `xm.interest.error.${answer.problem}`, values }
      : answer.reason === "organisation"
        ? { organisationId: "xm.interest.error.organisation", values }
        : {
            form: {
              not_found: "xm.interest.error.closed",
              own: "xm.interest.error.own",
              no_organisation: "xm.interest.noOrganisation",
              closed: "xm.interest.error.closed",
              blocked: "xm.interest.error.blocked",
              rate_limited: "xm.interest.error.rate_limited",
            }[answer.reason],
            values,
          };
  return data<InterestErrors>(errors, { status: interestStatus(answer) });
}

export default function InterestPage() {
  const { listing, organisation, panel } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>() as InterestErrors | undefined;
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/exchange/${listing.id}`}>← {listing.title}</Link>
      </p>
      <PageTitle>{listing.title}</PageTitle>
      <InterestForm listingId={listing.id} organisationName={organisation.name} hazardous={listing.hazardous} panel={panel} errors={errors} />
      {panel.state === "own" ? <p>{t("xm.interest.error.own")}</p> : null}
      {panel.state === "closed" ? <p>{t("xm.interest.error.closed")}</p> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
