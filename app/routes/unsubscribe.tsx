import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { peekUnsubscribe, unsubscribe, type UnsubscribeScope } from "#app/.server/notifications/index.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle } from "#app/components/ui/forms.tsx";
import type { MessageKey } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "unsubscribe.title");

// One-click unsubscribe (issue 13, RFC 8058): the link in every notification email. Opening it
// (GET) only asks — mail scanners open links — and the button (POST) stops that kind of email at
// once, without signing in: the token is the proof. Mail clients POST "List-Unsubscribe=One-Click"
// to the same address. A forged, unknown or used token: 400, nothing changed. Cross-site POSTs are
// let through for this path only (server/index.ts), since mail providers send them.

const tokenOf = (request: Request) => new URL(request.url).searchParams.get("token");

export async function loader({ request }: LoaderFunctionArgs) {
  const found = peekUnsubscribe(tokenOf(request));
  // A link already honoured only says so (200): it is also what the page shows right after the
  // button, when the loader runs again. Using it again (POST) is refused with 400.
  if (!found.ok && found.error === "used") return { state: "used" as const, scope: null };
  if (!found.ok) return data({ state: found.error, scope: null }, { status: 400 });
  return { state: "ask" as const, scope: found.scope };
}

export async function action({ request }: ActionFunctionArgs) {
  const result = unsubscribe(tokenOf(request));
  if (!result.ok) return data({ state: result.error, scope: null }, { status: 400 });
  return { state: "done" as const, scope: result.scope };
}

function groupName(scope: UnsubscribeScope): MessageKey {
  return `notifications.prefs.group.${scope}` as MessageKey;
}

export default function UnsubscribePage() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { state, scope } = acted ?? loaded;
  const t = useT();
  let body;
  if (state === "invalid") {
    body = <p role="alert">{t("unsubscribe.invalid")}</p>;
  } else if (state === "used" && !acted) {
    body = <p role="status">{t("unsubscribe.used")}</p>;
  } else if (state === "used") {
    body = <p role="alert">{t("unsubscribe.used")}</p>;
  } else if (state === "done" && scope) {
    body = <p role="status">{scope === "digest" ? t("unsubscribe.doneDigest") : t("unsubscribe.done", { group: t(groupName(scope)) })}</p>;
  } else if (scope) {
    body = (
      <Form method="post">
        <p>{scope === "digest" ? t("unsubscribe.confirmDigest") : t("unsubscribe.confirm", { group: t(groupName(scope)) })}</p>
        <p className="mt-2 text-sm text-stone-700">{t("unsubscribe.keepInApp")}</p>
        <button type="submit" className="btn-primary mt-4">
          {t("unsubscribe.submit")}
        </button>
      </Form>
    );
  }
  return (
    <div className="mx-auto max-w-xl">
      <PageTitle>{t("unsubscribe.title")}</PageTitle>
      <div className="card">{body}</div>
      <p className="mt-4">
        <Link to="/account/notifications">{t("unsubscribe.preferences")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
