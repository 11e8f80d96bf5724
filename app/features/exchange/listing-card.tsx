import { Link } from "@remix-run/react";
import { formatDay } from "#app/i18n.ts";
import { regionName } from "#app/features/organisations/taxonomy.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { categoryLabel, frequencyLabel, kindLabel, listingStatusLabel, priceText, quantityText } from "./labels.ts";
import type { Frequency, ListingKind, ListingStatus, MaterialCategory, PriceMode, QuantityUnit } from "./taxonomy.ts";

/** A listing as the lists show it (/exchange, an organisation's profile). Quantity in base units, price in céntimos. */
export type ListingCardData = {
  id: number;
  kind: ListingKind;
  title: string;
  category: MaterialCategory;
  quantity: number;
  unit: QuantityUnit;
  frequency: Frequency;
  region: string;
  province: string;
  availableUntil: string;
  priceMode: PriceMode;
  priceCents: number | null;
  hazardous: number | boolean;
  status: ListingStatus;
  organisationSlug?: string;
  organisationName?: string;
  /** "id:hash" of the first photo, or null. */
  photo: string | null;
};

/** One listing in a list: kind, title, what, how much, where, until when, price; the status when not published. */
export function ListingCard({ listing, headingLevel = 3 }: { listing: ListingCardData; headingLevel?: 2 | 3 }) {
  const t = useT();
  const locale = useLocale();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const [photoId, photoHash] = listing.photo?.split(":") ?? [];
  return (
    <li className="card flex gap-4">
      {photoId ? (
        <img
          src={`/exchange/${listing.id}/photos/${photoId}?v=${photoHash}`}
          alt=""
          width="80"
          height="80"
          loading="lazy"
          className="h-20 w-20 shrink-0 rounded object-cover"
        />
      ) : null}
      <div className="min-w-0">
        <p className="text-sm">
          <span className={`rounded px-2 py-0.5 font-semibold ${listing.kind === "have" ? "bg-brand-100 text-brand-900" : "bg-sky-100 text-sky-900"}`}>
            {kindLabel(t, listing.kind)}
          </span>
          {listing.hazardous ? <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 font-semibold text-amber-950">{t("exch.hazard.title")}</span> : null}
          {listing.status !== "published" ? <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 font-semibold text-stone-900">{listingStatusLabel(t, listing.status)}</span> : null}
        </p>
        <Heading className="mt-1 text-lg font-semibold [overflow-wrap:anywhere]">
          <Link to={`/exchange/${listing.id}`}>{listing.title}</Link>
        </Heading>
        <p className="text-sm text-stone-700">
          {categoryLabel(t, listing.category)} · {quantityText(t, locale, listing.quantity, listing.unit)} · {frequencyLabel(t, listing.frequency)}
        </p>
        <p className="text-sm text-stone-700">
          {regionName(listing.region)}
          {listing.province ? ` (${listing.province})` : ""} · {t("exch.until", { date: formatDay(locale, listing.availableUntil) })} ·{" "}
          {priceText(t, locale, listing.priceMode, listing.priceCents)}
        </p>
        {listing.organisationSlug && listing.organisationName ? (
          <p className="text-sm">
            {t(listing.status === "draft" ? "exch.byDraft" : "exch.by")}{" "}
            <Link to={`/organisations/${listing.organisationSlug}`}>{listing.organisationName}</Link>
          </p>
        ) : null}
      </div>
    </li>
  );
}
