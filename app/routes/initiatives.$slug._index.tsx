import { getFormProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { ReactNode } from "react";
import { Form, Link, useActionData, useFormAction, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import {
  changeStatusAndNotify,
  initiativeDetail,
  invitePartnerAndNotify,
  leaveAndNotify,
  postUpdateAndNotify,
  requestToJoinAndNotify,
  requireInitiative,
  respondAndNotify,
  setFollowing,
} from "#app/.server/initiatives/index.ts";
import { renderMarkdown } from "#app/.server/markdown.ts";
import { approvedOrganisationNamed } from "#app/.server/organisations/index.ts";
import { initiativeExchangeTotals, initiativeExchangeTotalsSql, withExchangeTonnes } from "#app/.server/exchange/index.ts";
import { Co2eEstimate, OfWhichFromExchanges } from "#app/features/exchange/exchange-figures.tsx";
import { FormToken } from "#app/components/form-token.tsx";
import { ErrorList, Field, FormErrors, SelectField, SubmitButton } from "#app/components/ui/forms.tsx";
import {
  approachLabel,
  financingKindLabel,
  indicatorLabel,
  initiativePeriod,
  initiativeStatusLabel,
  needLabel,
  partnerRoleLabel,
  partnerStateLabel,
} from "#app/features/initiatives/labels.ts";
import { PartnerInviteSchema, PartnerRequestSchema, PartnerResponseSchema, ProgressUpdateSchema, StatusChangeSchema } from "#app/features/initiatives/schemas.ts";
import { OrganisationNameField } from "#app/features/organisations/organisation-name-field.tsx";
import { INDICATOR_CODES, INDICATORS, PARTNER_ROLES, STATUS_TRANSITIONS, fromStoredIndicator } from "#app/features/initiatives/taxonomy.ts";
import { actorTypeLabel, chainLabel, roadmapLabel } from "#app/features/organisations/labels.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDate, formatDateTime, formatDay, formatNumber, formatPen, limaDay, translate, type MessageKey } from "#app/i18n.ts";
import { pageMeta } from "#app/utils/meta.ts";
import { useLocale, useT, useTranslateError } from "#app/utils/i18n.tsx";
import { MarkdownContent } from "#app/components/ui/markdown.tsx";
import { forbidden } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { parentThreadsPreview } from "#app/features/discussions/actions.server.ts";
import { DiscussionThreads } from "#app/features/discussions/discussion-threads.tsx";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, { title: args.data?.initiative.title ?? "", description: args.data?.initiative.summary ?? "", type: "article" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request);
  const found = requireInitiative(params.slug, user, "view");
  const { initiative, lead, context, can } = found;
  // Confirmed resource exchanges on listings linked to it ride in the detail's first statement (issue 12).
  const detail = initiativeDetail(initiative.id, user?.id, initiativeExchangeTotalsSql(initiative.id));
  const exchanged = initiativeExchangeTotals(detail.extra);
  const managerOrgIds = new Set(context.actsFor.filter((m) => m.role !== "member").map((m) => m.id));
  const memberOrgIds = new Set(context.actsFor.map((m) => m.id));
  const activePartnerIds = new Set(detail.partners.filter((p) => p.state === "active").map((p) => p.organisationId));
  const canManage = can("managePartners");
  return {
    initiative: {
      id: initiative.id,
      slug: initiative.slug,
      title: initiative.title,
      summary: initiative.summary,
      status: initiative.status,
      roadmap: initiative.roadmap,
      approach: initiative.approach,
      startOn: initiative.startOn,
      endOn: initiative.endOn,
      genderPerspective: initiative.genderPerspective,
      genderNote: initiative.genderNote,
    },
    lead: { slug: lead.slug, name: lead.name, actorType: lead.actorType },
    descriptionHtml: renderMarkdown(initiative.description),
    valueChains: detail.valueChains,
    regions: detail.regions,
    needs: detail.needs,
    timeline: detail.timeline.map((e) => ({ ...e, at: e.at.getTime() })),
    updates: detail.updates.map((u) => ({ ...u, html: renderMarkdown(u.body) })),
    // Reported in updates plus confirmed exchanges (waste diverted and secondary material), and the exchanges' part.
    totals: withExchangeTonnes(detail.totals, { diverted: exchanged.grams, used: exchanged.grams }),
    exchanged,
    partners: detail.partners
      .filter((p) => p.state === "active" || canManage || managerOrgIds.has(p.organisationId))
      .map((p) => ({
        ...p,
        createdAt: p.createdAt.getTime(),
        joinedAt: p.joinedAt?.getTime() ?? null,
        // Which buttons this viewer gets for the row.
        canAnswer: (p.state === "requested" && canManage) || (p.state === "invited" && managerOrgIds.has(p.organisationId)),
        canLeave: p.state === "active" && managerOrgIds.has(p.organisationId),
      })),
    following: detail.following,
    discussions: parentThreadsPreview({ type: "initiative", id: initiative.id }, user, context.actsFor),
    signedIn: Boolean(user),
    permissions: {
      edit: can("edit"),
      changeStatus: can("changeStatus"),
      managePartners: canManage,
      requestToJoin: can("requestToJoin"),
      postUpdate: can("postUpdate"),
      follow: can("follow"),
    },
    nextStatuses: STATUS_TRANSITIONS[initiative.status],
    joinAs: context.candidates.map((m) => ({ id: m.id, name: m.name })),
    updateAs: context.memberships
      .filter((m) => memberOrgIds.has(m.id) && (m.id === lead.id || activePartnerIds.has(m.id)))
      .map((m) => ({ id: m.id, name: m.name })),

    // One-time token for this page's create forms (progress update, join, invite): a repeat is ignored.
    formToken: issueFormToken(),
  };
}

type Reply = { intent: string; result?: SubmissionResult<string[]>; error?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const found = requireInitiative(params.slug, user, "view");
  const { initiative, can } = found;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const here = `/initiatives/${initiative.slug}`;
  const locale = getLocale(request);
  const forbid = () => {
    throw forbidden();
  };
  const fail = (status: 400 | 403 | 404 | 409, reply: Reply) => data(reply, { status });

  switch (intent) {
    case "status": {
      if (!can("changeStatus")) forbid();
      const parsed = StatusChangeSchema.safeParse({ status: form.get("status") });
      if (!parsed.success) return fail(400, { intent, error: "errors.invalidOption" });
      const result = await changeStatusAndNotify(found, user.id, parsed.data.status);
      if (!result.ok) {
        if (result.error === "illegalTransition") {
          const from = translate(locale, `ini.status.${result.from}`);
          return fail(409, { intent, error: translate(locale, "ini.errors.illegalTransition", { from }) });
        }
        forbid();
      }
      return redirectWithFlash(here, { key: "ini.statusChanged", vars: { status: translate(locale, `ini.status.${parsed.data.status}`) } });
    }
    case "follow":
    case "unfollow": {
      if (!can("follow")) forbid();
      setFollowing(initiative.id, user.id, intent === "follow");
      return redirectWithFlash(here, { key: intent === "follow" ? "ini.followed" : "ini.unfollowed" });
    }
    case "join":
    case "invite": {
      // A repeat is answered first: the first submission may have changed what this user may do.
      const once = submitOnce(form, { userId: user.id, form: `initiative-${intent}` });
      if (!can(intent === "join" ? "requestToJoin" : "managePartners")) forbid();
      const answer = { redirectTo: here, flash: { key: intent === "join" ? "ini.join.sent" : "ini.invite.sent" } } as const;
      const refused = (error: "alreadyInvolved" | "cannotActFor" | "notOpen" | string) => ({
        message: `ini.errors.${error}` as MessageKey,
        status: error === "alreadyInvolved" ? 409 : error === "cannotActFor" ? 403 : 400,
      } as const);
      if (intent === "join") {
        const submission = parseWithZod(form, { schema: PartnerRequestSchema });
        if (submission.status !== "success") return fail(400, { intent, result: submission.reply() });
        const result = await requestToJoinAndNotify(found, user.id, submission.value, once.writer(answer));
        if (!result.ok) {
          const { message, status } = refused(result.error);
          return fail(status, { intent, result: submission.reply({ fieldErrors: { organisationId: [message] } }) });
        }
        return once.respond();
      }
      const submission = parseWithZod(form, { schema: PartnerInviteSchema });
      if (submission.status !== "success") return fail(400, { intent, result: submission.reply() });
      const invitee = approvedOrganisationNamed(submission.value.organisation);
      if (!invitee) {
        return fail(400, { intent, result: submission.reply({ fieldErrors: { organisation: ["ini.invite.unknownOrganisation"] } }) });
      }
      const { role, message: note } = submission.value;
      const result = await invitePartnerAndNotify(found, user.id, { organisationId: invitee.id, role, message: note }, invitee.name, once.writer(answer));
      if (!result.ok) {
        const { message, status } = refused(result.error);
        return fail(status, { intent, result: submission.reply({ fieldErrors: { organisation: [message] } }) });
      }
      return once.respond();
    }
    case "respond": {
      const parsed = PartnerResponseSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) return fail(400, { intent, error: "errors.invalidOption" });
      const result = await respondAndNotify(found, user.id, parsed.data.partnerId, parsed.data.decision, parsed.data.note);
      if (!result.ok) {
        if (result.error === "cannotActFor") forbid();
        return fail(409, { intent, error: "ini.errors.notPending" });
      }
      return redirectWithFlash(here, { key: parsed.data.decision === "accept" ? "ini.respond.accepted" : "ini.respond.declined" });
    }
    case "leave": {
      const partnerId = Number(form.get("partnerId"));
      if (!Number.isInteger(partnerId) || partnerId <= 0) return fail(400, { intent, error: "errors.invalidOption" });
      const result = await leaveAndNotify(found, user.id, partnerId);
      if (!result.ok) {
        if (result.error === "cannotActFor") forbid();
        return fail(409, { intent, error: "ini.errors.notActive" });
      }
      return redirectWithFlash(here, { key: "ini.left" });
    }
    case "update": {
      const once = submitOnce(form, { userId: user.id, form: "initiative-update" });
      if (!can("postUpdate")) forbid();
      const submission = parseWithZod(form, { schema: ProgressUpdateSchema });
      if (submission.status !== "success") return fail(400, { intent, result: submission.reply() });
      const value = submission.value as Record<string, string | number | undefined>;
      const indicators = Object.fromEntries(INDICATOR_CODES.map((code) => [code, value[code] as string | undefined]));
      const result = await postUpdateAndNotify(
        found,
        user.id,
        {
          organisationId: submission.value.organisationId,
          reportedOn: submission.value.reportedOn,
          body: submission.value.body,
          indicators,
        },
        once.writer({ redirectTo: here, flash: { key: "ini.update.posted" } }),
      );
      if (!result.ok) {
        if (result.error === "cannotActFor") {
          return fail(403, { intent, result: submission.reply({ fieldErrors: { organisationId: ["ini.errors.cannotActFor"] } }) });
        }
        return fail(409, { intent, result: submission.reply({ formErrors: ["ini.errors.notOpen"] }) });
      }
      return once.respond();
    }
    default:
      return fail(400, { intent, error: "errors.invalidOption" });
  }
}

export default function InitiativePage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const locale = useLocale();
  const translateError = useTranslateError();
  const { initiative: ini, permissions } = d;
  const errorFor = (intent: string) => (actionData?.intent === intent && actionData.error ? translateError(actionData.error) : null);
  const totals = INDICATORS.filter((i) => d.totals[i.code] !== undefined);
  return (
    <article className="space-y-8">
      {ini.status === "draft" ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
          {t("ini.detail.draftNote")}
        </p>
      ) : null}
      <header>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="rounded bg-amber-100 px-2 py-0.5 font-semibold text-amber-950" data-testid="initiative-status">
            {initiativeStatusLabel(t, ini.status)}
          </span>
          <Link to={`/roadmaps/${ini.roadmap}`}>{roadmapLabel(t, ini.roadmap)}</Link>
          {ini.approach ? <span>· {approachLabel(t, ini.approach)}</span> : null}
        </p>
        <h1 className="mt-2 text-3xl font-bold">{ini.title}</h1>
        <p className="mt-2 text-lg text-stone-800">{ini.summary}</p>
        <p className="mt-2 text-stone-700">
          {t("ini.detail.ledBy")}: <Link to={`/organisations/${d.lead.slug}`}>{d.lead.name}</Link> ({actorTypeLabel(t, d.lead.actorType)})
        </p>
        <div className="mt-4 flex flex-wrap gap-2">
          {permissions.edit ? (
            <Link className="btn-secondary" to={`/initiatives/${ini.slug}/edit`}>
              {t("ini.detail.edit")}
            </Link>
          ) : null}
          {permissions.follow ? (
            <Form method="post">
              <SubmitButton name="intent" value={d.following ? "unfollow" : "follow"} className="btn-secondary" pendingLabel={t("form.saving")}>
                {d.following ? t("ini.unfollow") : t("ini.follow")}
              </SubmitButton>
            </Form>
          ) : null}
        </div>
      </header>

      {permissions.changeStatus && d.nextStatuses.length ? (
        <section aria-labelledby="manage-heading" className="card border-amber-300">
          <h2 id="manage-heading" className="mb-3 text-xl font-bold">
            {t("ini.detail.manage")}
          </h2>
          {errorFor("status") ? <FormErrors errors={[errorFor("status")!]} /> : null}
          <div className="flex flex-wrap gap-2">
            {d.nextStatuses.map((status) => (
              <Form method="post" key={status}>
                <input type="hidden" name="status" value={status} />
                <SubmitButton name="intent" value="status" className={status === "cancelled" ? "btn-danger" : "btn-primary"} pendingLabel={t("form.saving")}>
                  {t(`ini.action.${status}`)}
                </SubmitButton>
              </Form>
            ))}
          </div>
        </section>
      ) : null}

      <div className="grid items-start gap-6 md:grid-cols-[1fr_20rem]">
        <div className="space-y-6">
          {d.descriptionHtml.trim() ? (
            // Named by a heading, so the description's own headings (### in markdown) follow an h2, not the h1.
            <section aria-labelledby="description-heading" className="card">
              <h2 id="description-heading" className="sr-only">
                {t("ini.fields.description")}
              </h2>
              <MarkdownContent data-testid="description" html={d.descriptionHtml} />
            </section>
          ) : null}
          <section aria-labelledby="totals-heading" className="card">
            <h2 id="totals-heading" className="mb-3 text-xl font-bold">
              {t("ini.detail.totals")}
            </h2>
            {totals.length === 0 ? (
              <p>{t("ini.detail.noTotals")}</p>
            ) : (
              <dl className="grid gap-3 sm:grid-cols-2" data-testid="indicator-totals">
                {totals.map((i) => (
                  <div key={i.code} className="rounded-md bg-brand-50 p-3">
                    <dt className="text-sm text-stone-700">{indicatorLabel(t, i.code)}</dt>
                    <dd className="text-2xl font-bold text-brand-900" data-indicator={i.code}>
                      {i.code === "pen_invested" ? formatPen(locale, d.totals[i.code]!) : formatNumber(locale, fromStoredIndicator(i.code, d.totals[i.code]!))}
                    </dd>
                    {i.code === "waste_diverted_t" || i.code === "secondary_material_t" ? (
                      <dd>
                        <OfWhichFromExchanges totals={d.exchanged} />
                      </dd>
                    ) : null}
                  </div>
                ))}
                {d.exchanged.exchanges > 0 ? <Co2eEstimate co2e={d.exchanged.co2e} className="rounded-md bg-brand-50 p-3 text-sm" /> : null}
              </dl>
            )}
          </section>
          <section aria-labelledby="updates-heading">
            <h2 id="updates-heading" className="mb-3 text-xl font-bold">
              {t("ini.detail.updates")}
            </h2>
            {d.updates.length === 0 ? <p>{t("ini.detail.noUpdates")}</p> : null}
            <ol className="space-y-3">
              {d.updates.map((u) => (
                <li key={u.id} className="card">
                  <p className="text-sm text-stone-700">{t("ini.update.by", { org: u.organisation, date: formatDay(locale, u.reportedOn) })}</p>
                  <MarkdownContent className="mt-2" html={u.html} />
                  {u.indicators.length ? (
                    <ul className="mt-2 flex flex-wrap gap-2 text-sm">
                      {u.indicators.map((v) => (
                        <li key={v.indicator} className="rounded bg-stone-100 px-2 py-0.5">
                          {indicatorLabel(t, v.indicator)}: {v.indicator === "pen_invested" ? formatPen(locale, v.value) : formatNumber(locale, fromStoredIndicator(v.indicator, v.value))}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
            {permissions.postUpdate && d.updateAs.length ? (
              <UpdateForm
                key={d.formToken}
                formToken={d.formToken}
                organisations={d.updateAs}
                reply={actionData?.intent === "update" ? actionData.result : undefined}
              />
            ) : null}
          </section>
          <DiscussionThreads preview={d.discussions} formToken={d.formToken} loginTo={`/initiatives/${ini.slug}`} />
        </div>
        <aside className="space-y-6">
          <section aria-labelledby="about-heading" className="card space-y-3 text-sm">
            <h2 id="about-heading" className="sr-only">
              {t("ini.detail.roadmap")}
            </h2>
            {ini.startOn || ini.endOn ? (
              <p>
                <strong>{t("ini.detail.dates")}:</strong> {initiativePeriod(t, locale, ini.startOn, ini.endOn)}
              </p>
            ) : null}
            {d.regions.length ? (
              <p>
                <strong>{t("ini.detail.regions")}:</strong> {d.regions.map(regionName).join(", ")}
              </p>
            ) : null}
            {d.valueChains.length ? (
              <p>
                <strong>{t("ini.detail.chains")}:</strong> {d.valueChains.map((c) => chainLabel(t, c)).join(", ")}
              </p>
            ) : null}
            {ini.genderPerspective ? (
              <p>
                <strong>{t("ini.detail.gender")}:</strong> {ini.genderNote ?? t("common.yes")}
              </p>
            ) : null}
          </section>
          {d.needs.length ? (
            <section aria-labelledby="seeks-heading" className="card text-sm">
              <h2 id="seeks-heading" className="mb-2 text-lg font-bold">
                {t("ini.detail.seeks")}
              </h2>
              <ul className="space-y-2">
                {d.needs.map((n) => (
                  <li key={n.kind}>
                    <strong>{needLabel(t, n.kind)}</strong>
                    {n.note ? `: ${n.note}` : ""}
                    {n.amountCents ? <div>{t("ini.detail.amount", { amount: formatPen(locale, n.amountCents) })}{n.financingKind ? ` · ${financingKindLabel(t, n.financingKind)}` : ""}</div> : null}
                    {n.partnerActorTypes?.length ? <div>{n.partnerActorTypes.map((a) => actorTypeLabel(t, a)).join(", ")}</div> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="partners-heading" className="card text-sm">
            <h2 id="partners-heading" className="mb-2 text-lg font-bold">
              {t("ini.detail.partners")}
            </h2>
            {errorFor("respond") || errorFor("leave") ? <FormErrors errors={[(errorFor("respond") ?? errorFor("leave"))!]} /> : null}
            {d.partners.length === 0 ? <p>{t("ini.detail.noPartners")}</p> : null}
            <ul className="space-y-3">
              {d.partners.map((p) => (
                <li key={p.id} data-partner-state={p.state}>
                  <Link to={`/organisations/${p.slug}`} className="font-semibold">
                    {p.name}
                  </Link>{" "}
                  · {partnerRoleLabel(t, p.role)}
                  {p.state === "active" && p.joinedAt ? ` · ${t("ini.detail.since", { date: formatDate(locale, p.joinedAt) })}` : ` · ${partnerStateLabel(t, p.state)}`}
                  {p.message && p.state !== "active" ? <p className="whitespace-pre-line text-stone-700">“{p.message}”</p> : null}
                  {p.canAnswer ? (
                    <Form method="post" className="mt-2 space-y-2">
                      <input type="hidden" name="partnerId" value={p.id} />
                      <label htmlFor={`note-${p.id}`} className="block">
                        {t("ini.respond.note")}
                      </label>
                      <input id={`note-${p.id}`} name="note" className="input" maxLength={500} />
                      <input type="hidden" name="intent" value="respond" />
                      <div className="flex gap-2">
                        <SubmitButton name="decision" value="accept" pendingLabel={t("form.saving")}>
                          {t("ini.respond.accept")}
                        </SubmitButton>
                        <SubmitButton name="decision" value="decline" className="btn-secondary" pendingLabel={t("form.saving")}>
                          {t("ini.respond.decline")}
                        </SubmitButton>
                      </div>
                    </Form>
                  ) : null}
                  {p.canLeave ? (
                    <Form method="post" className="mt-2">
                      <input type="hidden" name="partnerId" value={p.id} />
                      <SubmitButton name="intent" value="leave" className="btn-danger" pendingLabel={t("form.saving")}>
                        {t("ini.leave")}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
            {permissions.requestToJoin && d.joinAs.length ? (
              <PartnerForm
                key={d.formToken}
                formToken={d.formToken}
                intent="join"
                title={t("ini.join.title")}
                orgLabel={t("ini.join.as")}
                submit={t("ini.join.submit")}
                organisations={d.joinAs}
                reply={actionData?.intent === "join" ? actionData.result : undefined}
              />
            ) : null}
            {permissions.managePartners ? (
              <PartnerForm
                key={d.formToken}
                formToken={d.formToken}
                intent="invite"
                title={t("ini.invite.title")}
                orgLabel={t("ini.invite.organisation")}
                submit={t("ini.invite.submit")}
                reply={actionData?.intent === "invite" ? actionData.result : undefined}
              />
            ) : null}
            {!d.signedIn && ini.status === "open" ? (
              <p className="mt-3">
                <Link to={`/login?redirectTo=/initiatives/${ini.slug}`}>{t("ini.join.title")}</Link>
              </p>
            ) : null}
          </section>
          <section aria-labelledby="timeline-heading" className="card text-sm">
            <h2 id="timeline-heading" className="mb-2 text-lg font-bold">
              {t("ini.detail.timeline")}
            </h2>
            <ol className="space-y-1">
              {d.timeline.map((e, index) => (
                <li key={index}>
                  {formatDateTime(locale, e.at)} · {initiativeStatusLabel(t, e.to)}
                  {e.by ? ` · ${t("ini.detail.by", { name: e.by })}` : ""}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </article>
  );
}

type PartnerFormProps = {
  formToken: string;
  intent: "join" | "invite";
  title: string;
  orgLabel: string;
  submit: string;
  /** Join: the viewer's own organisations to choose from. Invite: none; the organisation is named. */
  organisations?: Array<{ id: number; name: string }>;
  reply?: SubmissionResult<string[]>;
};

function PartnerForm(props: PartnerFormProps) {
  return props.intent === "invite" ? <InviteForm {...props} /> : <JoinForm {...props} />;
}

function JoinForm(props: PartnerFormProps) {
  const [form, fields] = useForm({
    id: "partner-join",
    lastResult: props.reply,
    defaultValue: { organisationId: String(props.organisations?.[0]?.id ?? ""), role: "implementing" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PartnerRequestSchema }),
  });
  return (
    <PartnerFormBody {...props} formProps={getFormProps(form)} formErrorId={form.errorId} formErrors={form.errors} role={fields.role} message={fields.message}>
      <SelectField meta={fields.organisationId} label={props.orgLabel} options={(props.organisations ?? []).map((o) => ({ value: String(o.id), label: o.name }))} />
    </PartnerFormBody>
  );
}

function InviteForm(props: PartnerFormProps) {
  const t = useT();
  const [form, fields] = useForm({
    id: "partner-invite",
    lastResult: props.reply,
    defaultValue: { role: "implementing" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PartnerInviteSchema }),
  });
  return (
    <PartnerFormBody {...props} formProps={getFormProps(form)} formErrorId={form.errorId} formErrors={form.errors} role={fields.role} message={fields.message}>
      <OrganisationNameField meta={fields.organisation} label={props.orgLabel} description={t("ini.invite.organisationHint")} />
    </PartnerFormBody>
  );
}

/** What joining and inviting share: the role, a message, the token and the button. */
function PartnerFormBody(
  props: PartnerFormProps & {
    formProps: ReturnType<typeof getFormProps>;
    formErrorId: string;
    formErrors?: string[];
    role: FieldMetadata<string | undefined>;
    message: FieldMetadata<string | undefined>;
    children: ReactNode;
  },
) {
  const t = useT();
  const formAction = useFormAction();
  const { key, ...messageProps } = getTextareaProps(props.message, { ariaAttributes: false });
  return (
    <Form method="post" {...props.formProps} action={anchoredAction(formAction, props.formProps.id)} className="mt-4 border-t border-stone-200 pt-3" autoComplete="off">
      <h3 className="mb-2 font-semibold">{props.title}</h3>
      <FormToken value={props.formToken} />
      <FormErrors id={props.formErrorId} errors={props.formErrors} />
      {props.children}
      <SelectField meta={props.role} label={t("ini.join.role")} options={PARTNER_ROLES.map((r) => ({ value: r, label: partnerRoleLabel(t, r) }))} />
      <div className="mb-3">
        <label htmlFor={props.message.id} className="mb-1 block font-semibold">
          {t(props.intent === "invite" ? "ini.invite.message" : "ini.join.message")}
        </label>
        <textarea key={key} {...messageProps} rows={3} className="input" />
        <ErrorList id={props.message.errorId} errors={props.message.errors} />
      </div>
      <SubmitButton name="intent" value={props.intent} pendingLabel={t("form.sending")}>
        {props.submit}
      </SubmitButton>
    </Form>
  );
}

function UpdateForm({
  formToken,
  organisations,
  reply,
}: {
  formToken: string;
  organisations: Array<{ id: number; name: string }>;
  reply?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const formAction = useFormAction();
  const today = limaDay(Date.now());
  const [form, fields] = useForm({
    id: "progress-update",
    lastResult: reply,
    defaultValue: { organisationId: String(organisations[0]?.id ?? ""), reportedOn: today },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgressUpdateSchema }),
  });
  const { key, ...bodyProps } = getTextareaProps(fields.body, { ariaAttributes: false });
  const bodyInvalid = Boolean(fields.body.errors?.length);
  const indicatorFields = fields as unknown as Record<string, typeof fields.reportedOn>;
  return (
    <Form method="post" {...getFormProps(form)} action={anchoredAction(formAction, form.id)} className="card mt-4" autoComplete="off">
      <h3 className="mb-3 text-lg font-semibold">{t("ini.update.title")}</h3>
      <FormToken value={formToken} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField meta={fields.organisationId} label={t("ini.update.as")} options={organisations.map((o) => ({ value: String(o.id), label: o.name }))} />
      <Field meta={fields.reportedOn} label={t("ini.update.reportedOn")} type="date" />
      <div className="mb-4">
        <label htmlFor={fields.body.id} className="mb-1 block font-semibold">
          {t("ini.update.body")}
        </label>
        <textarea
          key={key}
          {...bodyProps}
          rows={4}
          className="input"
          aria-invalid={bodyInvalid || undefined}
          aria-describedby={bodyInvalid ? fields.body.errorId : undefined}
        />
        <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
      </div>
      <fieldset className="mb-4">
        <legend className="mb-1 font-semibold">{t("ini.update.indicators")}</legend>
        <p className="mb-2 text-sm text-stone-600">{t("ini.update.indicatorsHint")}</p>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {INDICATOR_CODES.map((code) => (
            <Field key={code} meta={indicatorFields[code]!} label={indicatorLabel(t, code)} className="mb-3" />
          ))}
        </div>
      </fieldset>
      <SubmitButton name="intent" value="update" pendingLabel={t("form.sending")}>
        {t("ini.update.submit")}
      </SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * A form's action URL ending in `#<form id>`: without JavaScript the browser shows the answer to
 * a refused submission scrolled to the form, where its errors are, not at the top of a long page.
 */
function anchoredAction(formAction: string, formId: string) {
  return `${formAction}#${formId}`;
}
