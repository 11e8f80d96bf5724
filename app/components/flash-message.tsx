import type { Flash } from "#app/.server/flash.ts";
import { useT } from "#app/utils/i18n.tsx";

export function FlashMessage({ flash }: { flash: Flash }) {
  const t = useT();
  return (
    <div role="status" className="border-b border-brand-200 bg-brand-50">
      <p className="mx-auto max-w-5xl px-4 py-3 font-medium text-brand-900">{t(flash.key, flash.vars)}</p>
    </div>
  );
}
