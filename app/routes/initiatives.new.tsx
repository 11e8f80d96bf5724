import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { proposeInitiative } from "#app/.server/initiatives/index.ts";
import { organisationsUserActsFor } from "#app/.server/organisations/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { InitiativeForm } from "#app/features/initiatives/initiative-form.tsx";
import { InitiativeSchema } from "#app/features/initiatives/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ini.new.title");

function actableOrganisations(userId: number) {
  return organisationsUserActsFor(userId).map((m) => ({ id: m.id, name: m.name }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { organisations: actableOrganisations(user.id), formToken: issueFormToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await readForm(request);
  const once = submitOnce(form, { userId: user.id, form: "initiative-proposal" });
  const submission = parseWithZod(form, { schema: InitiativeSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const input = submission.value;
  const result = once.write(
    () => proposeInitiative(user.id, input),
    (r) => (r.ok ? { redirectTo: `/initiatives/${r.initiative.slug}`, flash: { key: "ini.new.saved" } } : null),
  );
  if (!result.ok) {
    return replyWithErrors(submission, 403, { fieldErrors: { leadOrganisationId: ["ini.errors.cannotActFor"] } });
  }
  return once.respond();
}

export default function NewInitiativePage() {
  const { organisations, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle lead={t("ini.new.lead")}>{t("ini.new.title")}</PageTitle>
      {organisations.length === 0 ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4">
          {t("ini.new.noOrganisation")} <Link to="/organisations/new">{t("dir.register")}</Link>
        </p>
      ) : (
        <InitiativeForm
          id="new-initiative"
          formToken={formToken}
          lastResult={actionData?.result}
          organisations={organisations}
          defaultValue={{ leadOrganisationId: organisations[0]!.id }}
          submitLabel={t("ini.new.submit")}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
