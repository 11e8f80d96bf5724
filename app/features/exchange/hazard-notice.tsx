import { ErrorList } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { HAZARD_CONFIRM_FIELD } from "./taxonomy.ts";

/**
 * The EO-RS notice for hazardous waste (Ley de Gestión Integral de Residuos Sólidos, D. Leg. 1278):
 * shown on the listing form and on every hazardous listing's page.
 */
export function HazardNotice({ id, className = "" }: { id?: string; className?: string }) {
  const t = useT();
  return (
    <p id={id} role="note" className={`rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 ${className}`}>
      <strong>{t("exch.hazard.title")}.</strong> {t("exch.hazard.notice")}
    </p>
  );
}

/**
 * For the counterpart's forms on a hazardous listing ("I'm interested", recording an exchange):
 * the notice and a required checkbox confirming they use a registered EO-RS. Check it on the server
 * with hazardConfirmationError (schemas.ts); pass its message as `error`.
 */
export function HazardConfirm({ idPrefix, error }: { idPrefix: string; error?: string | null }) {
  const t = useT();
  const id = `${idPrefix}-eors`;
  return (
    <div className="mb-4">
      <HazardNotice id={`${id}-notice`} className="mb-2" />
      <label htmlFor={id} className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          name={HAZARD_CONFIRM_FIELD}
          value="on"
          required
          aria-describedby={`${id}-notice${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
        />
        <span>{t("exch.hazard.confirm")}</span>
      </label>
      {error ? <ErrorList id={`${id}-error`} errors={[error]} /> : null}
    </div>
  );
}
