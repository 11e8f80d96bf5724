import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getLocale } from "#app/.server/i18n.ts";
import { privacyNotice } from "#app/.server/privacy/index.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { MarkdownContent } from "#app/components/ui/markdown.tsx";
import { RightsLinks } from "#app/features/privacy/rights-links.tsx";
import { formatDay } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "privacy.title");

// The privacy notice (issue 13, Ley 29733): public, in the reader's language, with its version.
export async function loader({ request }: LoaderFunctionArgs) {
  const { html, version } = privacyNotice(getLocale(request));
  return { html, version };
}

export default function PrivacyPage() {
  const { html, version } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="max-w-3xl">
      <PageTitle lead={t("privacy.version", { version: formatDay(locale, version) })}>{t("privacy.title")}</PageTitle>
      <nav aria-labelledby="rights-heading" className="card mb-6">
        <h2 id="rights-heading" className="text-lg font-semibold">
          {t("privacy.rightsTitle")}
        </h2>
        <RightsLinks className="mt-2" />
      </nav>
      <MarkdownContent as="section" html={html} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
