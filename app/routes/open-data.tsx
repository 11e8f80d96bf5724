import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { apiLimits } from "#app/.server/api/index.ts";
import { appUrl } from "#app/.server/env.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { initiativeSearch } from "#app/features/initiatives/filters.ts";
import type { MessageKey } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "openData.title", "openData.description");

// The open data page: how to use the read-only API (/api/v1/), and the other downloads and feeds.
export async function loader() {
  return { origin: appUrl(), ...apiLimits() };
}

type ListName = "organisations" | "initiatives" | "events" | "threads";

// A list's row names its filters (the listing page's own parameters, from the API's own table).
const ENDPOINTS: Array<[path: string, what: MessageKey, list?: ListName]> = [
  ["/api/v1/organisations", "openData.api.organisations", "organisations"],
  ["/api/v1/organisations/{slug}", "openData.api.organisation"],
  ["/api/v1/initiatives", "openData.api.initiatives", "initiatives"],
  ["/api/v1/initiatives/{slug}", "openData.api.initiative"],
  ["/api/v1/events", "openData.api.events", "events"],
  ["/api/v1/events/{slug}", "openData.api.event"],
  ["/api/v1/threads", "openData.api.threads", "threads"],
  ["/api/v1/threads/{id}", "openData.api.thread"],
];

// The example's filters, written by the initiatives listing's own search-string helper: the
// page's address and the API's take the same query string.
const EXAMPLE_QUERY = initiativeSearch({ roadmap: ["industry"], status: ["open"] });

const DOWNLOADS: Array<[href: string, label: MessageKey]> = [
  ["/organisations.csv", "openData.downloads.organisationsCsv"],
  ["/organisations.json", "openData.downloads.organisationsJson"],
  ["/events.ics", "openData.downloads.eventsIcs"],
  ["/progress.json", "openData.downloads.progress"],
  ["/initiatives.atom", "openData.downloads.initiativesAtom"],
  ["/events.atom", "openData.downloads.eventsAtom"],
  ["/discussions.atom", "openData.downloads.discussionsAtom"],
];

// An illustration of the answer's shape (fields shortened), not live data.
const EXAMPLE_ANSWER = `{
  "data": [
    {
      "slug": "…",
      "title": "…",
      "status": "open",
      "roadmap": "industry",
      "regions": ["LIM"],
      "published_at": "2026-03-02T15:04:05.000Z",
      "lead_organisation": { "slug": "…", "name": "…", "url": "…" },
      "url": "…"
    }
  ],
  "next_cursor": "eyJsaXN0IjoiaW5pdGlhdGl2ZXMiLCJpZCI6MTJ9"
}`;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-2xl font-bold text-stone-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function OpenDataPage() {
  const t = useT();
  const { origin, requestsPerMinute, defaultLimit, maxLimit, filters } = useLoaderData<typeof loader>();
  const example = `curl "${origin}/api/v1/initiatives${EXAMPLE_QUERY}&limit=2"`;
  return (
    <article className="max-w-3xl space-y-10">
      <PageTitle lead={t("openData.lead")}>{t("openData.title")}</PageTitle>

      <Section id="open-data-api" title={t("openData.api.title")}>
        <p>{t("openData.api.intro")}</p>
        <p>{t("openData.api.filters")}</p>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("openData.api.endpoints")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-2 pr-4">
                  {t("openData.api.path")}
                </th>
                <th scope="col" className="py-2">
                  {t("openData.api.what")}
                </th>
              </tr>
            </thead>
            <tbody>
              {ENDPOINTS.map(([path, what, list]) => (
                <tr key={path} className="border-b border-stone-200 align-top">
                  <td className="py-2 pr-4">
                    <code className="break-all">GET {path}</code>
                  </td>
                  <td className="py-2">{t(what, list ? { filters: filters[list].join(", ") } : undefined)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          {t("openData.api.spec")}{" "}
          <a href="/api/v1/openapi.json">
            <code>/api/v1/openapi.json</code>
          </a>
        </p>
      </Section>

      <Section id="open-data-example" title={t("openData.example.title")}>
        <p>{t("openData.example.request")}</p>
        <pre className="overflow-x-auto rounded bg-stone-100 p-3 text-sm" tabIndex={0}>
          <code>{example}</code>
        </pre>
        <p>
          {t("openData.example.samePage")}{" "}
          <a href={`/initiatives${EXAMPLE_QUERY}`}>
            <code>/initiatives{EXAMPLE_QUERY}</code>
          </a>
        </p>
        <p>{t("openData.example.response")}</p>
        <pre className="overflow-x-auto rounded bg-stone-100 p-3 text-sm" tabIndex={0}>
          <code>{EXAMPLE_ANSWER}</code>
        </pre>
      </Section>

      <Section id="open-data-paging" title={t("openData.paging.title")}>
        <p>{t("openData.paging.body", { default: defaultLimit, max: maxLimit })}</p>
      </Section>
      <Section id="open-data-format" title={t("openData.conventions.title")}>
        <p>{t("openData.conventions.body")}</p>
      </Section>
      <Section id="open-data-errors" title={t("openData.errors.title")}>
        <p>{t("openData.errors.body")}</p>
      </Section>
      <Section id="open-data-limits" title={t("openData.limits.title")}>
        <p>{t("openData.limits.body", { limit: requestsPerMinute })}</p>
      </Section>
      <Section id="open-data-licence" title={t("openData.licence.title")}>
        <p>{t("openData.licence.body")}</p>
      </Section>

      <Section id="open-data-downloads" title={t("openData.downloads.title")}>
        <ul className="list-disc space-y-1 pl-6">
          {DOWNLOADS.map(([href, label]) => (
            <li key={href}>
              <a href={href}>{t(label)}</a> <code className="text-sm text-stone-600">{href}</code>
            </li>
          ))}
        </ul>
        <p>{t("openData.downloads.note")}</p>
      </Section>
    </article>
  );
}
