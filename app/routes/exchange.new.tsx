import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { createListing, linkableInitiatives, listingRefusalReply, organisationsUserListsFor } from "#app/.server/exchange/index.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { ListingForm } from "#app/features/exchange/listing-form.tsx";
import { listingSchema } from "#app/features/exchange/schemas.ts";
import { limaDay } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "exch.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const organisations = organisationsUserListsFor(user.id);
  // ?organisation=<id> (the profile's "post for this organisation") chooses it first.
  const wanted = Number(new URL(request.url).searchParams.get("organisation"));
  const first = organisations.find((o) => o.id === wanted) ?? organisations[0];
  return {
    organisations,
    // Initiatives of the first organisation; linking is offered when only one organisation can post.
    initiatives: organisations.length === 1 && first ? linkableInitiatives(first.id) : [],
    defaults: { organisationId: first?.id, kind: "have" as const, priceMode: "to_agree" as const, availableFrom: limaDay(Date.now()) },
    formToken: issueFormToken(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await readForm(request);
  const once = submitOnce(form, { userId: user.id, form: "exchange-listing" });
  const submission = parseWithZod(form, { schema: listingSchema({ withOrganisation: true }) });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const input = submission.value;
  const result = createListing(
    user.id,
    input.organisationId!,
    input,
    new Date(),
    once.writer((r) => (r.ok ? { redirectTo: `/exchange/${r.id}`, flash: { key: input.intent === "publish" ? "exch.new.published" : "exch.new.saved" } } : null)),
  );
  if (!result.ok) return listingRefusalReply(submission, result.error);
  return once.respond();
}

export default function NewListingPage() {
  const { organisations, initiatives, defaults, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle lead={t("exch.new.lead")}>{t("exch.new.title")}</PageTitle>
      {organisations.length === 0 ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4">
          {t("exch.new.noOrganisation")} <Link to="/account/organisations">{t("nav.myOrganisations")}</Link>
        </p>
      ) : (
        <ListingForm
          id="new-listing"
          formToken={formToken}
          lastResult={actionData?.result}
          organisations={organisations}
          initiatives={initiatives}
          defaultValue={defaults}
          buttons={[
            { intent: "publish", label: t("exch.new.publish"), primary: true },
            { intent: "draft", label: t("exch.new.saveDraft") },
          ]}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
