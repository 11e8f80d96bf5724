import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { listingAudit, requireListing, setListingHidden } from "#app/.server/exchange/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ErrorList, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { HideListingSchema } from "#app/features/exchange/exchange-schemas.ts";
import { ListingAuditSection } from "#app/features/exchange/exchanges-section.tsx";
import { forbidden, notFound } from "#app/utils/http-errors.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

// Coordinators hide a listing that breaks the rules, or show it again, with a reason (issue 12).
// Members and everyone else: 403 (404 where they may not see the listing); anonymous: log in.

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "xr.hide.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { listing } = requireListing(params.id, user, "hide");
  return { listing: { id: listing.id, title: listing.title, hidden: listing.hiddenAt !== null }, audit: listingAudit(listing.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { listing } = requireListing(params.id, user, "hide");
  const submission = parseWithZod(await readForm(request), { schema: HideListingSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const { intent, reason } = submission.value;
  const result = setListingHidden(user, listing.id, intent, reason);
  if (!result.ok) {
    if (result.error === "alreadyInState") return replyWithErrors(submission, 409, { formErrors: ["xr.hide.already"] });
    throw result.error === "notFound" ? notFound() : forbidden();
  }
  return redirectWithFlash(`/exchange/${listing.id}`, { key: intent === "hide" ? "xr.flash.hidden" : "xr.flash.shown" });
}

export default function HideListingPage() {
  const { listing, audit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "hide-listing",
    lastResult: actionData?.result,
    constraint: getZodConstraint(HideListingSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HideListingSchema }),
  });
  const { key, ...reasonProps } = getTextareaProps(fields.reason, { ariaAttributes: false });
  const invalid = Boolean(fields.reason.errors?.length);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link to={`/exchange/${listing.id}`}>← {listing.title}</Link>
      </p>
      <PageTitle lead={t("xr.hide.lead")}>{t("xr.hide.title")}</PageTitle>
      <p role="status" className="font-semibold">
        {t(listing.hidden ? "xr.hide.isHidden" : "xr.hide.isShown")}
      </p>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.intent.name} value={listing.hidden ? "show" : "hide"} />
        <div className="mb-4">
          <label htmlFor={fields.reason.id} className="mb-1 block font-semibold">
            {t("xr.hide.reason")}
          </label>
          <textarea
            key={key}
            {...reasonProps}
            rows={3}
            className="input"
            aria-invalid={invalid || undefined}
            aria-describedby={`${fields.reason.descriptionId}${invalid ? ` ${fields.reason.errorId}` : ""}`}
          />
          <p id={fields.reason.descriptionId} className="mt-1 text-sm text-stone-600">
            {t("xr.hide.reasonHint")}
          </p>
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <SubmitButton pendingLabel={t("form.saving")} className={listing.hidden ? "btn-primary" : "btn-danger"}>
          {t(listing.hidden ? "xr.hide.show" : "xr.hide.hide")}
        </SubmitButton>
      </Form>
      <ListingAuditSection listingId={listing.id} audit={audit} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
