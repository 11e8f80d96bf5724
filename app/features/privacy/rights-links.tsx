import { Link } from "@remix-run/react";
import { useT } from "#app/utils/i18n.tsx";

/** Where a person exercises their rights (issue 13): download their data, close the account, choose emails. */
export function RightsLinks({ className = "" }: { className?: string }) {
  const t = useT();
  return (
    <ul className={`flex flex-wrap gap-x-6 gap-y-2 ${className}`}>
      <li>
        <Link to="/account/data">{t("privacy.rights.data")}</Link>
      </li>
      <li>
        <Link to="/account/close">{t("privacy.rights.close")}</Link>
      </li>
      <li>
        <Link to="/account/notifications">{t("privacy.rights.notifications")}</Link>
      </li>
    </ul>
  );
}
