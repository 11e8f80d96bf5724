import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/.server/auth/index.ts";
import { isOutboxMode, listOutbox } from "#app/.server/mail.ts";
import { isProduction } from "#app/.server/env.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { formatDateTime } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "outbox.title");

// Exists only while no SMTP server is configured; for coordinators and admins.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!isOutboxMode() || isProduction()) throw new Response("Not Found", { status: 404 });
  requireRole(request, ["coordinator", "admin"]);
  const messages = await listOutbox();
  return { messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.getTime() })) };
}

export default function OutboxPage() {
  const { messages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageTitle lead={t("outbox.lead")}>{t("outbox.title")}</PageTitle>
      {messages.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      <ul className="space-y-4">
        {messages.map((message) => (
          <li key={message.id} className="card">
            <p className="text-sm text-stone-700">
              {t("outbox.to")}: {message.to} · {t("outbox.date")}: {formatDateTime(locale, message.createdAt)}
            </p>
            <h2 className="mt-1 font-semibold">
              {t("outbox.subject")}: {message.subject}
            </h2>
            <pre className="mt-2 overflow-x-auto text-sm whitespace-pre-wrap">{message.text}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
