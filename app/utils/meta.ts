import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translate, type MessageKey } from "#app/i18n.ts";

type Match = { id: string; data: unknown };

/** `<title>` for a page in the page's language: "Page | Perú País Circular". */
export function titleMeta(matches: Match[], key: MessageKey): MetaDescriptor[] {
  const locale = pageLocale(matches);
  return namedTitleMeta(matches, translate(locale, key));
}

/** `<title>` for a page named by its content (an organisation, an event): "Name | Perú País Circular". */
export function namedTitleMeta(matches: Match[], name: string): MetaDescriptor[] {
  return [{ title: `${name} | ${translate(pageLocale(matches), "app.name")}` }];
}

/** The page's language, from the root loader's data. */
export function pageLocale(matches: Match[]) {
  const rootData = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
}

/** Default Open Graph image (public/og-default.png, 1200 × 630), for pages without one of their own. */
export const DEFAULT_OG_IMAGE = "/og-default.png";

/** Open Graph locale names of the app's languages. */
const OG_LOCALES = { es: "es_PE", en: "en_US" } as const;

/** The site's public address (APP_URL, never the Host header), from the root loader's data. */
export function pageOrigin(matches: Match[]) {
  const rootData = matches.find((match) => match.id === "root")?.data as { origin?: unknown } | undefined;
  return typeof rootData?.origin === "string" ? rootData.origin : "";
}

export type PageMetaOptions = {
  /** The page's own name ("Eventos", an initiative's title); omitted on the home page (the site's name alone). */
  title?: string;
  /** A sentence or two about the page, in the page's language (cut to 200 characters). */
  description: string;
  /** A path on this site (/organisations/x/logo) or nothing for the site's default image. */
  image?: string | null;
  /** "summary" for square images (logos); the default is a large picture. */
  card?: "summary" | "summary_large_image";
  /** Open Graph type: "website" (listings, home), "article" (an initiative, an event, a thread), "profile" (an organisation). */
  type?: "website" | "article" | "profile";
  /** Atom feeds of the page, linked as `<link rel="alternate" type="application/atom+xml">`. */
  feeds?: Array<{ href: string; title: string }>;
};

/** Plain text of stored, sanitised HTML (a rendered description), for a meta description. */
export function htmlToText(html: string) {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

const clip = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

/**
 * Everything a public page says about itself in `<head>`, in the page's language: `<title>`
 * ("Name | Perú País Circular", or the site's name alone), the meta description, Open Graph
 * (og:title, og:description, og:type, og:url, og:site_name, og:locale and og:locale:alternate,
 * og:image with its alt), the Twitter card, the canonical link (the address without its query)
 * and links to the page's Atom feeds. Absolute addresses use the site's public address, which
 * the root loader passes on (`origin`). For a route's `meta` export:
 * `export const meta: MetaFunction = (args) => pageMeta(args, { title, description })`.
 */
export function pageMeta(args: { matches: Match[]; location: { pathname: string } }, options: PageMetaOptions): MetaDescriptor[] {
  const locale = pageLocale(args.matches);
  const origin = pageOrigin(args.matches);
  const siteName = translate(locale, "app.name");
  const title = options.title ? `${options.title} | ${siteName}` : siteName;
  const ogTitle = options.title ?? siteName;
  const description = clip(options.description);
  const url = `${origin}${args.location.pathname}`;
  const image = `${origin}${options.image ?? DEFAULT_OG_IMAGE}`;
  const other = locale === "es" ? "en" : "es";
  return [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: ogTitle },
    { property: "og:description", content: description },
    { property: "og:type", content: options.type ?? "website" },
    { property: "og:url", content: url },
    { property: "og:site_name", content: siteName },
    { property: "og:locale", content: OG_LOCALES[locale] },
    { property: "og:locale:alternate", content: OG_LOCALES[other] },
    { property: "og:image", content: image },
    { property: "og:image:alt", content: options.image ? ogTitle : translate(locale, "meta.imageAlt") },
    { name: "twitter:card", content: options.card ?? "summary_large_image" },
    { tagName: "link", rel: "canonical", href: url },
    ...(options.feeds ?? []).map((feed) => ({ tagName: "link", rel: "alternate", type: "application/atom+xml", href: feed.href, title: feed.title })),
  ];
}

/** `pageMeta` for a page named by a message key, described by another. */
export function keyedPageMeta(args: { matches: Match[]; location: { pathname: string } }, title: MessageKey | null, description: MessageKey, options: Omit<PageMetaOptions, "title" | "description"> = {}) {
  const locale = pageLocale(args.matches);
  return pageMeta(args, { ...options, title: title ? translate(locale, title) : undefined, description: translate(locale, description) });
}
