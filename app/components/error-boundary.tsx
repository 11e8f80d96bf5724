import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { isExplainedStatus } from "#app/utils/http-errors.ts";
import { useT } from "#app/utils/i18n.tsx";

/**
 * The one error boundary (Epic Stack's pattern): root uses it and every route that can fail
 * exports it as `ErrorBoundary`. A thrown response (`throw notFound()` and the like, see
 * app/utils/http-errors.ts) shows the translated title and text for its status — 400, 403, 404,
 * 409, 413 and 429 have their own — and anything else, including unexpected errors, the 500 text.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (!isRouteErrorResponse(error)) {
    // Unexpected: the server already logged it in handleError; log the browser's side too.
    if (typeof document !== "undefined") console.error(error);
    return <ErrorMessage status={500} title={t("error.500.title")} body={t("error.500.body")} />;
  }
  const kind = isExplainedStatus(error.status) ? error.status : 500;
  return <ErrorMessage status={error.status} title={t(`error.${kind}.title`)} body={t(`error.${kind}.body`)} />;
}

function ErrorMessage({ status, title, body }: { status: number; title: string; body: string }) {
  const t = useT();
  return (
    <section aria-labelledby="error-title" className="mx-auto max-w-xl py-12 text-center">
      <p className="text-5xl font-bold text-brand-700" aria-hidden="true">
        {status}
      </p>
      <h1 id="error-title" className="mt-4 text-2xl font-bold break-words">
        {title}
      </h1>
      <p className="mt-2 text-stone-700">{body}</p>
      <p className="mt-6">
        <a className="btn-primary" href="/">
          {t("error.backHome")}
        </a>
      </p>
    </section>
  );
}
