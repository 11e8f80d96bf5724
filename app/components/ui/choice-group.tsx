import type { FieldMetadata } from "@conform-to/react";
import { ErrorList } from "./forms.tsx";

/** A group of checkboxes (several values) or radio buttons (one value) in a fieldset. */
export function ChoiceGroup({
  meta,
  legend,
  options,
  type = "checkbox",
  description,
  columns = "sm:grid-cols-2",
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field holding one or several option values
  meta: FieldMetadata<any>;
  legend: string;
  options: Array<{ value: string; label: string }>;
  type?: "checkbox" | "radio";
  description?: string;
  columns?: string;
}) {
  const initial = meta.initialValue;
  const selected = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  const invalid = Boolean(meta.errors?.length);
  return (
    <fieldset
      className="mb-4"
      aria-invalid={invalid || undefined}
      aria-describedby={[description ? meta.descriptionId : "", invalid ? meta.errorId : ""].filter(Boolean).join(" ") || undefined}
    >
      <legend className="mb-1 font-semibold">{legend}</legend>
      {description ? (
        <p id={meta.descriptionId} className="mb-2 text-sm text-stone-600">
          {description}
        </p>
      ) : null}
      <div className={`grid gap-x-4 gap-y-1 ${columns}`}>
        {options.map((option) => (
          <label key={option.value} className="flex min-h-8 items-center gap-2">
            <input
              type={type}
              name={meta.name}
              value={option.value}
              defaultChecked={selected.has(option.value)}
              className="h-5 w-5 accent-brand-700"
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
