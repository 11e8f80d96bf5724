import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "#app/.server/auth/index.ts";
import {
  closeListing,
  exchangesSection,
  listingAudit,
  listingPageData,
  listingSections,
  markListingMatched,
  publishListing,
  renewListing,
  requireListing,
} from "#app/.server/exchange/index.ts";
import { ConversationsSection, InterestForm } from "#app/features/exchange/conversations-section.tsx";
import { MatchesSection } from "#app/features/exchange/matches-section.tsx";
import { ExchangesSection, ListingAuditSection } from "#app/features/exchange/exchanges-section.tsx";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ErrorList, SubmitButton } from "#app/components/ui/forms.tsx";
import { HazardNotice } from "#app/features/exchange/hazard-notice.tsx";
import { categoryLabel, frequencyLabel, kindLabel, listingStatusLabel, priceText, quantityText } from "#app/features/exchange/labels.ts";
import { renewSchema } from "#app/features/exchange/schemas.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { formatDayRange, limaDay } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { badRequest } from "#app/utils/http-errors.ts";
import { namedTitleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? namedTitleMeta(matches, data.listing.title) : []);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = getUser(request);
  const found = requireListing(params.id, user, "view");
  return {
    ...listingPageData(found),
    today: limaDay(Date.now()),
    // Matches (members of the listing's organisation), the viewer's conversations and "I'm interested".
    exchangeSections: listingSections(found.listing as Parameters<typeof listingSections>[0], found.organisation.status === "approved", user, found.membership !== null),
    // Recorded exchanges (with the viewer's answer buttons) and, for coordinators, the hide log.
    exchanges: exchangesSection(found.listing, found.organisation.status, user),
    coordination: found.can("hide") ? { audit: listingAudit(found.listing.id) } : null,
  };
}

/** What the listing's team does from its page (publish, close, mark matched, renew). */
const MANAGE_INTENTS = ["publish", "close", "matched", "renew"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if ((MANAGE_INTENTS as readonly string[]).includes(intent)) {
    const { listing } = requireListing(params.id, user, "edit");
    const here = `/exchange/${listing.id}`;
    let result: { ok: true } | { ok: false; error: string };
    if (intent === "renew") {
      const parsed = renewSchema().safeParse({ availableUntil: form.get("availableUntil") ?? "" });
      if (!parsed.success) return data({ manageError: parsed.error.issues[0]!.message }, { status: 400 });
      result = renewListing(listing.id, user.id, parsed.data.availableUntil);
    } else {
      result = (intent === "publish" ? publishListing : intent === "close" ? closeListing : markListingMatched)(listing.id, user.id);
    }
    if (!result.ok) {
      const status = result.error === "badState" ? 409 : result.error === "cannotActFor" ? 403 : 400;
      return data({ manageError: `exch.errors.${result.error}` }, { status });
    }
    const flash = { publish: "exch.page.published", close: "exch.page.closed", matched: "exch.page.matched", renew: "exch.page.renewed" } as const;
    return redirectWithFlash(here, { key: flash[intent as (typeof MANAGE_INTENTS)[number]] });
  }
  // "I'm interested" and recording an exchange post to their own routes.
  throw badRequest();
}

export default function ListingPage() {
  const { listing, organisation, photos, initiative, canEdit, today, exchangeSections, exchanges, coordination } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const manageError = actionData && "manageError" in actionData ? actionData.manageError : null;
  const ended = listing.status === "closed" || listing.status === "expired" || listing.status === "matched";
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/exchange">← {t("exch.backToList")}</Link>
      </p>
      <header>
        <p className="text-sm">
          <span className={`rounded px-2 py-0.5 font-semibold ${listing.kind === "have" ? "bg-brand-100 text-brand-900" : "bg-sky-100 text-sky-900"}`}>
            {kindLabel(t, listing.kind)}
          </span>{" "}
          <span className="text-stone-700">{categoryLabel(t, listing.category)}</span>
        </p>
        <h1 className="mt-1 text-3xl font-bold [overflow-wrap:anywhere] text-stone-900">{listing.title}</h1>
        <p className="mt-1">
          {t(listing.status === "draft" ? "exch.byDraft" : "exch.by")} <Link to={`/organisations/${organisation.slug}`}>{organisation.name}</Link>
        </p>
      </header>
      {listing.status === "draft" ? <p role="note" className="rounded-md border border-stone-300 bg-stone-50 p-3">{t("exch.page.draftNotice")}</p> : null}
      {listing.hidden ? <p role="note" className="rounded-md border border-red-300 bg-red-50 p-3">{t("exch.page.hiddenNotice")}</p> : null}
      {ended ? (
        <p role="note" className="rounded-md border border-stone-300 bg-stone-50 p-3">
          {t("exch.page.endedNotice", { status: listingStatusLabel(t, listing.status) })}
        </p>
      ) : null}
      {listing.hazardous ? <HazardNotice /> : null}
      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading" className="mb-3 text-xl font-bold">
          {t("exch.page.details")}
        </h2>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">{t("exch.page.quantity")}</dt>
          <dd>{quantityText(t, locale, listing.quantity, listing.unit)}</dd>
          <dt className="font-semibold">{t("exch.page.frequency")}</dt>
          <dd>{frequencyLabel(t, listing.frequency)}</dd>
          <dt className="font-semibold">{t("exch.page.where")}</dt>
          <dd>
            {regionName(listing.region)}
            {listing.province ? ` (${listing.province})` : ""}
          </dd>
          <dt className="font-semibold">{t("exch.page.available")}</dt>
          <dd>{formatDayRange(locale, listing.availableFrom, listing.availableUntil)}</dd>
          <dt className="font-semibold">{t("exch.page.price")}</dt>
          <dd>{priceText(t, locale, listing.priceMode, listing.priceCents)}</dd>
          <dt className="font-semibold">{t("exch.page.status")}</dt>
          <dd>{listingStatusLabel(t, listing.status)}</dd>
          {initiative ? (
            <>
              <dt className="font-semibold">{t("exch.page.initiative")}</dt>
              <dd>
                <Link to={`/initiatives/${initiative.slug}`}>{initiative.title}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      {listing.description ? (
        <section aria-labelledby="description-heading">
          <h2 id="description-heading" className="mb-2 text-xl font-bold">
            {t("exch.page.description")}
          </h2>
          <p className="break-words whitespace-pre-line">{listing.description}</p>
        </section>
      ) : null}
      {listing.specification ? (
        <section aria-labelledby="specification-heading">
          <h2 id="specification-heading" className="mb-2 text-xl font-bold">
            {t("exch.page.specification")}
          </h2>
          <p className="break-words whitespace-pre-line">{listing.specification}</p>
        </section>
      ) : null}
      {photos.length ? (
        <section aria-labelledby="photos-heading">
          <h2 id="photos-heading" className="mb-2 text-xl font-bold">
            {t("exch.page.photos")}
          </h2>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {photos.map((photo, index) => (
              <li key={photo.id}>
                <img
                  src={`/exchange/${listing.id}/photos/${photo.id}?v=${photo.hash}`}
                  alt={photo.alt || t("exch.photos.alt", { n: index + 1, title: listing.title })}
                  loading="lazy"
                  className="aspect-square w-full rounded object-cover"
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="text-sm text-stone-700">{t("exch.page.contactNote")}</p>
      {exchangeSections.matches ? <MatchesSection {...exchangeSections.matches} /> : null}
      <ConversationsSection conversations={exchangeSections.conversations} />
      <InterestForm listingId={listing.id} organisationName={organisation.name} hazardous={listing.hazardous} panel={exchangeSections.interest} />
      <ExchangesSection listingId={listing.id} rows={exchanges.rows} canRecord={exchanges.canRecord} />
      {coordination ? <ListingAuditSection listingId={listing.id} audit={coordination.audit} /> : null}
      {canEdit ? <ManageListing id={listing.id} status={listing.status} until={listing.availableUntil} today={today} error={manageError} /> : null}
    </article>
  );
}

/** The team's buttons: edit, publish a draft, mark matched, close, renew with a new until day. */
function ManageListing({ id, status, until, today, error }: { id: number; status: string; until: string; today: string; error: string | null }) {
  const t = useT();
  return (
    <section aria-labelledby="manage-heading" className="card space-y-3">
      <h2 id="manage-heading" className="text-xl font-bold">
        {t("exch.page.manage")}
      </h2>
      <ErrorList errors={error ? [error] : undefined} />
      <div className="flex flex-wrap gap-3">
        <Link to={`/exchange/${id}/edit`} className="btn-secondary">
          {t("exch.edit.link")}
        </Link>
        {status === "draft" ? <IntentButton intent="publish" label={t("exch.page.publish")} primary /> : null}
        {status === "published" ? <IntentButton intent="matched" label={t("exch.page.markMatched")} /> : null}
        {status !== "closed" ? <IntentButton intent="close" label={t("exch.page.close")} /> : null}
      </div>
      {status === "published" || status === "matched" || status === "expired" ? (
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="renew-until" className="mb-1 block font-semibold">
              {t("exch.page.renewUntil")}
            </label>
            <input id="renew-until" name="availableUntil" type="date" required min={today} defaultValue={until >= today ? until : today} className="input" />
          </div>
          <SubmitButton name="intent" value="renew" className="btn-secondary" pendingLabel={t("form.saving")}>
            {t("exch.page.renew")}
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

function IntentButton({ intent, label, primary = false }: { intent: string; label: string; primary?: boolean }) {
  const t = useT();
  return (
    <Form method="post">
      <SubmitButton name="intent" value={intent} className={primary ? "btn-primary" : "btn-secondary"} pendingLabel={t("form.saving")}>
        {label}
      </SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
