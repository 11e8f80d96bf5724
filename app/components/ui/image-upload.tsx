import { Form } from "@remix-run/react";
import { useT, useTranslateError } from "#app/utils/i18n.tsx";
import { ErrorList, SubmitButton } from "./forms.tsx";

/** A multipart form with one image input, its hint and its error. Works without JavaScript. */
export function ImageUploadForm({
  name,
  label,
  hint,
  submitLabel,
  error,
}: {
  name: string;
  label: string;
  hint: string;
  submitLabel: string;
  error?: string | null;
}) {
  const t = useT();
  const translateError = useTranslateError();
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-2">
      <label htmlFor={name} className="block font-semibold">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        required
        className="block w-full"
        aria-describedby={`${name}-hint${error ? ` ${name}-error` : ""}`}
        aria-invalid={error ? true : undefined}
      />
      <p id={`${name}-hint`} className="text-sm text-stone-600">
        {hint}
      </p>
      {error ? <ErrorList id={`${name}-error`} errors={[translateError(error)]} /> : null}
      <SubmitButton className="btn-secondary" pendingLabel={t("form.sending")}>
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
