import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import type { MessageKey } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  return null;
}

const TABS: Array<{ to: string; key: MessageKey; end?: boolean }> = [
  { to: "/account", key: "account.profile.title", end: true },
  { to: "/account/email", key: "account.email.title" },
  { to: "/account/password", key: "account.password.title" },
  { to: "/account/sessions", key: "account.sessions.title" },
  { to: "/account/notifications", key: "notifications.prefs.title" },
  { to: "/account/organisations", key: "myorgs.title" },
  { to: "/account/data", key: "privacy.data.title" },
  { to: "/account/close", key: "privacy.close.title" },
];

export default function AccountLayout() {
  const t = useT();
  return (
    <div>
      <p className="mb-2 text-sm font-semibold tracking-wide text-brand-800 uppercase">{t("account.title")}</p>
      <nav aria-label={t("account.nav")} className="mb-6 border-b border-stone-300">
        {/* The tabs wrap onto a second line on phones rather than running off the screen. */}
        <ul className="flex flex-wrap gap-x-1">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
                className={({ isActive }) =>
                  `block border-b-4 px-3 py-2 whitespace-nowrap no-underline ${isActive ? "border-brand-700 font-semibold text-brand-900" : "border-transparent text-stone-700"}`
                }
              >
                {t(tab.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
