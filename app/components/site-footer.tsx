import { makeTranslator, type Locale } from "#app/i18n.ts";

export function SiteFooter({ locale }: { locale: Locale }) {
  const t = makeTranslator(locale);
  return (
    <footer className="mt-12 border-t border-stone-200 bg-white print:hidden">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-stone-700">
        <p className="font-semibold text-stone-900">{t("app.name")}</p>
        <p className="mt-1">{t("footer.about")}</p>
        <p className="mt-1">{t("footer.contact")}</p>
        <p className="mt-1">
          <a href="/progress">{t("progress.nav")}</a>
          {" · "}
          <a href="/open-data">{t("openData.nav")}</a>
          {" · "}
          <a href="/privacy">{t("footer.privacy")}</a>
        </p>
      </div>
    </footer>
  );
}
