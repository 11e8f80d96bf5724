import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { latestConsent, requireUser } from "#app/.server/auth/index.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { formatDateTime, formatDay } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "privacy.data.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const consent = latestConsent(user.id);
  return { consent: consent ? { version: consent.noticeVersion, acceptedAt: consent.acceptedAt.getTime() } : null };
}

export default function MyDataPage() {
  const { consent } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="max-w-2xl">
      <PageTitle lead={t("privacy.data.lead")}>{t("privacy.data.title")}</PageTitle>
      <section aria-labelledby="formats-heading" className="card">
        <h2 id="formats-heading" className="text-lg font-semibold">
          {t("privacy.data.formats")}
        </h2>
        <div className="mt-3 space-y-4">
          {(["json", "html"] as const).map((format) => (
            <Form key={format} method="post" action="/account/data/download" reloadDocument>
              <input type="hidden" name="format" value={format} />
              <button type="submit" className="btn-primary">
                {t(format === "json" ? "privacy.data.json" : "privacy.data.html")}
              </button>
              <p className="mt-1 text-sm text-stone-700">{t(format === "json" ? "privacy.data.jsonHint" : "privacy.data.htmlHint")}</p>
            </Form>
          ))}
        </div>
      </section>
      <p className="mt-4 text-sm text-stone-700">{t("privacy.data.notIncluded")}</p>
      {consent ? (
        <p className="mt-2 text-sm text-stone-700">
          {t("privacy.data.consent", { version: formatDay(locale, consent.version), date: formatDateTime(locale, new Date(consent.acceptedAt)) })}{" "}
          <Link to="/privacy">{t("privacy.title")}</Link>
        </p>
      ) : null}
      <p className="mt-2 text-sm text-stone-700">
        {t("privacy.data.correct")} <Link to="/account">{t("privacy.data.profileLink")}</Link> ·{" "}
        <Link to="/account/email">{t("privacy.data.emailLink")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
