import { Link } from "@remix-run/react";
import { useT } from "#app/utils/i18n.tsx";
import { ListingCard, type ListingCardData } from "./listing-card.tsx";

/**
 * The organisation profile's "Resource exchange" section: its listings (published ones for
 * everybody, every status for its team) and, for those who may post, a link to post for it.
 * Nothing is shown to the public when there is nothing published.
 */
export function OrganisationListings({ organisationId, listings, canPost }: { organisationId: number; listings: ListingCardData[]; canPost: boolean }) {
  const t = useT();
  if (!listings.length && !canPost) return null;
  return (
    <section aria-labelledby="org-exchange-heading" className="card">
      <h2 id="org-exchange-heading" className="mb-3 text-xl font-bold">
        {t("exch.org.title")}
      </h2>
      {listings.length ? (
        <ul className="space-y-3">
          {listings.map((listing) => (
            <ListingCard key={listing.id} listing={listing} />
          ))}
        </ul>
      ) : (
        <p>{t("exch.org.empty")}</p>
      )}
      {canPost ? (
        <p className="mt-3">
          <Link to={`/exchange/new?organisation=${organisationId}`} className="btn-secondary">
            {t("exch.org.new")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
