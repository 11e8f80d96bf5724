import type { ReactNode } from "react";
import type { SubmissionResult } from "@conform-to/react";
import { Link, useSearchParams } from "@remix-run/react";
import { Pagination } from "#app/components/pagination.tsx";
import type { MessageKey } from "#app/locales/es-keys.ts";
import { useT } from "#app/utils/i18n.tsx";
import { listPageHref, parentThreadsHref } from "./links.ts";
import { keptInput, NewThreadForm, RefusedPost } from "./post-editor.tsx";
import type { ThreadSort } from "./taxonomy.ts";
import { SortLinks, StartThreadHint, ThreadList, type ThreadRow } from "./thread-list.tsx";

/** What a parent's loader sends for its discussions section (parentThreadsPreview). */
export type DiscussionPreview = {
  type: string;
  id: number;
  rows: ThreadRow[];
  total: number;
  signedIn: boolean;
  organisations: Array<{ id: number; name: string }>;
};

/**
 * The discussions section of an initiative's or event's page: its latest threads, a link to all
 * of them, and the form to start one (posted to /discussions/on/:type/:id, which shows the form
 * again with its errors when refused).
 */
export function DiscussionThreads({ preview, formToken, loginTo }: { preview: DiscussionPreview; formToken: string; loginTo: string }) {
  const t = useT();
  const all = parentThreadsHref(preview.type, preview.id);
  return (
    <section aria-labelledby="discussions-heading" className="space-y-4" id="discussions">
      <h2 id="discussions-heading" className="text-xl font-bold">
        {t("disc.section.title")}
      </h2>
      <ThreadList rows={preview.rows} empty={t("disc.section.empty")} />
      {preview.total > 0 ? (
        <p>
          <Link to={all}>{t.count("disc.section.all", preview.total)}</Link>
        </p>
      ) : null}
      {preview.signedIn ? (
        <NewThreadForm key={formToken} action={all} formToken={formToken} organisations={preview.organisations} />
      ) : (
        <StartThreadHint signedIn={false} loginTo={loginTo} />
      )}
    </section>
  );
}

/** What a refused thread start keeps when its form is gone. */
const THREAD_FIELDS = ["title", "body"];

/** What a place's page (a category, a parent's threads) shows under its title. */
export type PlaceThreadsData = {
  sort: ThreadSort;
  /** The list's text filter, if any (kept by the sort links and the pages). */
  q?: string;
  page: number;
  pages: number;
  rows: ThreadRow[];
  signedIn: boolean;
  mayStart: boolean;
  organisations: Array<{ id: number; name: string }>;
  formToken: string;
  /** Why nobody may start a thread here, as the parent says (shown instead of the form); null or absent otherwise. */
  closed?: MessageKey | null;
};

/**
 * The threads of a place at `here`: sort links, the list (pinned first), pages that keep the sort,
 * and the "start a thread" form (or why there is none). `reply`: a refused start, shown at the form.
 */
export function PlaceThreads({ here, data, empty, reply }: { here: string; data: PlaceThreadsData; empty: ReactNode; reply?: SubmissionResult<string[]> }) {
  const [searchParams] = useSearchParams();
  return (
    <>
      <SortLinks sort={data.sort} base={here} q={data.q} />
      <ThreadList rows={data.rows} empty={empty} />
      <Pagination page={data.page} pages={data.pages} hrefFor={(page) => listPageHref(here, searchParams, page)} />
      {data.mayStart ? (
        <NewThreadForm key={data.formToken} action={here} formToken={data.formToken} organisations={data.organisations} reply={reply} />
      ) : keptInput(reply, THREAD_FIELDS) ? (
        // Refused, and the form is no longer offered (suspended meanwhile): the message and the text stay.
        <RefusedPost id="new-thread" result={reply} fields={THREAD_FIELDS} />
      ) : (
        <StartThreadHint signedIn={data.signedIn} loginTo={here} closed={data.closed ?? null} />
      )}
    </>
  );
}
