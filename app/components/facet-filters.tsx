import { SEARCH_TEXT_MAX } from "#app/utils/search-text.ts";
import { Form, Link, useSubmit } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatNumber } from "#app/i18n.ts";
import { useLocale, useT } from "#app/utils/i18n.tsx";

export type FacetGroup = {
  key: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  counts: Record<string, number>;
  selected: readonly string[];
  /** Long lists start folded unless something in them is chosen. */
  folded?: boolean;
};

/**
 * A GET form of checkbox facets with counts, a text search and a sort. Every state is a URL, so it
 * works without JavaScript (the Apply button); with JavaScript each change applies at once.
 */
export function FacetFilters({
  label,
  clearHref,
  search,
  sort,
  groups,
  children,
}: {
  label: string;
  clearHref: string;
  search: { id: string; label: string; value: string };
  /** Omitted when the list has one order only (the exchange: newest first). */
  sort?: { id: string; label: string; value: string; options: Array<{ value: string; label: string }> };
  groups: FacetGroup[];
  children?: ReactNode;
}) {
  const t = useT();
  const submit = useSubmit();
  return (
    <Form
      method="get"
      id="filters"
      role="search"
      aria-label={label}
      // On a phone the results come first; a link at the top of the results jumps here.
      className="order-last space-y-4 md:order-none"
      onChange={(event) => {
        const target = event.target as HTMLInputElement;
        if (target.type !== "search") submit(event.currentTarget, { preventScrollReset: true, replace: true });
      }}
    >
      <div>
        <label htmlFor={search.id} className="mb-1 block font-semibold">
          {search.label}
        </label>
        <input id={search.id} name="q" type="search" defaultValue={search.value} maxLength={SEARCH_TEXT_MAX} className="input" />
      </div>
      {sort ? (
        <div>
          <label htmlFor={sort.id} className="mb-1 block font-semibold">
            {sort.label}
          </label>
          <select id={sort.id} name="sort" defaultValue={sort.value} className="input">
            {sort.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="btn-primary w-full">
        {t("dir.apply")}
      </button>
      {children}
      {groups.map((group) => (
        <details key={group.key} open={!group.folded || group.selected.length > 0} className="rounded-md border border-stone-200 bg-white p-3">
          <summary className="cursor-pointer font-semibold">{group.legend}</summary>
          <fieldset className="mt-2">
            <legend className="sr-only">{group.legend}</legend>
            {group.options.map((option) => (
              <label key={option.value} className="flex min-h-8 items-center gap-2">
                <input
                  type="checkbox"
                  name={group.key}
                  value={option.value}
                  defaultChecked={group.selected.includes(option.value)}
                  className="h-5 w-5 accent-brand-700"
                />
                <span>
                  {option.label}
                  <FacetCount count={group.counts[option.value] ?? 0} />
                </span>
              </label>
            ))}
          </fieldset>
        </details>
      ))}
      <Link to={clearHref} className="inline-block">
        {t("dir.clear")}
      </Link>
    </Form>
  );
}

/** Shown only on small screens, above the results: jumps to the filters below them. */
export function JumpToFilters() {
  const t = useT();
  return (
    <a href="#filters" className="btn-secondary mb-4 md:hidden">
      {t("dir.filters")} ↓
    </a>
  );
}

export function FacetCount({ count }: { count: number }) {
  const locale = useLocale();
  return <span className="ml-1 text-sm text-stone-600">({formatNumber(locale, count)})</span>;
}
