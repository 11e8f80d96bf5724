import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { organisationsOfUser } from "#app/.server/organisations/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { memberRoleLabel, statusLabel } from "#app/features/organisations/labels.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "myorgs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { organisations: organisationsOfUser(user.id) };
}

export default function MyOrganisationsPage() {
  const { organisations } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="max-w-2xl">
      <PageTitle>{t("myorgs.title")}</PageTitle>
      {organisations.length === 0 ? <p className="mb-4">{t("myorgs.empty")}</p> : null}
      <ul className="mb-6 space-y-3">
        {organisations.map((o) => (
          <li key={o.id} className="card">
            <Link to={`/organisations/${o.slug}`} className="text-lg font-semibold">
              {o.name}
            </Link>
            <p className="text-sm text-stone-700">
              {statusLabel(t, o.status)} · {t("myorgs.role", { role: memberRoleLabel(t, o.role) })}
            </p>
          </li>
        ))}
      </ul>
      <Link to="/organisations/new" className="btn-primary">
        {t("dir.register")}
      </Link>
    </div>
  );
}
