import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { replyWithErrors, readForm } from "#app/.server/forms.ts";
import { organisationProfile, requireOrganisation, saveLogo, updateOrganisationProfile } from "#app/.server/organisations/index.ts";
import { isMultipart, readImageUpload } from "#app/.server/uploads.ts";
import { ImageUploadForm } from "#app/components/ui/image-upload.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { OrganisationProfileForm } from "#app/features/organisations/profile-form.tsx";
import { OrganisationProfileSchema } from "#app/features/organisations/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "org.edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { organisation } = requireOrganisation(params.slug, user, "edit");
  const profile = organisationProfile(organisation.id);
  return {
    slug: organisation.slug,
    name: organisation.name,
    logoHash: organisation.logoHash,
    defaults: {
      name: organisation.name,
      acronym: organisation.acronym ?? undefined,
      ruc: organisation.ruc ?? undefined,
      actorType: organisation.actorType,
      companySize: organisation.companySize ?? undefined,
      hqRegion: organisation.hqRegion as never,
      operatingRegions: profile.operatingRegions as never[],
      roadmaps: profile.roadmaps,
      valueChains: profile.valueChains,
      description: organisation.description,
      website: organisation.website ?? undefined,
      contactEmail: organisation.contactEmail ?? undefined,
      foundedYear: organisation.foundedYear ?? undefined,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { organisation } = requireOrganisation(params.slug, user, "edit");
  const back = `/organisations/${organisation.slug}`;

  if (isMultipart(request)) {
    const upload = await readImageUpload(request, "logo");
    if (!upload.ok) return data({ logoError: upload.error }, { status: upload.status });
    saveLogo(organisation.id, user.id, upload.image, upload.contentType, upload.hash);
    return redirectWithFlash(back, { key: "org.logo.saved" });
  }

  const submission = parseWithZod(await readForm(request), { schema: OrganisationProfileSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const result = updateOrganisationProfile(organisation.id, user.id, submission.value);
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    const field = result.error === "rucTaken" ? "ruc" : "name";
    return replyWithErrors(submission, 409, { fieldErrors: { [field]: [`org.errors.${result.error}`] } });
  }
  return redirectWithFlash(back, { key: result.reapplied ? "org.edit.reapplied" : "org.edit.saved" });
}

export default function EditOrganisationPage() {
  const { slug, name, defaults, logoHash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const logoError = actionData && "logoError" in actionData ? actionData.logoError : null;
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <p>
        <Link to={`/organisations/${slug}`}>← {name}</Link>
      </p>
      <PageTitle>{t("org.edit.title")}</PageTitle>
      <section aria-labelledby="logo-heading" className="card">
        <h2 id="logo-heading" className="mb-3 text-xl font-bold">
          {t("org.logo.title")}
        </h2>
        {logoHash ? (
          <img src={`/organisations/${slug}/logo?v=${logoHash}`} alt={t("org.profile.logoAlt", { name })} width="96" height="96" className="mb-3 h-24 w-24 object-contain" />
        ) : null}
        <ImageUploadForm name="logo" label={t("org.fields.logo")} hint={t("org.fields.logoHint")} submitLabel={t("org.logo.submit")} error={logoError} />
      </section>
      <OrganisationProfileForm
        id="edit-organisation"
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        defaultValue={defaults}
        submitLabel={t("org.edit.submit")}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
