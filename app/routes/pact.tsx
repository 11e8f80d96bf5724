import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireRole, isStaff } from "#app/.server/auth/index.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { replyWithErrors, readForm } from "#app/.server/forms.ts";
import {
  findOrganisationById,
  approvedOrganisationsWithoutSignature,
  pactSignatoriesPage,
  recordHistoricalSignature,
} from "#app/.server/organisations/index.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { FormToken } from "#app/components/form-token.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { Field, FormErrors, PageTitle, SelectField, SubmitButton } from "#app/components/ui/forms.tsx";
import { actorTypeLabel } from "#app/features/organisations/labels.ts";
import { PactCommitments } from "#app/features/organisations/pact-commitments.tsx";
import { HistoricalSignatureSchema, limaDayStart } from "#app/features/organisations/schemas.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDate } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { personName } from "#app/utils/person-name.ts";
import { keyedPageMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "pact.title", "meta.pact");

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  const staff = isStaff(user);
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const { rows, total, pages } = pactSignatoriesPage(page);
  redirectPastLastPage(request, pages);
  const signatories = rows.map((s) => ({ ...s, signedAt: s.signedAt.getTime() }));
  return {
    signatories,
    total,
    page,
    pages,
    // Coordinators record historical signatures for approved organisations not yet listed.
    unsigned: staff ? approvedOrganisationsWithoutSignature() : null,
    // One-time token for the record form: a repeat records nothing twice; a new token empties the form.
    formToken: staff ? issueFormToken() : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = requireRole(request, ["coordinator", "admin"]);
  const form = await readForm(request);
  const once = submitOnce(form, { userId: coordinator.id, form: "historical-signature" });
  const submission = parseWithZod(form, { schema: HistoricalSignatureSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const organisation = findOrganisationById(submission.value.organisationId);
  if (!organisation || organisation.status !== "approved") {
    return replyWithErrors(submission, 400, { fieldErrors: { organisationId: ["errors.invalidOption"] } });
  }
  const signature = {
    signerName: submission.value.signerName,
    signerPosition: submission.value.signerPosition,
    signedAt: limaDayStart(submission.value.signedOn),
  };
  const result = once.write(() => recordHistoricalSignature(organisation.id, coordinator.id, signature), {
    redirectTo: "/pact",
    flash: { key: "pact.recorded", vars: { name: organisation.name } },
  });
  if (!result.ok) return replyWithErrors(submission, 409, { fieldErrors: { organisationId: ["org.errors.alreadySigned"] } });
  return once.respond();
}

export default function PactPage() {
  const { signatories, total, page, pages, unsigned, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <PageTitle lead={t("pact.lead")}>{t("pact.title")}</PageTitle>
      <PactCommitments />
      <section aria-labelledby="signatories-heading">
        <h2 id="signatories-heading" className="mb-1 text-2xl font-bold">
          {t("pact.signatoriesTitle")}
        </h2>
        <p className="mb-3 text-stone-700">{t.count("pact.signatoriesCount", total)}</p>
        {signatories.length === 0 ? (
          <p>{t("pact.signatoriesEmpty")}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-stone-700 sm:hidden" id="signatories-scroll-hint">
              {t("table.scrollHint")}
            </p>
            {/* Scrolls within its box on phones, with edge shadows as the cue; focusable for keyboards. */}
            <div
              className="scroll-cue rounded-md border border-stone-200"
              role="region"
              aria-label={t("table.region", { name: t("pact.signatoriesTitle") })}
              aria-describedby="signatories-scroll-hint"
              tabIndex={0}
              data-testid="signatories-table"
            >
              <table className="w-full min-w-[36rem] border-collapse text-left">
                <thead>
                  <tr className="border-b border-stone-300">
                    <th scope="col" className="p-3">{t("pact.organisation")}</th>
                    <th scope="col" className="p-3">{t("pact.signedOn")}</th>
                    <th scope="col" className="p-3">{t("pact.signer")}</th>
                  </tr>
                </thead>
                <tbody>
                  {signatories.map((s) => (
                    <tr key={s.slug} className="border-b border-stone-200 align-top">
                      <td className="p-3">
                        <Link to={`/organisations/${s.slug}`}>{s.name}</Link>
                        <div className="text-sm text-stone-700">
                          {actorTypeLabel(t, s.actorType)} · {regionName(s.hqRegion)}
                        </div>
                      </td>
                      <td className="p-3 whitespace-nowrap">{formatDate(locale, s.signedAt)}</td>
                      <td className="p-3">
                        {personName(s.signerName, t)}
                        <div className="text-sm text-stone-700">{s.signerPosition}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={page} pages={pages} hrefFor={(n) => (n > 1 ? `/pact?page=${n}` : "/pact")} />
          </>
        )}
      </section>
      {unsigned ? (
        <section aria-labelledby="record-heading" className="max-w-lg">
          <h2 id="record-heading" className="mb-1 text-xl font-bold">
            {t("pact.recordTitle")}
          </h2>
          <p className="mb-3 text-stone-700">{t("pact.recordLead")}</p>
          <RecordSignatureForm key={formToken} formToken={formToken ?? ""} lastResult={actionData?.result} unsigned={unsigned} />
        </section>
      ) : null}
    </div>
  );
}

/** Keyed by the form token: after a signature is recorded the loader issues a new one and the form remounts empty. */
function RecordSignatureForm({
  formToken,
  lastResult,
  unsigned,
}: {
  formToken: string;
  lastResult?: SubmissionResult<string[]>;
  unsigned: Array<{ id: number; name: string }>;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "record-signature",
    lastResult,
    constraint: getZodConstraint(HistoricalSignatureSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HistoricalSignatureSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card" autoComplete="off">
      <FormToken value={formToken} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        meta={fields.organisationId}
        label={t("pact.recordOrganisation")}
        options={[{ value: "", label: t("org.fields.choose") }, ...unsigned.map((o) => ({ value: String(o.id), label: o.name }))]}
      />
      <Field meta={fields.signerName} label={t("pact.signerName")} />
      <Field meta={fields.signerPosition} label={t("pact.signerPosition")} />
      <Field meta={fields.signedOn} label={t("pact.recordDate")} type="date" />
      <SubmitButton pendingLabel={t("form.saving")}>{t("pact.recordSubmit")}</SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
