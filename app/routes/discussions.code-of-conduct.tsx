import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { PageTitle } from "#app/components/ui/forms.tsx";
import type { MessageKey } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "disc.coc.title", "disc.coc.lead");

const RULES: MessageKey[] = ["disc.coc.rule1", "disc.coc.rule2", "disc.coc.rule3", "disc.coc.rule4", "disc.coc.rule5", "disc.coc.rule6"];

// The short code of conduct linked from every reply box (both languages, in the dictionaries).
export default function CodeOfConductPage() {
  const t = useT();
  return (
    <article className="max-w-2xl space-y-6">
      <PageTitle lead={t("disc.coc.lead")}>{t("disc.coc.title")}</PageTitle>
      <ol className="list-decimal space-y-2 pl-6">
        {RULES.map((rule) => (
          <li key={rule}>{t(rule)}</li>
        ))}
      </ol>
      <section aria-labelledby="coc-moderation" className="card">
        <h2 id="coc-moderation" className="mb-2 text-xl font-bold">
          {t("disc.coc.moderationTitle")}
        </h2>
        <p>{t("disc.coc.moderation")}</p>
      </section>
      <p>
        <Link to="/discussions">{t("disc.coc.back")}</Link>
      </p>
    </article>
  );
}
