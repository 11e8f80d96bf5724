import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { initiativeDetail, requireInitiative, updateInitiative } from "#app/.server/initiatives/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { InitiativeForm } from "#app/features/initiatives/initiative-form.tsx";
import { InitiativeSchema } from "#app/features/initiatives/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { forbidden } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ini.edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { initiative, lead } = requireInitiative(params.slug, user, "edit");
  const detail = initiativeDetail(initiative.id, user.id);
  const need = (kind: string) => detail.needs.find((n) => n.kind === kind);
  const financing = need("financing");
  return {
    slug: initiative.slug,
    title: initiative.title,
    lead: { id: lead.id, name: lead.name },
    defaults: {
      leadOrganisationId: lead.id,
      title: initiative.title,
      summary: initiative.summary,
      description: initiative.description,
      roadmap: initiative.roadmap,
      approach: initiative.approach ?? undefined,
      valueChains: detail.valueChains,
      regions: detail.regions as never[],
      startOn: initiative.startOn ?? undefined,
      endOn: initiative.endOn ?? undefined,
      needs: detail.needs.map((n) => n.kind),
      partnersNote: need("partners")?.note,
      partnerActorTypes: need("partners")?.partnerActorTypes ?? [],
      financingNote: financing?.note,
      financingAmount: financing?.amountCents ? (financing.amountCents / 100).toFixed(2) : undefined,
      financingKind: financing?.financingKind ?? undefined,
      technologyNote: need("technology")?.note,
      trainingNote: need("training")?.note,
      infrastructureNote: need("infrastructure")?.note,
      otherNote: need("other")?.note,
      genderPerspective: initiative.genderPerspective ? ("on" as const) : undefined,
      genderNote: initiative.genderNote ?? undefined,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { initiative, lead } = requireInitiative(params.slug, user, "edit");
  const form = await readForm(request);
  // The lead organisation is fixed once proposed.
  form.set("leadOrganisationId", String(lead.id));
  const submission = parseWithZod(form, { schema: InitiativeSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const result = updateInitiative(initiative.id, user.id, submission.value);
  if (!result.ok) throw forbidden();
  return redirectWithFlash(`/initiatives/${initiative.slug}`, { key: "ini.edit.saved" });
}

export default function EditInitiativePage() {
  const { slug, title, lead, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <p className="mb-4">
        <Link to={`/initiatives/${slug}`}>← {title}</Link>
      </p>
      <PageTitle>{t("ini.edit.title")}</PageTitle>
      <InitiativeForm id="edit-initiative" lastResult={actionData?.result} organisations={[lead]} defaultValue={defaults} submitLabel={t("ini.edit.submit")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
