import { Link } from "@remix-run/react";
import { formatDayRange } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";
import { regionName, type RegionCode } from "#app/features/organisations/taxonomy.ts";
import { kindLabel, quantityText } from "./labels.ts";
import type { QuantityUnit } from "./taxonomy.ts";

/** A match as the listing's page and My work receive it (see app/.server/exchange/matches.ts ListingMatch). */
export type MatchRow = {
  id: number;
  kind: string;
  title: string;
  organisationName: string;
  region: string;
  province: string;
  quantity: number;
  unit: QuantityUnit;
  availableFrom: string;
  availableUntil: string | null;
  hazardous: boolean;
  distance: number;
};

/** "Same region", "Neighbouring region" or "Farther away", from the borders between two regions. */
export function DistanceWords({ distance }: { distance: number }) {
  const t = useT();
  return <>{t(distance === 0 ? "xm.matches.distance.same" : distance === 1 ? "xm.matches.distance.neighbour" : "xm.matches.distance.far")}</>;
}

/** One match: its title linked, who, where (and how far), how much, when. */
export function MatchItem({ match }: { match: MatchRow }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="card">
      <p className="text-sm text-stone-700">
        {kindLabel(t, match.kind)} · <DistanceWords distance={match.distance} />
        {match.hazardous ? <> · {t("xm.matches.hazardous")}</> : null}
      </p>
      <Link to={`/exchange/${match.id}`} className="font-semibold break-words">
        {match.title}
      </Link>{" "}
      <span className="text-stone-700">{t("xm.matches.by", { org: match.organisationName })}</span>
      <p className="text-sm">
        {regionName(match.region as RegionCode)}
        {match.province ? ` (${match.province})` : ""} · {quantityText(t, locale, match.quantity, match.unit)} ·{" "}
        {formatDayRange(locale, match.availableFrom, match.availableUntil ?? match.availableFrom)}
      </p>
    </li>
  );
}

/** The listing page's Matches section, for its organisation's members (id "matches": notifications link here). */
export function MatchesSection({ matches, total, capped }: { matches: readonly MatchRow[]; total: number; capped: boolean }) {
  const t = useT();
  return (
    <section id="matches" aria-labelledby="matches-heading" className="space-y-3">
      <h2 id="matches-heading" className="text-xl font-bold">
        {t("xm.matches.title")}
      </h2>
      <p className="text-stone-700">{t("xm.matches.lead")}</p>
      {matches.length === 0 ? (
        <p>{t("xm.matches.none")}</p>
      ) : (
        <>
          <p className="font-semibold">{capped ? t.count("xm.matches.countCapped", total) : t.count("xm.matches.count", total)}</p>
          <ul className="space-y-2">
            {matches.map((match) => (
              <MatchItem key={match.id} match={match} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A listing of the viewer's organisations on "My work", with its match count and best matches. */
export type MyListingRow = { id: number; title: string; kind: string; organisationName: string; matches: readonly MatchRow[]; total: number; capped: boolean };

/** "My work": the viewer's organisations' published listings, each with how many matches and the best ones. */
export function MyListingsSection({ listings }: { listings: readonly MyListingRow[] }) {
  const t = useT();
  return (
    <section aria-labelledby="my-exchange-listings">
      <h2 id="my-exchange-listings" className="mb-2 text-xl font-bold">
        {t("xm.mywork.listings")}
      </h2>
      {listings.length === 0 ? <p>{t("xm.mywork.listingsNone")}</p> : null}
      <ul className="space-y-3">
        {listings.map((listing) => (
          <li key={listing.id} className="card space-y-2">
            <p>
              <span className="text-sm text-stone-700">{kindLabel(t, listing.kind)} · </span>
              <Link to={`/exchange/${listing.id}`} className="font-semibold break-words">
                {listing.title}
              </Link>{" "}
              <span className="text-stone-700">{t("xm.matches.by", { org: listing.organisationName })}</span>
            </p>
            <p>
              <Link to={`/exchange/${listing.id}#matches`}>
                {listing.capped ? t.count("xm.matches.countCapped", listing.total) : t.count("xm.matches.count", listing.total)}
              </Link>
            </p>
            {listing.matches.length > 0 ? (
              <>
                <h3 className="font-semibold">{t("xm.mywork.best")}</h3>
                <ul className="space-y-2">
                  {listing.matches.map((match) => (
                    <MatchItem key={match.id} match={match} />
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
