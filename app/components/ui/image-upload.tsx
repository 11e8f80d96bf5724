import { Form } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import { imageSizeError } from "#app/utils/image-upload.ts";
import { useT, useTranslateError } from "#app/utils/i18n.tsx";
import { ErrorList, SubmitButton } from "./forms.tsx";

/**
 * A multipart form with one image input, its hint and its error. Works without JavaScript; with
 * it, a file over the size limit is refused next to the field without being sent (the server
 * refuses such a body before the app runs, so it could not answer with this form).
 */
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
  const input = useRef<HTMLInputElement>(null);
  // The browser's own finding about the chosen file; it replaces the server's until the next send.
  const [clientError, setClientError] = useState<string | null | undefined>(undefined);
  const shown = clientError === undefined ? error : clientError;
  const check = () => imageSizeError(input.current?.files?.[0]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const found = check();
    if (found) {
      event.preventDefault();
      setClientError(found);
      input.current?.focus();
    } else {
      setClientError(undefined);
    }
  };
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-2" onSubmit={onSubmit}>
      <label htmlFor={name} className="block font-semibold">
        {label}
      </label>
      <input
        ref={input}
        id={name}
        name={name}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        required
        className="block w-full"
        aria-describedby={`${name}-hint${shown ? ` ${name}-error` : ""}`}
        aria-invalid={shown ? true : undefined}
        onChange={() => {
          if (clientError !== undefined || check()) setClientError(check());
        }}
      />
      <p id={`${name}-hint`} className="text-sm text-stone-600">
        {hint}
      </p>
      {shown ? <ErrorList id={`${name}-error`} errors={[translateError(shown)]} /> : null}
      <SubmitButton className="btn-secondary" pendingLabel={t("form.sending")}>
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
