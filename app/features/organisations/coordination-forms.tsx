import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";

type Reply = SubmissionResult<string[]> | undefined;

/** The coordinators' buttons for one organisation, by its status. Plain forms: they work without JS. */
export function CoordinationForms({
  organisation,
  reply,
}: {
  organisation: { id: number; status: string };
  reply: Reply;
}) {
  const t = useT();
  // Errors belong to this organisation's forms only (the review queue lists several).
  const mine = reply && String((reply.initialValue as Record<string, unknown> | undefined)?.organisationId) === String(organisation.id);
  const errors = mine ? reply?.error : undefined;
  const reasonValue = mine ? String((reply?.initialValue as Record<string, unknown> | undefined)?.reason ?? "") : "";
  const idFor = (intent: string) => `${intent}-reason-${organisation.id}`;
  return (
    <div className="space-y-4">
      <FormErrors errors={errors?.[""] ?? undefined} />
      {organisation.status === "pending" ? (
        <>
          <Form method="post">
            <input type="hidden" name="organisationId" value={organisation.id} />
            <SubmitButton name="intent" value="approve" pendingLabel={t("form.saving")}>
              {t("org.coord.approve")}
            </SubmitButton>
          </Form>
          <ReasonForm intent="reject" id={idFor("reject")} label={t("org.coord.reason")} submit={t("org.coord.reject")} organisationId={organisation.id} errors={errors?.reason ?? undefined} defaultValue={reasonValue} />
        </>
      ) : null}
      {organisation.status === "approved" ? (
        <ReasonForm intent="suspend" id={idFor("suspend")} label={t("org.coord.suspendReason")} submit={t("org.coord.suspend")} organisationId={organisation.id} errors={errors?.reason ?? undefined} defaultValue={reasonValue} />
      ) : null}
      {organisation.status === "suspended" ? (
        <Form method="post">
          <input type="hidden" name="organisationId" value={organisation.id} />
          <SubmitButton name="intent" value="reinstate" className="btn-secondary" pendingLabel={t("form.saving")}>
            {t("org.coord.reinstate")}
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

function ReasonForm(props: {
  intent: string;
  id: string;
  label: string;
  submit: string;
  organisationId: number;
  errors?: string[];
  defaultValue: string;
}) {
  const t = useT();
  const invalid = Boolean(props.errors?.length);
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="organisationId" value={props.organisationId} />
      <label htmlFor={props.id} className="block font-semibold">
        {props.label}
      </label>
      <textarea
        id={props.id}
        name="reason"
        rows={2}
        required
        minLength={5}
        maxLength={1000}
        defaultValue={props.defaultValue}
        className="input"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${props.id}-error` : undefined}
      />
      <ErrorList id={`${props.id}-error`} errors={props.errors} />
      <SubmitButton name="intent" value={props.intent} className="btn-danger" pendingLabel={t("form.saving")}>
        {props.submit}
      </SubmitButton>
    </Form>
  );
}
