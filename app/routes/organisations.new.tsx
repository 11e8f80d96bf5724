import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { replyWithErrors, readForm } from "#app/.server/forms.ts";
import { applyForMembership } from "#app/.server/organisations/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { OrganisationProfileForm } from "#app/features/organisations/profile-form.tsx";
import { OrganisationProfileSchema } from "#app/features/organisations/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "org.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { emailVerified: Boolean(user.emailVerifiedAt), formToken: issueFormToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await readForm(request);
  const once = submitOnce(form, { userId: user.id, form: "organisation-application" });
  const submission = parseWithZod(form, { schema: OrganisationProfileSchema });
  if (!user.emailVerifiedAt) return replyWithErrors(submission, 403, { formErrors: ["org.new.verifyFirst"] });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const profile = submission.value;
  const result = once.write(
    () => applyForMembership(user.id, profile),
    (r) => (r.ok ? { redirectTo: `/organisations/${r.organisation.slug}`, flash: { key: "org.new.submitted", vars: { name: profile.name } } } : null),
  );
  if (!result.ok) {
    const field = result.error === "rucTaken" ? "ruc" : "name";
    // The applicant's own earlier application (Back, then Send again): there is nothing to redo.
    return replyWithErrors(submission, 409, { fieldErrors: { [field]: [`org.errors.${result.error}`] } });
  }
  return once.respond();
}

export default function NewOrganisationPage() {
  const { emailVerified, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle lead={t("org.new.lead")}>{t("org.new.title")}</PageTitle>
      {emailVerified ? (
        <OrganisationProfileForm id="new-organisation" formToken={formToken} lastResult={actionData?.result} submitLabel={t("org.new.submit")} />
      ) : (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4">
          {t("org.new.verifyFirst")} <Link to="/account">{t("nav.account")}</Link>
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
