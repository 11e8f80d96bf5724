import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "#app/.server/auth/index.ts";
import { appUrl } from "#app/.server/env.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { replyWithErrors, readForm } from "#app/.server/forms.ts";
import { sendMail } from "#app/.server/mail.ts";
import {
  changeMemberRole,
  createInvitation,
  removeMember,
  requireOrganisation,
  teamOf,
} from "#app/.server/organisations/index.ts";
import { FormToken } from "#app/components/form-token.tsx";
import { Field, FormErrors, PageTitle, SelectField, SubmitButton } from "#app/components/ui/forms.tsx";
import { memberRoleLabel } from "#app/features/organisations/labels.ts";
import { InviteSchema } from "#app/features/organisations/schemas.ts";
import { MEMBER_ROLES } from "#app/features/organisations/taxonomy.ts";
import { formatDate, translate } from "#app/i18n.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { useLocale, useT, useTranslateError } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "org.profile.team");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { organisation } = requireOrganisation(params.slug, user, "manageTeam");
  const team = teamOf(organisation.id);
  return {
    userId: user.id,
    organisation: { slug: organisation.slug, name: organisation.name },
    members: team.members.map((m) => ({ ...m, since: m.since.getTime() })),
    invitations: team.invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.getTime() })),
    // One-time token for the invitation form: a repeat sends no second invitation.
    formToken: issueFormToken(),
  };
}

const MemberSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(MEMBER_ROLES).optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { organisation } = requireOrganisation(params.slug, user, "manageTeam");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const here = `/organisations/${organisation.slug}/team`;

  if (intent === "invite") {
    const once = submitOnce(formData, { userId: user.id, form: "team-invitation" });
    const submission = parseWithZod(formData, { schema: InviteSchema });
    if (submission.status !== "success") return replyWithErrors(submission, 400);
    const input = submission.value;
    const result = once.write(
      () => createInvitation(organisation.id, user.id, input),
      (r) => (r.ok ? { redirectTo: here, flash: { key: "team.invited", vars: { email: r.email } } } : null),
    );
    if (!result.ok) return replyWithErrors(submission, 409, { fieldErrors: { email: ["org.errors.alreadyMember"] } });
    // The invitee may have no account yet, so the email goes out in the inviter's language.
    const locale = getLocale(request);
    const vars = { org: organisation.name, role: translate(locale, `org.role.${submission.value.role}`) };
    await sendMail({
      to: result.email,
      locale,
      subject: translate(locale, "mail.invite.subject", vars),
      text: [
        translate(locale, "mail.invite.body", vars),
        `${appUrl()}/invitations/${encodeURIComponent(result.token)}`,
        "",
        translate(locale, "mail.ignore"),
        "",
        translate(locale, "mail.signature"),
      ].join("\n"),
    });
    return once.respond();
  }

  const parsed = MemberSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ memberError: "errors.invalidOption" }, { status: 400 });
  if (intent === "change-role" && parsed.data.role) {
    const result = changeMemberRole(organisation.id, user.id, parsed.data.userId, parsed.data.role);
    if (!result.ok) {
      if (result.error === "notMember") throw notFound();
      return data({ memberError: "org.errors.lastOwner" }, { status: 409 });
    }
    return redirectWithFlash(here, { key: "team.roleSaved" });
  }
  if (intent === "remove") {
    const result = removeMember(organisation.id, user.id, parsed.data.userId);
    if (!result.ok) {
      if (result.error === "notMember") throw notFound();
      return data({ memberError: "org.errors.lastOwner" }, { status: 409 });
    }
    return redirectWithFlash(here, { key: "team.removed" });
  }
  return data({ memberError: "errors.invalidOption" }, { status: 400 });
}

export default function TeamPage() {
  const { organisation, members, invitations, userId, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const translateError = useTranslateError();
  const memberError = actionData && "memberError" in actionData ? actionData.memberError : null;
  const roleOptions = MEMBER_ROLES.map((r) => ({ value: r, label: memberRoleLabel(t, r) }));
  return (
    <div className="space-y-8">
      <p>
        <Link to={`/organisations/${organisation.slug}`}>← {organisation.name}</Link>
      </p>
      <PageTitle lead={t("org.role.hint")}>{t("team.title", { name: organisation.name })}</PageTitle>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-xl font-bold">
          {t("team.members")}
        </h2>
        {memberError ? <FormErrors errors={[translateError(memberError)]} /> : null}
        <ul className="space-y-3">
          {members.map((m) => (
            <li key={m.userId} className="card flex flex-wrap items-end justify-between gap-3">
              <div>
                <p className="font-semibold">
                  {m.name} {m.userId === userId ? t("team.you") : null}
                </p>
                <p className="text-sm text-stone-700">
                  {m.email} · {t("team.since")} {formatDate(locale, m.since)}
                </p>
              </div>
              <div className="flex flex-wrap items-end gap-2">
                <Form method="post" className="flex items-end gap-2">
                  <input type="hidden" name="userId" value={m.userId} />
                  <select name="role" defaultValue={m.role} aria-label={t("team.roleFor", { name: m.name })} className="input w-auto">
                    {roleOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  <SubmitButton name="intent" value="change-role" className="btn-secondary" pendingLabel={t("form.saving")}>
                    {t("team.saveRole")}
                  </SubmitButton>
                </Form>
                <Form method="post">
                  <input type="hidden" name="userId" value={m.userId} />
                  <button type="submit" name="intent" value="remove" className="btn-danger" aria-label={t("team.removeNamed", { name: m.name })}>
                    {t("team.remove")}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {invitations.length ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading" className="mb-3 text-xl font-bold">
            {t("team.pending")}
          </h2>
          <ul className="space-y-1">
            {invitations.map((i) => (
              <li key={i.id}>
                {i.email} · {memberRoleLabel(t, i.role)} · {t("team.expires", { date: formatDate(locale, i.expiresAt) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="invite-heading" className="max-w-lg">
        <h2 id="invite-heading" className="mb-1 text-xl font-bold">
          {t("team.invite")}
        </h2>
        <p className="mb-3 text-stone-700">{t("team.inviteLead")}</p>
        <InviteForm
          key={formToken}
          formToken={formToken}
          lastResult={actionData && "result" in actionData ? actionData.result : undefined}
          roleOptions={roleOptions}
        />
      </section>
    </div>
  );
}

/** Keyed by the form token: after an invitation is sent the loader issues a new one and the form remounts empty. */
function InviteForm({
  formToken,
  lastResult,
  roleOptions,
}: {
  formToken: string;
  lastResult?: SubmissionResult<string[]>;
  roleOptions: Array<{ value: string; label: string }>;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    defaultValue: { role: "member" },
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card" autoComplete="off">
      <FormToken value={formToken} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.email} label={t("team.inviteEmail")} type="email" />
      <SelectField meta={fields.role} label={t("team.role")} options={roleOptions} />
      <SubmitButton name="intent" value="invite" pendingLabel={t("form.sending")}>
        {t("team.inviteSubmit")}
      </SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
