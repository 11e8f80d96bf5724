import { Form, Link } from "@remix-run/react";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { HazardConfirm } from "./hazard-notice.tsx";

/** A conversation as lists show it (see app/.server/exchange/conversations.ts). */
export type ConversationRow = { id: number; title: string; href: string };

/** What the page knows of "I'm interested" for the viewer (conversations.ts interestPanel). */
export type InterestPanel = {
  state: "login" | "own" | "closed" | "none" | "open";
  organisations: ReadonlyArray<{ id: number; name: string }>;
  existing: ReadonlyArray<{ organisationId: number; href: string }>;
};

/** What a refused "I'm interested" sends back: a message key per field, and what was typed. */
export type InterestErrors = { form?: string; message?: string; organisationId?: string; eors?: string; values?: { message: string; organisationId: string } };

/** The private conversations of a listing the viewer takes part in, each with its facilitators link. */
export function ConversationsSection({ conversations }: { conversations: readonly ConversationRow[] }) {
  const t = useT();
  if (conversations.length === 0) return null;
  return (
    <section id="conversations" aria-labelledby="conversations-heading" className="space-y-3">
      <h2 id="conversations-heading" className="text-xl font-bold">
        {t("xm.conv.title")}
      </h2>
      <p className="text-stone-700">{t("xm.conv.lead")}</p>
      <ul className="space-y-2">
        {conversations.map((conversation) => (
          <li key={conversation.id} className="card flex flex-wrap items-baseline justify-between gap-2">
            <Link to={conversation.href} className="font-semibold break-words">
              {conversation.title}
            </Link>
            <Link to={`/exchange/conversations/${conversation.id}/facilitators`} className="text-sm">
              {t("xm.fac.title")}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "I'm interested": the form posting to /exchange/:id/interest (which shows it again, with the
 * errors and what was typed, when refused), or why the viewer cannot use it.
 */
export function InterestForm({
  listingId,
  organisationName,
  hazardous,
  panel,
  errors,
}: {
  listingId: number;
  organisationName: string;
  hazardous: boolean;
  panel: InterestPanel;
  errors?: InterestErrors | null;
}) {
  const t = useT();
  if (panel.state === "own" || panel.state === "closed") return null;
  const here = `/exchange/${listingId}`;
  return (
    <section id="interest" aria-labelledby="interest-heading" className="card space-y-3">
      <h2 id="interest-heading" className="text-xl font-bold">
        {t("xm.interest.title")}
      </h2>
      {panel.state === "login" ? (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("xm.interest.login")}</Link>
        </p>
      ) : panel.state === "none" ? (
        <p>{t("xm.interest.noOrganisation")}</p>
      ) : (
        <>
          {panel.existing.length > 0 ? (
            <p role="note">
              {t("xm.interest.existing")}{" "}
              {panel.existing.map((c) => (
                <Link key={c.organisationId} to={c.href} className="mr-2">
                  {t("xm.interest.openExisting")}
                </Link>
              ))}
            </p>
          ) : null}
          <p>{t("xm.interest.lead", { org: organisationName })}</p>
          <FormErrors errors={errors?.form ? [errors.form] : undefined} />
          <Form method="post" action={`${here}/interest`} className="space-y-3">
            {panel.organisations.length > 1 ? (
              <div>
                <label htmlFor="interest-organisation" className="mb-1 block font-semibold">
                  {t("xm.interest.organisation")}
                </label>
                <select
                  id="interest-organisation"
                  name="organisationId"
                  required
                  defaultValue={errors?.values?.organisationId ?? ""}
                  className="input"
                  aria-invalid={errors?.organisationId ? true : undefined}
                  aria-describedby={errors?.organisationId ? "interest-organisation-error" : undefined}
                >
                  <option value="">—</option>
                  {panel.organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                <ErrorList id="interest-organisation-error" errors={errors?.organisationId ? [errors.organisationId] : undefined} />
              </div>
            ) : (
              <p className="text-sm text-stone-700">
                {t("xm.interest.organisation")}: <strong>{panel.organisations[0]!.name}</strong>
                <input type="hidden" name="organisationId" value={panel.organisations[0]!.id} />
              </p>
            )}
            <div>
              <label htmlFor="interest-message" className="mb-1 block font-semibold">
                {t("xm.interest.message")}
              </label>
              <textarea
                id="interest-message"
                name="message"
                required
                rows={5}
                maxLength={20_000}
                defaultValue={errors?.values?.message ?? ""}
                className="input"
                aria-invalid={errors?.message ? true : undefined}
                aria-describedby={`interest-message-hint${errors?.message ? " interest-message-error" : ""}`}
              />
              <p id="interest-message-hint" className="mt-1 text-sm text-stone-600">
                {t("xm.interest.messageHint")}
              </p>
              <ErrorList id="interest-message-error" errors={errors?.message ? [errors.message] : undefined} />
            </div>
            {hazardous ? <HazardConfirm idPrefix="interest" error={errors?.eors ?? null} /> : null}
            <SubmitButton pendingLabel={t("form.sending")}>{t("xm.interest.submit")}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}

/** "My work": the exchange conversations of the viewer's organisations and those they facilitate. */
export function MyConversationsSection({ conversations }: { conversations: ReadonlyArray<ConversationRow & { listingTitle: string }> }) {
  const t = useT();
  return (
    <section aria-labelledby="my-exchange-conversations">
      <h2 id="my-exchange-conversations" className="mb-2 text-xl font-bold">
        {t("xm.conv.mine")}
      </h2>
      {conversations.length === 0 ? <p>{t("xm.conv.mineNone")}</p> : null}
      <ul className="space-y-2">
        {conversations.map((conversation) => (
          <li key={conversation.id}>
            <Link to={conversation.href}>{conversation.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
