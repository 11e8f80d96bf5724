import { Link } from "@remix-run/react";
import { useT } from "#app/utils/i18n.tsx";

/** Previous/next links that keep the rest of the query string. */
export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("pagination.label")} className="mt-6 flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev" className="btn-secondary">
          {t("pagination.previous")}
        </Link>
      ) : null}
      <span aria-current="page">{t("pagination.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next" className="btn-secondary">
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
