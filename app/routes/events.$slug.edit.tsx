import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { addSession, deleteSession, eventDetail, requireEvent, saveCover, updateEventAndNotify } from "#app/.server/events/index.ts";
import { MAX_LOGO_BYTES, processLogo } from "#app/.server/organisations/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { organisationsByStatus } from "#app/.server/organisations/index.ts";
import { ErrorList, Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { EventForm } from "#app/features/events/event-form.tsx";
import { EventSchema, SessionSchema, utcToLimaLocal } from "#app/features/events/schemas.ts";
import { formatDateTime, translate } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ev.edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { event } = requireEvent(params.slug, user, "manage");
  const detail = eventDetail(event.id);
  return {
    slug: event.slug,
    title: event.title,
    coverHash: event.coverHash,
    organisations: organisationsByStatus(["approved"]).map((o) => ({ id: o.id, name: o.name })),
    sessions: detail.sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt.getTime(), room: s.room, speakers: s.speakers.length })),
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
      onlineUrl: event.onlineUrl ?? undefined,
      capacity: event.capacity ?? undefined,
      registrationOpensAt: event.registrationOpensAt ? utcToLimaLocal(event.registrationOpensAt) : undefined,
      registrationClosesAt: event.registrationClosesAt ? utcToLimaLocal(event.registrationClosesAt) : undefined,
      questions: event.questions.join("\n"),
      organisers: detail.organisers.map((o) => o.id),
      roadmaps: detail.roadmaps,
      valueChains: detail.valueChains,
      forumYear: event.forumYear ?? undefined,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { event } = requireEvent(params.slug, user, "manage");
  const here = `/events/${event.slug}/edit`;
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    let upload: FormData;
    try {
      upload = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_LOGO_BYTES }));
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return data({ coverError: "org.errors.logoSize" }, { status: 413 });
      throw new Response("Bad Request", { status: 400 });
    }
    const file = upload.get("cover");
    if (!(file instanceof File) || file.size === 0) return data({ coverError: "org.errors.logoType" }, { status: 400 });
    const processed = await processLogo(Buffer.from(await file.arrayBuffer()), { width: 1200, height: 630 });
    if (!processed.ok) return data({ coverError: processed.error }, { status: processed.error === "org.errors.logoSize" ? 413 : 400 });
    saveCover(event.id, processed.image, processed.contentType, processed.hash);
    return redirectWithFlash(here, { key: "ev.cover.saved" });
  }
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "add-session") {
    const submission = parseWithZod(form, { schema: SessionSchema });
    if (submission.status !== "success") return data({ session: submission.reply() }, { status: 400 });
    addSession(event.id, { ...submission.value, description: submission.value.description ?? "" });
    return redirectWithFlash(here, { key: "ev.sessions.added" });
  }
  if (intent === "delete-session") {
    if (deleteSession(event.id, Number(form.get("sessionId"))) === 0) throw new Response("Not Found", { status: 404 });
    return redirectWithFlash(here, { key: "ev.sessions.deleted" });
  }
  const submission = parseWithZod(form, { schema: EventSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const result = await updateEventAndNotify(event, submission.value);
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not Found", { status: 404 });
    const message = translate(getLocale(request), "ev.errors.capacityBelow", { count: result.confirmed });
    return replyWithErrors(submission, 409, { fieldErrors: { capacity: [message] } });
  }
  return redirectWithFlash(`/events/${event.slug}`, { key: "ev.edit.saved" });
}

export default function EditEventPage() {
  const { slug, title, organisations, sessions, defaults, coverHash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const coverError = actionData && "coverError" in actionData ? actionData.coverError : null;
  const [sessionForm, sf] = useForm({
    id: "add-session",
    lastResult: actionData && "session" in actionData ? actionData.session : undefined,
    defaultValue: { startsAt: defaults.startsAt, endsAt: defaults.startsAt },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionSchema }),
  });
  const area = (meta: typeof sf.description, label: string) => {
    const { key, ...props } = getTextareaProps(meta, { ariaAttributes: false });
    return (
      <div className="mb-4">
        <label htmlFor={meta.id} className="mb-1 block font-semibold">
          {label}
        </label>
        <textarea key={key} {...props} rows={3} className="input" aria-invalid={meta.errors?.length ? true : undefined} aria-describedby={meta.errors?.length ? meta.errorId : undefined} />
        <ErrorList id={meta.errorId} errors={meta.errors} />
      </div>
    );
  };
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
        <Form method="post" encType="multipart/form-data" className="space-y-2">
          <label htmlFor="cover" className="block font-semibold">
            {t("ev.cover.label")}
          </label>
          <input
            id="cover"
            name="cover"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            required
            className="block w-full"
            aria-describedby={`cover-hint${coverError ? " cover-error" : ""}`}
            aria-invalid={coverError ? true : undefined}
          />
          <p id="cover-hint" className="text-sm text-stone-600">
            {t("ev.cover.hint")}
          </p>
          {coverError ? <ErrorList id="cover-error" errors={[coverError]} /> : null}
          <SubmitButton className="btn-secondary" pendingLabel={t("form.sending")}>
            {t("ev.cover.submit")}
          </SubmitButton>
        </Form>
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
        <ul className="mb-6 space-y-2">
          {sessions.map((s) => (
            <li key={s.id} className="card flex flex-wrap items-center justify-between gap-2">
              <span>
                {formatDateTime(locale, s.startsAt)} · {s.title}
                {s.room ? ` · ${s.room}` : ""}
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
        <Form method="post" {...getFormProps(sessionForm)} className="card">
          <h3 className="mb-3 text-lg font-semibold">{t("ev.sessions.add")}</h3>
          <FormErrors id={sessionForm.errorId} errors={sessionForm.errors} />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field meta={sf.startsAt} label={t("ev.sessions.startsAt")} type="datetime-local" />
            <Field meta={sf.endsAt} label={t("ev.sessions.endsAt")} type="datetime-local" />
          </div>
          <Field meta={sf.title} label={t("ev.sessions.sessionTitle")} />
          {area(sf.description, t("ev.sessions.description"))}
          <Field meta={sf.room} label={t("ev.sessions.room")} />
          {area(sf.speakers, t("ev.sessions.speakers"))}
          <SubmitButton name="intent" value="add-session" pendingLabel={t("form.saving")}>
            {t("ev.sessions.submit")}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
