import { Form, Link, NavLink } from "@remix-run/react";
import { useEffect, useRef, type MouseEvent } from "react";
import { makeTranslator, type Locale, type MessageKey } from "#app/i18n.ts";
import { SEARCH_QUERY_MAX } from "#app/features/search/query.ts";
import type { PlatformRole } from "#db/schema/auth.ts";

type HeaderRoot = {
  locale: Locale;
  currentPath: string;
  showOutbox: boolean;
  user: { name: string; email: string; role: PlatformRole; unread: number } | null;
};

const SECTIONS = [
  { to: "/organisations", key: "nav.organisations" },
  { to: "/initiatives", key: "nav.initiatives" },
  { to: "/exchange", key: "nav.exchange" },
  { to: "/roadmaps", key: "nav.roadmaps" },
  { to: "/events", key: "nav.events" },
  { to: "/discussions", key: "nav.discussions" },
  { to: "/pact", key: "nav.pact" },
] as const;

export function SiteHeader({ root }: { root: HeaderRoot | null }) {
  const locale = root?.locale ?? "es";
  const t = makeTranslator(locale);
  const user = root?.user ?? null;
  return (
    <header className="border-b border-brand-800 bg-brand-700 text-white print:hidden">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="flex items-center gap-2 text-lg font-bold text-white no-underline">
          <img src="/favicon.svg" alt="" width="28" height="28" className="rounded-full bg-white" />
          {t("app.name")}
        </Link>
        <SiteSearch t={t} />
        <div className="flex min-w-0 items-start gap-2 sm:gap-3">
          <LanguageSwitch locale={locale} currentPath={root?.currentPath ?? "/"} />
          {user ? <NotificationsBell unread={user.unread} t={t} /> : null}
          {user ? (
            <AccountMenu>
              <summary
                className="flex min-h-11 cursor-pointer list-none items-center rounded-md px-3 font-semibold hover:bg-brand-800"
                aria-label={
                  user.unread > 0
                    ? `${t("nav.accountMenu", { name: user.name })} (${t.count("nav.unread", user.unread)})`
                    : t("nav.accountMenu", { name: user.name })
                }
              >
                <span aria-hidden="true" className="max-w-36 truncate">
                  {user.name}
                </span>
                {user.unread > 0 ? (
                  <span aria-hidden="true" className="ml-1 rounded-full bg-amber-300 px-1.5 text-xs font-bold text-stone-900">
                    {user.unread}
                  </span>
                ) : null}
                <span aria-hidden="true" className="ml-1">
                  ▾
                </span>
              </summary>
              {/* On phones the open menu takes its own room in the header (pushing the navigation and
                  messages down) instead of floating over them; from `sm` up it drops down over the page. */}
              <div className="mt-1 w-64 max-w-full rounded-md border border-stone-200 bg-white p-2 text-stone-900 shadow-lg sm:absolute sm:right-0 sm:z-20 sm:max-w-none">
                <p className="truncate px-3 py-1 text-sm text-stone-600">{user.email}</p>
                <ul>
                  {menuLinks(user, Boolean(root?.showOutbox)).map((item) => (
                    <li key={item.to}>
                      <Link className="block rounded px-3 py-2 text-stone-900 no-underline hover:bg-brand-50" to={item.to}>
                        {t(item.key)}
                        {item.to === "/notifications" && user.unread > 0 ? (
                          <span className="ml-2 rounded-full bg-amber-300 px-1.5 text-xs font-bold text-stone-900" data-testid="menu-unread">
                            {t.count("nav.unread", user.unread)}
                          </span>
                        ) : null}
                      </Link>
                    </li>
                  ))}
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className="w-full rounded px-3 py-2 text-left hover:bg-brand-50">
                        {t("nav.logout")}
                      </button>
                    </Form>
                  </li>
                </ul>
              </div>
            </AccountMenu>
          ) : (
            <>
              <Link to="/login" className="flex min-h-11 items-center px-1 font-semibold whitespace-nowrap text-white no-underline hover:underline">
                {t("nav.login")}
              </Link>
              <Link to="/signup" className="btn bg-white px-3 whitespace-nowrap text-brand-800 hover:bg-brand-50 hover:no-underline">
                {t("nav.signup")}
              </Link>
            </>
          )}
        </div>
      </div>
      <nav aria-label={t("nav.main")} className="bg-brand-800">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-1 px-2">
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink
                to={section.to}
                className={({ isActive }) =>
                  `block px-2 py-3 whitespace-nowrap text-white no-underline sm:px-3 ${isActive ? "border-b-4 border-white font-semibold" : "border-b-4 border-transparent hover:border-brand-300"}`
                }
              >
                {t(section.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

/**
 * The site search box: a GET form to /search, so it works without JavaScript. On phones it takes
 * a row of its own under the name and the account buttons; from `md` up it sits between them.
 */
function SiteSearch({ t }: { t: ReturnType<typeof makeTranslator> }) {
  return (
    <Form method="get" action="/search" role="search" aria-label={t("search.box.label")} className="order-last flex w-full min-w-0 md:order-none md:w-auto md:max-w-xs md:flex-1">
      <label htmlFor="site-search" className="sr-only">
        {t("search.box.label")}
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        maxLength={SEARCH_QUERY_MAX}
        placeholder={t("search.box.placeholder")}
        className="min-h-11 min-w-0 flex-1 rounded-l-md border border-r-0 border-white bg-white px-3 text-base text-stone-900 placeholder:text-stone-600"
      />
      <button type="submit" className="flex min-h-11 min-w-11 items-center justify-center rounded-r-md border border-white bg-brand-800 px-3 text-white hover:bg-brand-900">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        <span className="sr-only">{t("search.box.submit")}</span>
      </button>
    </Form>
  );
}

/**
 * The bell: a plain link to /notifications (so it works without JavaScript) whose accessible
 * name says how many are unread; the count is drawn on the icon and hidden from screen readers,
 * which read the name instead.
 */
function NotificationsBell({ unread, t }: { unread: number; t: ReturnType<typeof makeTranslator> }) {
  return (
    <Link
      to="/notifications"
      aria-label={unread > 0 ? t.count("notifications.bell.unread", unread) : t("notifications.bell.none")}
      title={unread > 0 ? t.count("notifications.bell.unread", unread) : t("notifications.bell.none")}
      className="relative flex min-h-11 min-w-11 items-center justify-center rounded-md text-white no-underline hover:bg-brand-800"
      data-testid="notifications-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span aria-hidden="true" className="absolute top-0.5 right-0.5 min-w-5 rounded-full bg-amber-300 px-1 text-center text-xs leading-5 font-bold text-stone-900">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}

/**
 * The account menu: a `<details>` disclosure, so it opens and works without JavaScript (each
 * choice loads a new page, which starts closed). With JavaScript, navigation keeps the header
 * mounted, so the menu closes itself on a choice, on Escape and on a click outside it.
 */
function AccountMenu({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (ref.current?.open) ref.current.open = false;
  };
  const onClick = (event: MouseEvent<HTMLDetailsElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest("a, button")) close();
  };
  // Escape and clicks outside close the open menu. The listeners stay subscribed while the menu
  // is mounted: subscribing on "toggle" (which fires after the menu opens) missed an Escape
  // pressed right after opening it.
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const details = ref.current;
      if (event.key !== "Escape" || !details?.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);
  return (
    <details ref={ref} className="relative min-w-0" onClick={onClick} data-testid="account-menu">
      {children}
    </details>
  );
}

/** The account menu's links, by platform role. */
function menuLinks(user: { role: PlatformRole }, showOutbox: boolean) {
  const staff = user.role !== "member";
  const links: Array<{ to: string; key: MessageKey; show: boolean }> = [
    { to: "/account", key: "nav.account", show: true },
    { to: "/my-work", key: "nav.myWork", show: true },
    { to: "/notifications", key: "nav.notifications", show: true },
    { to: "/account/organisations", key: "nav.myOrganisations", show: true },
    { to: "/account/sessions", key: "nav.sessions", show: true },
    { to: "/coordination/organisations", key: "nav.review", show: staff },
    { to: "/exchange/overview", key: "xr.overview.link", show: staff },
    { to: "/coordination/data-requests", key: "dataRequests.nav", show: staff },
    { to: "/admin/users", key: "nav.admin", show: user.role === "admin" },
    { to: "/dev/outbox", key: "nav.outbox", show: showOutbox },
  ];
  return links.filter((link) => link.show);
}

/** A plain form, so switching language works without JavaScript. */
function LanguageSwitch({ locale, currentPath }: { locale: Locale; currentPath: string }) {
  const t = makeTranslator(locale);
  const other: Locale = locale === "es" ? "en" : "es";
  return (
    <Form method="post" action="/set-language" reloadDocument>
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="redirectTo" value={currentPath} />
      <button
        type="submit"
        lang={other === "es" ? "es-PE" : "en"}
        title={t("lang.switchHint")}
        className="min-h-11 rounded-md border border-white/60 px-3 text-sm font-semibold hover:bg-brand-800"
      >
        {t("lang.switch")}
      </button>
    </Form>
  );
}
