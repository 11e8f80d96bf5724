import { Link } from "@remix-run/react";
import type { MessageKey } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";

/** Stands in for a section until its issue lands; says so plainly. */
export function ComingSoon({ section }: { section: MessageKey }) {
  const t = useT();
  return (
    <section>
      <PageTitle lead={t("soon.body")}>{t("soon.title", { section: t(section) })}</PageTitle>
      <Link to="/signup" className="btn-primary">
        {t("nav.signup")}
      </Link>
    </section>
  );
}
