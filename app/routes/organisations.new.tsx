import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { replyWithErrors, readForm } from "#app/.server/forms.ts";
import { applyForMembership } from "#app/.server/organisations/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { OrganisationProfileForm } from "#app/features/organisations/profile-form.tsx";
import { OrganisationProfileSchema } from "#app/features/organisations/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "org.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { emailVerified: Boolean(user.emailVerifiedAt) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: OrganisationProfileSchema });
  if (!user.emailVerifiedAt) return replyWithErrors(submission, 403, { formErrors: ["org.new.verifyFirst"] });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const result = applyForMembership(user.id, submission.value);
  if (!result.ok) {
    const field = result.error === "rucTaken" ? "ruc" : "name";
    return replyWithErrors(submission, 409, { fieldErrors: { [field]: [`org.errors.${result.error}`] } });
  }
  return redirectWithFlash(`/organisations/${result.organisation.slug}`, {
    key: "org.new.submitted",
    vars: { name: submission.value.name },
  });
}

export default function NewOrganisationPage() {
  const { emailVerified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle lead={t("org.new.lead")}>{t("org.new.title")}</PageTitle>
      {emailVerified ? (
        <OrganisationProfileForm id="new-organisation" lastResult={actionData?.result} submitLabel={t("org.new.submit")} />
      ) : (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4">
          {t("org.new.verifyFirst")} <Link to="/account">{t("nav.account")}</Link>
        </p>
      )}
    </div>
  );
}
