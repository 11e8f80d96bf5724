import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useFetcher, useFormAction } from "@remix-run/react";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import { FormErrors, SubmitButton } from "#app/components/ui/forms.tsx";
import { MarkdownContent } from "#app/components/ui/markdown.tsx";
import { formatDateTime } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { permalinkHref, quoteMarkdown } from "./links.ts";
import { EditPostForm, RefusedPost } from "./post-editor.tsx";
import { MODERATION_NOTE_MAX, SUSPENSION_DAYS_MAX } from "./schemas.ts";
import { FLAG_NOTE_MAX, FLAG_REASONS, REACTION_EMOJI, REACTIONS, type Reaction } from "./taxonomy.ts";
import { personName } from "#app/utils/person-name.ts";

/** A post as the thread page's loader sends it (dates as ms). */
export type PostView = {
  id: number;
  number: number;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  hidden: boolean;
  bodyHtml: string | null;
  body: string | null;
  author: { id: number; name: string; handle: string | null };
  organisation: { slug: string; name: string } | null;
  reactions: Record<Reaction, number>;
  myReactions: Reaction[];
  flaggedByMe: boolean;
  openFlagCount: number;
  revisionCount: number;
  can: { edit: boolean; delete: boolean; flag: boolean; react: boolean; quote: boolean };
};

/** What the thread page's action answered about one post's form, to show beside it. */
export type PostFormReply = { intent: string; postId?: number; result?: SubmissionResult<string[]>; error?: string };

type Props = {
  post: PostView;
  /** The page's address without `edit`/`quote`/`revisions` (`/discussions/threads/7?page=2`). */
  pageHref: string;
  moderate: boolean;
  editing: boolean;
  revisions: Array<{ body: string; replacedAt: number }> | null;
  reply?: PostFormReply;
};

/** `pageHref` with one more query parameter, for the no-JavaScript links (edit, quote, revisions). */
function withParam(pageHref: string, name: string, value: number) {
  return `${pageHref}${pageHref.includes("?") ? "&" : "?"}${name}=${value}`;
}

/**
 * One post of a thread, `#post-<number>`: author and organisation, time and "edited", the body
 * (or a placeholder when deleted or hidden), reactions, and the actions this viewer may take.
 */
export function PostCard({ post, pageHref, moderate, editing, revisions, reply }: Props) {
  const t = useT();
  const locale = useLocale();
  const bodyRef = useRef<HTMLDivElement | null>(null);
  const mine = reply?.postId === post.id ? reply : undefined;
  const headingId = `post-${post.number}-heading`;
  return (
    <article id={`post-${post.number}`} aria-labelledby={headingId} className="card scroll-mt-4" data-post-number={post.number}>
      <header className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm text-stone-700">
        <h3 id={headingId} className="text-base font-semibold text-stone-900">
          {personName(post.author.name, t)}
        </h3>
        {post.author.handle ? <span>@{post.author.handle}</span> : null}
        {post.organisation ? (
          <Link to={`/organisations/${post.organisation.slug}`} className="[overflow-wrap:anywhere]">
            {post.organisation.name}
          </Link>
        ) : null}
        <span>·</span>
        <a href={permalinkHref(post.id)} title={t("disc.post.permalink")}>
          <span className="sr-only">{t("disc.post.permalink")} </span>#{post.number}
        </a>
        <span>· {formatDateTime(locale, post.createdAt)}</span>
        {post.editedAt && !post.deleted ? <span>· {t("disc.post.edited")}</span> : null}
      </header>

      {mine && mine.intent !== "edit" ? <FormErrors errors={mine.result?.error?.[""] ?? (mine.error ? [mine.error] : undefined)} /> : null}

      {post.deleted ? (
        <p className="mt-2 italic text-stone-600">{t("disc.post.deleted")}</p>
      ) : post.hidden && !post.bodyHtml ? (
        <p className="mt-2 italic text-stone-600">{t("disc.post.hidden")}</p>
      ) : editing && post.can.edit && post.body !== null ? (
        <div className="mt-3">
          <EditPostForm postId={post.id} body={post.body} cancelHref={`${pageHref}#post-${post.number}`} reply={mine?.intent === "edit" ? mine.result : undefined} />
        </div>
      ) : (
        <>
          {post.hidden ? (
            <p role="note" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
              {t("disc.post.hiddenNotice")}
            </p>
          ) : null}
          <div ref={bodyRef}>
            <MarkdownContent className="mt-2" html={post.bodyHtml ?? ""} />
          </div>
        </>
      )}
      {/* An edit refused once the form went away (thread locked, author suspended): message and text stay. */}
      {mine?.intent === "edit" && !(editing && post.can.edit) ? (
        <div className="mt-3">
          <RefusedPost id={`edit-post-${post.id}`} result={mine.result} />
        </div>
      ) : null}

      {!post.deleted ? (
        <footer className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          <Reactions post={post} />
          {post.can.quote ? <QuoteLink post={post} pageHref={pageHref} bodyRef={bodyRef} /> : null}
          {post.can.edit && !editing ? <Link to={`${withParam(pageHref, "edit", post.id)}#post-${post.number}`}>{t("disc.post.edit")}</Link> : null}
          {post.can.delete ? (
            <Disclosure summary={t("disc.post.delete")}>
              <Form method="post" className="space-y-2">
                <p>{t("disc.post.deleteConfirm")}</p>
                <input type="hidden" name="postId" value={post.id} />
                <SubmitButton name="intent" value="delete" className="btn-danger" pendingLabel={t("form.saving")}>
                  {t("disc.post.deleteSubmit")}
                </SubmitButton>
              </Form>
            </Disclosure>
          ) : null}
          {post.can.flag && !post.flaggedByMe ? <FlagForm post={post} reply={mine?.intent === "flag" ? mine : undefined} /> : null}
          {post.flaggedByMe ? <span className="text-stone-600">{t("disc.flag.done")}</span> : null}
        </footer>
      ) : null}

      {moderate ? <ModeratorTools post={post} pageHref={pageHref} revisions={revisions} /> : null}
    </article>
  );
}

/** 👍 ❤️ 💡 with their counts: toggle buttons (aria-pressed) for those who may react, plain counts otherwise. */
function Reactions({ post }: { post: PostView }) {
  const t = useT();
  const fetcher = useFetcher();
  // While a toggle is on its way, show its outcome.
  const sending = fetcher.formData?.get("reaction") as Reaction | undefined;
  return (
    // The buttons are a named group; a form may not take that role (and a named form is a landmark,
    // one per post, all with the same name).
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="react" />
      <input type="hidden" name="postId" value={post.id} />
      <div className="flex flex-wrap gap-1" role="group" aria-label={t("disc.react.label")}>
      {REACTIONS.map((reaction) => {
        let on = post.myReactions.includes(reaction);
        let count = post.reactions[reaction] ?? 0;
        if (sending === reaction) {
          count += on ? -1 : 1;
          on = !on;
        }
        const label = t.count(`disc.react.${reaction}`, count);
        if (!post.can.react) {
          return count > 0 ? (
            <span key={reaction} className="rounded-full bg-stone-100 px-2 py-0.5" title={label}>
              <span aria-hidden="true">{REACTION_EMOJI[reaction]}</span> {count}
              <span className="sr-only">{label}</span>
            </span>
          ) : null;
        }
        return (
          <button
            key={reaction}
            type="submit"
            name="reaction"
            value={reaction}
            aria-pressed={on}
            aria-label={label}
            onClick={(event) => {
              event.preventDefault();
              fetcher.submit({ intent: "react", postId: String(post.id), reaction, via: "fetch" }, { method: "post" });
            }}
            className={`min-h-8 rounded-full border px-2 py-0.5 ${on ? "border-brand-600 bg-brand-50" : "border-stone-300 bg-white"}`}
          >
            <span aria-hidden="true">
              {REACTION_EMOJI[reaction]} {count}
            </span>
          </button>
        );
      })}
      </div>
    </fetcher.Form>
  );
}

/** Puts `markdown` (already a quotation) at the end of the reply box and marks `postId` as quoted. */
function insertQuote(markdown: string, postId: number) {
  const form = document.querySelector<HTMLFormElement>("form[data-reply-form]");
  const textarea = form?.querySelector<HTMLTextAreaElement>("textarea[name=body]");
  const quoted = form?.querySelector<HTMLInputElement>("input[data-quoted-post]");
  if (!form || !textarea || !quoted || !markdown) return;
  const before = textarea.value.trim() ? `${textarea.value.replace(/\s+$/, "")}\n\n` : "";
  textarea.value = `${before}${markdown}`;
  quoted.value = String(postId);
  textarea.focus();
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  // Conform listens to input events for its validation.
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
  form.scrollIntoView({ block: "center" });
}

/** The text of a post's body as shown, its own quotations and their "↩ Name #N" links left out. */
function shownTextWithoutQuotes(body: HTMLElement) {
  const copy = body.cloneNode(true) as HTMLElement;
  copy.querySelectorAll("blockquote, p.quote-source").forEach((node) => node.remove());
  return copy.innerText || copy.textContent || "";
}

/**
 * "Quote": without JavaScript, a link that reloads the page with the reply box holding the post
 * as a quotation (its markdown, formatting kept, its own quotations left out). With JavaScript,
 * the selected part of the post goes into the box at once; with nothing selected, the same
 * quotation the link would give is fetched (this page's loader, `?quote=`) and put in the box.
 */
function QuoteLink({ post, pageHref, bodyRef }: { post: PostView; pageHref: string; bodyRef: React.RefObject<HTMLDivElement | null> }) {
  const t = useT();
  const href = withParam(pageHref, "quote", post.id);
  const source = useFetcher<{ quote: { postId: number; markdown: string } | null }>();
  const waiting = useRef(false);
  useEffect(() => {
    if (!waiting.current || source.state !== "idle") return;
    waiting.current = false;
    const quote = source.data?.quote;
    const fallback = bodyRef.current ? quoteMarkdown(shownTextWithoutQuotes(bodyRef.current)) : "";
    insertQuote(quote?.postId === post.id ? quote.markdown : fallback, post.id);
  }, [source.state, source.data, post.id, bodyRef]);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const body = bodyRef.current;
    if (!body || !document.querySelector("form[data-reply-form] textarea[name=body]")) return;
    event.preventDefault();
    const selection = window.getSelection();
    const selected = selection && !selection.isCollapsed && body.contains(selection.anchorNode) && body.contains(selection.focusNode) ? selection.toString() : "";
    if (selected.trim()) {
      insertQuote(quoteMarkdown(selected), post.id);
      return;
    }
    waiting.current = true;
    source.load(href);
  };
  return (
    <a href={`${href}#reply`} onClick={onClick} aria-busy={source.state !== "idle" || undefined}>
      {t("disc.post.quote")}
      <span className="sr-only"> #{post.number}</span>
    </a>
  );
}

/** Flagging: a reason from the list and an optional note, behind a disclosure. */
function FlagForm({ post, reply }: { post: PostView; reply?: PostFormReply }) {
  const t = useT();
  const id = `flag-${post.id}`;
  const formAction = useFormAction();
  return (
    <Disclosure summary={t("disc.flag.open")} open={Boolean(reply)}>
      <Form method="post" id={id} action={`${formAction}#post-${post.number}`} className="space-y-2">
        <input type="hidden" name="postId" value={post.id} />
        <label htmlFor={`${id}-reason`} className="block font-semibold">
          {t("disc.flag.reason")}
        </label>
        <select id={`${id}-reason`} name="reason" className="input" required>
          {FLAG_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t(`disc.flag.reasons.${reason}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`} className="block font-semibold">
          {t("disc.flag.note")}
        </label>
        <input id={`${id}-note`} name="note" className="input" maxLength={FLAG_NOTE_MAX} />
        <SubmitButton name="intent" value="flag" className="btn-secondary" pendingLabel={t("form.sending")}>
          {t("disc.flag.submit")}
        </SubmitButton>
      </Form>
    </Disclosure>
  );
}

/** Coordinators' tools on a post: open flags, hide or restore, dismiss flags, revisions, suspend the author. */
function ModeratorTools({ post, pageHref, revisions }: { post: PostView; pageHref: string; revisions: Props["revisions"] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mt-3 space-y-2 border-t border-amber-200 pt-2 text-sm" data-testid="moderator-tools">
      <div className="flex flex-wrap items-center gap-2">
        {post.openFlagCount > 0 ? <span className="font-semibold text-red-900">{t.count("disc.mod.openFlags", post.openFlagCount)}</span> : null}
        {!post.deleted ? (
          <Form method="post" className="flex flex-wrap gap-2">
            <input type="hidden" name="postId" value={post.id} />
            <SubmitButton name="intent" value={post.hidden ? "restore-post" : "hide-post"} className="btn-secondary" pendingLabel={t("form.saving")}>
              {post.hidden ? t("disc.mod.restorePost") : t("disc.mod.hidePost")}
            </SubmitButton>
            {post.openFlagCount > 0 && !post.hidden ? (
              <SubmitButton name="intent" value="dismiss-flags" className="btn-secondary" pendingLabel={t("form.saving")}>
                {t("disc.mod.dismissFlags")}
              </SubmitButton>
            ) : null}
          </Form>
        ) : null}
        {post.revisionCount > 0 && !revisions ? (
          <Link to={`${withParam(pageHref, "revisions", post.id)}#post-${post.number}`}>{t.count("disc.mod.revisions", post.revisionCount)}</Link>
        ) : null}
      </div>
      {revisions ? (
        <section aria-label={t("disc.mod.revisionsTitle")}>
          <h4 className="font-semibold">{t("disc.mod.revisionsTitle")}</h4>
          <ol className="space-y-2">
            {revisions.map((r, i) => (
              <li key={i} className="rounded bg-stone-100 p-2">
                <p className="text-stone-700">{t("disc.mod.replacedAt", { date: formatDateTime(locale, r.replacedAt) })}</p>
                <pre className="whitespace-pre-wrap font-sans [overflow-wrap:anywhere]">{r.body}</pre>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {post.author.handle ? (
        <Disclosure summary={t("disc.mod.suspend")}>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="handle" value={post.author.handle} />
            <SuspendFields idPrefix={`suspend-${post.id}`} />
            <SubmitButton name="intent" value="suspend" className="btn-danger" pendingLabel={t("form.saving")}>
              {t("disc.mod.suspendSubmit", { name: personName(post.author.name, t) })}
            </SubmitButton>
          </Form>
        </Disclosure>
      ) : null}
    </div>
  );
}

/** Days and reason of a posting suspension (the person is chosen by the surrounding form). */
export function SuspendFields({ idPrefix }: { idPrefix: string }) {
  const t = useT();
  return (
    <>
      <label htmlFor={`${idPrefix}-days`} className="block font-semibold">
        {t("disc.mod.suspendDays")}
      </label>
      <input id={`${idPrefix}-days`} name="days" type="number" min={1} max={SUSPENSION_DAYS_MAX} defaultValue={7} className="input" required />
      <label htmlFor={`${idPrefix}-reason`} className="block font-semibold">
        {t("disc.mod.suspendReason")}
      </label>
      <input id={`${idPrefix}-reason`} name="reason" className="input" maxLength={MODERATION_NOTE_MAX} required />
    </>
  );
}

/** A native disclosure (works without JavaScript). */
export function Disclosure({ summary, children, open }: { summary: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="group" open={open}>
      <summary className="cursor-pointer text-brand-700 underline">{summary}</summary>
      <div className="mt-2 rounded-md border border-stone-200 bg-stone-50 p-3">{children}</div>
    </details>
  );
}
