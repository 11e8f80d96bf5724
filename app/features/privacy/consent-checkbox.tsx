import type { FieldMetadata } from "@conform-to/react";
import { ErrorList } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";

/**
 * The consent to the privacy notice (issue 13), beside a link to it: a required checkbox named
 * after `meta` (value "on"), its error read out with it. Used by sign-up and /privacy/accept.
 */
export function ConsentCheckbox({ meta }: { meta: FieldMetadata<string | undefined> }) {
  const t = useT();
  const errorId = meta.errorId;
  const errors = meta.errors;
  return (
    <div className="mb-4">
      <label htmlFor={meta.id} className="flex items-start gap-2">
        <input
          id={meta.id}
          type="checkbox"
          name={meta.name}
          value="on"
          required
          defaultChecked={meta.initialValue === "on"}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? errorId : undefined}
          className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
        />
        <span>{t("privacy.consent.label")}</span>
      </label>
      <p className="mt-1 ml-7 text-sm">
        <a href="/privacy" target="_blank" rel="noopener">
          {t("privacy.consent.read")}
        </a>
      </p>
      {errors?.length ? <ErrorList id={errorId} errors={errors} /> : null}
    </div>
  );
}
