import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { getUser, requireUser } from "#app/.server/auth/index.ts";
import {
  deletePost,
  editPost,
  flagPost,
  listCategories,
  markRead,
  moderatePost,
  moderateThread,
  moveThread,
  postLocation,
  postRevisions,
  quoteSource,
  reply,
  requireThread,
  setFollowingThread,
  suspendPoster,
  threadPage,
  toggleReaction,
} from "#app/.server/discussions/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { FormErrors, SubmitButton } from "#app/components/ui/forms.tsx";
import { refusalAnswer, replyInvalid, replyRefused, type DiscussionRefusal } from "#app/features/discussions/actions.server.ts";
import { categoryHref, categoryText, postHref, quoteMarkdown, threadHref } from "#app/features/discussions/links.ts";
import { Disclosure, PostCard, type PostFormReply } from "#app/features/discussions/post-card.tsx";
import { keptInput, RefusedPost, ReplyForm } from "#app/features/discussions/post-editor.tsx";
import { EditPostSchema, FlagSchema, idParam, MODERATION_NOTE_MAX, moderationNote, PageParam, POST_MODERATION_ACTIONS, ReactionSchema, ReplySchema, SuspendSchema, suspensionEnd } from "#app/features/discussions/schemas.ts";
import { isAutomaticReadMark } from "#app/features/discussions/taxonomy.ts";
import { Mark } from "#app/features/discussions/thread-list.tsx";
import { translate } from "#app/i18n.ts";
import type { MessageKey } from "#app/locales/es-keys.ts";
import { badRequest, forbidden, notFound } from "#app/utils/http-errors.ts";
import { useT } from "#app/utils/i18n.tsx";
import { pageLocale, pageMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, {
    title: args.data?.thread.title ?? "",
    description: translate(pageLocale(args.matches), "meta.thread", { place: args.data?.place.title ?? "" }),
    type: "article",
  });

/** A positive id from the query string (`?edit=`, `?quote=`, `?revisions=`), or null. */
function idFromQuery(url: URL, name: string) {
  return idParam(url.searchParams.get(name) ?? undefined);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request);
  const id = idParam(params.id);
  if (!id) throw notFound();
  const { thread, place, can } = requireThread(id, user, "view");
  const url = new URL(request.url);
  const page = PageParam.parse(url.searchParams.get("page") ?? 1);
  const view = threadPage(thread, page, user);
  redirectPastLastPage(request, view.pages);
  const moderate = can("moderate");
  const mayReply = can("reply");
  const quoteId = mayReply ? idFromQuery(url, "quote") : null;
  const quoted = quoteId ? quoteSource(quoteId, user) : null;
  const revisionsId = moderate ? idFromQuery(url, "revisions") : null;
  const locale = getLocale(request);
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      pinned: thread.pinned,
      locked: Boolean(thread.lockedAt),
      hidden: Boolean(thread.hiddenAt),
      categoryId: thread.categoryId,
      lastPostNumber: thread.lastPostNumber,
    },
    place:
      place.kind === "category"
        ? { kind: "category" as const, title: categoryText(place.category, locale).name, link: categoryHref(place.category.slug) }
        : { kind: "parent" as const, title: place.title, link: place.link },
    page: view.page,
    pages: view.pages,
    posts: view.posts.map((p) => ({
      id: p.id,
      number: p.number,
      createdAt: p.createdAt.getTime(),
      editedAt: p.editedAt ? p.editedAt.getTime() : null,
      deleted: p.deleted,
      hidden: p.hidden,
      bodyHtml: p.bodyHtml,
      body: p.body,
      author: { id: p.author.id, name: p.author.name, handle: p.author.handle ?? null },
      organisation: p.organisation,
      reactions: p.reactions,
      myReactions: p.myReactions,
      flaggedByMe: p.flaggedByMe,
      openFlagCount: p.openFlagCount,
      revisionCount: p.revisionCount,
      can: p.can,
    })),
    unread: view.unread,
    following: view.following,
    signedIn: Boolean(user),
    can: { reply: mayReply, moderate, follow: can("follow") },
    // Why nobody may reply, when the parent says so (a listing hidden by the coordinators); null otherwise.
    closed: place.kind === "parent" ? place.closed : null,
    editing: idFromQuery(url, "edit"),
    // The quoted post's markdown (its own quotations left out): `?quote=` without JavaScript, and
    // the "Quote" button's fetch with it.
    quote: quoted && quoted.threadId === thread.id ? { postId: quoted.postId, markdown: quoteMarkdown(quoted.markdown) } : null,
    revisions:
      revisionsId !== null && view.posts.some((p) => p.id === revisionsId)
        ? { postId: revisionsId, rows: (postRevisions(revisionsId, user) ?? []).map((r) => ({ body: r.body, replacedAt: r.replacedAt.getTime() })) }
        : null,
    // Where a coordinator may move the thread (forum categories only).
    categories: moderate ? listCategories().map((c) => ({ id: c.id, name: categoryText(c, locale).name })) : [],
    formToken: issueFormToken(),
  };
}

const PostIdSchema = z.object({ postId: z.coerce.number().int().positive() });
const UpToSchema = z.object({ upTo: z.coerce.number().int().positive().max(1_000_000_000) });
const NoteSchema = z.object({ note: moderationNote });
const MoveSchema = NoteSchema.extend({ categoryId: z.coerce.number().int().positive() });

const THREAD_ACTIONS = {
  lock: "disc.mod.done.lock",
  unlock: "disc.mod.done.unlock",
  pin: "disc.mod.done.pin",
  unpin: "disc.mod.done.unpin",
  "hide-thread": "disc.mod.done.hideThread",
  "restore-thread": "disc.mod.done.restoreThread",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params.id);
  if (!id) throw notFound();
  const { thread, can } = requireThread(id, user, "view");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const locale = getLocale(request);
  const here = threadHref(thread.id);
  // Back to a post on its page of this thread (the same route, so no second redirect through the
  // permalink route, whose route discovery a concurrent fetcher could cut short); to the thread's
  // first page when the person may no longer see the post.
  const backTo = (postId: number) => {
    const at = postLocation(postId, user);
    return at && at.threadId === thread.id ? postHref(at.threadId, at.number) : here;
  };
  /** A refusal of a post's small form (flag, delete, moderation), shown beside the post. */
  const refusedOnPost = (postId: number, refusal: DiscussionRefusal) => {
    const answer = refusalAnswer(refusal, locale);
    return data({ intent, postId, error: answer.message } satisfies PostFormReply, { status: answer.status, headers: answer.headers });
  };
  /** A refusal of a thread-wide coordinator form, shown above the posts. */
  const refusedOnThread = (refusal: DiscussionRefusal) => {
    const answer = refusalAnswer(refusal, locale);
    return data({ intent, error: answer.message }, { status: answer.status, headers: answer.headers });
  };
  const parsed = <T extends z.ZodTypeAny>(schema: T): z.infer<T> => {
    const result = schema.safeParse(Object.fromEntries(form));
    if (!result.success) throw badRequest();
    return result.data;
  };

  switch (intent) {
    case "reply": {
      const once = submitOnce(form, { userId: user.id, form: "discussion-reply" });
      const submission = parseWithZod(form, { schema: ReplySchema });
      if (submission.status !== "success") return replyInvalid(intent, submission);
      const result = reply(
        user,
        thread.id,
        { body: submission.value.body, quotedPostId: submission.value.quotedPostId ?? null },
        new Date(),
        once.writer((r) => (r.ok ? { redirectTo: postHref(thread.id, r.number), flash: { key: "disc.reply.posted" } } : null)),
      );
      if (!result.ok) return replyRefused(intent, submission, result, locale);
      return once.respond();
    }
    case "edit": {
      const submission = parseWithZod(form, { schema: EditPostSchema });
      if (submission.status !== "success") {
        return data({ intent, postId: Number(form.get("postId")) || undefined, result: submission.reply() }, { status: 400 });
      }
      const result = editPost(user, submission.value.postId, submission.value.body);
      if (!result.ok) {
        const answer = refusalAnswer(result, locale);
        return data({ intent, postId: submission.value.postId, result: submission.reply({ formErrors: [answer.message] }) }, { status: answer.status, headers: answer.headers });
      }
      return redirectWithFlash(backTo(submission.value.postId), { key: "disc.edit.saved" });
    }
    case "delete": {
      const { postId } = parsed(PostIdSchema);
      const result = deletePost(user, postId);
      if (!result.ok) return refusedOnPost(postId, result);
      return redirectWithFlash(backTo(postId), { key: "disc.post.deletedDone" });
    }
    case "react": {
      const { postId, reaction } = parsed(ReactionSchema);
      const result = toggleReaction(user, postId, reaction);
      if (!result.ok) return refusedOnPost(postId, result);
      // The buttons send through a fetcher with JavaScript (no navigation); a plain form comes back to the post.
      if (form.get("via") === "fetch") return { intent, postId, on: result.on };
      throw redirect(backTo(postId));
    }
    case "flag": {
      const postId = Number(form.get("postId"));
      const flag = FlagSchema.safeParse(Object.fromEntries(form));
      if (!flag.success) {
        if (!Number.isInteger(postId) || postId <= 0) throw badRequest();
        return data({ intent, postId, error: translate(locale, "errors.invalidOption") } satisfies PostFormReply, { status: 400 });
      }
      const result = flagPost(user, flag.data.postId, flag.data.reason, flag.data.note);
      if (!result.ok) return refusedOnPost(flag.data.postId, result);
      return redirectWithFlash(backTo(flag.data.postId), { key: result.hidden ? "disc.flag.thanksHidden" : "disc.flag.thanks" });
    }
    case "follow":
    case "unfollow": {
      if (!can("follow")) throw forbidden();
      setFollowingThread(user.id, thread.id, intent === "follow");
      return redirectWithFlash(here, { key: intent === "follow" ? "disc.follow.on" : "disc.follow.off" });
    }
    case "read":
    case "mark-read": {
      // Reading a page raises the reader's mark (the page posts it by itself with JavaScript).
      const { upTo } = parsed(UpToSchema);
      markRead(user.id, thread.id, Math.min(upTo, thread.lastPostNumber));
      if (intent === "read") return { intent, read: true };
      return redirectWithFlash(`${here}${new URL(request.url).search}`, { key: "disc.read.done" });
    }
  }

  // Everything below is for coordinators and admins.
  if (!(intent in THREAD_ACTIONS || intent in POST_MODERATION_ACTIONS || intent === "move" || intent === "suspend")) throw badRequest();
  if (!can("moderate")) throw forbidden();
  if (intent in THREAD_ACTIONS) {
    const done = THREAD_ACTIONS[intent as keyof typeof THREAD_ACTIONS];
    const which = intent.replace("-thread", "") as "lock" | "unlock" | "pin" | "unpin" | "hide" | "restore";
    const result = moderateThread(user, thread.id, which, parsed(NoteSchema).note);
    if (!result.ok) return refusedOnThread(result);
    return redirectWithFlash(here, { key: done });
  }
  if (intent in POST_MODERATION_ACTIONS) {
    const { postId } = parsed(PostIdSchema);
    const which = POST_MODERATION_ACTIONS[intent as keyof typeof POST_MODERATION_ACTIONS];
    const result = moderatePost(user, postId, which, parsed(NoteSchema).note);
    if (!result.ok) return refusedOnPost(postId, result);
    return redirectWithFlash(backTo(postId), { key: `disc.mod.done.${which}` });
  }
  if (intent === "move") {
    const { categoryId, note } = parsed(MoveSchema);
    const result = moveThread(user, thread.id, categoryId, note);
    if (!result.ok) return refusedOnThread(result);
    return redirectWithFlash(here, { key: "disc.mod.done.move" });
  }
  if (intent === "suspend") {
    const suspension = SuspendSchema.safeParse(Object.fromEntries(form));
    if (!suspension.success) return data({ intent, error: translate(locale, "disc.errors.suspension") }, { status: 400 });
    const { handle, days, reason } = suspension.data;
    const result = suspendPoster(user, handle, suspensionEnd(days), reason);
    if (!result.ok) return refusedOnThread(result);
    return redirectWithFlash(here, { key: "disc.mod.done.suspend", vars: { handle } });
  }
  throw badRequest();
}

/** The automatic "read" post keeps this visit's marks: nothing to reload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  isAutomaticReadMark(formData) ? false : defaultShouldRevalidate;

export default function ThreadPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as PostFormReply | undefined;
  const t = useT();
  const { thread } = d;
  const pageHref = threadHref(thread.id, d.page);
  const lastShown = d.posts.at(-1)?.number ?? 0;
  const read = useFetcher<typeof action>();
  const { submit } = read;
  const unreadShown = d.signedIn && d.unread !== null && lastShown >= d.unread.firstUnreadNumber;
  useEffect(() => {
    // Shown means read: raise the mark once the page is on screen (GETs stay free of writes).
    if (unreadShown) submit({ intent: "read", upTo: String(lastShown) }, { method: "post" });
  }, [unreadShown, lastShown, submit, thread.id]);
  const threadError = actionData && !actionData.postId && actionData.intent !== "reply" ? actionData.error : undefined;

  return (
    <article className="space-y-6">
      <nav aria-label={t("disc.breadcrumb")}>
        <ol className="flex flex-wrap gap-2 text-sm">
          <li>
            <Link to="/discussions">{t("nav.discussions")}</Link> <span aria-hidden="true">›</span>
          </li>
          <li>
            <Link to={d.place.link}>{d.place.title}</Link>
          </li>
        </ol>
      </nav>
      <header>
        <h1 className="text-3xl font-bold [overflow-wrap:anywhere]">{thread.title}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-2">
          {thread.pinned ? <Mark tone="brand">{t("disc.thread.pinned")}</Mark> : null}
          {thread.locked ? <Mark tone="stone">{t("disc.thread.locked")}</Mark> : null}
          {thread.hidden ? <Mark tone="red">{t("disc.thread.hidden")}</Mark> : null}
        </p>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          {d.can.follow ? (
            <Form method="post">
              <SubmitButton name="intent" value={d.following ? "unfollow" : "follow"} className="btn-secondary" pendingLabel={t("form.saving")}>
                {d.following ? t("disc.follow.stop") : t("disc.follow.start")}
              </SubmitButton>
            </Form>
          ) : null}
          {d.unread && !(read.data && unreadShown) ? <Link to={postHref(thread.id, d.unread.firstUnreadNumber)}>{t("disc.unread.jump")}</Link> : null}
        </div>
      </header>

      {threadError ? <FormErrors errors={[threadError]} /> : null}
      {d.can.moderate ? <ThreadModeration thread={thread} categories={d.categories} /> : null}

      <section aria-labelledby="posts-heading" className="space-y-4">
        {/* An h2 between the thread's h1 and the posts' h3s (axe: heading-order). */}
        <h2 id="posts-heading" className="sr-only">
          {t("disc.posts")}
        </h2>
        {d.posts.map((post) => (
          <PostCard
            key={post.id}
            post={post}
            pageHref={pageHref}
            moderate={d.can.moderate}
            editing={d.editing === post.id}
            revisions={d.revisions?.postId === post.id ? d.revisions.rows : null}
            reply={actionData?.postId === post.id ? actionData : undefined}
          />
        ))}
      </section>
      <Pagination page={d.page} pages={d.pages} hrefFor={(n) => threadHref(thread.id, n)} />

      {unreadShown && !read.data ? (
        <Form method="post">
          <input type="hidden" name="upTo" value={lastShown} />
          <SubmitButton name="intent" value="mark-read" className="btn-secondary" pendingLabel={t("form.saving")}>
            {t("disc.read.mark")}
          </SubmitButton>
        </Form>
      ) : null}

      <ReplyArea
        key={d.formToken}
        formToken={d.formToken}
        state={d.can.reply ? "open" : thread.locked ? "locked" : !d.signedIn ? "anonymous" : d.closed ? "closed" : "refused"}
        closed={d.closed}
        loginHref={`/login?redirectTo=${encodeURIComponent(pageHref)}`}
        reply={actionData?.intent === "reply" ? actionData.result : undefined}
        quote={d.quote}
      />
    </article>
  );
}

/** The reply box, or why there is none (locked thread, not signed in, the parent closed to writing, not allowed). */
function ReplyArea({
  formToken,
  state,
  closed,
  loginHref,
  reply,
  quote,
}: {
  formToken: string;
  state: "open" | "locked" | "anonymous" | "closed" | "refused";
  closed: MessageKey | null;
  loginHref: string;
  reply?: PostFormReply["result"];
  quote: { postId: number; markdown: string } | null;
}) {
  const t = useT();
  if (state === "open") return <ReplyForm formToken={formToken} reply={reply} quote={quote} />;
  // A reply refused because the box went away meanwhile (locked, suspended): its message and text stay.
  if (keptInput(reply)) return <RefusedPost id="reply" result={reply} />;
  return (
    <p id="reply" role="note" className="card">
      {state === "locked" ? (
        t("disc.refused.locked")
      ) : state === "anonymous" ? (
        <Link to={loginHref}>{t("disc.reply.login")}</Link>
      ) : state === "closed" && closed ? (
        t(closed)
      ) : (
        t("disc.refused.not_member")
      )}{" "}
      {state === "anonymous" ? null : <Link to="/discussions/code-of-conduct">{t("disc.coc.link")}</Link>}
    </p>
  );
}

/** Coordinators' thread tools: lock, pin, hide, move. */
function ThreadModeration({
  thread,
  categories,
}: {
  thread: { locked: boolean; pinned: boolean; hidden: boolean; categoryId: number | null };
  categories: Array<{ id: number; name: string }>;
}) {
  const t = useT();
  return (
    <section aria-labelledby="thread-moderation" className="card border-amber-300">
      <h2 id="thread-moderation" className="mb-3 text-lg font-bold">
        {t("disc.mod.threadTools")}
      </h2>
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <div className="w-full sm:w-auto sm:flex-1">
          <label htmlFor="moderation-note" className="mb-1 block font-semibold">
            {t("disc.mod.note")}
          </label>
          <input id="moderation-note" name="note" className="input" maxLength={MODERATION_NOTE_MAX} />
        </div>
        <SubmitButton name="intent" value={thread.locked ? "unlock" : "lock"} className="btn-secondary" pendingLabel={t("form.saving")}>
          {thread.locked ? t("disc.mod.unlock") : t("disc.mod.lock")}
        </SubmitButton>
        <SubmitButton name="intent" value={thread.pinned ? "unpin" : "pin"} className="btn-secondary" pendingLabel={t("form.saving")}>
          {thread.pinned ? t("disc.mod.unpin") : t("disc.mod.pin")}
        </SubmitButton>
        <SubmitButton name="intent" value={thread.hidden ? "restore-thread" : "hide-thread"} className="btn-danger" pendingLabel={t("form.saving")}>
          {thread.hidden ? t("disc.mod.restoreThread") : t("disc.mod.hideThread")}
        </SubmitButton>
      </Form>
      {thread.categoryId !== null && categories.length > 1 ? (
        <div className="mt-3">
          <Disclosure summary={t("disc.mod.move")}>
            <Form method="post" className="space-y-2">
              <label htmlFor="move-category" className="block font-semibold">
                {t("disc.mod.moveTo")}
              </label>
              <select id="move-category" name="categoryId" className="input" defaultValue={thread.categoryId}>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <SubmitButton name="intent" value="move" className="btn-secondary" pendingLabel={t("form.saving")}>
                {t("disc.mod.moveSubmit")}
              </SubmitButton>
            </Form>
          </Disclosure>
        </div>
      ) : null}
      <p className="mt-3 text-sm text-stone-600">{t("disc.mod.logged")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
