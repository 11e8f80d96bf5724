import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { addNamedOrganisers, addSession, deleteSession, eventDetail, requireEvent, saveCover, unknownOrganisersMessage, updateEventAndNotify } from "#app/.server/events/index.ts";
import { isMultipart, readImageUpload } from "#app/.server/uploads.ts";
import { ImageUploadForm } from "#app/components/ui/image-upload.tsx";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { FormToken } from "#app/components/form-token.tsx";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { Field, FormErrors, PageTitle, SubmitButton, TextareaField } from "#app/components/ui/forms.tsx";
import { EventForm } from "#app/features/events/event-form.tsx";
import { EventSchema, SessionSchema, utcToLimaLocal } from "#app/features/events/schemas.ts";
import { formatDateTime, translateCount } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ev.edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { event } = requireEvent(params.slug, user, "manage");
  const detail = eventDetail(event.id);
  return {
    slug: event.slug,
    title: event.title,
    coverHash: event.coverHash,
    // One-time token for the add-session form: a repeat is ignored, and a new token empties the form.
    formToken: issueFormToken(),
    // The current co-organisers, to keep or remove; others are added by name.
    organisations: detail.organisers.map((o) => ({ id: o.id, name: o.name })),
    sessions: detail.sessions.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt.getTime(),
      room: s.room,
      speakers: s.speakers.length,
      // After the event is moved, sessions left on the old dates are pointed out to be moved too.
      outside: s.startsAt < event.startsAt || s.endsAt > event.endsAt,
    })),
    defaults: {
      title: event.title,
      type: event.type,
      summary: event.summary,
      description: event.description,
      startsAt: utcToLimaLocal(event.startsAt),
      endsAt: utcToLimaLocal(event.endsAt),
      format: event.format,
      venueName: event.venueName ?? undefined,
      venueAddress: event.venueAddress ?? undefined,
      city: event.city ?? undefined,
      region: (event.region ?? undefined) as never,
      onlineUrl: (event.format !== "in_person" && event.onlineUrl) || undefined,
      capacity: event.capacity ?? undefined,
      registrationOpensAt: event.registrationOpensAt ? utcToLimaLocal(event.registrationOpensAt) : undefined,
      registrationClosesAt: event.registrationClosesAt ? utcToLimaLocal(event.registrationClosesAt) : undefined,
      questions: event.questions.join("\n"),
      organisers: detail.organisers.map((o) => o.id),
      roadmaps: detail.roadmaps,
      valueChains: detail.valueChains,
      forumYear: (event.type === "forum" && event.forumYear) || undefined,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { event } = requireEvent(params.slug, user, "manage");
  const here = `/events/${event.slug}/edit`;
  if (isMultipart(request)) {
    const upload = await readImageUpload(request, "cover", { width: 1200, height: 630 });
    if (!upload.ok) return data({ coverError: upload.error }, { status: upload.status });
    saveCover(event.id, upload.image, upload.contentType, upload.hash);
    return redirectWithFlash(here, { key: "ev.cover.saved" });
  }
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "add-session") {
    const once = submitOnce(form, { userId: user.id, form: "event-session" });
    const submission = parseWithZod(form, { schema: SessionSchema });
    if (submission.status !== "success") return data({ session: submission.reply() }, { status: 400 });
    const { value } = submission;
    // A session happens during its event (times are Lima wall-clock "YYYY-MM-DDTHH:MM", so they compare as text).
    if (value.startsAt < utcToLimaLocal(event.startsAt) || value.endsAt > utcToLimaLocal(event.endsAt)) {
      return data({ session: submission.reply({ fieldErrors: { startsAt: ["ev.errors.sessionOutside"] } }) }, { status: 400 });
    }
    once.write(() => addSession(event.id, { ...value, description: value.description ?? "" }), { redirectTo: here, flash: { key: "ev.sessions.added" } });
    return once.respond();
  }
  if (intent === "delete-session") {
    if (deleteSession(event.id, Number(form.get("sessionId"))) === 0) throw notFound();
    return redirectWithFlash(here, { key: "ev.sessions.deleted" });
  }
  const unknownOrganisers = addNamedOrganisers(form);
  const submission = parseWithZod(form, { schema: EventSchema });
  if (unknownOrganisers.length) return replyWithErrors(submission, 400, { fieldErrors: { organiserNames: [unknownOrganisersMessage(request, unknownOrganisers)] } });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const result = await updateEventAndNotify(event, submission.value);
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    const message = translateCount(getLocale(request), "ev.errors.capacityBelow", result.confirmed);
    return replyWithErrors(submission, 409, { fieldErrors: { capacity: [message] } });
  }
  return redirectWithFlash(`/events/${event.slug}`, { key: "ev.edit.saved" });
}

export default function EditEventPage() {
  const { slug, title, organisations, sessions, defaults, coverHash, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const coverError = actionData && "coverError" in actionData ? actionData.coverError : null;
  const outsideCount = sessions.filter((s) => s.outside).length;
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <p>
        <Link to={`/events/${slug}`}>← {title}</Link>
      </p>
      <PageTitle>{t("ev.edit.title")}</PageTitle>
      <section aria-labelledby="cover-heading" className="card">
        <h2 id="cover-heading" className="mb-3 text-xl font-bold">
          {t("ev.cover.title")}
        </h2>
        {coverHash ? <img src={`/events/${slug}/cover?v=${coverHash}`} alt="" className="mb-3 max-h-40 rounded" /> : null}
        <ImageUploadForm name="cover" label={t("ev.cover.label")} hint={t("ev.cover.hint")} submitLabel={t("ev.cover.submit")} error={coverError} />
      </section>
      <EventForm
        id="edit-event"
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        organisations={organisations}
        defaultValue={defaults}
        submitLabel={t("ev.edit.submit")}
      />
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="mb-3 text-2xl font-bold">
          {t("ev.sessions.title")}
        </h2>
        {outsideCount > 0 ? (
          <p role="note" className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3">
            {t.count("ev.sessions.outsideWarning", outsideCount)}
          </p>
        ) : null}
        <ul className="mb-6 space-y-2">
          {sessions.map((s) => (
            <li key={s.id} className="card flex flex-wrap items-center justify-between gap-2">
              <span>
                {formatDateTime(locale, s.startsAt)} · {s.title}
                {s.room ? ` · ${s.room}` : ""}
                {s.outside ? <strong className="ml-2 text-amber-800">{t("ev.sessions.outside")}</strong> : null}
              </span>
              <Form method="post">
                <input type="hidden" name="sessionId" value={s.id} />
                <SubmitButton name="intent" value="delete-session" className="btn-danger" pendingLabel={t("form.saving")}>
                  {t("ev.sessions.delete")}
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
        <AddSessionForm
          key={formToken}
          formToken={formToken}
          lastResult={actionData && "session" in actionData ? actionData.session : undefined}
          startsAt={defaults.startsAt}
        />
      </section>
    </div>
  );
}

/** Keyed by the form token: after a session is added the loader issues a new one and the form remounts empty. */
function AddSessionForm({ formToken, lastResult, startsAt }: { formToken: string; lastResult?: SubmissionResult<string[]>; startsAt: string }) {
  const t = useT();
  const [sessionForm, sf] = useForm({
    id: "add-session",
    lastResult,
    defaultValue: { startsAt, endsAt: startsAt },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionSchema }),
  });
  return (
    <Form method="post" {...getFormProps(sessionForm)} className="card" autoComplete="off">
      <h3 className="mb-3 text-lg font-semibold">{t("ev.sessions.add")}</h3>
      <FormToken value={formToken} />
      <FormErrors id={sessionForm.errorId} errors={sessionForm.errors} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={sf.startsAt} label={t("ev.sessions.startsAt")} type="datetime-local" />
        <Field meta={sf.endsAt} label={t("ev.sessions.endsAt")} type="datetime-local" />
      </div>
      <Field meta={sf.title} label={t("ev.sessions.sessionTitle")} />
      <TextareaField meta={sf.description} label={t("ev.sessions.description")} />
      <Field meta={sf.room} label={t("ev.sessions.room")} />
      <TextareaField meta={sf.speakers} label={t("ev.sessions.speakers")} />
      <SubmitButton name="intent" value="add-session" pendingLabel={t("form.saving")}>
        {t("ev.sessions.submit")}
      </SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
