import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser, type SessionUser } from "#app/.server/auth/index.ts";
import { conversationCounterparts, recordableOrganisations, recordExchange, requireListing, type RecordRefusal } from "#app/.server/exchange/index.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { exchangeRecordSchema } from "#app/features/exchange/exchange-schemas.ts";
import { RecordExchangeForm } from "#app/features/exchange/record-exchange-form.tsx";
import { QUANTITY_UNITS, type QuantityUnit } from "#app/features/exchange/taxonomy.ts";
import { limaDay } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";
import { forbidden } from "#app/utils/http-errors.ts";
import { titleMeta } from "#app/utils/meta.ts";

// Recording an exchange on a listing (issue 12): owners and editors of the listing's organisation,
// or of an approved counterpart. The other side confirms it from the listing page.

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "xr.record.title");

/** The listing (404 if unseen) and the organisations the person may record for (403 if none). */
function recording(id: string | undefined, user: SessionUser) {
  const found = requireListing(id, user, "view");
  const target = { status: found.listing.status, hiddenAt: found.listing.hiddenAt, organisationStatus: found.organisation.status };
  const organisations = recordableOrganisations(user, found.listing.organisationId, target);
  if (organisations.length === 0) throw forbidden();
  const dimension = QUANTITY_UNITS[found.listing.unit as QuantityUnit].dimension;
  return { ...found, organisations, dimension };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { listing, organisation, organisations, dimension } = recording(params.id, user);
  return {
    listing: { id: listing.id, title: listing.title },
    listingOrganisation: { id: organisation.id, name: organisation.name },
    organisations: organisations.map(({ id, name, listingSide }) => ({ id, name, listingSide })),
    counterparts: organisations.some((o) => o.listingSide) ? conversationCounterparts(listing.id) : [],
    dimension,
    today: limaDay(Date.now()),
    formToken: issueFormToken(),
  };
}

const STATUS: Record<RecordRefusal, 400 | 403 | 404> = {
  notFound: 404,
  forbidden: 403,
  chooseOrganisation: 400,
  counterpartUnknown: 400,
  counterpartNotApproved: 400,
  self: 400,
  otherDimension: 400,
  badQuantity: 400,
  badDate: 400,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { listing, dimension } = recording(params.id, user);
  const form = await readForm(request);
  const once = submitOnce(form, { userId: user.id, form: "exchange-record" });
  const today = limaDay(Date.now());
  const submission = parseWithZod(form, { schema: exchangeRecordSchema({ dimension, today }) });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const result = recordExchange(user, listing.id, submission.value, {
    today,
    write: once.writer((r) => (r.ok ? { redirectTo: `/exchange/${listing.id}#exchanges`, flash: { key: "xr.flash.recorded" } } : null)),
  });
  if (!result.ok) return replyWithErrors(submission, STATUS[result.error], { formErrors: [`xr.refusal.${result.error}`] });
  return once.respond();
}

export default function RecordExchangePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <Link to={`/exchange/${data.listing.id}`}>← {t("xr.record.back")}</Link>
      </p>
      <PageTitle lead={t("xr.record.lead", { title: data.listing.title })}>{t("xr.record.title")}</PageTitle>
      <RecordExchangeForm
        key={data.formToken}
        lastResult={actionData?.result}
        dimension={data.dimension}
        today={data.today}
        organisations={data.organisations}
        counterparts={data.counterparts}
        listingOrganisation={data.listingOrganisation}
        formToken={data.formToken}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
