import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { facilitatorsPage, inviteFacilitator } from "#app/.server/exchange/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ErrorList, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { notFound } from "#app/utils/http-errors.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { idParam } from "#app/utils/id-param.ts";

// A party of a private exchange conversation invites a coordinator as facilitator (issue 12):
// only members of the two organisations reach this page; everyone else gets a 404, as for the
// conversation itself.

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "xm.fac.pageTitle");

function load(request: Request, id: string | undefined) {
  const user = requireUser(request);
  const conversationId = idParam(id);
  const page = conversationId ? facilitatorsPage(conversationId, user) : null;
  if (!page) throw notFound();
  return { user, page };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return load(request, params.id).page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, page } = load(request, params.id);
  const form = await readForm(request);
  const chosen = String(form.get("coordinatorId") ?? "");
  const coordinatorId = idParam(chosen) ?? 0;
  const answer = inviteFacilitator(user, page.id, coordinatorId);
  if (!answer.ok) {
    if (answer.reason === "not_found") throw notFound();
    if (answer.reason === "forbidden") return data({ error: "disc.refused.organisation_suspended" }, { status: 403 });
    return data({ error: "xm.fac.error.unknown" }, { status: 400 });
  }
  return redirectWithFlash(page.href, { key: "xm.fac.done", vars: { name: answer.name } });
}

export default function FacilitatorsPage() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const error = answer && "error" in answer ? answer.error : null;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <Link to={page.href}>← {t("xm.fac.back")}</Link>
      </p>
      <PageTitle lead={page.title}>{t("xm.fac.pageTitle")}</PageTitle>
      <p>{t("xm.fac.lead")}</p>
      {page.facilitators.length > 0 ? <p>{t("xm.fac.current", { names: page.facilitators.join(", ") })}</p> : null}
      {!page.mayInvite ? (
        <p>{t("disc.refused.organisation_suspended")}</p>
      ) : page.coordinators.length === 0 ? (
        <p>{t("xm.fac.none")}</p>
      ) : (
        <Form method="post" className="card space-y-3">
          <div>
            <label htmlFor="coordinator" className="mb-1 block font-semibold">
              {t("xm.fac.pick")}
            </label>
            <select id="coordinator" name="coordinatorId" required className="input" aria-invalid={error ? true : undefined} aria-describedby={error ? "coordinator-error" : undefined}>
              {page.coordinators.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <ErrorList id="coordinator-error" errors={error ? [error] : undefined} />
          </div>
          <SubmitButton pendingLabel={t("form.sending")}>{t("xm.fac.submit")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
