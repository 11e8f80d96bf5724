import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forumEditions } from "#app/.server/events/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { formatDateRange } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "ev.forum.title", "meta.forum");

export async function loader() {
  return { editions: forumEditions().map((e) => ({ ...e, startsAt: e.startsAt.getTime(), endsAt: e.endsAt.getTime() })) };
}

export default function ForumPage() {
  const { editions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageTitle lead={t("ev.forum.lead")}>{t("ev.forum.title")}</PageTitle>
      {editions.length === 0 ? <p>{t("ev.forum.empty")}</p> : null}
      <ol className="space-y-3">
        {editions.map((e) => (
          <li key={e.slug} className="card">
            <p className="text-2xl font-bold text-brand-800">{e.forumYear}</p>
            <h2 className="text-lg font-semibold">
              <Link to={`/events/${e.slug}`}>{e.title}</Link>
            </h2>
            <p className="text-sm text-stone-700">
              {formatDateRange(locale, e.startsAt, e.endsAt)}
              {e.city ? ` · ${e.city}` : ""}
              {e.status === "cancelled" ? ` · ${t("ev.status.cancelled")}` : ""}
            </p>
            <p className="mt-1">{e.summary}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
