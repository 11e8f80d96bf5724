import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { peopleByIds, requireRole } from "#app/.server/auth/index.ts";
import { activeSuspensions, liftSuspension, moderatePost, moderationLog, moderationQueue, suspendPoster } from "#app/.server/discussions/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { MarkdownContent } from "#app/components/ui/markdown.tsx";
import { refusalAnswer } from "#app/features/discussions/actions.server.ts";
import { categoryText, listPageHref, permalinkHref, threadHref } from "#app/features/discussions/links.ts";
import { SuspendFields } from "#app/features/discussions/post-card.tsx";
import { LiftSuspensionSchema, MODERATION_NOTE_MAX, moderationNote, PageParam, POST_MODERATION_ACTIONS, SUSPEND_HANDLE_MAX, SuspendSchema, suspensionEnd } from "#app/features/discussions/schemas.ts";
import { formatDateTime, translate } from "#app/i18n.ts";
import { badRequest } from "#app/utils/http-errors.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { personName } from "#app/utils/person-name.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "disc.mod.title");

const MODERATORS = ["coordinator", "admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, MODERATORS);
  const params = new URL(request.url).searchParams;
  const page = PageParam.parse(params.get("page") ?? 1);
  const logPage = PageParam.parse(params.get("log") ?? 1);
  const suspensionsPage = PageParam.parse(params.get("suspensions") ?? 1);
  const queue = moderationQueue(page, user.id);
  const log = moderationLog(logPage);
  const suspensions = activeSuspensions(suspensionsPage);
  redirectPastLastPage(request, queue.pages);
  redirectPastLastPage(request, log.pages, "log");
  redirectPastLastPage(request, suspensions.pages, "suspensions");
  const locale = getLocale(request);
  return {
    page,
    pages: queue.pages,
    queue: queue.rows.map((row) => ({
      id: row.id,
      number: row.number,
      bodyHtml: row.bodyHtml,
      deleted: row.deleted,
      hidden: row.hidden,
      hiddenReason: row.hiddenReason,
      openFlagCount: row.openFlagCount,
      createdAt: row.createdAt.getTime(),
      author: row.author,
      thread: row.thread,
      flags: row.flags.map((f) => ({ ...f, createdAt: f.createdAt.getTime() })),
    })),
    suspensionsPage,
    suspensionsPages: suspensions.pages,
    suspensions: suspensions.rows.map((row) => ({ ...row, until: row.until.getTime(), createdAt: row.createdAt.getTime() })),
    logPage,
    logPages: log.pages,
    log: log.rows.map((row) => ({
      id: row.id,
      action: row.action,
      actor: row.actor,
      thread: row.thread,
      postId: row.postId,
      category: row.category ? categoryText(row.category, locale).name : null,
      targetUser: row.targetUser,
      note: row.note,
      createdAt: row.createdAt.getTime(),
    })),
  };
}

const PostActionSchema = z.object({
  postId: z.coerce.number().int().positive(),
  intent: z.enum(["hide-post", "restore-post", "dismiss-flags"]),
  note: moderationNote,
});

type Reply = { intent: string; postId?: number; userId?: number; error: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, MODERATORS);
  const form = await readForm(request);
  const locale = getLocale(request);
  const back = `/discussions/moderation${new URL(request.url).search}`;
  const intent = String(form.get("intent") ?? "");
  if (intent === "suspend") {
    const parsed = SuspendSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data({ intent, error: translate(locale, "disc.errors.suspension") } satisfies Reply, { status: 400 });
    const { handle, days, reason } = parsed.data;
    const result = suspendPoster(user, handle, suspensionEnd(days), reason);
    if (!result.ok) {
      if (result.reason === "not_found") return data({ intent, error: translate(locale, "disc.errors.unknownHandle", { handle }) } satisfies Reply, { status: 404 });
      const answer = refusalAnswer(result, locale);
      return data({ intent, error: answer.message } satisfies Reply, { status: answer.status });
    }
    return redirectWithFlash(back, { key: "disc.mod.done.suspend", vars: { handle } });
  }
  if (intent === "lift-suspension") {
    const parsed = LiftSuspensionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw badRequest();
    const { userId } = parsed.data;
    const result = liftSuspension(user, userId);
    if (!result.ok) {
      // Lifted meanwhile by someone else, or over: say so on the page rather than an error page.
      if (result.reason === "not_found") return data({ intent, userId, error: translate(locale, "disc.mod.liftGone") } satisfies Reply, { status: 404 });
      const answer = refusalAnswer(result, locale);
      return data({ intent, userId, error: answer.message } satisfies Reply, { status: answer.status });
    }
    const name = peopleByIds([userId]).get(userId)?.name ?? "";
    return redirectWithFlash(back, { key: "disc.mod.done.lift", vars: { name } });
  }
  const parsed = PostActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw badRequest();
  const which = POST_MODERATION_ACTIONS[parsed.data.intent];
  const result = moderatePost(user, parsed.data.postId, which, parsed.data.note);
  if (!result.ok) {
    const answer = refusalAnswer(result, locale);
    return data({ intent, postId: parsed.data.postId, error: answer.message } satisfies Reply, { status: answer.status });
  }
  return redirectWithFlash(back, { key: `disc.mod.done.${which}` });
}

export default function ModerationPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const base = "/discussions/moderation";
  return (
    <div className="space-y-8">
      <nav aria-label={t("disc.breadcrumb")}>
        <Link to="/discussions">{t("nav.discussions")}</Link>
      </nav>
      <PageTitle lead={t("disc.mod.lead")}>{t("disc.mod.title")}</PageTitle>

      <section aria-labelledby="queue-heading" className="space-y-4">
        <h2 id="queue-heading" className="text-xl font-bold">
          {t("disc.mod.queue")}
        </h2>
        {d.queue.length === 0 ? <p>{t("disc.mod.queueEmpty")}</p> : null}
        {d.queue.map((post) => (
          <article key={post.id} aria-labelledby={`queued-${post.id}`} className="card space-y-2" data-testid="queued-post">
            <h3 id={`queued-${post.id}`} className="font-semibold [overflow-wrap:anywhere]">
              <Link to={permalinkHref(post.id)}>
                {post.thread.title} #{post.number}
              </Link>
            </h3>
            <p className="text-sm text-stone-700">
              {t("disc.thread.by", { name: personName(post.author.name, t) })} · {formatDateTime(locale, post.createdAt)}
              {post.hidden ? ` · ${t(post.hiddenReason === "flags" ? "disc.mod.hiddenByFlags" : "disc.mod.hiddenByModerator")}` : ""}
              {post.deleted ? ` · ${t("disc.post.deleted")}` : ""}
            </p>
            <MarkdownContent className="rounded bg-stone-50 p-2" html={post.bodyHtml} />
            <h4 className="font-semibold">{t.count("disc.mod.openFlags", post.openFlagCount)}</h4>
            <ul className="list-disc space-y-1 pl-6 text-sm">
              {post.flags.map((flag, i) => (
                <li key={i}>
                  {t(`disc.flag.reasons.${flag.reason}`)} · {flag.by} · {formatDateTime(locale, flag.createdAt)}
                  {flag.note ? <span className="block whitespace-pre-line text-stone-700">“{flag.note}”</span> : null}
                </li>
              ))}
            </ul>
            {actionData?.postId === post.id ? <FormErrors errors={[actionData.error]} /> : null}
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="postId" value={post.id} />
              <div className="w-full sm:w-auto sm:flex-1">
                <label htmlFor={`note-${post.id}`} className="mb-1 block font-semibold">
                  {t("disc.mod.note")}
                </label>
                <input id={`note-${post.id}`} name="note" className="input" maxLength={MODERATION_NOTE_MAX} />
              </div>
              {post.hidden ? (
                <SubmitButton name="intent" value="restore-post" pendingLabel={t("form.saving")}>
                  {t("disc.mod.restorePost")}
                </SubmitButton>
              ) : (
                <SubmitButton name="intent" value="hide-post" className="btn-danger" pendingLabel={t("form.saving")}>
                  {t("disc.mod.hidePost")}
                </SubmitButton>
              )}
              <SubmitButton name="intent" value="dismiss-flags" className="btn-secondary" pendingLabel={t("form.saving")}>
                {post.hidden ? t("disc.mod.confirmHidden") : t("disc.mod.dismissFlags")}
              </SubmitButton>
              <Link to={threadHref(post.thread.id)} className="text-sm">
                {t("disc.mod.openThread")}
              </Link>
            </Form>
          </article>
        ))}
        <Pagination page={d.page} pages={d.pages} hrefFor={(n) => listPageHref(base, searchParams, n)} />
      </section>

      <section aria-labelledby="suspend-heading" className="card">
        <h2 id="suspend-heading" className="mb-3 text-xl font-bold">
          {t("disc.mod.suspendTitle")}
        </h2>
        {actionData?.intent === "suspend" ? <FormErrors errors={[actionData.error]} /> : null}
        <Form method="post" className="space-y-2" id="suspend" action={`${base}${searchParams.size ? `?${searchParams}` : ""}#suspend`}>
          <label htmlFor="suspend-handle" className="block font-semibold">
            {t("disc.mod.suspendHandle")}
          </label>
          <input id="suspend-handle" name="handle" className="input" required maxLength={SUSPEND_HANDLE_MAX + 1} placeholder="@" />
          <SuspendFields idPrefix="suspend" />
          <SubmitButton name="intent" value="suspend" className="btn-danger" pendingLabel={t("form.saving")}>
            {t("disc.mod.suspendTitle")}
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="suspensions-heading" className="space-y-3">
        <h2 id="suspensions-heading" className="text-xl font-bold">
          {t("disc.mod.suspensions")}
        </h2>
        {actionData?.intent === "lift-suspension" && !d.suspensions.some((row) => row.user.id === actionData.userId) ? (
          <FormErrors errors={[actionData.error]} />
        ) : null}
        {d.suspensions.length === 0 ? <p>{t("disc.mod.suspensionsEmpty")}</p> : null}
        <ul hidden={d.suspensions.length === 0} className="divide-y divide-stone-200 rounded-md border border-stone-200 bg-white" data-testid="suspensions">
          {d.suspensions.map((row) => (
            <li key={row.user.id} className="flex flex-wrap items-start justify-between gap-3 p-3" data-testid="suspension">
              <div className="min-w-0 space-y-1 [overflow-wrap:anywhere]">
                <p>
                  <strong>{row.user.name}</strong>
                  {row.user.handle ? <span className="text-stone-700"> @{row.user.handle}</span> : null}
                </p>
                <p className="text-sm">
                  {t("disc.mod.suspendedUntil", { date: formatDateTime(locale, row.until) })} · {t("disc.mod.suspendedBy", { name: row.suspendedBy ?? t("disc.mod.someone") })}
                </p>
                <p className="text-sm whitespace-pre-line text-stone-700">“{row.reason}”</p>
                {actionData?.intent === "lift-suspension" && actionData.userId === row.user.id ? <FormErrors errors={[actionData.error]} /> : null}
              </div>
              <Form method="post" action={`${base}${searchParams.size ? `?${searchParams}` : ""}#suspensions-heading`}>
                <input type="hidden" name="userId" value={row.user.id} />
                <SubmitButton name="intent" value="lift-suspension" className="btn-secondary" pendingLabel={t("form.saving")}>
                  {t("disc.mod.lift")}
                  <span className="sr-only">: {row.user.name}</span>
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
        <Pagination page={d.suspensionsPage} pages={d.suspensionsPages} hrefFor={(n) => listPageHref(base, searchParams, n, "suspensions")} />
      </section>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading" className="mb-3 text-xl font-bold">
          {t("disc.mod.log")}
        </h2>
        {d.log.length === 0 ? <p>{t("disc.mod.logEmpty")}</p> : null}
        <ol className="divide-y divide-stone-200 rounded-md border border-stone-200 bg-white text-sm">
          {d.log.map((row) => (
            <li key={row.id} className="p-3">
              <p>
                <strong>{t(`disc.mod.actions.${row.action}`)}</strong> · {row.actor ?? t("disc.mod.someone")} · {formatDateTime(locale, row.createdAt)}
              </p>
              <p className="text-stone-700 [overflow-wrap:anywhere]">
                {row.thread ? <Link to={row.postId ? permalinkHref(row.postId) : threadHref(row.thread.id)}>{row.thread.title}</Link> : null}
                {row.category ? ` ${row.category}` : ""}
                {row.targetUser != null ? ` · ${personName(row.targetUser, t)}` : ""}
                {row.note ? ` · “${row.note}”` : ""}
              </p>
            </li>
          ))}
        </ol>
        <Pagination page={d.logPage} pages={d.logPages} hrefFor={(n) => listPageHref(base, searchParams, n, "log")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
