import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser } from "#app/.server/auth/index.ts";
import { requireParent, threadList } from "#app/.server/discussions/index.ts";
import { issueFormToken } from "#app/.server/form-token.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { listThreads, readListQuery, startThreadAction, threadFormContext } from "#app/features/discussions/actions.server.ts";
import { parentThreadsHref } from "#app/features/discussions/links.ts";
import { PlaceThreads } from "#app/features/discussions/discussion-threads.tsx";
import { idParam } from "#app/features/discussions/schemas.ts";
import type { ThreadFormReply } from "#app/features/discussions/thread-list.tsx";
import { notFound } from "#app/utils/http-errors.ts";
import { useT } from "#app/utils/i18n.tsx";
import { pageLocale, pageMeta } from "#app/utils/meta.ts";
import { translate } from "#app/i18n.ts";

// All the threads of one parent (an initiative, an event), paginated, with the form to start one.
// The parent's own page shows the first few and posts its "start a thread" form here.

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, {
    title: args.data?.parent.title ?? "",
    description: translate(pageLocale(args.matches), "meta.thread", { place: args.data?.parent.title ?? "" }),
  });

function parentOf(params: LoaderFunctionArgs["params"], user: ReturnType<typeof getUser>) {
  const id = idParam(params.id);
  if (!id) throw notFound();
  const parent = requireParent(params.type, id, user);
  return { ...parent, id };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request);
  const parent = parentOf(params, user);
  const { sort, page } = readListQuery(request);
  const list = threadList({ kind: "parent", type: parent.type, id: parent.id }, { sort, page }, user);
  redirectPastLastPage(request, list.pages);
  return {
    parent: { type: parent.type, id: parent.id, title: parent.title, link: parent.link },
    sort,
    page,
    ...listThreads(list),
    signedIn: Boolean(user),
    ...threadFormContext(user, parent.mayPost),
    // Why nobody may start a thread here, when the parent says so; null while it is open.
    closed: parent.closed,
    formToken: issueFormToken(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parent = parentOf(params, getUser(request));
  return startThreadAction(request, { kind: "parent", type: parent.type, id: parent.id });
}

export default function ParentThreadsPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ThreadFormReply | undefined;
  const t = useT();
  const here = parentThreadsHref(d.parent.type, d.parent.id);
  return (
    <div className="space-y-6">
      <nav aria-label={t("disc.breadcrumb")}>
        <Link to={d.parent.link}>{d.parent.title}</Link>
      </nav>
      <PageTitle>{t("disc.parent.title", { title: d.parent.title })}</PageTitle>
      <PlaceThreads here={here} data={d} empty={t("disc.parent.empty")} reply={actionData?.result} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
