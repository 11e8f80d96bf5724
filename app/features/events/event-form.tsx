import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ChoiceGroup } from "#app/components/ui/choice-group.tsx";
import { ErrorList, Field, FormErrors, SelectField, SubmitButton } from "#app/components/ui/forms.tsx";
import { chainLabel, roadmapLabel } from "#app/features/organisations/labels.ts";
import { REGIONS, ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import { useT } from "#app/utils/i18n.tsx";
import { eventFormatLabel, eventTypeLabel } from "./labels.ts";
import { EventSchema } from "./schemas.ts";
import { EVENT_FORMATS, EVENT_TYPES } from "./taxonomy.ts";

type Input = z.input<typeof EventSchema>;
export type EventDefaults = { [K in keyof Input]?: Input[K] | null };

/** The coordinators' event form (create and edit). Times are typed in Lima time. */
export function EventForm({
  id,
  lastResult,
  defaultValue,
  organisations,
  submitLabel,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: EventDefaults;
  organisations: Array<{ id: number; name: string }>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useForm<Input>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(EventSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventSchema }),
  });
  const area = (meta: typeof fields.description, label: string, hint?: string, rows = 3) => {
    const { key, ...props } = getTextareaProps(meta, { ariaAttributes: false });
    const invalid = Boolean(meta.errors?.length);
    return (
      <div className="mb-4">
        <label htmlFor={meta.id} className="mb-1 block font-semibold">
          {label}
        </label>
        <textarea
          key={key}
          {...props}
          rows={rows}
          className="input"
          aria-invalid={invalid || undefined}
          aria-describedby={[hint ? meta.descriptionId : "", invalid ? meta.errorId : ""].filter(Boolean).join(" ") || undefined}
        />
        {hint ? (
          <p id={meta.descriptionId} className="mt-1 text-sm text-stone-600">
            {hint}
          </p>
        ) : null}
        <ErrorList id={meta.errorId} errors={meta.errors} />
      </div>
    );
  };
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.title} label={t("ev.fields.title")} />
      <SelectField
        meta={fields.type}
        label={t("ev.fields.type")}
        options={[{ value: "", label: t("org.fields.choose") }, ...EVENT_TYPES.map((v) => ({ value: v, label: eventTypeLabel(t, v) }))]}
      />
      <Field meta={fields.forumYear} label={t("ev.fields.forumYear")} type="number" />
      {area(fields.summary, t("ev.fields.summary"), undefined, 2)}
      {area(fields.description, t("ev.fields.description"), t("ev.fields.descriptionHint"), 5)}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.startsAt} label={t("ev.fields.startsAt")} type="datetime-local" />
        <Field meta={fields.endsAt} label={t("ev.fields.endsAt")} type="datetime-local" />
      </div>
      <ChoiceGroup meta={fields.format} type="radio" legend={t("ev.fields.format")} columns="sm:grid-cols-3" options={EVENT_FORMATS.map((v) => ({ value: v, label: eventFormatLabel(t, v) }))} />
      <Field meta={fields.venueName} label={t("ev.fields.venueName")} />
      <Field meta={fields.venueAddress} label={t("ev.fields.venueAddress")} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.city} label={t("ev.fields.city")} />
        <SelectField
          meta={fields.region}
          label={t("ev.fields.region")}
          options={[{ value: "", label: t("org.fields.choose") }, ...REGIONS.map((r) => ({ value: r.code, label: r.name }))]}
        />
      </div>
      <Field meta={fields.onlineUrl} label={t("ev.fields.onlineUrl")} type="url" />
      <Field meta={fields.capacity} label={t("ev.fields.capacity")} type="number" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.registrationOpensAt} label={t("ev.fields.opensAt")} type="datetime-local" />
        <Field meta={fields.registrationClosesAt} label={t("ev.fields.closesAt")} type="datetime-local" />
      </div>
      {area(fields.questions, t("ev.fields.questions"), t("ev.fields.questionsHint"), 3)}
      <ChoiceGroup meta={fields.organisers} legend={t("ev.fields.organisers")} options={organisations.map((o) => ({ value: String(o.id), label: o.name }))} />
      <ChoiceGroup meta={fields.roadmaps} legend={t("ev.fields.roadmaps")} options={ROADMAPS.map((v) => ({ value: v, label: roadmapLabel(t, v) }))} />
      <ChoiceGroup meta={fields.valueChains} legend={t("ev.fields.valueChains")} options={VALUE_CHAINS.map((v) => ({ value: v, label: chainLabel(t, v) }))} />
      <SubmitButton pendingLabel={t("form.saving")}>{submitLabel}</SubmitButton>
    </Form>
  );
}
