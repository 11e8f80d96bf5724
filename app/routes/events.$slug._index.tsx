import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "#app/.server/auth/index.ts";
import {
  cancelEventAndNotify,
  cancelRegistrationAndNotify,
  eventDetail,
  publishEvent,
  registerAndNotify,
  registrationOf,
  requireEvent,
  setFollowingEvent,
} from "#app/.server/events/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { readForm } from "#app/.server/forms.ts";
import { organisationsUserActsFor } from "#app/.server/organisations/index.ts";
import { renderMarkdown } from "#app/.server/markdown.ts";
import { FormToken } from "#app/components/form-token.tsx";
import { ErrorList, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { formatEventWhen } from "#app/features/events/dates.ts";
import { eventFormatLabel, eventTypeLabel } from "#app/features/events/labels.ts";
import { CancelEventSchema, RegistrationSchema } from "#app/features/events/schemas.ts";
import { roadmapLabel } from "#app/features/organisations/labels.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDate, formatDateTime, formatNumber, limaDay, type MessageKey } from "#app/i18n.ts";
import { pageMeta } from "#app/utils/meta.ts";
import { useLocale, useT, useTranslateError } from "#app/utils/i18n.tsx";
import { httpHref } from "#app/utils/safe-url.ts";
import { MarkdownContent } from "#app/components/ui/markdown.tsx";
import { forbidden } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { parentThreadsPreview } from "#app/features/discussions/actions.server.ts";
import { DiscussionThreads } from "#app/features/discussions/discussion-threads.tsx";

export const meta: MetaFunction<typeof loader> = (args) => {
  const ev = args.data?.event;
  return pageMeta(args, {
    title: ev?.title ?? "",
    description: ev?.summary ?? "",
    image: ev?.coverHash ? `/events/${ev.slug}/cover?v=${ev.coverHash}` : null,
    type: "article",
  });
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request);
  const { event, can } = requireEvent(params.slug, user, "view");
  const detail = eventDetail(event.id, user?.id);
  const mine = registrationOf(event.id, user?.id);
  const now = Date.now();
  const registerAs = organisationsUserActsFor(user?.id).map((m) => ({ id: m.id, name: m.name }));
  const open =
    event.status === "published" &&
    event.startsAt.getTime() > now &&
    (!event.registrationOpensAt || event.registrationOpensAt.getTime() <= now) &&
    (!event.registrationClosesAt || event.registrationClosesAt.getTime() > now);
  return {
    event: {
      slug: event.slug,
      title: event.title,
      type: event.type,
      summary: event.summary,
      startsAt: event.startsAt.getTime(),
      endsAt: event.endsAt.getTime(),
      format: event.format,
      venueName: event.venueName,
      venueAddress: event.venueAddress,
      city: event.city,
      region: event.region,
      capacity: event.capacity,
      questions: event.questions,
      status: event.status,
      cancelReason: event.cancelReason,
      coverHash: event.coverHash,
      // The link to join online is only for people with a confirmed seat (and coordinators), and
      // only where it applies: an in-person event has none, whatever an old row holds.
      onlineUrl:
        event.format !== "in_person" && (mine?.status === "confirmed" || mine?.status === "attended" || can("manage")) ? event.onlineUrl : null,
    },
    descriptionHtml: renderMarkdown(event.description),
    sessions: detail.sessions.map((s) => ({ ...s, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime() })),
    organisers: detail.organisers,
    roadmaps: detail.roadmaps,
    confirmed: detail.confirmed,
    waitlisted: detail.waitlisted,
    mine,
    open,
    signedIn: Boolean(user),
    manage: can("manage"),
    registerAs,
    following: detail.following,
    discussions: parentThreadsPreview({ type: "event", id: event.id }, user, registerAs),
    // One-time token for the registration form: a double click registers once.
    formToken: issueFormToken(),
  };
}

type Reply = { intent: string; error?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { event, can } = requireEvent(params.slug, user, "view");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const here = `/events/${event.slug}`;
  const fail = (status: 400 | 403 | 409, reply: Reply) => data(reply, { status });

  if (intent === "register") {
    const once = submitOnce(form, { userId: user.id, form: "event-registration" });
    const parsed = RegistrationSchema.safeParse({
      organisationId: form.get("organisationId") || undefined,
      answers: event.questions.map((_, i) => String(form.get(`answer${i}`) ?? "")),
    });
    const values = Object.fromEntries(event.questions.map((_, i) => [`answer${i}`, String(form.get(`answer${i}`) ?? "")]));
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((issue) => issue.message === "errors.tooLong");
      return fail(400, { intent, error: tooLong ? "errors.tooLong" : "errors.invalidOption", values });
    }
    const result = await registerAndNotify(
      event,
      user.id,
      parsed.data,
      once.writer((r) => (r.ok ? { redirectTo: here, flash: { key: r.status === "confirmed" ? "ev.register.confirmed" : "ev.register.waitlisted" } } : null)),
    );
    if (!result.ok) {
      const status = result.error === "alreadyRegistered" ? 409 : result.error === "cannotActFor" ? 403 : 400;
      return fail(status, { intent, error: `ev.errors.${result.error}`, values });
    }
    return once.respond();
  }
  if (intent === "unregister") {
    const result = await cancelRegistrationAndNotify(event, user.id);
    if (!result.ok) return fail(409, { intent, error: result.error === "closed" ? "ev.errors.closed" : "ev.errors.notRegistered" });
    return redirectWithFlash(here, { key: "ev.register.cancelled" });
  }
  if (intent === "follow" || intent === "unfollow") {
    // Followers hear of changes, cancellation and new discussion threads (issue 10); drafts have none.
    if (event.status !== "published") return fail(409, { intent, error: "ev.errors.badState" });
    setFollowingEvent(event.id, user.id, intent === "follow");
    return redirectWithFlash(here, { key: intent === "follow" ? "ev.followed" : "ev.unfollowed" });
  }

  // Everything below is for coordinators and admins.
  if (!can("manage")) throw forbidden();
  if (intent === "publish") {
    if (!publishEvent(event.id).ok) return fail(409, { intent, error: "ev.errors.badState" });
    return redirectWithFlash(here, { key: "ev.published" });
  }
  if (intent === "cancel-event") {
    const parsed = CancelEventSchema.safeParse({ reason: form.get("reason") ?? undefined });
    if (!parsed.success) {
      return fail(400, { intent, fieldErrors: { reason: parsed.error.flatten().fieldErrors.reason ?? [] }, values: { reason: String(form.get("reason") ?? "") } });
    }
    const result = await cancelEventAndNotify(event, parsed.data.reason);
    if (!result.ok) return fail(409, { intent, error: "ev.errors.badState" });
    return redirectWithFlash(here, { key: "ev.cancel.done" });
  }
  return fail(400, { intent, error: "errors.invalidOption" });
}

export default function EventPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const locale = useLocale();
  const translateError = useTranslateError();
  const ev = d.event;
  const days = groupByLimaDay(d.sessions);
  const full = ev.capacity !== null && d.confirmed >= ev.capacity;
  return (
    <article className="space-y-8">
      {ev.status === "draft" ? <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-4">{t("ev.detail.draft")}</p> : null}
      {ev.status === "cancelled" ? (
        <p role="note" className="rounded-md border border-red-300 bg-red-50 p-4 font-semibold text-red-900">
          {t("ev.detail.cancelled", { reason: ev.cancelReason ?? "—" })}
        </p>
      ) : null}
      <header>
        {ev.coverHash ? <img src={`/events/${ev.slug}/cover?v=${ev.coverHash}`} alt="" className="mb-4 max-h-72 w-full rounded-lg object-cover" /> : null}
        <p className="text-sm text-stone-700">
          {eventTypeLabel(t, ev.type)} · {eventFormatLabel(t, ev.format)}
        </p>
        <PageTitle lead={ev.summary}>{ev.title}</PageTitle>
        <dl className="grid gap-3 sm:grid-cols-2">
          <div className="card">
            <dt className="font-semibold">{t("ev.detail.when")}</dt>
            <dd>
              {formatEventWhen(locale, ev.startsAt, ev.endsAt)}
            </dd>
            <dd className="mt-2">
              <a href={`/events/${ev.slug}.ics`} download>
                {t("ev.detail.addToCalendar")}
              </a>
            </dd>
          </div>
          <div className="card">
            <dt className="font-semibold">{t("ev.detail.where")}</dt>
            <dd>
              {ev.format !== "online" ? [ev.venueName, ev.venueAddress, ev.city, ev.region ? regionName(ev.region) : null].filter(Boolean).join(", ") : t("ev.detail.online")}
            </dd>
            {ev.onlineUrl ? (
              <dd className="mt-2">
                {t("ev.detail.link")}:{" "}
                {httpHref(ev.onlineUrl) ? (
                  <a href={httpHref(ev.onlineUrl)} rel="noopener noreferrer" className="break-all">
                    {ev.onlineUrl}
                  </a>
                ) : (
                  <span className="break-all">{ev.onlineUrl}</span>
                )}
              </dd>
            ) : null}
          </div>
        </dl>
      </header>

      <section aria-labelledby="registration-heading" className="card border-brand-300">
        <h2 id="registration-heading" className="mb-2 text-xl font-bold">
          {t("ev.register.title")}
        </h2>
        <p className="mb-3 text-stone-700" data-testid="seats">
          {ev.capacity !== null
            ? t.count("ev.detail.seats", ev.capacity, { confirmed: formatNumber(locale, d.confirmed) })
            : t.count("ev.detail.seatsOpen", d.confirmed)}
          {d.waitlisted ? ` · ${t.count("ev.detail.waitlist", d.waitlisted)}` : ""}
        </p>
        {actionData?.intent === "register" || actionData?.intent === "unregister" ? (
          actionData.error ? <FormErrors errors={[translateError(actionData.error)]} /> : null
        ) : null}
        {d.mine ? (
          <div className="space-y-3" data-testid="my-registration">
            <p className="font-semibold">
              {d.mine.status === "confirmed"
                ? t("ev.register.youAreConfirmed")
                : d.mine.status === "waitlisted"
                  ? t("ev.register.youAreWaitlisted", { position: d.mine.position ?? 1 })
                  : t("ev.register.youAttended")}
            </p>
            {d.mine.status !== "attended" && ev.status === "published" ? (
              <Form method="post">
                <SubmitButton name="intent" value="unregister" className="btn-danger" pendingLabel={t("form.saving")}>
                  {t("ev.register.cancel")}
                </SubmitButton>
              </Form>
            ) : null}
          </div>
        ) : !d.signedIn ? (
          <p>
            <Link to={`/login?redirectTo=/events/${ev.slug}`}>{t("ev.register.loginFirst")}</Link>
          </p>
        ) : d.open ? (
          <Form method="post" className="space-y-3" autoComplete="off">
            <FormToken value={d.formToken} />
            {full ? <p className="rounded bg-amber-50 p-2 text-amber-950">{t("ev.register.full")}</p> : null}
            {d.registerAs.length ? (
              <div>
                <label htmlFor="register-as" className="mb-1 block font-semibold">
                  {t("ev.register.as")}
                </label>
                <select id="register-as" name="organisationId" className="input">
                  <option value="">{t("ev.register.asMyself")}</option>
                  {d.registerAs.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {ev.questions.map((question, i) => (
              <div key={i}>
                <label htmlFor={`answer${i}`} className="mb-1 block font-semibold">
                  {question}
                </label>
                <input id={`answer${i}`} name={`answer${i}`} maxLength={500} className="input" defaultValue={actionData?.values?.[`answer${i}`]} />
              </div>
            ))}
            <SubmitButton name="intent" value="register" pendingLabel={t("form.sending")}>
              {t("ev.register.submit")}
            </SubmitButton>
          </Form>
        ) : (
          <p>{t("ev.register.closedNow")}</p>
        )}
        {d.signedIn && ev.status === "published" ? (
          <Form method="post" className="mt-4 border-t border-stone-200 pt-3">
            {actionData?.intent === "follow" || actionData?.intent === "unfollow" ? (
              actionData.error ? <FormErrors errors={[translateError(actionData.error)]} /> : null
            ) : null}
            <SubmitButton name="intent" value={d.following ? "unfollow" : "follow"} className="btn-secondary" pendingLabel={t("form.saving")}>
              {d.following ? t("ev.unfollow") : t("ev.follow")}
            </SubmitButton>
          </Form>
        ) : null}
      </section>

      {d.descriptionHtml.trim() ? <MarkdownContent as="section" className="card" data-testid="description" html={d.descriptionHtml} /> : null}

      <section aria-labelledby="programme-heading">
        <h2 id="programme-heading" className="mb-3 text-2xl font-bold">
          {t("ev.detail.programme")}
        </h2>
        {days.length === 0 ? <p>{t("ev.detail.noProgramme")}</p> : null}
        {days.map((day, index) => (
          <section key={day.key} aria-labelledby={`day-${index}`} className="mb-6">
            <h3 id={`day-${index}`} className="mb-2 text-lg font-semibold text-brand-800">
              {days.length > 1 ? t("ev.detail.day", { n: index + 1, date: formatDate(locale, day.sessions[0]!.startsAt) }) : formatDate(locale, day.sessions[0]!.startsAt)}
            </h3>
            <ol className="space-y-2">
              {day.sessions.map((s) => (
                <li key={s.id} className="card">
                  <p className="text-sm font-semibold text-stone-700">
                    {formatDateTime(locale, s.startsAt, { timeStyle: "short" })} – {formatDateTime(locale, s.endsAt, { timeStyle: "short" })}
                    {s.room ? ` · ${t("ev.detail.room", { room: s.room })}` : ""}
                  </p>
                  <p className="font-semibold">{s.title}</p>
                  {s.description ? <p className="whitespace-pre-line text-stone-800">{s.description}</p> : null}
                  {s.speakers.length ? (
                    <ul className="mt-1 text-sm">
                      {s.speakers.map((sp, i) => (
                        <li key={i}>
                          {sp.name}
                          {sp.role ? `, ${sp.role}` : ""}
                          {sp.organisationName ? (
                            <>
                              {" · "}
                              {sp.organisationSlug ? <Link to={`/organisations/${sp.organisationSlug}`}>{sp.organisationName}</Link> : sp.organisationName}
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>

      {d.organisers.length || d.roadmaps.length ? (
        <section className="card text-sm">
          {d.organisers.length ? (
            <p>
              <strong>{t("ev.detail.organisers")}:</strong>{" "}
              {d.organisers.map((o, i) => (
                <span key={o.slug}>
                  {i > 0 ? ", " : ""}
                  <Link to={`/organisations/${o.slug}`}>{o.name}</Link>
                </span>
              ))}
            </p>
          ) : null}
          {d.roadmaps.length ? (
            <p className="mt-1">
              <strong>{t("ini.detail.roadmap")}:</strong> {d.roadmaps.map((r) => roadmapLabel(t, r)).join(", ")}
            </p>
          ) : null}
        </section>
      ) : null}

      {d.manage ? (
        <section aria-labelledby="event-manage" className="card border-amber-300">
          <h2 id="event-manage" className="mb-3 text-xl font-bold">
            {t("ev.detail.manage")}
          </h2>
          {actionData && ["publish", "cancel-event"].includes(actionData.intent) && actionData.error ? <FormErrors errors={[translateError(actionData.error)]} /> : null}
          <div className="flex flex-wrap gap-2">
            <Link className="btn-secondary" to={`/events/${ev.slug}/edit`}>
              {t("ev.detail.edit")}
            </Link>
            <Link className="btn-secondary" to={`/events/${ev.slug}/attendees`}>
              {t("ev.detail.attendees")}
            </Link>
            {ev.status === "draft" ? (
              <Form method="post">
                <SubmitButton name="intent" value="publish" pendingLabel={t("form.saving")}>
                  {t("ev.publish")}
                </SubmitButton>
              </Form>
            ) : null}
          </div>
          {ev.status === "published" ? (
            <Form method="post" className="mt-4 space-y-2">
              <label htmlFor="cancel-reason" className="block font-semibold">
                {t("ev.cancel.reason")}
              </label>
              <textarea
                id="cancel-reason"
                name="reason"
                rows={2}
                className="input"
                defaultValue={actionData?.values?.reason}
                aria-invalid={actionData?.fieldErrors?.reason?.length ? true : undefined}
                aria-describedby={actionData?.fieldErrors?.reason?.length ? "cancel-reason-error" : undefined}
              />
              <ErrorList id="cancel-reason-error" errors={actionData?.fieldErrors?.reason as MessageKey[] | undefined} />
              <SubmitButton name="intent" value="cancel-event" className="btn-danger" pendingLabel={t("form.saving")}>
                {t("ev.cancel.submit")}
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      <DiscussionThreads preview={d.discussions} formToken={d.formToken} loginTo={`/events/${ev.slug}`} />
    </article>
  );
}

type SessionView = { id: number; startsAt: number };

/** Sessions grouped by calendar day in Lima, for the day-by-day programme. */
function groupByLimaDay<T extends SessionView>(sessions: T[]) {
  const key = (t: number) => limaDay(t);
  const days: Array<{ key: string; sessions: T[] }> = [];
  for (const s of sessions) {
    const k = key(s.startsAt);
    const day = days.find((d) => d.key === k);
    if (day) day.sessions.push(s);
    else days.push({ key: k, sessions: [s] });
  }
  return days;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
