import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode } from "react";
import { useTranslateError } from "#app/utils/i18n.tsx";

type InputType = "text" | "email" | "password" | "search" | "url" | "number" | "tel" | "hidden" | "date" | "datetime-local";

function describedBy(...ids: Array<string | false | undefined>) {
  const value = ids.filter(Boolean).join(" ");
  return value || undefined;
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const translateError = useTranslateError();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm font-medium text-red-800">
      {errors.map((error) => (
        <li key={error}>{translateError(error)}</li>
      ))}
    </ul>
  );
}

export function Field({
  meta,
  label,
  type = "text",
  description,
  autoComplete,
  className,
  extra,
}: {
  meta: FieldMetadata<string | number | undefined>;
  label: string;
  type?: InputType;
  description?: string;
  autoComplete?: string;
  className?: string;
  /** More attributes for the input (a datalist, a length limit, an input handler). */
  extra?: Pick<InputHTMLAttributes<HTMLInputElement>, "list" | "maxLength" | "onInput">;
}) {
  const invalid = Boolean(meta.errors?.length);
  const { key, ...inputProps } = getInputProps(meta, { type, ariaAttributes: false });
  return (
    <div className={className ?? "mb-4"}>
      <label htmlFor={meta.id} className="mb-1 block font-semibold">
        {label}
      </label>
      <input
        key={key}
        {...inputProps}
        {...extra}
        className="input"
        autoComplete={autoComplete}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(description && meta.descriptionId, invalid && meta.errorId)}
      />
      {description ? (
        <p id={meta.descriptionId} className="mt-1 text-sm text-stone-600">
          {description}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
}: {
  meta: FieldMetadata<string | number | undefined>;
  label: string;
  options: Array<{ value: string; label: string }>;
}) {
  const invalid = Boolean(meta.errors?.length);
  const { key, ...selectProps } = getSelectProps(meta, { ariaAttributes: false });
  return (
    <div className="mb-4">
      <label htmlFor={meta.id} className="mb-1 block font-semibold">
        {label}
      </label>
      <select
        key={key}
        {...selectProps}
        className="input"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid && meta.errorId)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Errors about the whole form (wrong credentials, rate limits), announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const translateError = useTranslateError();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 font-medium text-red-900">
      {errors.map((error) => (
        <p key={error}>{translateError(error)}</p>
      ))}
    </div>
  );
}

/** Submit button that shows a pending label while its form is being sent. */
export function SubmitButton({
  children,
  pendingLabel,
  className = "btn-primary",
  name,
  value,
}: {
  children: ReactNode;
  pendingLabel: string;
  className?: string;
  name?: string;
  value?: string;
}) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" && (name === undefined || navigation.formData?.get(name) === value);
  return (
    <button type="submit" className={className} disabled={pending} name={name} value={value}>
      {pending ? pendingLabel : children}
    </button>
  );
}

export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-3xl font-bold text-stone-900">{children}</h1>
      {lead ? <p className="mt-2 text-lg text-stone-700">{lead}</p> : null}
    </div>
  );
}

/** A labelled textarea with an optional hint and its errors (Conform field). */
export function TextareaField({
  meta,
  label,
  description,
  rows = 3,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  description?: string;
  rows?: number;
}) {
  const invalid = Boolean(meta.errors?.length);
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: false });
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
        aria-describedby={describedBy(description && meta.descriptionId, invalid && meta.errorId)}
      />
      {description ? (
        <p id={meta.descriptionId} className="mt-1 text-sm text-stone-600">
          {description}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
