import { renderMarkdown } from "#app/.server/markdown.ts";
import { env } from "#app/.server/env.ts";
import type { Locale } from "#app/i18n.ts";
import { PRIVACY_NOTICE_VERSION } from "#app/features/privacy/version.ts";
import noticeEn from "#app/features/privacy/notice.en.md?raw";
import noticeEs from "#app/features/privacy/notice.es.md?raw";

const SOURCES: Record<Locale, string> = { es: noticeEs, en: noticeEn };
const rendered = new Map<Locale, string>();

/**
 * The privacy notice in `locale` as HTML (rendered once per language), with `{contact}` replaced by
 * the configured address (PRIVACY_CONTACT_EMAIL), and its version (a date, YYYY-MM-DD).
 */
export function privacyNotice(locale: Locale): { html: string; version: string; contact: string } {
  const contact = env().PRIVACY_CONTACT_EMAIL;
  let html = rendered.get(locale);
  if (html === undefined) {
    html = renderMarkdown(SOURCES[locale].replaceAll("{contact}", `[${contact}](mailto:${contact})`));
    rendered.set(locale, html);
  }
  return { html, version: PRIVACY_NOTICE_VERSION, contact };
}
