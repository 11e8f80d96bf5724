import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ChoiceGroup } from "#app/components/ui/choice-group.tsx";
import { ConditionalFields } from "#app/components/ui/conditional-fields.tsx";
import { FormToken } from "#app/components/form-token.tsx";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from "#app/components/ui/forms.tsx";
import { chainLabel, roadmapLabel } from "#app/features/organisations/labels.ts";
import { REGIONS, ROADMAPS, VALUE_CHAINS } from "#app/features/organisations/taxonomy.ts";
import { useT } from "#app/utils/i18n.tsx";
import { eventFormatLabel, eventTypeLabel } from "./labels.ts";
import { EventSchema, type EventFormInput } from "./schemas.ts";
import { EVENT_FORMATS, EVENT_TYPES } from "./taxonomy.ts";

type Input = EventFormInput;
export type EventDefaults = { [K in keyof Input]?: Input[K] | null };

/** The coordinators' event form (create and edit). Times are typed in Lima time. */
export function EventForm({
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
  defaultValue?: EventDefaults;
  /** The event's current co-organisers (none for a new event); more are added by name. */
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
  return (
    <Form method="post" {...getFormProps(form)} className="card" autoComplete={formToken ? "off" : undefined}>
      {formToken ? <FormToken value={formToken} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.title} label={t("ev.fields.title")} />
      <SelectField
        meta={fields.type}
        label={t("ev.fields.type")}
        options={[{ value: "", label: t("org.fields.choose") }, ...EVENT_TYPES.map((v) => ({ value: v, label: eventTypeLabel(t, v) }))]}
      />
      <ConditionalFields applies={fields.type.value === "forum"} testId="forum-fields">
        <Field meta={fields.forumYear} label={t("ev.fields.forumYear")} type="number" description={t("ev.fields.forumYearHint")} />
      </ConditionalFields>
      <TextareaField meta={fields.summary} label={t("ev.fields.summary")} rows={2} />
      <TextareaField meta={fields.description} label={t("ev.fields.description")} description={t("ev.fields.descriptionHint")} rows={5} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.startsAt} label={t("ev.fields.startsAt")} type="datetime-local" />
        <Field meta={fields.endsAt} label={t("ev.fields.endsAt")} type="datetime-local" />
      </div>
      <ChoiceGroup meta={fields.format} type="radio" legend={t("ev.fields.format")} columns="sm:grid-cols-3" options={EVENT_FORMATS.map((v) => ({ value: v, label: eventFormatLabel(t, v) }))} />
      <ConditionalFields applies={fields.format.value !== "online"} testId="venue-fields">
        <Field meta={fields.venueName} label={t("ev.fields.venueName")} description={t("ev.fields.venueHint")} />
        <Field meta={fields.venueAddress} label={t("ev.fields.venueAddress")} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field meta={fields.city} label={t("ev.fields.city")} />
          <SelectField
            meta={fields.region}
            label={t("ev.fields.region")}
            options={[{ value: "", label: t("org.fields.choose") }, ...REGIONS.map((r) => ({ value: r.code, label: r.name }))]}
          />
        </div>
      </ConditionalFields>
      <ConditionalFields applies={fields.format.value !== "in_person"} testId="online-fields">
        <Field meta={fields.onlineUrl} label={t("ev.fields.onlineUrl")} type="url" description={t("ev.fields.onlineUrlHint")} />
      </ConditionalFields>
      <Field meta={fields.capacity} label={t("ev.fields.capacity")} type="number" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.registrationOpensAt} label={t("ev.fields.opensAt")} type="datetime-local" />
        <Field meta={fields.registrationClosesAt} label={t("ev.fields.closesAt")} type="datetime-local" />
      </div>
      <TextareaField meta={fields.questions} label={t("ev.fields.questions")} description={t("ev.fields.questionsHint")} rows={3} />
      {organisations.length ? (
        <ChoiceGroup meta={fields.organisers} legend={t("ev.fields.organisers")} options={organisations.map((o) => ({ value: String(o.id), label: o.name }))} />
      ) : null}
      <TextareaField meta={fields.organiserNames} label={t("ev.fields.organiserNames")} description={t("ev.fields.organiserNamesHint")} rows={3} />
      <ChoiceGroup meta={fields.roadmaps} legend={t("ev.fields.roadmaps")} options={ROADMAPS.map((v) => ({ value: v, label: roadmapLabel(t, v) }))} />
      <ChoiceGroup meta={fields.valueChains} legend={t("ev.fields.valueChains")} options={VALUE_CHAINS.map((v) => ({ value: v, label: chainLabel(t, v) }))} />
      <SubmitButton pendingLabel={t("form.saving")}>{submitLabel}</SubmitButton>
    </Form>
  );
}
