import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { requireUser, type SessionUser } from "#app/.server/auth/index.ts";
import { startThread, threadList, type Place, type Refusal } from "#app/.server/discussions/index.ts";
import { organisationsUserActsFor } from "#app/.server/organisations/index.ts";
import { submitOnce } from "#app/.server/form-token.ts";
import { readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { formatDateTime, translate, type Locale, type MessageKey } from "#app/i18n.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { z } from "zod";
import { searchText } from "#app/utils/zod-options.ts";
import { postHref } from "./links.ts";
import { PageParam, ThreadSchema } from "./schemas.ts";
import { THREAD_SORTS, type DiscussableType } from "./taxonomy.ts";
import type { ThreadRow } from "./thread-list.tsx";

// Every kind of parent registers itself (ADR 0013) wherever these helpers are used. Route modules
// cannot import it themselves: a bare import is kept in the browser bundle, which refuses .server.
import "#app/.server/discussion-parents.ts";

// The HTTP side of discussion forms, shared by the routes that show them: how a typed refusal of
// the discussions feature becomes a status and a message, and the "start a thread" form that
// category pages, parent pages and the initiative and event pages all post.

/** Queries that resolve parents' titles and visibility, for routes that need nothing else from here. */
export { latestThreads, postLocation } from "#app/.server/discussions/index.ts";

/** A refusal as the discussions feature returns it. */
export type DiscussionRefusal = Refusal;

export type RefusalAnswer = { status: 400 | 403 | 409 | 429; message: string; field?: string; headers?: Record<string, string> };

/**
 * The status and the message (in the reader's language) for a refusal: 403 for who may not,
 * 409 for a locked thread or a second flag, 429 for a new account over its hourly limit (with
 * Retry-After), 400 for invalid input. `not_found` is thrown as a 404: the thing is not there for
 * this person, which the error page says.
 */
export function refusalAnswer(refusal: DiscussionRefusal, locale: Locale, now = Date.now()): RefusalAnswer {
  switch (refusal.reason) {
    case "not_found":
      throw notFound();
    case "not_member":
    case "organisation_suspended":
    case "forbidden":
      return { status: 403, message: translate(locale, `disc.refused.${refusal.reason}`) };
    case "suspended":
      return { status: 403, message: translate(locale, "disc.refused.suspended", { until: formatDateTime(locale, refusal.until) }) };
    case "rate_limited": {
      const seconds = Math.max(1, Math.ceil((refusal.retryAt.getTime() - now) / 1000));
      return {
        status: 429,
        message: translate(locale, "disc.refused.rate_limited", { time: formatDateTime(locale, refusal.retryAt, { timeStyle: "short" }) }),
        headers: { "Retry-After": String(seconds) },
      };
    }
    case "locked":
    case "already_flagged":
      return { status: 409, message: translate(locale, `disc.refused.${refusal.reason}`) };
    case "invalid":
      return { status: 400, message: translate(locale, invalidMessage(refusal.field, refusal.problem)), field: refusal.field };
  }
}

/** The message for a field the feature refused (its own checks repeat the form's schema). */
function invalidMessage(field: string, problem: Extract<Refusal, { reason: "invalid" }>["problem"]): MessageKey {
  if (field === "body") return problem === "too_long" ? "disc.errors.bodyTooLong" : "disc.errors.bodyRequired";
  if (field === "title") return problem === "too_long" ? "disc.errors.titleTooLong" : "disc.errors.titleRequired";
  if (field === "quotedPostId") return "disc.errors.quoteUnknown";
  if (field === "organisationId") return "disc.errors.organisation";
  if (field === "until") return "disc.errors.days";
  return "disc.refused.invalid";
}

/** A form's answer for a refusal: the submission with the message (input kept), its status and headers. */
export function replyRefused<I extends string>(intent: I, submission: Submission<unknown>, refusal: DiscussionRefusal, locale: Locale) {
  const answer = refusalAnswer(refusal, locale);
  // A field the form shows gets the message beside it; anything else (a stale quote) above the form.
  const shown = answer.field && ["title", "body", "organisationId"].includes(answer.field);
  const fieldErrors = shown ? { [answer.field!]: [answer.message] } : undefined;
  return data(
    { intent, result: submission.reply({ formErrors: fieldErrors ? undefined : [answer.message], fieldErrors }) },
    { status: answer.status, headers: answer.headers },
  );
}

/** A form's answer for input that does not pass its schema: 400, with the submission. */
export function replyInvalid<I extends string>(intent: I, submission: Submission<unknown>) {
  return data({ intent, result: submission.reply() }, { status: 400 });
}

/**
 * The action of a "start a thread" form on `place`: the person must be signed in (anonymous
 * visitors go to log in), the form is read with ThreadSchema and guarded against a repeat by its
 * token; a success redirects to the new thread's first post (`#post-1`). Refusals answer 400/403/409/429 with the input kept.
 */
export async function startThreadAction(request: Request, place: Place) {
  const user: SessionUser = requireUser(request);
  const form = await readForm(request);
  const once = submitOnce(form, { userId: user.id, form: "discussion-thread" });
  const submission = parseWithZod(form, { schema: ThreadSchema });
  if (submission.status !== "success") return replyInvalid("thread", submission);
  const result = startThread(
    user,
    place,
    { title: submission.value.title, body: submission.value.body, organisationId: submission.value.organisationId ?? null },
    new Date(),
    // The form posts to `…#new-thread`: a Location without a fragment would keep that one (RFC 9110).
    once.writer((r) => ({ redirectTo: postHref(r.threadId, 1), flash: { key: "disc.thread.started" } })),
  );
  if (!result.ok) return replyRefused("thread", submission, result, getLocale(request));
  return once.respond();
}

/**
 * `?sort=`, `?page=` and `?q=` (a text filter on titles, trimmed and cut to SEARCH_TEXT_MAX
 * characters; undefined when empty) of a thread list; anything unknown reads as the defaults.
 * Takes the request, or its query (the API reads a category's threads with it).
 */
export function readListQuery(request: Request | URLSearchParams) {
  const params = request instanceof URLSearchParams ? request : new URL(request.url).searchParams;
  return {
    sort: ListSortSchema.parse(params.get("sort") ?? undefined),
    page: PageParam.parse(params.get("page") ?? 1),
    q: searchText().parse(params.get("q") ?? undefined),
  };
}
const ListSortSchema = z.enum(THREAD_SORTS).catch("activity");

/** A page of threadList as a loader sends it (dates as ms). */
export function listThreads(list: ReturnType<typeof threadList>): { rows: ThreadRow[]; total: number; pages: number } {
  return {
    total: list.total,
    pages: list.pages,
    rows: list.rows.map((row) => ({
      id: row.id,
      title: row.title,
      pinned: row.pinned,
      locked: row.locked,
      hidden: row.hidden,
      replyCount: row.replyCount,
      lastPostAt: row.lastPostAt.getTime(),
      createdAt: row.createdAt.getTime(),
      author: { name: row.author.name, handle: row.author.handle ?? null },
      organisation: row.organisation,
      unread: row.unread,
    })),
  };
}

/** Whether the viewer gets a "start a thread" form, and the organisations they may write for. */
export function threadFormContext(user: SessionUser | null, mayStart: boolean) {
  return {
    mayStart: Boolean(user) && mayStart,
    organisations: mayStart && user ? organisationsUserActsFor(user.id).map((o) => ({ id: o.id, name: o.name })) : [],
  };
}

/** Threads shown on a parent's own page (the rest are on /discussions/on/:type/:id). */
export const PARENT_PREVIEW_THREADS = 5;

/**
 * What a parent's page (an initiative, an event) shows of its discussions: its latest threads by
 * activity (first few), how many there are, and what the "start a thread" form needs. The page
 * has already checked the viewer may see the parent; `organisations` are those the viewer acts
 * for, which the page knows already (no second query). Whether the viewer may post there is
 * settled when the form is sent (a refusal is shown at the form). One threadList call.
 */
export function parentThreadsPreview(parent: { type: DiscussableType; id: number }, user: SessionUser | null, organisations: Array<{ id: number; name: string }>) {
  const list = listThreads(threadList({ kind: "parent", type: parent.type, id: parent.id }, { sort: "activity", page: 1, pageSize: PARENT_PREVIEW_THREADS }, user));
  return {
    type: parent.type,
    id: parent.id,
    rows: list.rows,
    total: list.total,
    signedIn: Boolean(user),
    organisations: user ? organisations.map((o) => ({ id: o.id, name: o.name })) : [],
  };
}
