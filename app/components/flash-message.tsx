import type { Flash } from "#app/.server/flash.ts";
import { OutboxHint } from "#app/components/outbox-hint.tsx";
import type { MessageKey } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";

// Messages that say an email is on its way; in outbox mode they point to the outbox.
const MAIL_SENT_KEYS: ReadonlySet<MessageKey> = new Set<MessageKey>([
  "verify.resent",
  "account.email.sent",
]);

export function FlashMessage({ flash }: { flash: Flash }) {
  const t = useT();
  return (
    <div role="status" className="border-b border-brand-200 bg-brand-50">
      <div className="mx-auto max-w-5xl px-4 py-3 text-brand-900">
        <p className="font-medium">{t(flash.key, flash.vars)}</p>
        {MAIL_SENT_KEYS.has(flash.key) ? <OutboxHint /> : null}
      </div>
    </div>
  );
}
