import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ChoiceGroup } from "#app/components/ui/choice-group.tsx";
import { ConditionalFields } from "#app/components/ui/conditional-fields.tsx";
import { FormToken } from "#app/components/form-token.tsx";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from "#app/components/ui/forms.tsx";
import { actorTypeLabel, chainLabel, roadmapLabel } from "#app/features/organisations/labels.ts";
import { ACTOR_TYPES, REGIONS, ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import { useT } from "#app/utils/i18n.tsx";
import { approachLabel, financingKindLabel, needLabel } from "./labels.ts";
import { InitiativeSchema } from "./schemas.ts";
import { FINANCING_KINDS, INDUSTRY_APPROACHES, NEED_KINDS } from "./taxonomy.ts";

type Input = z.input<typeof InitiativeSchema>;
export type InitiativeDefaults = { [K in keyof Input]?: Input[K] | null };

/** The initiative form, to propose and to edit. Works without JavaScript. */
export function InitiativeForm({
  id,
  lastResult,
  defaultValue,
  organisations,
  submitLabel,
  formToken,
}: {
  id: string;
  /** A create form's one-time token (see app/.server/form-token.ts); edit forms have none. */
  formToken?: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: InitiativeDefaults;
  /** Organisations the person can propose for; a single fixed one when editing. */
  organisations: Array<{ id: number; name: string }>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useForm<Input>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(InitiativeSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InitiativeSchema }),
  });
  const { key: genderKey, ...genderProps } = getInputProps(fields.genderPerspective, { type: "checkbox", value: "on", ariaAttributes: false });
  return (
    <Form method="post" {...getFormProps(form)} className="card" autoComplete={formToken ? "off" : undefined}>
      {formToken ? <FormToken value={formToken} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        meta={fields.leadOrganisationId}
        label={t("ini.fields.lead")}
        options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
      />
      <Field meta={fields.title} label={t("ini.fields.title")} />
      <TextareaField meta={fields.summary} label={t("ini.fields.summary")} description={t("ini.fields.summaryHint")} rows={3} />
      <TextareaField meta={fields.description} label={t("ini.fields.description")} description={t("ini.fields.descriptionHint")} rows={6} />
      <SelectField
        meta={fields.roadmap}
        label={t("ini.fields.roadmap")}
        options={[{ value: "", label: t("org.fields.choose") }, ...ROADMAPS.map((r) => ({ value: r, label: roadmapLabel(t, r) }))]}
      />
      <ConditionalFields applies={fields.roadmap.value === "industry"} testId="approach-fields">
        <ChoiceGroup
          meta={fields.approach}
          type="radio"
          legend={t("ini.fields.approach")}
          description={t("ini.fields.approachHint")}
          columns="grid-cols-1"
          options={INDUSTRY_APPROACHES.map((a) => ({ value: a, label: approachLabel(t, a) }))}
        />
      </ConditionalFields>
      <ChoiceGroup meta={fields.valueChains} legend={t("ini.fields.valueChains")} options={VALUE_CHAINS.map((c) => ({ value: c, label: chainLabel(t, c) }))} />
      <ChoiceGroup
        meta={fields.regions}
        legend={t("ini.fields.regions")}
        columns="grid-cols-2 sm:grid-cols-3"
        options={REGIONS.map((r) => ({ value: r.code, label: r.name }))}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.startOn} label={t("ini.fields.startOn")} type="date" />
        <Field meta={fields.endOn} label={t("ini.fields.endOn")} type="date" />
      </div>
      <ChoiceGroup
        meta={fields.needs}
        legend={t("ini.fields.needs")}
        description={t("ini.fields.needsHint")}
        options={NEED_KINDS.map((n) => ({ value: n, label: needLabel(t, n) }))}
      />
      <div className="mb-4 space-y-1 rounded-md border border-stone-200 p-3">
        <Field meta={fields.partnersNote} label={t("ini.fields.partnersNote")} />
        <ChoiceGroup
          meta={fields.partnerActorTypes}
          legend={t("ini.fields.partnerActorTypes")}
          options={ACTOR_TYPES.map((a) => ({ value: a, label: actorTypeLabel(t, a) }))}
        />
        <Field meta={fields.financingAmount} label={t("ini.fields.financingAmount")} description={t("ini.fields.financingAmountHint")} />
        <ChoiceGroup
          meta={fields.financingKind}
          type="radio"
          legend={t("ini.fields.financingKind")}
          columns="sm:grid-cols-3"
          options={FINANCING_KINDS.map((k) => ({ value: k, label: financingKindLabel(t, k) }))}
        />
        <Field meta={fields.financingNote} label={t("ini.fields.financingNote")} />
        <Field meta={fields.technologyNote} label={t("ini.fields.technologyNote")} />
        <Field meta={fields.trainingNote} label={t("ini.fields.trainingNote")} />
        <Field meta={fields.infrastructureNote} label={t("ini.fields.infrastructureNote")} />
        <Field meta={fields.otherNote} label={t("ini.fields.otherNote")} />
      </div>
      <div className="mb-4">
        <label className="flex items-start gap-2">
          <input key={genderKey} {...genderProps} className="mt-1 h-5 w-5 shrink-0 accent-brand-700" />
          <span>{t("ini.fields.genderPerspective")}</span>
        </label>
      </div>
      <Field meta={fields.genderNote} label={t("ini.fields.genderNote")} />
      <SubmitButton pendingLabel={t("form.saving")}>{submitLabel}</SubmitButton>
    </Form>
  );
}
