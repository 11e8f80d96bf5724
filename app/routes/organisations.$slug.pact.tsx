import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { replyWithErrors, readForm } from "#app/.server/forms.ts";
import { organisationProfile, requireOrganisation, signPact, withdrawPact } from "#app/.server/organisations/index.ts";
import { FormToken } from "#app/components/form-token.tsx";
import { ErrorList, Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { PactCommitments } from "#app/features/organisations/pact-commitments.tsx";
import { PactSignatureSchema } from "#app/features/organisations/schemas.ts";
import { formatDate } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { personName } from "#app/utils/person-name.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "pact.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { organisation } = requireOrganisation(params.slug, user, "signPact");
  const { activeSignature, signatureHistory } = organisationProfile(organisation.id);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    signerName: user.name,
    active: activeSignature
      ? { signedAt: activeSignature.signedAt.getTime(), signerName: activeSignature.signerName, signerPosition: activeSignature.signerPosition }
      : null,
    history: signatureHistory.map((s) => ({
      id: s.id,
      signedAt: s.signedAt.getTime(),
      withdrawnAt: s.withdrawnAt?.getTime() ?? null,
      signerName: s.signerName,
      recorded: s.recordedBy !== null,
    })),
    // One-time token for the signature form: a double click signs once and answers like the first.
    formToken: issueFormToken(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { organisation } = requireOrganisation(params.slug, user, "signPact");
  const formData = await readForm(request);
  const here = `/organisations/${organisation.slug}/pact`;
  if (formData.get("intent") === "withdraw") {
    const result = withdrawPact(organisation.id, user.id);
    if (!result.ok) return replyWithErrors(parseWithZod(formData, { schema: PactSignatureSchema }), 409, { formErrors: ["org.errors.notSigned"] });
    return redirectWithFlash(here, { key: "pact.withdrawn", vars: { name: organisation.name } });
  }
  const once = submitOnce(formData, { userId: user.id, form: "pact-signature" });
  const submission = parseWithZod(formData, { schema: PactSignatureSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const signature = submission.value;
  const result = once.write(() => signPact(organisation.id, user.id, signature), {
    redirectTo: `/organisations/${organisation.slug}`,
    flash: { key: "pact.signed", vars: { name: organisation.name } },
  });
  if (!result.ok) return replyWithErrors(submission, 409, { formErrors: ["org.errors.alreadySigned"] });
  return once.respond();
}

export default function SignPactPage() {
  const { organisation, active, history, signerName, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "sign-pact",
    lastResult: actionData?.result,
    defaultValue: { signerName },
    constraint: getZodConstraint(PactSignatureSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PactSignatureSchema }),
  });
  const { key: confirmKey, ...confirmProps } = getInputProps(fields.confirm, { type: "checkbox", ariaAttributes: false });
  const confirmInvalid = Boolean(fields.confirm.errors?.length);
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <p>
        <Link to={`/organisations/${organisation.slug}`}>← {organisation.name}</Link>
      </p>
      <PageTitle>{t("pact.signTitle", { name: organisation.name })}</PageTitle>
      <PactCommitments />
      {active ? (
        <section className="card space-y-3">
          <p>
            {t("pact.signedAlready", {
              name: organisation.name,
              date: formatDate(locale, active.signedAt),
              signer: personName(active.signerName, t),
              position: active.signerPosition,
            })}
          </p>
          <p className="text-stone-700">{t("pact.withdrawLead")}</p>
          <FormErrors errors={actionData?.result.error?.[""] ?? undefined} />
          <Form method="post">
            <SubmitButton name="intent" value="withdraw" className="btn-danger" pendingLabel={t("form.saving")}>
              {t("pact.withdrawSubmit")}
            </SubmitButton>
          </Form>
        </section>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card" autoComplete="off">
          <FormToken value={formToken} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field meta={fields.signerName} label={t("pact.signerName")} autoComplete="name" />
          <Field meta={fields.signerPosition} label={t("pact.signerPosition")} autoComplete="organization-title" />
          <div className="mb-4">
            <label className="flex items-start gap-2">
              <input
                key={confirmKey}
                {...confirmProps}
                className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
                aria-invalid={confirmInvalid || undefined}
                aria-describedby={confirmInvalid ? fields.confirm.errorId : undefined}
              />
              <span>{t("pact.confirm")}</span>
            </label>
            <ErrorList id={fields.confirm.errorId} errors={fields.confirm.errors} />
          </div>
          <SubmitButton name="intent" value="sign" pendingLabel={t("form.sending")}>
            {t("pact.signSubmit")}
          </SubmitButton>
        </Form>
      )}
      {history.length ? (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading" className="mb-2 text-xl font-bold">
            {t("pact.historyTitle")}
          </h2>
          <ul className="space-y-1">
            {history.map((s) => (
              <li key={s.id}>
                {formatDate(locale, s.signedAt)} · {personName(s.signerName, t)}
                {s.recorded ? ` · ${t("pact.historyRecorded")}` : ""}
                {s.withdrawnAt ? ` · ${t("pact.historyWithdrawn", { date: formatDate(locale, s.withdrawnAt) })}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
