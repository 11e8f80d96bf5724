import { sql } from "drizzle-orm";
import { highlightSql, rankedMatches, snippetSql, type SearchPage, type SearchViewer, type TextHitColumns } from "#app/.server/fts-hits.ts";
import { approvedOrganisationSql } from "#app/.server/organisations/index.ts";
import type { ListingKind, MaterialCategory } from "#app/features/exchange/taxonomy.ts";
import { MARK_START } from "#app/features/search/marks.ts";

// Listings in the site search (issue 12), through exchange_listings_fts (migration 0016). Only
// what /exchange lists is found: published, not hidden, of an approved organisation — drafts,
// closed, matched and expired listings leave search (the issue's rule), whoever asks.

/**
 * Listings matching `text` (the query as typed; see rankedMatches): those matching in the title
 * first (`titleHit`), best first in each tier; the title weighs ten times the description and the
 * specification. `viewer` is accepted for symmetry with the other kinds: the rule is the same for
 * everybody. One statement.
 * `{ total, capped, hits: [{ id, title, titleMarked, snippet (of the description, or of the
 * specification when only it matches; marked), href, titleHit, score, kind, category, region }] }`.
 */
export function searchListings(text: string, _viewer: SearchViewer, page: SearchPage) {
  const { total, capped, rows } = rankedMatches<
    Omit<TextHitColumns, "snippet" | "slug"> & { descriptionSnippet: string; specificationSnippet: string; kind: ListingKind; category: MaterialCategory; region: string }
  >(
    {
      fts: "exchange_listings_fts",
      text,
      columns: [
        { name: "title", weight: 10, title: true },
        { name: "description", weight: 1 },
        { name: "specification", weight: 1 },
      ],
      from: sql`JOIN exchange_listings l ON l.id = exchange_listings_fts.rowid`,
      where: sql`l.status = 'published' AND l.hidden_at IS NULL AND ${approvedOrganisationSql(sql`l.organisation_id`)}`,
      select: sql`l.id AS id, l.title AS title, ${highlightSql("exchange_listings_fts", 0)} AS titleMarked,
        ${snippetSql("exchange_listings_fts", 1)} AS descriptionSnippet, ${snippetSql("exchange_listings_fts", 2)} AS specificationSnippet,
        l.kind AS kind, l.category AS category, l.region AS region`,
    },
    page,
  );
  return {
    total,
    capped,
    hits: rows.map(({ descriptionSnippet, specificationSnippet, ...row }) => ({
      ...row,
      snippet: !descriptionSnippet.includes(MARK_START) && specificationSnippet.includes(MARK_START) ? specificationSnippet : descriptionSnippet,
      href: `/exchange/${row.id}`,
    })),
  };
}
