import { Link, useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "#app/root.tsx";
import { useT } from "#app/utils/i18n.tsx";

/**
 * On pages that say "we sent you an email": in outbox mode (mail is not sent), says so and links
 * the outbox where the message and its link can be read. Renders nothing when mail is sent.
 */
export function OutboxHint() {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const t = useT();
  if (!root?.showOutbox) return null;
  return (
    <p className="mt-2 text-sm">
      {t("outbox.hint")} <Link to="/dev/outbox">{t("outbox.hintLink")}</Link>
    </p>
  );
}
