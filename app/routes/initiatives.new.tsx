import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { membershipsOf, proposeInitiative } from "#app/.server/initiatives/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { InitiativeForm } from "#app/features/initiatives/initiative-form.tsx";
import { InitiativeSchema } from "#app/features/initiatives/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ini.new.title");

function actableOrganisations(userId: number) {
  return membershipsOf(userId)
    .filter((m) => m.status === "approved")
    .map((m) => ({ id: m.organisationId, name: m.name }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { organisations: actableOrganisations(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: InitiativeSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const result = proposeInitiative(user.id, submission.value);
  if (!result.ok) {
    return replyWithErrors(submission, 403, { fieldErrors: { leadOrganisationId: ["ini.errors.cannotActFor"] } });
  }
  return redirectWithFlash(`/initiatives/${result.initiative.slug}`, { key: "ini.new.saved" });
}

export default function NewInitiativePage() {
  const { organisations } = useLoaderData<typeof loader>();
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
          lastResult={actionData?.result}
          organisations={organisations}
          defaultValue={{ leadOrganisationId: organisations[0]!.id }}
          submitLabel={t("ini.new.submit")}
        />
      )}
    </div>
  );
}
