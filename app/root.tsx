import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  data,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getCurrentSession, requireConsent, sessionCookieHeaders } from "#app/.server/auth/index.ts";
import { readFlash } from "#app/.server/flash.ts";
import { appUrl } from "#app/.server/env.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { isOutboxMode } from "#app/.server/mail.ts";
import { countUnread } from "#app/.server/notifications/index.ts";
import { SiteFooter } from "#app/components/site-footer.tsx";
import { SiteHeader } from "#app/components/site-header.tsx";
import { FlashMessage } from "#app/components/flash-message.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { DEFAULT_LOCALE, intlLocale, translate, type Locale } from "#app/i18n.ts";
import { isAutomaticReadMark } from "#app/features/discussions/taxonomy.ts";
import { useDictionary } from "#app/utils/i18n.tsx";
import { useNonce } from "#app/utils/nonce.tsx";
import stylesheet from "#app/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return [
    { title: translate(locale, "app.name") },
    { name: "description", content: translate(locale, "app.tagline") },
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const current = getCurrentSession(request);
  // A signed-in person who has not accepted the privacy notice in force is asked first (issue 13).
  if (current) requireConsent(request, current.user);
  const { flash, clear } = readFlash(request);
  const headers = new Headers(sessionCookieHeaders(request));
  if (clear) headers.append("Set-Cookie", clear);
  const url = new URL(request.url);
  return data(
    {
      locale,
      flash,
      // Mail is kept in the local outbox (demo or development): pages that say "we sent you an
      // email" link /dev/outbox.
      showOutbox: isOutboxMode(),
      currentPath: url.pathname + url.search,
      // The site's public address (APP_URL), for absolute URLs in pages' Open Graph tags (utils/meta.ts):
      // never the Host header, which a visitor chooses and the anonymous page cache does not key on.
      origin: appUrl(),
      user: current
        ? {
            name: current.user.name,
            email: current.user.email,
            role: current.user.role,
            emailVerified: Boolean(current.user.emailVerifiedAt),
            unread: countUnread(current.user.id),
          }
        : null,
    },
    { headers },
  );
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

/** Not after a thread's automatic read mark (isAutomaticReadMark): it would eat the next action's flash. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  isAutomaticReadMark(formData) ? false : defaultShouldRevalidate;

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const locale: Locale = root?.locale ?? DEFAULT_LOCALE;
  useDictionary(locale);
  return (
    <html lang={intlLocale(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#196540" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only z-50 rounded bg-white px-4 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          {translate(locale, "nav.skip")}
        </a>
        <SiteHeader root={root ?? null} />
        {root?.flash ? <FlashMessage flash={root.flash} /> : null}
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <SiteFooter locale={locale} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
