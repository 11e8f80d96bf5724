import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { acceptInvitation, peekInvitation } from "#app/.server/organisations/index.ts";
import { PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { memberRoleLabel } from "#app/features/organisations/labels.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "invite.title");

// Opening the link only shows the invitation; joining is a POST by a signed-in person.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = peekInvitation(params.token);
  const here = `/invitations/${encodeURIComponent(params.token ?? "")}`;
  return {
    signedIn: Boolean(getUser(request)),
    here,
    invitation: invitation ? { organisation: invitation.organisation.name, role: invitation.role } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const result = acceptInvitation(params.token, user.id);
  if (!result.ok) return data({ error: "invite.invalid" as const }, { status: 400 });
  return redirectWithFlash(`/organisations/${result.organisation.slug}`, {
    key: "invite.joined",
    vars: { org: result.organisation.name },
  });
}

export default function InvitationPage() {
  const { invitation, signedIn, here } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  if (!invitation || actionData?.error) {
    return (
      <div className="mx-auto max-w-lg">
        <PageTitle>{t("invite.title")}</PageTitle>
        <p role="alert">{t("invite.invalid")}</p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle lead={t("invite.lead", { org: invitation.organisation, role: memberRoleLabel(t, invitation.role) })}>
        {t("invite.title")}
      </PageTitle>
      {signedIn ? (
        <Form method="post">
          <SubmitButton pendingLabel={t("form.sending")}>{t("invite.accept")}</SubmitButton>
        </Form>
      ) : (
        <div className="space-y-3">
          <p>{t("invite.loginFirst")}</p>
          <p className="flex flex-wrap gap-3">
            <Link className="btn-primary" to={`/login?redirectTo=${encodeURIComponent(here)}`}>
              {t("nav.login")}
            </Link>
            <Link className="btn-secondary" to={`/signup?redirectTo=${encodeURIComponent(here)}`}>
              {t("nav.signup")}
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}
