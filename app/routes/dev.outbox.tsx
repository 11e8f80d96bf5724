import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { isOutboxMode, listOutbox } from "#app/.server/mail.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { formatDateTime } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { notFound } from "#app/utils/http-errors.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "outbox.title");

// Exists only when mail is kept in the local outbox (MAIL_TRANSPORT=outbox, or development), and
// then for anyone: whoever runs the demo, even someone who has just signed up, must reach their
// confirmation link. With SMTP configured it does not exist, so real mail is never shown here.
export async function loader(_args: LoaderFunctionArgs) {
  if (!isOutboxMode()) throw notFound();
  const messages = await listOutbox();
  return {
    messages: messages.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      text: m.text,
      attachments: m.attachments ?? [],
      createdAt: m.createdAt.getTime(),
    })),
  };
}

const LINK = /(https?:\/\/[^\s<>"]+)/;

/** Plain text with every http(s) address turned into a link. */
function LinkedText({ text }: { text: string }) {
  // split() with a capturing group keeps the addresses at the odd positions.
  const parts = text.split(LINK);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} className="break-all">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function OutboxPage() {
  const { messages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageTitle>{t("outbox.title")}</PageTitle>
      <p role="note" className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
        {t("outbox.lead")}
      </p>
      {messages.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      <ul className="space-y-4">
        {messages.map((message) => (
          <li key={message.id} className="card min-w-0">
            <p className="text-sm break-words text-stone-700">
              {t("outbox.to")}: {message.to} · {t("outbox.date")}: {formatDateTime(locale, message.createdAt)}
            </p>
            <h2 className="mt-1 font-semibold break-words">
              {t("outbox.subject")}: {message.subject}
            </h2>
            <pre className="mt-2 overflow-x-auto font-sans text-sm break-words whitespace-pre-wrap">
              <LinkedText text={message.text} />
            </pre>
            {message.attachments.length > 0 ? (
              <div className="mt-3">
                <h3 className="text-sm font-semibold">{t("outbox.attachments")}</h3>
                <ul className="mt-1 space-y-2">
                  {message.attachments.map((attachment, index) => (
                    <li key={index}>
                      <a
                        href={`data:${attachment.contentType.split(";")[0]};charset=utf-8,${encodeURIComponent(attachment.content)}`}
                        download={attachment.filename}
                      >
                        {t("outbox.download", { filename: attachment.filename })}
                      </a>
                      <details className="mt-1">
                        <summary className="cursor-pointer text-sm">{t("outbox.showAttachment")}</summary>
                        <pre className="mt-1 overflow-x-auto rounded bg-stone-100 p-2 text-xs">{attachment.content}</pre>
                      </details>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
